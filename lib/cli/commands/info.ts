import { packageInfo } from "../../util/packageInfo.js";
import type { Command } from "../command.js";

/** `logitlab info`: logitlab's version, Node, and which tensor backend runs, as JSON. */
export const info: Command = {
  name: "info",
  summary: "print logitlab's version, the tensor backend and library versions",
  usage: "usage: logitlab info\n\nPrints logitlab's version, Node's, and backendInfo() as JSON (set LOGITLAB_BACKEND=tensorflow|wasm|cpu to force a backend).",
  async run() {
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const { ready } = await import("../../backend/backend.js");
    const backend = await ready();
    console.log(JSON.stringify({ logitlab: packageInfo().version, node: process.version, ...backend }, null, 2));
    return 0;
  },
};

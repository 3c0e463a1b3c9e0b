import { chromiumSource } from "../../plot/chromium.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { Command } from "../command.js";

/** `logitlab info`: logitlab's version, Node, and which tensor backend runs, as JSON. */
export const info: Command = {
  name: "info",
  summary: "print logitlab's version, the tensor backend and the browser used for figure export",
  usage: "usage: logitlab info\n\nPrints logitlab's version, Node's, backendInfo() and the Chromium used for static figures as JSON (set LOGITLAB_BACKEND=tensorflow|wasm|cpu to force a backend).",
  async run() {
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const { ready } = await import("../../backend/backend.js");
    const backend = await ready();
    // The browser static figure export would use (never launched or unpacked here).
    const chromium = chromiumSource() ?? { kind: "none", note: "static figure export unavailable; see the README's Prerequisites" };
    console.log(JSON.stringify({ logitlab: packageInfo().version, node: process.version, ...backend, chromium }, null, 2));
    return 0;
  },
};

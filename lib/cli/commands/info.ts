import type { Command } from "../command.js";

/** `logitlab info`: which tensor backend runs, as JSON. */
export const info: Command = {
  name: "info",
  summary: "print the tensor backend and library versions",
  usage: "logitlab info\n\nPrints backendInfo() as JSON (set LOGITLAB_BACKEND=tensorflow|wasm|cpu to force a backend).",
  async run() {
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const { ready } = await import("../../backend/backend.js");
    const backend = await ready();
    console.log(JSON.stringify(backend, null, 2));
    return 0;
  },
};

import { parseArgs } from "node:util";
import { LogitlabError } from "../../util/errors.js";
import { escapeControl } from "../../util/escapeControl.js";
import type { Command } from "../command.js";

const USAGE = `usage: logitlab app --model DIR [--port N]

Starts a local web page (bound to 127.0.0.1 only) that looks inside a model as you type: the next-token
distribution, gradient saliency beside attention-based importance, the logit lens and the attention
patterns of your text. "Step" appends the most probable next token and updates every figure; "Generate"
does that n times. plotly.js is served from the installed package, so it works offline. Stop it with Ctrl-C.

options:
  --model DIR   checkpoint folder with tokenizer.json (e.g. data/models/tiny-gpt2-large)
  --port N      port on 127.0.0.1, 0 for any free one (default 8765)

examples:
  logitlab app --model data/models/tiny-gpt2-large
  logitlab app --model data/models/tiny-llama --port 9000`;

/** `logitlab app`: the local interpretability page server. */
export const app: Command = {
  name: "app",
  summary: "a local web page (127.0.0.1) showing next token, attention, saliency and logit lens as you type",
  usage: USAGE,
  async run(args) {
    let values: { model?: string; port?: string };
    try {
      values = parseArgs({ args, allowPositionals: false, options: { model: { type: "string" }, port: { type: "string", default: "8765" } } }).values;
    } catch (error) {
      throw new LogitlabError(`${(error as Error).message}; see \`logitlab app --help\``);
    }
    if (!values.model) throw new LogitlabError("--model DIR is required; see `logitlab app --help`", { field: "--model" });
    const port = /^\d{1,5}$/.test(values.port ?? "") ? Number(values.port) : NaN;
    if (!(port >= 0 && port <= 65535)) throw new LogitlabError(`"${escapeControl(values.port ?? "")}" is not a port; allowed: an integer in [0, 65535]`, { field: "--port" });
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const [{ ready }, { loadModel }, { startApp }] = await Promise.all([import("../../backend/backend.js"), import("../../models/load.js"), import("../../app/startApp.js")]);
    await ready();
    const model = await loadModel(values.model);
    const running = await startApp(model, { port, modelName: values.model });
    console.log(`logitlab app: ${running.url} (model ${escapeControl(values.model)}); Ctrl-C stops it`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await running.close();
    model.dispose();
    return 0;
  },
};

import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { LogitlabError } from "../../util/errors.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { Command } from "../command.js";
import { parseLlamaGpu } from "../../engines/llamaCpp/parseLlamaGpu.js";

const USAGE = `usage: logitlab serve [--model PATH] [--port 8000] [--host 127.0.0.1] [options]

Serves a model over an OpenAI-compatible API, so that any OpenAI client or evaluation harness (and
logitlab's own openai engine: --model http://127.0.0.1:8000/v1) can use it:
  GET  /v1/models             the model (id, root, max_model_len, vocab_size)
  POST /v1/completions        prompt as text or token ids; logprobs: N, echo, and vLLM's
                              prompt_logprobs: N and return_tokens_as_token_ids
  POST /v1/chat/completions   logprobs: true, top_logprobs: N; the model's chat template when its
                              tokenizer_config.json has one, else the message texts one per line
  POST /tokenize, /detokenize vLLM's shapes
Log-probabilities are of the raw distribution (temperature 1); sampling is logitlab's seeded sampler.
One request runs at a time. Nothing is logged. Ctrl-C stops it.

options:
  --model PATH              any engine's model: a safetensors folder, a .gguf file, a URL, a dump
                            (default: the bundled data/models/tiny-gpt2-small)
  --engine KIND             force the engine (tfjs, llama.cpp, openai, dump)
  --gpu CHOICE              llama.cpp backend for a .gguf: auto, cuda, vulkan, metal or cpu (default cpu;
                            a GPU build that cannot load falls back to the CPU with one line on stderr)
  --port N                  port (default 8000; 0 picks a free one)
  --host HOST               address to bind (default 127.0.0.1, this machine only; 0.0.0.0 opens it
                            to the network: there is no authentication)
  --served-model-name NAME  the model id clients use (default: the model's name)
  --max-logprobs N          largest top-N a request may ask (default 20, as vLLM; -1: the vocabulary)
  --max-body-bytes N        largest request body (default 4194304)

examples:
  logitlab serve
  logitlab serve --model ~/models/Llama-3.2-1B --port 8001 --max-logprobs -1`;

/** \`logitlab serve\`: a model behind an OpenAI-compatible API (lib/serve). */
export const serve: Command = {
  name: "serve",
  summary: "serve a model over an OpenAI-compatible API with logprobs (completions, chat, tokenize)",
  usage: USAGE,
  async run(args) {
    let values;
    try {
      values = parseArgs({
        args,
        allowPositionals: false,
        options: {
          model: { type: "string" },
          engine: { type: "string" },
          gpu: { type: "string" },
          port: { type: "string", default: "8000" },
          host: { type: "string", default: "127.0.0.1" },
          "served-model-name": { type: "string" },
          "max-logprobs": { type: "string", default: "20" },
          "max-body-bytes": { type: "string", default: String(4 * 1024 * 1024) },
        },
      }).values;
    } catch (error) {
      throw new LogitlabError(`${(error as Error).message}; see \`logitlab serve --help\``);
    }
    const integer = (flag: string, text: string, min: number): number => {
      if (!/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new LogitlabError(`"${text}" is not an integer ≥ ${min}`, { field: `--${flag}` });
      return Number(text);
    };
    const gpu = parseLlamaGpu(values.gpu);
    const port = integer("port", values.port!, 0);
    const maxLogprobs = integer("max-logprobs", values["max-logprobs"]!, -1);
    const maxBodyBytes = integer("max-body-bytes", values["max-body-bytes"]!, 1024);
    const model = values.model ?? join(packageInfo().root, "data", "models", "tiny-gpt2-small");
    // Loaded on use: tfjs costs every other command ~25 MB of memory.
    const { openEngine } = await import("../../engines/openEngine.js");
    const { serveEngine } = await import("../../serve/serveEngine.js");
    const engine = await openEngine(model, { engine: values.engine, gpu });
    try {
      const server = await serveEngine(engine, {
        port,
        host: values.host,
        maxLogprobs,
        maxBodyBytes,
        modelId: values["served-model-name"] ?? (engine.info.engine === "openai" ? engine.info.name : basename(model.replace(/\/+$/, ""))),
        // An absolute path, so that a client on this machine finds the tokenizer whatever its folder.
        root: /^https?:\/\//i.test(model) ? engine.info.model : resolve(model),
        chatTemplate: chatTemplateOf(model),
      });
      console.log(`logitlab serve: ${engine.info.engine} model ${basename(model)} on ${engine.info.device} at ${server.url} (Ctrl-C stops)`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

/** The chat template of a model folder's tokenizer_config.json, if it has one. */
function chatTemplateOf(model: string): { template: string; bosToken?: string; eosToken?: string } | undefined {
  const path = join(model, "tokenizer_config.json");
  if (!existsSync(model) || !statSync(model).isDirectory() || !existsSync(path)) return undefined;
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new LogitlabError(`not valid JSON: ${(error as Error).message}`, { context: "serve", file: path, kind: "data" });
  }
  const raw = config.chat_template;
  const template = typeof raw === "string" ? raw : Array.isArray(raw) ? (raw as { name?: string; template?: string }[]).find((t) => t?.name === "default")?.template : undefined;
  if (typeof template !== "string") return undefined;
  const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof (v as { content?: unknown } | null)?.content === "string" ? (v as { content: string }).content : undefined);
  return { template, bosToken: text(config.bos_token), eosToken: text(config.eos_token) };
}

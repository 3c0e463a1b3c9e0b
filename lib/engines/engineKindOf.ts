/**
 * engineKindOf: which engine runs `--model`, from what it names:
 *   - an `http://` or `https://` URL → "openai";
 *   - a file ending in `.gguf` → "llama.cpp";
 *   - a folder holding `config.json` and safetensors weights → "tfjs";
 *   - a dump: a `.jsonl`, `.npy`, `.safetensors` or `.parquet` file, or a folder of them without
 *     config.json → "dump".
 * `forced` (`--engine`) wins. Anything else is one LogitlabError line naming the model and what to do.
 *
 * @example
 * [engineKindOf("http://127.0.0.1:8000/v1"), engineKindOf("model.Q4_K_M.gguf"), engineKindOf("test/fixtures/models/gpt2-f32")]
 * // => ["openai", "llama.cpp", "tfjs"]
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../util/errors.js";
import type { EngineKind } from "./Engine.js";

export const ENGINE_KINDS: readonly EngineKind[] = ["tfjs", "llama.cpp", "openai", "dump"];
const DUMP_FILE = /\.(jsonl|npy|safetensors|parquet)$/i;
/** PyTorch pickles: routed to the dump engine, which refuses them with the conversion recipe. */
const PICKLE_FILE = /\.(pt|pth|pkl|pickle|ckpt)$/i;

export function engineKindOf(model: string, forced?: string): EngineKind {
  if (forced !== undefined) {
    if (!(ENGINE_KINDS as readonly string[]).includes(forced)) {
      throw new LogitlabError(`--engine ${forced} is not one of ${ENGINE_KINDS.join(", ")}`, { field: "--engine" });
    }
    return forced as EngineKind;
  }
  if (/^https?:\/\//i.test(model)) return "openai";
  if (/\.gguf$/i.test(model)) return "llama.cpp";
  if (!existsSync(model)) {
    throw new LogitlabError("no such file or folder; give a safetensors folder, a .gguf file, an http(s):// URL of an OpenAI-compatible server, or a dump", { context: "--model", file: model });
  }
  const stat = statSync(model);
  if (stat.isFile() && (DUMP_FILE.test(model) || PICKLE_FILE.test(model))) return "dump";
  if (stat.isDirectory()) {
    if (existsSync(join(model, "config.json"))) return "tfjs";
    if (readdirSync(model).some((name) => DUMP_FILE.test(name))) return "dump";
  }
  throw new LogitlabError("not a model logitlab can run: a safetensors folder needs config.json; other models are a .gguf file, an http(s):// URL or a dump (.jsonl, .npy, .safetensors, .parquet); --engine forces one", {
    context: "--model",
    file: model,
  });
}

/**
 * openEngine: the {@link Engine} for `--model` (see `engineKindOf` for how the engine is chosen;
 * `options.engine` is `--engine`). The caller disposes it.
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const info = engine.info;
 * await engine.dispose();
 * [info.engine, info.vocabSize > 0]
 * // => ["tfjs", true]
 */
import { loadModel } from "../models/load.js";
import { LogitlabError } from "../util/errors.js";
import type { Engine } from "./Engine.js";
import { engineKindOf } from "./engineKindOf.js";
import { OpenAiEngine, type OpenAiEngineOptions } from "./openai/OpenAiEngine.js";
import { TfjsEngine } from "./tfjs/TfjsEngine.js";
import { LlamaCppEngine } from "./llamaCpp/LlamaCppEngine.js";
import type { LlamaGpuOption } from "./llamaCpp/loadLlama.js";
import { openDump } from "./dump/openDump.js";

/** Options; the openai engine's (concurrency, tokenizer, topLogprobs, cacheDir, …) are `OpenAiEngineOptions`. */
export interface OpenEngineOptions extends OpenAiEngineOptions {
  /** Force an engine (`--engine`). */
  engine?: string;
  /** llama.cpp backend (`--gpu`): false = CPU (the default), "auto", "cuda", "vulkan", "metal". */
  gpu?: LlamaGpuOption;
  /** Safetensors folder for input-embedding rows of a GGUF model or a dump (`--embeddings DIR`). */
  embeddings?: string;
}

export async function openEngine(model: string, options: OpenEngineOptions = {}): Promise<Engine> {
  const kind = engineKindOf(model, options.engine);
  switch (kind) {
    case "tfjs":
      return new TfjsEngine(await loadModel(model), model);
    case "llama.cpp":
      return LlamaCppEngine.open(model, { gpu: options.gpu, embeddings: options.embeddings });
    case "dump":
      return openDump(model, { embeddings: options.embeddings });
    case "openai":
      return OpenAiEngine.open(model, options);
    default:
      throw new LogitlabError(`no engine named ${String(kind)}`, { context: "--model", file: model });
  }
}

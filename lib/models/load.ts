/**
 * loadModel: a Hugging Face causal LM checkpoint folder on local disk → {@link CausalLM}.
 *
 * Reads `config.json` (architecture and sizes), `model.safetensors` or the shards named in
 * `model.safetensors.index.json` (validated, one tensor at a time), `tokenizer.json` (+
 * `tokenizer_config.json`) when present, and `generation_config.json` when present. Never touches the
 * network: a missing file is an error that names it and says what to download.
 *
 * Validation (issue #13): the JSON files must be regular files holding one object (readJsonObject);
 * every size and epsilon of config.json is range-checked (families/configNumber.ts); a checkpoint
 * tensor the config does not use is an error naming it (config and weights disagree); a non-finite
 * weight is an error naming the tensor (weights/loadWeights.ts), and so are non-finite logits
 * (`CausalLM.forward`).
 *
 * Supported `architectures[0]`: those of the families in families/families.ts (GPT2LMHeadModel, also
 * GPT2Model-style weight names; LlamaForCausalLM — Llama 2/3/3.1, DeepSeek-LLM —, MistralForCausalLM,
 * Qwen2ForCausalLM, Qwen3ForCausalLM). The first family whose `resolve` claims the config parses it,
 * names its weights and builds the model; this file names no family.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/llama-f32");
 * [model.config.architecture, model.config.numLayers, model.tokenizer === undefined] // => ["LlamaForCausalLM", 2, true]
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../backend/backend.js";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { readJsonObject } from "../util/readJsonObject.js";
import { CausalLM } from "./causalLM.js";
import { FAMILIES } from "./families/families.js";
import { openCheckpoint } from "./openCheckpoint.js";
import { loadTokenizer, type Tokenizer } from "./tokenizer.js";
import { loadWeights } from "./weights/loadWeights.js";

/** Largest config.json / generation_config.json read (real ones are a few kB). */
const CONFIG_MAX_BYTES = 4 << 20;

/** Hugging Face architecture names this runtime can run. */
export const SUPPORTED_ARCHITECTURES = FAMILIES.flatMap((family) => family.architectures);

export async function loadModel(dir: string, options: { tokenizer?: boolean } = {}): Promise<CausalLM> {
  await ready();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LogitlabError("checkpoint folder not found; download a model (config.json, model.safetensors, tokenizer.json) into it", { context: "loadModel", file: dir });
  }
  const configPath = join(dir, "config.json");
  if (!existsSync(configPath)) {
    throw new LogitlabError("config.json is missing; download it with the weights from the model's page", { context: "loadModel", file: configPath });
  }
  const raw = readJsonObject(configPath, { context: "loadModel", maxBytes: CONFIG_MAX_BYTES });
  const family = FAMILIES.find((candidate) => candidate.resolve(raw) !== undefined);
  const architecture = family?.resolve(raw);
  if (!family || !architecture) {
    const named = Array.isArray(raw.architectures) ? (raw.architectures as unknown[])[0] : undefined;
    throw new LogitlabError(
      `architecture ${JSON.stringify(named ?? raw.model_type ?? null)} is not supported; supported: ${SUPPORTED_ARCHITECTURES.join(", ")}`,
      { context: "loadModel", file: configPath, field: "architectures" },
    );
  }
  const config = family.parseConfig({ ...raw, architectures: [architecture] }, configPath);
  // The small files before the weights: a bad one fails fast, with no weight loaded to free.
  let tokenizer: Tokenizer | undefined;
  if (options.tokenizer !== false && existsSync(join(dir, "tokenizer.json"))) tokenizer = loadTokenizer(dir);
  const generationPath = join(dir, "generation_config.json");
  const generationConfig = existsSync(generationPath) ? readJsonObject(generationPath, { context: "loadModel", maxBytes: CONFIG_MAX_BYTES }) : {};

  const checkpoint = openCheckpoint(dir);
  try {
    const specs = family.weightTable(config, checkpoint);
    const used = new Set(specs.flatMap((s) => s.from));
    const unusedTensors = checkpoint
      .names()
      .filter((name) => !used.has(name) && !family.ignored(name) && !(config.tiedEmbeddings && name === "lm_head.weight"));
    if (unusedTensors.length > 0) {
      // A tensor the config does not use means config and weights disagree (h.3.* with n_layer 2, biases
      // the config turns off): running without it would give wrong logits silently.
      const shown = unusedTensors.slice(0, 3).map((name) => JSON.stringify(escapeControl(name))).join(", ");
      throw new LogitlabError(
        `${unusedTensors.length === 1 ? "tensor" : `${unusedTensors.length} tensors`} ${shown}${unusedTensors.length > 3 ? ", …" : ""} ` +
          `not used by the ${config.architecture} that config.json describes (${config.numLayers} layer${config.numLayers === 1 ? "" : "s"}); config.json and the weights disagree`,
        { context: "loadModel", file: dir, kind: "data" },
      );
    }
    const dtypes = [...new Set(checkpoint.names().map((n) => checkpoint.info(n).dtype))];
    const weights = loadWeights(checkpoint, specs, dir);
    try {
      return new CausalLM(family.create(config, weights), tokenizer, { dir, files: checkpoint.files, unusedTensors, dtypes }, generationConfig);
    } catch (error) {
      tf.dispose(Object.values(weights));
      throw error;
    }
  } finally {
    checkpoint.close();
  }
}

/**
 * generate: autoregressive decoding with a KV cache; every step is a canonical {@link StepRecord}.
 *
 * Each step takes the model's next-token logits z [V] (float32) and records, in float64 from z
 * (max-shift softmax, lib/io/stepRecord.ts conventions):
 *   - the chosen id, p(id) = softmax(z)_id and log p(id) (temperature 1, never the sampling distribution),
 *   - the entropy of the full distribution H = −Σ p log p = log S − Σ p·(z − max), S = Σ e^(z − max),
 *   - `topIds`/`topProbs`: the top-p nucleus of the full distribution with p = `recordTopP` (default 0.9;
 *     the ids from lib/tensor `nucleus`, their probabilities in float64), `top: {kind: "nucleus", p}`,
 *     `truncated: false`, `coveredMass: 1`,
 *   - `samplingProb`: the chosen id's probability under the sampling distribution below,
 *   - the full logits row when `keepLogits`.
 *
 * Sampling follows Hugging Face (see `samplingDistribution` for the exact rules and where they differ):
 * temperature → top-k (every token tied with the k-th stays) → top-p (smallest prefix reaching p, in
 * float64) → a draw from the renormalised weights with a seeded mulberry32 generator (lib/util
 * `seededRandom`), so a seed reproduces the tokens exactly on the same backend. Temperature 0 is greedy
 * (argmax, ties to the lowest id).
 *
 * Stopping (`stopReason`):
 *   - "maxNewTokens" after `maxNewTokens` tokens (0 gives an empty generation);
 *   - "eos" at an end-of-sequence id (see `endOfSequenceIds`: generation_config.json's eos_token_id
 *     when given, else config.json's, else the tokenizer's eos) unless `stopAtEos` is false;
 *   - "stop" at an id in `stop` or when the decoded continuation contains a stop string;
 *   - "context" when the sequence (prompt + generated) fills the model's context (`config.maxPositions`):
 *     the tokens so far are returned and `warnings` says so. Every token of the result thus has a
 *     position the model was trained on (GPT-2's learned positions end there; for RoPE models HF would
 *     go on, extrapolating). A prompt longer than the context is a LogitlabError.
 * Shapes: prompt ids [T] → ids [n ≤ maxNewTokens]; one logits row [V] is kept on the device per step.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * generate(model, [1, 2, 3], { maxNewTokens: 4, temperature: 0 }).ids.length // => 4
 */
import { generateSettings } from "./generateSettings.js";
import { tf } from "../backend/backend.js";
import type { StepRecord } from "../io/stepRecord.js";
import { nucleus } from "../tensor/nucleus.js";
import { LogitlabError } from "../util/errors.js";
import { seededRandom } from "../util/seededRandom.js";
import type { CausalLM } from "./causalLM.js";
import { endOfSequenceIds } from "./endOfSequenceIds.js";
import { drawToken as pick } from "./drawToken.js";
import type { KVCache } from "./types.js";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Tokens to generate at most (default 32); 0 returns an empty generation. */
  maxNewTokens?: number;
  /** Softmax temperature for sampling; 0 = greedy (default 1). */
  temperature?: number;
  /** Keep the k highest logits and every token tied with the k-th before sampling; 0 = all (default 0). */
  topK?: number;
  /** Keep the smallest set of tokens with cumulative probability ≥ topP before sampling (default 1). */
  topP?: number;
  /** Seed of the sampler (default 0). */
  seed?: number;
  /** Stop strings (matched in the decoded continuation) or token ids. */
  stop?: (string | number)[];
  /** Stop at the model's end-of-sequence ids (default true). */
  stopAtEos?: boolean;
  /** p of the nucleus recorded at every step (default 0.9). */
  recordTopP?: number;
  /** Keep every step's full logits row (default false). */
  keepLogits?: boolean;
  /** Use the KV cache (default true); false recomputes the whole sequence each step. */
  useCache?: boolean;
  /** Add the tokenizer's special tokens (BOS) to a text prompt (default true). */
  addSpecialTokens?: boolean;
}

/** One generated token: the canonical step record plus what only sampling knows. */
export interface GenerationStep extends StepRecord {
  /** Entropy of the full distribution in nats (never null: generate sees the whole vocabulary; `engineGenerate` gives NaN for a truncated row). */
  entropy: number;
  /** Probability of `id` under the sampling distribution (temperature, top-k, top-p applied); 1 when greedy. */
  samplingProb: number;
}

/** What {@link generate} returns. */
export interface GenerationResult {
  promptIds: number[];
  /** Generated ids (without the prompt). */
  ids: number[];
  /** Decoded generated text without special tokens (EOS), when a tokenizer is present. */
  text?: string;
  steps: GenerationStep[];
  stopReason: "maxNewTokens" | "eos" | "stop" | "context";
  /** Things the caller should know (e.g. the context filled up before maxNewTokens). */
  warnings: string[];
}

export function generate(model: CausalLM, prompt: string | number[], options: GenerateOptions = {}): GenerationResult {
  const { maxNewTokens, temperature, topK, topP, recordTopP } = generateSettings(options);
  const check = (ok: boolean, field: string, reason: string): void => {
    if (!ok) throw new LogitlabError(reason, { context: "generate", field });
  };

  const promptIds = typeof prompt === "string" ? model.requireTokenizer().encode(prompt, { addSpecialTokens: options.addSpecialTokens ?? true }).ids : [...prompt];
  check(promptIds.length > 0, "prompt", "prompt is empty");
  const context = model.config.maxPositions;
  check(
    promptIds.length <= context,
    "prompt",
    `the prompt has ${promptIds.length} tokens but the model's context holds ${context} (config.json's ${model.config.family === "gpt2" ? "n_positions" : "max_position_embeddings"}); shorten the prompt`,
  );
  const stopIds = new Set((options.stop ?? []).filter((s): s is number => typeof s === "number"));
  const stopStrings = (options.stop ?? []).filter((s): s is string => typeof s === "string");
  if (stopStrings.length > 0) model.requireTokenizer();
  const eosIds =
    options.stopAtEos === false
      ? new Set<number>()
      : endOfSequenceIds({
          generationConfig: model.generationConfig,
          config: model.config.raw,
          tokenizerEos: model.tokenizer?.eosId,
          vocabSize: model.config.vocabSize,
          dir: model.source.dir,
        });
  const random = seededRandom(options.seed ?? 0);
  const useCache = options.useCache ?? true;

  const ids = [...promptIds];
  const steps: GenerationStep[] = [];
  const warnings: string[] = [];
  let stopReason: GenerationResult["stopReason"] = "maxNewTokens";
  let cache: KVCache | undefined;
  let input = promptIds;
  try {
    for (let step = 0; step < maxNewTokens; step++) {
      if (ids.length >= context) {
        stopReason = "context";
        warnings.push(`stopped after ${step} of ${maxNewTokens} new tokens: prompt (${promptIds.length}) + generated tokens fill the model's context of ${context}`);
        break;
      }
      const out = useCache ? model.forward(input, cache ? { cache } : { useCache: true }) : model.forward(ids);
      cache?.dispose();
      cache = out.cache;
      const row = tf.tidy(() => tf.reshape(tf.slice(out.logits, [out.logits.shape[0] - 1, 0], [1, -1]), [1, -1]) as tf.Tensor2D); // [1, V]
      out.logits.dispose();
      const logits = row.dataSync() as Float32Array;
      let core: ReturnType<typeof nucleus>;
      try {
        core = nucleus(row, recordTopP);
      } finally {
        row.dispose();
      }
      const distribution = fullDistribution(logits);
      const { id, samplingProb } = pick(logits, { temperature, topK, topP }, random);
      const logProbOf = (v: number): number => logits[v] - distribution.max - distribution.logSum;
      const logProb = logProbOf(id);
      const topIds = Int32Array.from(core.ids[0]);
      steps.push({
        id,
        ...(model.tokenizer ? { token: model.tokenizer.decode([id]) } : {}),
        prob: Math.exp(logProb),
        logProb,
        entropy: distribution.entropy,
        topIds,
        topProbs: Float64Array.from(topIds, (v) => Math.exp(logProbOf(v))),
        top: { kind: "nucleus", p: recordTopP },
        truncated: false,
        coveredMass: 1,
        ...(options.keepLogits ? { logits: Float32Array.from(logits) } : {}),
        samplingProb,
      });
      ids.push(id);
      input = [id];
      if (eosIds.has(id)) {
        stopReason = "eos";
        break;
      }
      if (stopIds.has(id)) {
        stopReason = "stop";
        break;
      }
      if (stopStrings.length > 0) {
        const text = model.decode(ids.slice(promptIds.length));
        if (stopStrings.some((s) => text.includes(s))) {
          stopReason = "stop";
          break;
        }
      }
    }
  } finally {
    cache?.dispose();
  }
  const generated = ids.slice(promptIds.length);
  return {
    promptIds,
    ids: generated,
    ...(model.tokenizer ? { text: model.tokenizer.decode(generated, { skipSpecialTokens: true }) } : {}),
    steps,
    stopReason,
    warnings,
  };
}

/**
 * max z, log S with S = Σ e^(z − max) (so log p_v = (z_v − max) − log S), and the entropy of softmax(z),
 * in float64 with the max shift: H = log S − Σ p·(z − max), both terms ≥ 0.
 */
function fullDistribution(logits: Float32Array): { max: number; logSum: number; entropy: number } {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  let sum = 0;
  let weighted = 0;
  for (const z of logits) {
    const w = Math.exp(z - max);
    sum += w;
    if (w > 0) weighted += w * (z - max);
  }
  const logSum = Math.log(sum);
  return { max, logSum, entropy: Math.max(0, logSum - weighted / sum) };
}

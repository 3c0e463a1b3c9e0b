/**
 * generate: autoregressive decoding with a KV cache, recording at every step what the studies need.
 *
 * Each step takes the model's next-token logits z (temperature 1), records
 *   - the chosen id, its probability p(id) = softmax(z)_id and log-probability,
 *   - the entropy of the full distribution H = −Σ p log p (lib/tensor `entropy`),
 *   - the top-p nucleus of the full distribution, ids and probabilities (lib/tensor `nucleus`,
 *     p = `recordTopP`, default 0.9),
 *   - optionally the full logits row,
 * and then picks the next token from the *sampling* distribution: softmax(z / temperature) restricted
 * to the top-k tokens and then to the top-p nucleus (Holtzman et al. 2020,
 * https://arxiv.org/abs/1904.09751), renormalised — or the argmax when temperature is 0 (greedy;
 * ties go to the lower id). Sampling draws from a seeded mulberry32 generator (lib/util `seededRandom`),
 * so a seed reproduces the tokens exactly on the same backend.
 *
 * Stops after `maxNewTokens`, at an end-of-sequence id (generation_config.json / tokenizer config)
 * unless `stopAtEos` is false, at any id in `stop`, or when the decoded continuation contains a stop
 * string. Shapes: prompt ids [T] → ids [T + n]; only one logits row [V] is kept on the device per step.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * generate(model, [1, 2, 3], { maxNewTokens: 4, temperature: 0 }).ids.length // => 4
 */
import { tf } from "../backend/backend.js";
import { entropy } from "../tensor/entropy.js";
import { nucleus } from "../tensor/nucleus.js";
import { LogitlabError } from "../util/errors.js";
import { seededRandom } from "../util/seededRandom.js";
import type { CausalLM } from "./causalLM.js";
import type { KVCache } from "./types.js";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Tokens to generate at most (default 32). */
  maxNewTokens?: number;
  /** Softmax temperature for sampling; 0 = greedy (default 1). */
  temperature?: number;
  /** Keep only the k most likely tokens before sampling; 0 = all (default 0). */
  topK?: number;
  /** Keep the smallest set of tokens with cumulative probability ≥ topP before sampling (default 1). */
  topP?: number;
  /** Seed of the sampler (default 0). */
  seed?: number;
  /** Stop strings (matched in the decoded continuation) or token ids. */
  stop?: (string | number)[];
  /** Stop at the model's end-of-sequence id (default true). */
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

/** One generated token and the distribution it came from. */
export interface GenerationStep {
  id: number;
  /** Decoded text of the token alone, when a tokenizer is present. */
  token?: string;
  /** Probability of `id` under the model's distribution (temperature 1). */
  prob: number;
  logProb: number;
  /** Probability of `id` under the sampling distribution (temperature, top-k, top-p applied). */
  samplingProb: number;
  /** Entropy of the full distribution, nats. */
  entropy: number;
  /** The recordTopP nucleus of the full distribution: ids by descending probability and their probabilities. */
  nucleus: { ids: number[]; probs: number[] };
  /** Full logits row [V], when keepLogits. */
  logits?: Float32Array;
}

/** What {@link generate} returns. */
export interface GenerationResult {
  promptIds: number[];
  /** Generated ids (without the prompt). */
  ids: number[];
  /** Decoded generated text without special tokens (EOS), when a tokenizer is present. */
  text?: string;
  steps: GenerationStep[];
  stopReason: "maxNewTokens" | "eos" | "stop";
}

export function generate(model: CausalLM, prompt: string | number[], options: GenerateOptions = {}): GenerationResult {
  const maxNewTokens = options.maxNewTokens ?? 32;
  const temperature = options.temperature ?? 1;
  const topK = options.topK ?? 0;
  const topP = options.topP ?? 1;
  const recordTopP = options.recordTopP ?? 0.9;
  const check = (ok: boolean, field: string, reason: string): void => {
    if (!ok) throw new LogitlabError(reason, { context: "generate", field });
  };
  check(Number.isInteger(maxNewTokens) && maxNewTokens >= 0, "maxNewTokens", `maxNewTokens ${maxNewTokens} is not a non-negative integer`);
  check(Number.isFinite(temperature) && temperature >= 0, "temperature", `temperature ${temperature} is not ≥ 0`);
  check(Number.isInteger(topK) && topK >= 0, "topK", `topK ${topK} is not a non-negative integer`);
  check(topP > 0 && topP <= 1, "topP", `topP ${topP} is not in (0, 1]`);
  check(recordTopP > 0 && recordTopP <= 1, "recordTopP", `recordTopP ${recordTopP} is not in (0, 1]`);

  const promptIds = typeof prompt === "string" ? model.requireTokenizer().encode(prompt, { addSpecialTokens: options.addSpecialTokens ?? true }).ids : [...prompt];
  check(promptIds.length > 0, "prompt", "prompt is empty");
  const stopIds = new Set((options.stop ?? []).filter((s): s is number => typeof s === "number"));
  const stopStrings = (options.stop ?? []).filter((s): s is string => typeof s === "string");
  if (stopStrings.length > 0) model.requireTokenizer();
  const eosIds = options.stopAtEos === false ? new Set<number>() : eosOf(model);
  const random = seededRandom(options.seed ?? 0);
  const useCache = options.useCache ?? true;

  const ids = [...promptIds];
  const steps: GenerationStep[] = [];
  let stopReason: GenerationResult["stopReason"] = "maxNewTokens";
  let cache: KVCache | undefined;
  let input = promptIds;
  try {
    for (let step = 0; step < maxNewTokens; step++) {
      const out = useCache ? model.forward(input, cache ? { cache } : { useCache: true }) : model.forward(ids);
      cache?.dispose();
      cache = out.cache;
      const row = tf.tidy(() => tf.reshape(tf.slice(out.logits, [out.logits.shape[0] - 1, 0], [1, -1]), [1, -1]) as tf.Tensor2D); // [1, V]
      out.logits.dispose();
      const logits = row.dataSync() as Float32Array;
      const entropyTensor = entropy(row);
      const stepEntropy = entropyTensor.dataSync()[0];
      entropyTensor.dispose();
      const core = nucleus(row, recordTopP);
      row.dispose();

      const { id, samplingProb } = pick(logits, temperature, topK, topP, random);
      const logProb = logSoftmaxAt(logits, id);
      steps.push({
        id,
        ...(model.tokenizer ? { token: model.tokenizer.decode([id]) } : {}),
        prob: Math.exp(logProb),
        logProb,
        samplingProb,
        entropy: stepEntropy,
        nucleus: { ids: core.ids[0], probs: core.probs[0] },
        ...(options.keepLogits ? { logits: Float32Array.from(logits) } : {}),
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
  };
}

function eosOf(model: CausalLM): Set<number> {
  const out = new Set<number>();
  const fromConfig = model.generationConfig.eos_token_id ?? model.config.raw.eos_token_id;
  for (const id of [fromConfig].flat()) if (typeof id === "number") out.add(id);
  if (model.tokenizer?.eosId !== undefined) out.add(model.tokenizer.eosId);
  return out;
}

/** log softmax(z)_id in float64 with the max shift. */
function logSoftmaxAt(logits: Float32Array, id: number): number {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  let sum = 0;
  for (const z of logits) sum += Math.exp(z - max);
  return logits[id] - max - Math.log(sum);
}

/** Greedy argmax (temperature 0) or a draw from softmax(z / T) restricted to top-k then top-p. */
function pick(logits: Float32Array, temperature: number, topK: number, topP: number, random: () => number): { id: number; samplingProb: number } {
  const V = logits.length;
  if (temperature === 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (logits[v] > logits[best]) best = v;
    return { id: best, samplingProb: 1 };
  }
  // Candidates by descending logit (ties: lower id first).
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = topK > 0 ? order.slice(0, topK) : order;
  const max = logits[kept[0]];
  const weights = kept.map((v) => Math.exp((logits[v] - max) / temperature));
  let total = weights.reduce((a, b) => a + b, 0);
  let size = kept.length;
  if (topP < 1) {
    let cumulative = 0;
    for (let i = 0; i < kept.length; i++) {
      cumulative += weights[i] / total;
      if (cumulative >= topP) {
        size = i + 1;
        break;
      }
    }
    total = weights.slice(0, size).reduce((a, b) => a + b, 0);
  }
  let u = random() * total;
  for (let i = 0; i < size; i++) {
    u -= weights[i];
    if (u < 0) return { id: kept[i], samplingProb: weights[i] / total };
  }
  return { id: kept[size - 1], samplingProb: weights[size - 1] / total };
}

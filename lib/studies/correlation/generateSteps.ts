/**
 * generateSteps: one generation of the correlation study on any engine, with its per-step quantities —
 * the original's loop: from the prompt, at each step the engine's next-token row → `stepStatistics`
 * (softmax at temperature 1, the p-nucleus, its renormalised entropy, the full entropy, the nucleus
 * cosine) → one token drawn from the renormalised nucleus with a seeded uniform stream (`seededRandom`:
 * u · Σ_nucleus p, walking the nucleus by descending probability, as `drawToken` walks its kept
 * tokens; the original used torch.multinomial without a seed).
 *
 * Stops after `maxTokens` steps, at an end-of-sequence token (the EOS step is not recorded, as in the
 * original), or when the next step would need more tokens than the engine's context holds (a prompt
 * of L tokens in a context of C gives at most C − L + 1 steps: the last row is read with C tokens in):
 * then `stopReason` is "context" and a warning says how many steps were lost, never silently. A truncated row whose list does
 * not reach p is sampled from the list and recorded with NaN nucleus quantities (`nucleusCovered` false).
 * A prompt longer than the context is a LogitlabError.
 *
 * @example
 * const engine = await openEngine("data/models/tiny-llama");
 * const ids = engine.tokenizer.encode("And God said");
 * const run = await generateSteps(engine, ids, { maxTokens: 3, seed: 1, cache: new EmbeddingRowCache((x) => engine.embeddingRows(x)) });
 * await engine.dispose();
 * [run.steps.length <= 3, run.steps.every((s) => s.nucleusSize >= 1)]
 * // => [true, true]
 */
import type { Engine } from "../../engines/Engine.js";
import { Scratch } from "../../tensor/internal/nucleusPrefix.js";
import { LogitlabError } from "../../util/errors.js";
import { seededRandom } from "../../util/seededRandom.js";
import type { EmbeddingRowCache } from "./EmbeddingRowCache.js";
import { stepStatistics } from "./stepStatistics.js";

/** One recorded step (the row of steps.csv without the prompt columns). */
export interface CorrelationStep {
  step: number;
  tokenId: number;
  nucleusEntropy: number;
  fullEntropy: number;
  cosine: number;
  nucleusSize: number;
  truncated: boolean;
  coveredMass: number;
  nucleusCovered: boolean;
}

export interface GenerateStepsOptions {
  maxTokens: number;
  /** Nucleus mass for sampling and the statistics (default 0.9). */
  topP?: number;
  seed: number;
  /** Input-embedding rows of the engine (shared across generations of one model). */
  cache: EmbeddingRowCache;
  /** Stop at the tokenizer's EOS ids (default true). */
  stopAtEos?: boolean;
}

export interface GeneratedSteps {
  steps: CorrelationStep[];
  stopReason: "maxTokens" | "eos" | "context";
  warnings: string[];
}

export async function generateSteps(engine: Engine, promptIds: readonly number[], options: GenerateStepsOptions): Promise<GeneratedSteps> {
  const topP = options.topP ?? 0.9;
  const context = engine.info.contextLength;
  if (promptIds.length === 0) throw new LogitlabError("the prompt is empty", { context: "correlation", field: "prompt" });
  if (promptIds.length > context) {
    throw new LogitlabError(`the prompt has ${promptIds.length} tokens but ${engine.info.model} holds ${context}; shorten the prompt`, { context: "correlation", field: "prompt" });
  }
  const eos = options.stopAtEos === false ? new Set<number>() : engine.tokenizer.eosIds;
  const random = seededRandom(options.seed);
  const embeddings = (ids: Int32Array) => options.cache.rows(ids);
  const scratch = new Scratch(engine.info.vocabSize);
  const steps: CorrelationStep[] = [];
  const warnings: string[] = [];
  let stopReason: GeneratedSteps["stopReason"] = "maxTokens";
  let length = promptIds.length;
  const session = await engine.session();
  try {
    let input: readonly number[] = promptIds;
    for (let step = 0; step < options.maxTokens; step++) {
      if (length > context) {
        stopReason = "context";
        warnings.push(`stopped after ${step} of ${options.maxTokens} steps: the prompt (${promptIds.length} tokens) and the generated tokens fill the context of ${context}`);
        break;
      }
      const row = await session.append(input);
      const stats = await stepStatistics(row, embeddings, { topP, step, ...(row.kind === "logits" && row.logits.length === scratch.weights.length ? { scratch } : {}) });
      let total = 0;
      for (const p of stats.probs) total += p;
      let u = random() * total;
      let chosen = stats.ids[stats.ids.length - 1];
      for (let i = 0; i < stats.ids.length; i++) {
        u -= stats.probs[i];
        if (u < 0) {
          chosen = stats.ids[i];
          break;
        }
      }
      if (eos.has(chosen)) {
        stopReason = "eos";
        break;
      }
      const { nucleusEntropy, fullEntropy, cosine, nucleusSize, truncated, coveredMass, nucleusCovered } = stats;
      steps.push({ step, tokenId: chosen, nucleusEntropy, fullEntropy, cosine, nucleusSize, truncated, coveredMass, nucleusCovered });
      input = [chosen];
      length++;
    }
  } finally {
    await session.dispose();
  }
  return { steps, stopReason, warnings };
}

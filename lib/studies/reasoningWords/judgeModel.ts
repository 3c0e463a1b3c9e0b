import type { Engine } from "../../engines/Engine.js";
import { engineGenerate } from "../../engines/engineGenerate.js";
import { progress as progressBar, type ProgressMode } from "../../util/progress.js";
import { lastBoxed } from "./lastBoxed.js";
import { normalizeAnswer } from "./normalizeAnswer.js";
import type { ReasoningSample } from "./readReasoningData.js";
import { reasoningPrompt } from "./reasoningPrompt.js";

/** One sample judged for one model. */
export interface JudgedSample {
  sample: number;
  /** The model's sampled answer (decoded). */
  text: string;
  /** Contents of its last \boxed{}, if any. */
  boxed: string | null;
  /** The boxed answer as a number (`normalizeAnswer`), if it is one. */
  value: number | null;
  /** The reference as a number, if there is one. */
  reference: number | null;
  /** The label: null when the sample has no usable reference. */
  correct: boolean | null;
}

export interface JudgeOptions {
  /** Token budget of each sampled answer. */
  maxNewTokens: number;
  /** Sampling temperature (0.7 as in the original). */
  temperature: number;
  /** Seed; sample i is drawn with seed + i. */
  seed: number;
  progress?: ProgressMode;
  label?: string;
}

/**
 * judgeModel: correctness labels from a model's own answers, as the original makes them — for each
 * sample, sample an answer to `reasoningPrompt(query)` at temperature T (`engineGenerate`, logitlab's
 * seeded sampler; seed + sample index; at most `maxNewTokens` tokens, stopping at end-of-sequence),
 * take its last `\boxed{}` (`lastBoxed`) and compare it numerically with the sample's reference
 * (`reference`, else the last \boxed{} of an answer not marked incorrect), both normalised by
 * `normalizeAnswer` (LaTeX fractions, commas, units): equal when |a − b| ≤ 1e-9·max(1, |b|). No box, a
 * box that is not one number, or a cut-off box is wrong. A sample without a usable reference gets no label.
 *
 * Type: async (engine, samples, options) → {@link JudgedSample}[] in sample order.
 *
 * @example
 * const engine = await openEngine("data/models/tiny-llama-256-sft");
 * const judged = await judgeModel(engine, [{ index: 0, line: 1, query: "What is 2 + 3?", answer: "\\boxed{5}", level: 1 }], { maxNewTokens: 8, temperature: 0.7, seed: 1, progress: "silent" });
 * await engine.dispose();
 * [judged.length, judged[0].reference]
 * // => [1, 5]
 */
export async function judgeModel(engine: Engine, samples: readonly ReasoningSample[], options: JudgeOptions): Promise<JudgedSample[]> {
  const bar = progressBar(samples.length, { label: `${options.label ?? engine.info.name} judge`, mode: options.progress ?? "auto" });
  const out: JudgedSample[] = [];
  try {
    for (const sample of samples) {
      const referenceText = sample.reference ?? (sample.correct === false ? undefined : lastBoxed(sample.answer));
      const reference = referenceText === undefined ? undefined : normalizeAnswer(referenceText);
      const prompt = engine.tokenizer.encode(reasoningPrompt(sample.query), { addSpecialTokens: true });
      const budget = Math.max(0, Math.min(options.maxNewTokens, engine.info.contextLength - prompt.length));
      const generated = budget > 0 ? await engineGenerate(engine, prompt, { maxNewTokens: budget, temperature: options.temperature, seed: options.seed + sample.index }) : { ids: [] as number[] };
      const text = engine.tokenizer.decode(generated.ids, { skipSpecialTokens: true });
      const boxed = lastBoxed(text);
      const value = boxed === undefined ? undefined : normalizeAnswer(boxed);
      out.push({
        sample: sample.index,
        text,
        boxed: boxed ?? null,
        value: value ?? null,
        reference: reference ?? null,
        correct: reference === undefined ? null : value !== undefined && Math.abs(value - reference) <= 1e-9 * Math.max(1, Math.abs(reference)),
      });
      bar.tick();
    }
  } finally {
    bar.done();
  }
  return out;
}

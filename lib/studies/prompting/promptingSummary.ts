/**
 * promptingSummary: the statistics of evaluation_summary.json, from the final evaluation rows
 * (one per model × technique × question; earlier attempts of rerun samples are ignored):
 *
 * Per model × technique, for the strict extraction (the original) and the robust one beside it:
 *   n, buggy, correct;
 *   accuracy_original = correct / (n − buggy)   (the original's figure; null when every sample is buggy),
 *   accuracy_all      = correct / n,
 *   each with its 95% Wilson interval (`wilsonInterval`);
 * and, for the strict reading:
 *   stop reasons (eos, maxNewTokens, context, prompt-too-long: samples cut at the context are counted,
 *   never dropped), mean tokens, mean of each uncertainty score;
 *   auroc (strict and robust): for each score (original_entropy, nucleus_entropy, full_entropy,
 *   cosine), the ROC AUC (`rocAuc`) of the score for predicting a WRONG answer among the samples that
 *   are not buggy in that mode and have a finite score (> 0.5: higher score, more often wrong; null
 *   when either class is empty);
 *   reliability (strict and robust): accuracy by original-entropy decile (`reliabilityCurve`,
 *   min(10, n) quantile bins, Wilson intervals) over the same samples.
 * Per model, McNemar's exact test (`mcnemar`) between every pair of techniques on the questions both
 * answered, outcome = correct (a buggy sample counts as wrong), strict and robust.
 *
 * Type: (rows: EvaluationRow[]) → PromptingSummary (JSON-ready; NaN written as null).
 *
 * @example
 * const row = (technique, index, correct) => ({ model: "m", technique, index, final: true, correct, buggy: false, robust_correct: correct, robust_buggy: false, stop_reason: "eos", tokens: 3, original_entropy: index / 10, nucleus_entropy: 1, full_entropy: 2, cosine: 0.1 });
 * const s = promptingSummary([row("cot", 0, true), row("cot", 1, false), row("cod", 0, false), row("cod", 1, false)]);
 * [s.models[0].techniques[0].strict.accuracy_original, s.models[0].mcnemar[0].b]
 * // => [0.5, 1]
 */
import { mcnemar } from "../../stats/mcnemar.js";
import { reliabilityCurve, type ReliabilityBin } from "../../stats/reliabilityCurve.js";
import { rocAuc } from "../../stats/rocAuc.js";
import { wilsonInterval } from "../../stats/wilsonInterval.js";
import type { EvaluationRow } from "./evaluationRow.js";
import type { PromptingTechnique } from "./types.js";

type SummaryRow = Pick<EvaluationRow, "model" | "technique" | "index" | "final" | "correct" | "buggy" | "robust_correct" | "robust_buggy" | "stop_reason" | "tokens" | "original_entropy" | "nucleus_entropy" | "full_entropy" | "cosine">;

/** The uncertainty scores of a sample, in report order. */
export const UNCERTAINTY_SCORES = ["original_entropy", "nucleus_entropy", "full_entropy", "cosine"] as const;
export type UncertaintyScore = (typeof UNCERTAINTY_SCORES)[number];

export interface AccuracyCounts {
  n: number;
  buggy: number;
  correct: number;
  accuracy_original: number | null;
  accuracy_original_interval: [number, number] | null;
  accuracy_all: number | null;
  accuracy_all_interval: [number, number] | null;
}

export interface TechniqueSummary {
  technique: PromptingTechnique;
  strict: AccuracyCounts;
  robust: AccuracyCounts;
  stop_reasons: Record<string, number>;
  mean_tokens: number | null;
  mean_scores: Record<UncertaintyScore, number | null>;
  /** Per extraction mode: each score's AUROC for a wrong answer among the answered (non-buggy) samples. */
  auroc: Record<"strict" | "robust", Record<UncertaintyScore, { auroc: number | null; n: number; wrong: number }>>;
  /** Per extraction mode: accuracy by original-entropy decile among the answered samples. */
  reliability: Record<"strict" | "robust", ReliabilityBin[]>;
}

export interface PairTest {
  first: PromptingTechnique;
  second: PromptingTechnique;
  mode: "strict" | "robust";
  n: number;
  /** First right, second wrong. */
  b: number;
  /** First wrong, second right. */
  c: number;
  p: number;
}

export interface PromptingSummary {
  models: { model: string; techniques: TechniqueSummary[]; mcnemar: PairTest[] }[];
}

const TECHNIQUES: readonly PromptingTechnique[] = ["baseline", "cot", "cod"];
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function counts(n: number, buggy: number, correct: number): AccuracyCounts {
  const valid = n - buggy;
  const interval = (k: number, m: number): [number, number] | null => {
    if (m < 1) return null;
    const w = wilsonInterval(k, m);
    return [w.low, w.high];
  };
  return {
    n, buggy, correct,
    accuracy_original: valid > 0 ? correct / valid : null,
    accuracy_original_interval: interval(correct, valid),
    accuracy_all: n > 0 ? correct / n : null,
    accuracy_all_interval: interval(correct, n),
  };
}

type Mode = "strict" | "robust";
const outcome = (r: SummaryRow, mode: Mode) => (mode === "strict" ? { buggy: r.buggy, correct: r.correct } : { buggy: r.robust_buggy, correct: r.robust_correct });

function aurocs(group: readonly SummaryRow[], mode: Mode): Record<UncertaintyScore, { auroc: number | null; n: number; wrong: number }> {
  const answered = group.filter((r) => !outcome(r, mode).buggy);
  return Object.fromEntries(UNCERTAINTY_SCORES.map((s) => {
    const usable = answered.filter((r) => Number.isFinite(r[s]));
    const wrong = usable.map((r) => !outcome(r, mode).correct);
    const value = usable.length > 0 ? rocAuc(usable.map((r) => r[s]), wrong) : NaN;
    return [s, { auroc: finite(value), n: usable.length, wrong: wrong.filter(Boolean).length }];
  })) as Record<UncertaintyScore, { auroc: number | null; n: number; wrong: number }>;
}

function reliability_(group: readonly SummaryRow[], mode: Mode): ReliabilityBin[] {
  const scored = group.filter((r) => !outcome(r, mode).buggy && Number.isFinite(r.original_entropy));
  if (scored.length === 0) return [];
  return reliabilityCurve(scored.map((r) => r.original_entropy), scored.map((r) => outcome(r, mode).correct), { bins: Math.min(10, scored.length) });
}

export function promptingSummary(rows: readonly SummaryRow[]): PromptingSummary {
  const finals = rows.filter((r) => r.final);
  const models = [...new Set(finals.map((r) => r.model))];
  return {
    models: models.map((model) => {
      const mine = finals.filter((r) => r.model === model);
      const present = TECHNIQUES.filter((t) => mine.some((r) => r.technique === t));
      const techniques = present.map((technique): TechniqueSummary => {
        const group = mine.filter((r) => r.technique === technique);
        const stop_reasons: Record<string, number> = {};
        for (const r of group) stop_reasons[r.stop_reason] = (stop_reasons[r.stop_reason] ?? 0) + 1;
                const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
        const mean_scores = Object.fromEntries(UNCERTAINTY_SCORES.map((s) => [s, finite(mean(group.map((r) => r[s]).filter(Number.isFinite)))])) as Record<UncertaintyScore, number | null>;
        const auroc = { strict: aurocs(group, "strict"), robust: aurocs(group, "robust") };
        const reliability = { strict: reliability_(group, "strict"), robust: reliability_(group, "robust") };
        return {
          technique,
          strict: counts(group.length, group.filter((r) => r.buggy).length, group.filter((r) => r.correct).length),
          robust: counts(group.length, group.filter((r) => r.robust_buggy).length, group.filter((r) => r.robust_correct).length),
          stop_reasons,
          mean_tokens: finite(mean(group.map((r) => r.tokens))),
          mean_scores,
          auroc,
          reliability,
        };
      });
      const tests: PairTest[] = [];
      for (const mode of ["strict", "robust"] as const) {
        for (let i = 0; i < present.length; i++) {
          for (let j = i + 1; j < present.length; j++) {
            const byIndex = (t: PromptingTechnique) => new Map(mine.filter((r) => r.technique === t).map((r) => [r.index, mode === "strict" ? r.correct : r.robust_correct]));
            const a = byIndex(present[i]);
            const b = byIndex(present[j]);
            const common = [...a.keys()].filter((k) => b.has(k)).sort((x, y) => x - y);
            if (common.length === 0) continue;
            const t = mcnemar(common.map((k) => a.get(k) as boolean), common.map((k) => b.get(k) as boolean));
            tests.push({ first: present[i], second: present[j], mode, n: t.n, b: t.b, c: t.c, p: t.p });
          }
        }
      }
      return { model, techniques, mcnemar: tests };
    }),
  };
}

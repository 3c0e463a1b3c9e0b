/**
 * evaluationRow: one line of evaluation_results.csv — a generated answer scored as the original study
 * scores it, with the robust reading beside it:
 *
 *   gold            parseGold(strict) of the problem's worked answer (the text after "####");
 *   answer          extractAnswer(strict) of the output: baseline the first {"answer": n} JSON; cot/cod
 *                   split on "####" into exactly two parts, then the JSON; stripped to digits and ".";
 *   buggy           the gold lacks "####" (or a number after it) or no answer could be extracted — the
 *                   original's definition; buggy_reason says which ("gold:separator-count", "no-json", …);
 *   correct         not buggy and answer === gold (`answersEqual`);
 *   robust_*        the same with extractAnswer/parseGold in robust mode;
 *   scores          the `SampleGeneration`'s per-sample means.
 * `attempt` is 1 for a first run and n + 1 for a rerun of a buggy sample (`--rerun-buggy`); `final`
 * marks the attempt that counts (the newest), so both attempts stay in the file, traceable.
 *
 * Type: (EvaluationRowInput) → EvaluationRow.
 *
 * @example
 * const g = { output: '#### {"answer": 5}', tokens: 6, promptTokens: 20, scoredTokens: 6, stopReason: "maxNewTokens", originalEntropy: 0.5, nucleusEntropy: 1, fullEntropy: 2, cosine: 0.1, nucleusSize: 3, truncatedSteps: 0 };
 * const r = evaluationRow({ model: "m", technique: "cot", problem: { index: 0, line: 1, question: "2 + 3?", answer: "2 + 3 = 5\n#### 5" }, attempt: 1, seed: 7, generation: g });
 * [r.answer, r.gold, r.correct, r.buggy, r.robust_correct]
 * // => [5, 5, true, false, true]
 */
import { answersEqual } from "./answersEqual.js";
import { extractAnswer } from "./extractAnswer.js";
import type { SampleGeneration } from "./generateSample.js";
import { parseGold } from "./parseGold.js";
import type { Problem } from "./readProblems.js";
import type { PromptingTechnique } from "./types.js";

/** One sample × technique (× model × attempt). Column order of evaluation_results.csv is `EVALUATION_COLUMNS`. */
export interface EvaluationRow {
  model: string;
  technique: PromptingTechnique;
  index: number;
  line: number;
  attempt: number;
  final: boolean;
  seed: number;
  gold: number | null;
  answer: number | null;
  answer_text: string | null;
  correct: boolean;
  buggy: boolean;
  buggy_reason: string;
  robust_answer: number | null;
  robust_correct: boolean;
  robust_buggy: boolean;
  original_entropy: number;
  nucleus_entropy: number;
  full_entropy: number;
  cosine: number;
  nucleus_size: number;
  tokens: number;
  scored_tokens: number;
  prompt_tokens: number;
  stop_reason: string;
  truncated_steps: number;
  question: string;
  output: string;
}

/** The columns of evaluation_results.csv, in order. */
export const EVALUATION_COLUMNS: readonly (keyof EvaluationRow)[] = [
  "model", "technique", "index", "line", "attempt", "final", "seed", "gold", "answer", "answer_text", "correct", "buggy", "buggy_reason",
  "robust_answer", "robust_correct", "robust_buggy", "original_entropy", "nucleus_entropy", "full_entropy", "cosine", "nucleus_size",
  "tokens", "scored_tokens", "prompt_tokens", "stop_reason", "truncated_steps", "question", "output",
];

export interface EvaluationRowInput {
  model: string;
  technique: PromptingTechnique;
  problem: Problem;
  attempt: number;
  seed: number;
  generation: Omit<SampleGeneration, "warnings">;
}

export function evaluationRow(input: EvaluationRowInput): EvaluationRow {
  const { problem, technique, generation: g } = input;
  const gold = parseGold(problem.answer);
  const strict = extractAnswer(g.output, technique);
  const robustGold = parseGold(problem.answer, { mode: "robust" });
  const robust = extractAnswer(g.output, technique, { mode: "robust" });
  const buggy = gold.buggy || strict.buggy;
  const robustBuggy = robustGold.buggy || robust.buggy;
  return {
    model: input.model,
    technique,
    index: problem.index,
    line: problem.line,
    attempt: input.attempt,
    final: true,
    seed: input.seed,
    gold: gold.answer,
    answer: strict.answer,
    answer_text: strict.text,
    correct: !buggy && answersEqual(strict.answer, gold.answer),
    buggy,
    buggy_reason: gold.buggy ? `gold:${gold.reason}` : strict.buggy ? strict.reason : "",
    robust_answer: robust.answer,
    robust_correct: !robustBuggy && answersEqual(robust.answer, robustGold.answer),
    robust_buggy: robustBuggy,
    original_entropy: g.originalEntropy,
    nucleus_entropy: g.nucleusEntropy,
    full_entropy: g.fullEntropy,
    cosine: g.cosine,
    nucleus_size: g.nucleusSize,
    tokens: g.tokens,
    scored_tokens: g.scoredTokens,
    prompt_tokens: g.promptTokens,
    stop_reason: g.stopReason,
    truncated_steps: g.truncatedSteps,
    question: problem.question,
    output: g.output,
  };
}

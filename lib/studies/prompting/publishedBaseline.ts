/**
 * PUBLISHED_BASELINE: the accuracy counts the original prompting study published (GSM8K test split,
 * 8-shot, budgets 30/1200/800, nucleus p = 0.95, strict extraction), as correct / (N − buggy) —
 * quoted from issue #10 of this repository. Published figures, never computed here: the notebook
 * shows them labelled "published" beside the user's own run.
 *
 * @example
 * PUBLISHED_BASELINE.find((r) => r.model === "Qwen3-8B").cot
 * // => { "correct": 1218, "answered": 1288 }
 */
export interface PublishedCount {
  correct: number;
  /** N − buggy: the samples with an extracted answer. */
  answered: number;
}

export const PUBLISHED_BASELINE: readonly { model: string; baseline: PublishedCount; cot: PublishedCount; cod: PublishedCount }[] = [
  { model: "deepseek-7b", baseline: { correct: 45, answered: 1304 }, cot: { correct: 104, answered: 1261 }, cod: { correct: 27, answered: 612 } },
  { model: "Llama-2-7b", baseline: { correct: 39, answered: 1303 }, cot: { correct: 97, answered: 1209 }, cod: { correct: 33, answered: 551 } },
  { model: "Meta-Llama-3-8B", baseline: { correct: 93, answered: 1287 }, cot: { correct: 129, answered: 569 }, cod: { correct: 93, answered: 591 } },
  { model: "Mistral-7B", baseline: { correct: 98, answered: 1315 }, cot: { correct: 238, answered: 1103 }, cod: { correct: 76, answered: 539 } },
  { model: "Qwen3-8B", baseline: { correct: 310, answered: 1311 }, cot: { correct: 1218, answered: 1288 }, cod: { correct: 1117, answered: 1243 } },
];

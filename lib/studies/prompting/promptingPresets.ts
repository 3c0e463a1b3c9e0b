/**
 * promptingPresets: the prompting study's two sets of defaults, and `PROMPTING_DEFAULTS`, the one
 * constant that picks which one a run without options (and `logitlab reproduce`, and the notebook) uses.
 *
 *   ORIGINAL   the original study: 8 exemplars (data/prompts/prompting/techniques.json), budgets
 *              baseline 30 / cot 1200 / cod 800 tokens, every problem of GSM8K's test split
 *              (data/prompts/gsm8k/test.jsonl, or the real one downloaded from openai/gsm8k), nucleus
 *              p = 0.95. Needs a model with a context of at least ~2,000 tokens.
 *   MINIATURE  the same method at the size of the bundled tiny models, whose context is 64 tokens:
 *              1 short exemplar and short instructions (techniques-mini.json, same parts: a JSON
 *              answer; "####" then JSON; five-word draft steps), 20 one-step problems
 *              (mini-test.jsonl), budgets 6 / 12 / 8 tokens so that prompt + budget fit 64 tokens (prompts of
 *              47, 52 and 56 tokens).
 *              Prompt building, sampling (p = 0.95), strict and robust extraction, "buggy", the
 *              uncertainty scores and every statistic are the original's; only sizes shrink.
 *
 * Samples that still reach the context stop there and are counted (stop_reason "context"), and a
 * prompt longer than the context is counted as "prompt-too-long": nothing is lost silently. Switch
 * the bundled defaults by setting PROMPTING_DEFAULTS = ORIGINAL (with a long-context model).
 *
 * @example
 * [PROMPTING_DEFAULTS === MINIATURE, ORIGINAL.shots, ORIGINAL.budgets.cot]
 * // => [true, 8, 1200]
 */
import type { PromptingTechnique } from "./types.js";

export interface PromptingPreset {
  name: "original" | "miniature";
  /** Model folders or files, relative to the package's data/ folder unless absolute or a URL. */
  models: readonly string[];
  /** Prompts file under data/. */
  prompts: string;
  /** Problems file under data/. */
  data: string;
  shots: number;
  /** Problems taken from the file; 0 = all. */
  questions: number;
  budgets: Readonly<Record<PromptingTechnique, number>>;
  topP: number;
}

export const ORIGINAL: PromptingPreset = {
  name: "original",
  models: ["models/tiny-llama"],
  prompts: "prompts/prompting/techniques.json",
  data: "prompts/gsm8k/test.jsonl",
  shots: 8,
  questions: 0,
  budgets: { baseline: 30, cot: 1200, cod: 800 },
  topP: 0.95,
};

export const MINIATURE: PromptingPreset = {
  name: "miniature",
  models: ["models/tiny-llama"],
  prompts: "prompts/prompting/techniques-mini.json",
  data: "prompts/prompting/mini-test.jsonl",
  shots: 1,
  questions: 20,
  budgets: { baseline: 6, cot: 12, cod: 8 },
  topP: 0.95,
};

/** The defaults of a run without options: MINIATURE until a bundled model holds the original's prompts. */
export const PROMPTING_DEFAULTS: PromptingPreset = MINIATURE;

/**
 * Types shared by the prompting study's answer extraction.
 */

/** The prompting techniques: a plain JSON answer, chain of thought, chain of draft. */
export type PromptingTechnique = "baseline" | "cot" | "cod";

/** "strict" reproduces the original study's rules exactly; "robust" reads what models actually write. */
export type ExtractionMode = "strict" | "robust";

/**
 * Where an answer came from, or why there is none:
 *   json: a {"answer": …} object; boxed: the last \boxed{…}; separator: the first number after the
 *   last "####"; answer-phrase: the first number after the last "the answer is" / "Answer:";
 *   last-number: the last number in the text;
 *   separator-count: not exactly one "####" (strict cot/cod; a gold answer without any);
 *   no-json: no {"answer": …} object where strict mode needs one;
 *   no-number: nothing numeric left (strict: after stripping to digits and "."; robust: anywhere);
 *   not-a-number: strict stripping left something that is not a number ("1.2.3", ".").
 */
export type ExtractionReason =
  | "json" | "boxed" | "separator" | "answer-phrase" | "last-number"
  | "separator-count" | "no-json" | "no-number" | "not-a-number";

export interface ExtractedAnswer {
  /** The number, or null when none could be extracted. */
  answer: number | null;
  /** The text the answer was read from (the JSON value, the \boxed content, the text after "####", …); null when none. */
  text: string | null;
  /** True when no number could be extracted: the original study's "buggy" outputs. */
  buggy: boolean;
  reason: ExtractionReason;
}

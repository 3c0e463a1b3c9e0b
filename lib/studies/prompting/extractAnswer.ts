/**
 * Reads the numeric answer out of a model's output, strictly (as the original study) or robustly.
 */
import { LogitlabError } from "../../util/errors.js";
import { firstAnswerJson } from "./firstAnswerJson.js";
import { numberTokens } from "./numberTokens.js";
import { strictNumber } from "./strictNumber.js";
import type { ExtractedAnswer, ExtractionMode, PromptingTechnique } from "./types.js";

export interface ExtractAnswerOptions {
  /** "strict" (default) or "robust". */
  mode?: ExtractionMode;
}

const TECHNIQUES: readonly PromptingTechnique[] = ["baseline", "cot", "cod"];

function none(reason: ExtractedAnswer["reason"], text: string | null = null): ExtractedAnswer {
  return { answer: null, text, buggy: true, reason };
}

/** Strict: the first {"answer": …} JSON, its value stripped to digits and ".". */
function strictFromJson(text: string): ExtractedAnswer {
  const value = firstAnswerJson(text);
  if (value === null) return none("no-json");
  const { stripped, value: answer } = strictNumber(value);
  if (answer === null) return none(stripped === "" ? "no-number" : "not-a-number", value);
  return { answer, text: value, buggy: false, reason: "json" };
}

/** A lenient {answer: …} object: quotes optional (single or double), any case; the value up to a comma or brace. */
const LENIENT_JSON = /\{\s*["']?answer["']?\s*:\s*("(?:[^"\\]|\\.)*"|'[^']*'|-?\$?\d[\d,]*(?:\.\d+)?(?:\s*\/\s*\d+)?|[^,{}]*)/gi;
/** "the answer is", "final answer:", "**Answer:**", "answer =" … */
const ANSWER_PHRASE = /\banswer[*_\s]*(?:is|:|=)\s*[*_:]*/gi;

/** The content of the last \boxed{…} whose braces balance, or null. */
function lastBoxed(text: string): string | null {
  for (let start = text.lastIndexOf("\\boxed"); start >= 0; start = start === 0 ? -1 : text.lastIndexOf("\\boxed", start - 1)) {
    const open = /^\\boxed\s*\{/.exec(text.slice(start));
    if (!open) continue;
    let depth = 1;
    for (let i = start + open[0].length; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) return text.slice(start + open[0].length, i);
    }
  }
  return null;
}

function firstNumber(text: string): number | null {
  const tokens = numberTokens(text);
  return tokens.length > 0 ? tokens[0].value : null;
}

/** Robust: JSON, \boxed, "####", answer phrase, last number — the first rule that yields a number wins. */
function robust(output: string): ExtractedAnswer {
  const found = (answer: number, text: string, reason: ExtractedAnswer["reason"]): ExtractedAnswer => ({ answer, text, buggy: false, reason });
  const jsonValues = [...output.matchAll(LENIENT_JSON)].map((m) => m[1].trim());
  for (const value of jsonValues.reverse()) {
    const answer = firstNumber(value);
    if (answer !== null) return found(answer, value, "json");
  }
  const boxed = lastBoxed(output);
  if (boxed !== null) {
    const answer = firstNumber(boxed);
    if (answer !== null) return found(answer, boxed, "boxed");
  }
  const separator = output.lastIndexOf("####");
  if (separator >= 0) {
    const after = output.slice(separator + 4).trim();
    const answer = firstNumber(after);
    if (answer !== null) return found(answer, after, "separator");
  }
  const phrases = [...output.matchAll(ANSWER_PHRASE)].reverse();
  for (const phrase of phrases) {
    const rest = output.slice((phrase.index ?? 0) + phrase[0].length).split("\n")[0].trim();
    const answer = firstNumber(rest);
    if (answer !== null) return found(answer, rest, "answer-phrase");
  }
  const tokens = numberTokens(output);
  if (tokens.length > 0) {
    const last = tokens[tokens.length - 1];
    return found(last.value, last.text, "last-number");
  }
  return none("no-number");
}

/**
 * extractAnswer: the numeric answer in a model's output to a math word problem (GSM8K).
 *
 * strict (default) reproduces the original study exactly:
 *   baseline:  the first {"answer": …} JSON object in the output (the first "{" from which a
 *              balanced {…} parses with JSON.parse as an object with an "answer" key);
 *   cot, cod:  output.split("####") must give exactly two parts, else buggy ("separator-count");
 *              then the first such JSON object in the second part;
 *   then the value's text is stripped of everything but digits and "." and read as a number. The
 *   strip is the original's and keeps its losses, on purpose: the sign is dropped (−5 reads as 5),
 *   "1.5.2" and "." are not numbers (buggy, "not-a-number"), "3/4" reads as 34.
 * robust reads what models write, trying in order and taking the first rule that yields a number:
 *   1. the last {answer: …} object (quotes optional, any case; the value up to a comma or brace),
 *   2. the last \boxed{…} (nested braces matched),
 *   3. the text after the last "####",
 *   4. the line after the last "the answer is" / "Answer:" / "**Final Answer:**",
 *   5. the last number anywhere;
 *   within 1–4 the first number of the snippet counts. Numbers keep their sign ("-" not preceded
 *   by a letter, digit or "."), lose thousands commas and "$" (`$1,234.50` → 1234.5), keep
 *   decimals, read fractions (`\frac{3}{4}`, `\dfrac`, `3/4` → 0.75) and ignore "%" (45% → 45).
 *   The same rules apply to every technique.
 * `buggy` is true exactly when `answer` is null (the original's "buggy" outputs: no JSON, zero or
 * several "####", nothing numeric).
 *
 * Type: (output: string, technique: "baseline" | "cot" | "cod", {mode}) → {answer, text, buggy, reason}.
 * Throws LogitlabError for a non-string output, an unknown technique or mode.
 *
 * @example
 * const out = 'She pays 3 * 4 = 12 dollars.\n#### {"answer": 12}';
 * [extractAnswer(out, "cot").answer, extractAnswer("The answer is -\\frac{1}{2}.", "cot", { mode: "robust" }).answer]
 * // => [12, -0.5]
 */
export function extractAnswer(output: string, technique: PromptingTechnique, options: ExtractAnswerOptions = {}): ExtractedAnswer {
  const mode = options.mode ?? "strict";
  if (typeof output !== "string") {
    throw new LogitlabError(`output must be a string, got ${output === null ? "null" : typeof output}`, { context: "extractAnswer" });
  }
  if (!TECHNIQUES.includes(technique)) {
    throw new LogitlabError(`technique must be "baseline", "cot" or "cod", got ${JSON.stringify(technique)}`, { context: "extractAnswer" });
  }
  if (mode !== "strict" && mode !== "robust") {
    throw new LogitlabError(`mode must be "strict" or "robust", got ${JSON.stringify(mode)}`, { context: "extractAnswer" });
  }
  if (mode === "robust") return robust(output);
  if (technique === "baseline") return strictFromJson(output);
  const parts = output.split("####");
  if (parts.length !== 2) return none("separator-count");
  return strictFromJson(parts[1]);
}

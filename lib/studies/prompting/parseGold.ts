/**
 * Reads the gold answer of a GSM8K item ("… #### 72").
 */
import { LogitlabError } from "../../util/errors.js";
import { numberTokens } from "./numberTokens.js";
import { strictNumber } from "./strictNumber.js";
import type { ExtractedAnswer, ExtractionMode } from "./types.js";

/**
 * parseGold: the number after "####" in a GSM8K gold answer ("Natalia sold 48/2 = 24 clips …\n#### 72").
 * The text after the last "####" is read
 *   strict (default): as the original — stripped to digits and "." (`1,000` → 1000; a minus sign
 *                     is dropped, so a gold of −3 reads as 3, matching strict `extractAnswer`);
 *   robust:           as robust `extractAnswer` reads numbers (first number; sign, commas,
 *                     decimals and fractions kept).
 * A gold without "####" is buggy (reason "separator-count"), as in the original.
 *
 * Type: (gold: string, {mode}) → {answer, text, buggy, reason}, reason "separator" when found.
 * Throws LogitlabError for a non-string gold or an unknown mode.
 *
 * @example
 * parseGold("She has 500 + 500 = 1,000 beads.\n#### 1,000").answer
 * // => 1000
 */
export function parseGold(gold: string, options: { mode?: ExtractionMode } = {}): ExtractedAnswer {
  const mode = options.mode ?? "strict";
  if (typeof gold !== "string") {
    throw new LogitlabError(`gold must be a string, got ${gold === null ? "null" : typeof gold}`, { context: "parseGold" });
  }
  if (mode !== "strict" && mode !== "robust") {
    throw new LogitlabError(`mode must be "strict" or "robust", got ${JSON.stringify(mode)}`, { context: "parseGold" });
  }
  const separator = gold.lastIndexOf("####");
  if (separator < 0) return { answer: null, text: null, buggy: true, reason: "separator-count" };
  const text = gold.slice(separator + 4).trim();
  if (mode === "strict") {
    const { stripped, value } = strictNumber(text);
    if (value === null) return { answer: null, text, buggy: true, reason: stripped === "" ? "no-number" : "not-a-number" };
    return { answer: value, text, buggy: false, reason: "separator" };
  }
  const tokens = numberTokens(text);
  if (tokens.length === 0) return { answer: null, text, buggy: true, reason: "no-number" };
  return { answer: tokens[0].value, text, buggy: false, reason: "separator" };
}

/**
 * Finds the first JSON object with an "answer" key in free text.
 * Internal helper of extractAnswer (not re-exported).
 */

/** The end index (inclusive) of the balanced {…} starting at `start`, skipping braces inside JSON strings; −1 if unbalanced. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * firstAnswerJson: the first substring of `text`, starting at a "{" (left to right), that is a
 * balanced {…} which `JSON.parse` accepts as an object with an "answer" key; returns the value as
 * text (a string value as it is, anything else as `JSON.stringify` writes it), or null if there is
 * none. Objects nested inside an earlier candidate are tried too.
 *
 *     firstAnswerJson('Sure! {"answer": 72, "unit": "cm"} done')
 *     // => "72"
 */
export function firstAnswerJson(text: string): string | null {
  for (let start = text.indexOf("{"); start >= 0; start = text.indexOf("{", start + 1)) {
    const end = balancedEnd(text, start);
    if (end < 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start, end + 1));
    } catch {
      continue;
    }
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && Object.hasOwn(parsed, "answer")) {
      const value = (parsed as Record<string, unknown>).answer;
      return typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return null;
}

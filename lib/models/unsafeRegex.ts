/**
 * unsafeRegex: why a JavaScript regular expression from a tokenizer.json could backtrack
 * exponentially (a ReDoS: `(a+)+$` on 32 × "a" then "!" runs for minutes), or undefined when the
 * static check finds nothing. The tokenizer runs its patterns on every text it encodes, in this
 * thread, where a running RegExp cannot be interrupted, so a crafted file is refused before use
 * rather than timed out.
 *
 * Refused (any one is enough):
 *   - a quantifier inside a quantifier, `(a+)+`, `(a*)*`, `(a?){2,}` (star height > 1) — checked by
 *     `safe-regex2` (fastify's maintained checker), which also caps the pattern at 25 quantifiers;
 *   - an alternation inside an unbounded or repeated group, `(a|a)+`, `(a|aa)*` (its branches may
 *     match the same text in exponentially many ways; safe-regex2 does not look at this) — our own
 *     walk over the same parser's tree (`ret`);
 *   - a backreference, `\1` or `\k<name>` (matching with one is NP-hard in general);
 *   - a pattern the parser cannot read.
 * Not caught: polynomial backtracking between adjacent quantifiers (`\s*\s*$` is cubic in the length
 * of a whitespace run). The GPT-2, Llama-2, Llama-3 and Qwen3 patterns pass (test/models/tokenizerRegex.test.ts).
 *
 * Type: (RegExp source) → string | undefined.
 *
 * @example
 * [unsafeRegex("(a+)+$"), unsafeRegex("(a|a)+$"), unsafeRegex(" ?\\p{L}+| ?\\p{N}+|\\s+(?!\\S)|\\s+") ?? "safe"]
 * // => ["a quantifier inside a quantifier, or more than 25 quantifiers (exponential backtracking)", "an alternation inside a repeated group (exponential backtracking)", "safe"]
 */
import { createRequire } from "node:module";
import type { Root, Token } from "ret";
import safeRegex from "safe-regex2";

// ret is CommonJS: its module.exports is the parser itself (no named ESM exports).
const require = createRequire(import.meta.url);
const parseRegex = require("ret") as (source: string) => Root;

/** ret's token types (its `types` enum). */
const GROUP = 1;
const REPETITION = 5;
const REFERENCE = 6;

export function unsafeRegex(source: string): string | undefined {
  let tree: Root;
  try {
    tree = parseRegex(source);
  } catch (error) {
    return `a pattern the ReDoS check cannot parse (${(error as Error).message})`;
  }
  if (!safeRegex(source)) return "a quantifier inside a quantifier, or more than 25 quantifiers (exponential backtracking)";
  // Backreferences: ret reads \1 as a reference and \k<name> as plain characters, so scan the text
  // too, one escape pair at a time (an escaped backslash followed by "k" is no reference).
  for (const pair of source.matchAll(/\\([^])/gu)) {
    if (/[1-9]/.test(pair[1]) || (pair[1] === "k" && source[(pair.index ?? 0) + 2] === "<")) return "a backreference (matching with one can take exponential time)";
  }
  return walk(tree, false);
}

/** The first unsafe construct below `node`; `repeated`: inside a quantifier that can match more than once. */
function walk(node: Root | Token, repeated: boolean): string | undefined {
  if (node.type === REFERENCE) return "a backreference (matching with one can take exponential time)";
  if (node.type === REPETITION) {
    const repetition = node as unknown as { max: number | null; value: Token };
    return walk(repetition.value, repeated || repetition.max === null || repetition.max > 1);
  }
  const container = node as { type: number; stack?: Token[]; options?: Token[][] };
  if (container.options && repeated && node.type === GROUP) return "an alternation inside a repeated group (exponential backtracking)";
  for (const branch of container.options ?? [container.stack ?? []]) {
    for (const child of branch) {
      const found = walk(child, repeated);
      if (found) return found;
    }
  }
  return undefined;
}

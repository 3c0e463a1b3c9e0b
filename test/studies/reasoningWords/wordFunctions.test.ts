// The pure word functions on hand-made inputs whose answers are worked out in the comments, and the
// inputs each one must reject.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadTokenizer } from "../../../lib/models/tokenizer.js";
import { findOccurrences } from "../../../lib/studies/reasoningWords/findOccurrences.js";
import { forkingPositions } from "../../../lib/studies/reasoningWords/forkingPositions.js";
import { forkingSplit } from "../../../lib/studies/reasoningWords/forkingSplit.js";
import { occurrenceProbabilities } from "../../../lib/studies/reasoningWords/occurrenceProbabilities.js";
import { propensity } from "../../../lib/studies/reasoningWords/propensity.js";
import { spellWords } from "../../../lib/studies/reasoningWords/spellWords.js";
import { tokenPieceTexts } from "../../../lib/studies/reasoningWords/tokenPieceTexts.js";
import type { NextLogProbs, WordVariant } from "../../../lib/studies/reasoningWords/types.js";
import { assertAllClose, assertClose, FLOAT64 } from "../../tolerances.js";

const root = join(import.meta.dirname, "..", "..", "..");
const variant = (ids: number[], leadingSpace = true): WordVariant => ({ spelling: ids.join("-"), ids, tokens: ids.map(String), leadingSpace });

test("findOccurrences matches whole words on Llama-3 text: leading space, answer start, after a newline, multi-token, not inside other words", () => {
  const tokenizer = loadTokenizer(join(root, "node_modules", "@lenml", "tokenizer-llama3", "models"));
  const text = "Wait, so\nhmm. Therefore x; therefore\ntherefore awaiting waits ahhmm wait";
  const { ids, offsets } = tokenizer.encode(text, { addSpecialTokens: false });
  const pieceTexts = tokenPieceTexts(tokenizer, ids);
  const { words } = spellWords(tokenizer, ["wait", "hmm", "therefore"]);
  const found = words.map((w) =>
    findOccurrences(ids, w.variants, { pieceTexts }).map((o) => text.slice(offsets[o.start][0], offsets[o.start + o.variant.ids.length - 1][1])),
  );
  // "awaiting" and "waits" are other words; "ahhmm" is Ġa + hh + mm, so no "hmm" starts a word there.
  assert.deepEqual(found, [["Wait", " wait"], ["hmm"], [" Therefore", " therefore", "therefore"]]);
});

test("findOccurrences applies the boundary rule to id words with given texts", () => {
  const bare = variant([7, 8], false);
  const texts = ["x", "wa", "it", "!", "wa", "it", "s", "(", "wa", "it"];
  const ids = [1, 7, 8, 2, 7, 8, 3, 4, 7, 8];
  // index 1: after "x" (a letter) → no; index 4: followed by "s" → no; index 8: after "(" and at the end → yes.
  assert.deepEqual(findOccurrences(ids, [bare], { pieceTexts: texts }).map((o) => o.start), [8]);
  // From the answer start (index 1) a bare word may begin there.
  assert.deepEqual(findOccurrences(ids, [bare], { pieceTexts: texts, from: 1 }).map((o) => o.start), [1, 8]);
  // Without texts every id match counts.
  assert.deepEqual(findOccurrences(ids, [bare]).map((o) => o.start), [1, 4, 8]);
});

test("findOccurrences rejects texts that do not line up with the ids, a bad `from` and an empty variant", () => {
  assert.throws(() => findOccurrences([1, 2], [variant([1])], { pieceTexts: ["a"] }), /findOccurrences: field "pieceTexts": pieceTexts has 1 texts for 2 ids/);
  assert.throws(() => findOccurrences([1, 2], [variant([1])], { from: 3 }), /from = 3 is not an index in \[0, 2\]/);
  assert.throws(() => findOccurrences([1, 2], [variant([])]), /variant 0 field "variants": a variant needs at least one id/);
});

test("occurrenceProbabilities reads the distribution one position before the word (t − 1)", () => {
  // nextTokenLogProbs[t] = log p(ids[t+1] | ids[≤t]); a two-token word at index 2 is rows 1 and 2.
  const rows = [Math.log(0.9), Math.log(0.5), Math.log(0.25), Math.log(0.1)];
  const [scored] = occurrenceProbabilities(rows, [{ start: 2, variant: variant([5, 6]) }]);
  assertAllClose(scored.tokenLogProbs, [Math.log(0.5), Math.log(0.25)], FLOAT64);
  assertClose(scored.probability, 0.125, FLOAT64); // reading rows 2 and 3 would give 0.025
});

test("occurrenceProbabilities rejects a word at index 0 and one past the end", () => {
  assert.throws(() => occurrenceProbabilities([0, 0], [{ start: 0, variant: variant([1]) }]), /occurrence 0: a word at index 0 has no preceding distribution/);
  assert.throws(() => occurrenceProbabilities([0, 0], [{ start: 2, variant: variant([1, 2]) }]), /a 2-token word at index 2 runs outside the 3 scored tokens/);
});

/** A toy model: p(next = id | prefix) = table[last token of prefix][id], over 4 ids. */
function bigram(table: number[][]): { next: NextLogProbs; calls: number[][] } {
  const calls: number[][] = [];
  return { calls, next: (requests) => requests.map(({ prefix, ids }) => (calls.push([...prefix]), ids.map((id) => Math.log(table[prefix[prefix.length - 1]][id])))) };
}
const table = [
  [0.1, 0.2, 0.3, 0.4],
  [0.25, 0.25, 0.25, 0.25],
  [0.5, 0.1, 0.1, 0.3],
  [0.4, 0.3, 0.2, 0.1],
];

test("propensity sums the chain-rule probability of every variant, branching for multi-token ones", () => {
  const { next, calls } = bigram(table);
  const variants = [variant([2, 3]), variant([1]), variant([3, 0, 2])];
  // After prefix [0]: p(2|0)·p(3|2) + p(1|0) + p(3|0)·p(0|3)·p(2|0) = 0.3·0.3 + 0.2 + 0.4·0.4·0.3 = 0.338
  const exact = propensity([0, 1], [1], variants, next);
  assert.equal(exact.mode, "exact");
  assertAllClose(exact.probabilities, [0.338], FLOAT64);
  assert.deepEqual(calls, [[0], [0, 2], [0, 3], [0, 3, 0]]);
  // First token only: 0.3 + 0.2 + 0.4.
  const first = propensity([0, 1], [1], variants, bigram(table).next, { mode: "firstTokenOnly" });
  assert.equal(first.mode, "firstTokenOnly");
  assertAllClose(first.probabilities, [0.9], FLOAT64);
  // At position 2 the context is [0, 1] (row 1 is uniform): 0.25·p(3|2) + 0.25 + 0.25·p(0|3)·p(2|0) = 0.075 + 0.25 + 0.03.
  assertAllClose(propensity([0, 1], [2], variants, bigram(table).next).probabilities, [0.355], FLOAT64);
});

test("propensity in first-token-only mode counts a first token shared by two variants once", () => {
  const shared = [variant([2, 3]), variant([2, 1])];
  // p(2|0) = 0.3 once, not 0.6; the exact value is 0.3·(p(3|2) + p(1|2)) = 0.3·0.4.
  assertAllClose(propensity([0], [1], shared, bigram(table).next, { mode: "firstTokenOnly" }).probabilities, [0.3], FLOAT64);
  assertAllClose(propensity([0], [1], shared, bigram(table).next).probabilities, [0.12], FLOAT64);
});

test("propensity counts a variant that extends another variant once, and bare variants only where a word may start", () => {
  const nested = [variant([2]), variant([2, 3])];
  assertAllClose(propensity([0], [1], nested, bigram(table).next).probabilities, [0.3], FLOAT64);
  const mixed = [variant([1], true), variant([2], false)];
  const result = propensity([0, 0], [1, 2], mixed, bigram(table).next, { wordStart: (t) => t === 1 });
  assertAllClose(result.probabilities, [0.2 + 0.3, 0.2], FLOAT64);
});

test("propensity rejects position 0, a position past the end, an unknown mode and an empty variant", () => {
  const { next } = bigram(table);
  assert.throws(() => propensity([0, 1], [0], [variant([1])], next), /propensity: field "positions": item 0: |position 0 is not in \[1, 2\]/);
  assert.throws(() => propensity([0, 1], [3], [variant([1])], next), /position 3 is not in \[1, 2\]/);
  assert.throws(() => propensity([0, 1], [1], [variant([1])], next, { mode: "fast" as never }), /mode "fast" is not "exact" or "firstTokenOnly"/);
  assert.throws(() => propensity([0, 1], [1], [variant([])], next), /a variant needs at least one id/);
});

test("forkingPositions uses numpy's linear 80th percentile and a strict inequality", () => {
  // np.quantile([0, 1, 2, 3, 4, 5], 0.8) = 4.0 (h = 5·0.8 = 4): only 5 is above it.
  const result = forkingPositions([3, 0, 5, 1, 4, 2]);
  assert.equal(result.threshold, 4);
  assert.deepEqual(result.forking, [false, false, true, false, false, false]);
  // np.quantile([1, 2, 3, 4], 0.8) = 3.4: only 4 is above it.
  assert.deepEqual(forkingPositions([1, 2, 3, 4]), { quantile: 0.8, threshold: 3.4000000000000004, forking: [false, false, false, true] });
});

test("forkingPositions and forkingSplit reject empty, non-finite and mismatched input", () => {
  assert.throws(() => forkingPositions([]), /forkingPositions: needs at least one entropy, got none/);
  assert.throws(() => forkingPositions([1, NaN]), /quantile/);
  assert.throws(() => forkingPositions([1, 2], 1.5), /q = 1.5 is outside \[0, 1\]/);
  assert.throws(() => forkingSplit([1, 2], [true]), /forkingSplit: 2 values but 1 forking flags/);
  assert.throws(() => forkingSplit([1, Infinity], [true, false]), /forkingSplit: index 1: value Infinity is not finite/);
  assert.deepEqual(forkingSplit([1, 3], [false, false]).forking, { count: 0, mean: NaN });
});

// scoreAnswerWords on the bundled tiny-gpt2-small (a real tokenizer with a 1,024-token vocabulary, so
// most target words are several tokens: " actually" is Ġa + ct + u + all + y) against the float64 numpy
// reference of test/fixtures/reasoningWords/gen_answer.py, which scores every branch with a full
// forward pass (no cache) and applies the whole-word rule to the tokens' texts on its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tf } from "../../../lib/backend/backend.js";
import { loadModel } from "../../../lib/models/load.js";
import { reasoningTargetWords } from "../../../lib/studies/reasoningWords/reasoningTargetWords.js";
import { scoreAnswerWords } from "../../../lib/studies/reasoningWords/scoreAnswerWords.js";
import { spellWords } from "../../../lib/studies/reasoningWords/spellWords.js";
import { assertAllClose, type Tolerance } from "../../tolerances.js";

const root = join(import.meta.dirname, "..", "..", "..");
const reference = JSON.parse(readFileSync(join(root, "test", "fixtures", "reasoningWords", "answer-reference.json"), "utf8")) as {
  model: string; promptIds: number[]; answerIds: number[]; entropies: number[]; tokenLogProbs: number[];
  words: { word: string; variantIds: number[][]; propensityExact: number[]; propensityFirstToken: number[]; occurrences: { start: number; variant: number; logProb: number }[] }[];
};
// float32 runtime against float64: log-probabilities to 2e-4 absolute, probabilities (products of up to five factors) to 1e-3 relative.
const LOG_PROB: Tolerance = { rtol: 1e-5, atol: 2e-4 };
const PROBABILITY: Tolerance = { rtol: 1e-3, atol: 1e-15 };

test("scoreAnswerWords on tiny-gpt2-small matches the float64 reference for all ten words, exact and first-token-only", async () => {
  const model = await loadModel(join(root, reference.model));
  const { words, unspellable } = spellWords(model.requireTokenizer(), reasoningTargetWords);
  assert.deepEqual(unspellable, []);
  // The variant ids the reference was computed with (vocabulary entries checked by hand in gen_answer.py).
  assert.deepEqual(words.map((w) => w.variants.map((v) => v.ids)), reference.words.map((w) => w.variantIds));
  const before = tf.memory().numTensors;
  const exact = scoreAnswerWords(model, reference.promptIds, reference.answerIds, words);
  const first = scoreAnswerWords(model, reference.promptIds, reference.answerIds, words, { mode: "firstTokenOnly" });
  assert.equal(tf.memory().numTensors, before, "no tensor leaks");
  model.dispose();

  assert.equal(exact.mode, "exact");
  assert.equal(first.mode, "firstTokenOnly");
  assert.deepEqual(exact.tokens, reference.answerIds);
  assertAllClose(exact.entropies, reference.entropies, LOG_PROB, "entropies");
  assertAllClose(exact.tokenLogProbs, reference.tokenLogProbs, LOG_PROB, "tokenLogProbs");
  exact.words.forEach((got, w) => {
    const want = reference.words[w];
    assert.equal(got.word, want.word);
    assertAllClose(got.propensity, want.propensityExact, PROBABILITY, `${want.word} exact propensity`);
    assertAllClose(first.words[w].propensity, want.propensityFirstToken, PROBABILITY, `${want.word} first-token propensity`);
    assert.deepEqual(got.occurrences.map((o) => [o.start, words[w].variants.indexOf(o.variant)]), want.occurrences.map((o) => [o.start, o.variant]), want.word);
    assertAllClose(got.occurrences.map((o) => o.logProb), want.occurrences.map((o) => o.logProb), LOG_PROB, `${want.word} occurrences`);
  });
  // The multi-token cases are really there: " actually" (5 tokens) and "Hmm" after a newline (3 tokens).
  const occurrenceLengths = Object.fromEntries(exact.words.map((w) => [w.word, w.occurrences.map((o) => o.variant.ids.length)]));
  assert.deepEqual(occurrenceLengths.actually, [5]);
  assert.deepEqual(occurrenceLengths.hmm, [3]);
  // "awaiting" at the end is not "wait".
  assert.deepEqual(exact.words[0].occurrences.map((o) => o.start), [10]);
});

test("scoreAnswerWords rejects an empty prompt and an empty answer", async () => {
  const model = await loadModel(join(root, reference.model));
  const { words } = spellWords(model.requireTokenizer(), ["so"]);
  assert.throws(() => scoreAnswerWords(model, [], [1, 2], words), /scoreAnswerWords: field "promptIds": the prompt is empty/);
  assert.throws(() => scoreAnswerWords(model, [1], [], words), /scoreAnswerWords: field "answerIds": the answer is empty/);
  model.dispose();
});

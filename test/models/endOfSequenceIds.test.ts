// endOfSequenceIds: Hugging Face's rule — generation_config's eos_token_id when given, else config.json's, else the tokenizer's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { endOfSequenceIds } from "../../lib/models/endOfSequenceIds.js";

const ids = (s: Set<number>): number[] => [...s];

test("endOfSequenceIds takes exactly generation_config's ids when given (int or list), without the tokenizer's eos", () => {
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: { eos_token_id: 7 }, config: { eos_token_id: 2 }, tokenizerEos: 3, vocabSize: 16 })), [7]);
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: { eos_token_id: [7, 9] }, config: { eos_token_id: 2 }, tokenizerEos: 3, vocabSize: 16 })), [7, 9]);
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: { eos_token_id: null }, config: { eos_token_id: 2 }, tokenizerEos: 3, vocabSize: 16 })), []);
});

test("endOfSequenceIds falls back to config.json's eos_token_id, then to the tokenizer's eos", () => {
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: {}, config: { eos_token_id: [2, 4] }, tokenizerEos: 3, vocabSize: 16 })), [2, 4]);
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: { bos_token_id: 1 }, config: {}, tokenizerEos: 3, vocabSize: 16 })), [3]);
  assert.deepEqual(ids(endOfSequenceIds({ generationConfig: {}, config: { eos_token_id: null }, vocabSize: 16 })), []);
});

test("endOfSequenceIds rejects test/fixtures/eos/generation_config.json, naming the file, field and item", () => {
  const dir = join(import.meta.dirname, "..", "fixtures", "eos");
  const generationConfig = JSON.parse(readFileSync(join(dir, "generation_config.json"), "utf8")) as Record<string, unknown>;
  assert.throws(
    () => endOfSequenceIds({ generationConfig, config: {}, vocabSize: 16, dir }),
    { message: `generate: ${dir}/generation_config.json item 1 field "eos_token_id": "3" is not a token id in [0, 16)` },
  );
  assert.throws(() => endOfSequenceIds({ generationConfig: {}, config: { eos_token_id: 16 }, vocabSize: 16 }), /config.json field "eos_token_id": 16 is not a token id in \[0, 16\)/);
});

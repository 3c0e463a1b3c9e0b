import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { REACH_TOLERANCE, nucleusPrefix, rowNucleus } from "../../lib/tensor/internal/nucleusPrefix.js";
import { exact, exactRow } from "./exactRows.js";
import { assertLogitlabError, assertNoLeak } from "./support.js";

before(async () => {
  await ready();
});

const big = exact.cases.filter((c) => ["8 tie levels V=128256", "normal bf16 V=128256"].includes(c.recipe.name));

test("nucleusPrefix(x, p) gives the same float64 nuclei when it downloads the rows one at a time", () => {
  assert.ok(big.length === 2, "exact.json needs a tied and a bf16 row at V = 128,256");
  const vocab = big[0].recipe.vocab;
  const flat = new Float32Array(big.length * vocab);
  big.forEach((c, r) => flat.set(exactRow(c.recipe), r * vocab));
  const x = tf.tensor2d(flat, [big.length, vocab]);
  try {
    const j = big[0].nucleus.findIndex((n) => n.p === 0.95);
    const whole = nucleusPrefix(x, 0.95, "test");
    const oneByOne = nucleusPrefix(x, 0.95, "test", vocab);
    assert.deepEqual(Array.from(whole.sizes), big.map((c) => c.nucleus[j].size));
    assert.deepEqual(oneByOne, whole);
    assertNoLeak("nucleusPrefix in chunks", () => void nucleusPrefix(x, 0.9, "test", vocab));
  } finally {
    x.dispose();
  }
});

test("nucleusPrefix throws naming the step with NaN also when that step is in a later download chunk", () => {
  const rows = [[0, 1, 2], [1, 1, 1], [2, 0, 1], [0, NaN, 1]];
  const x = tf.tensor2d(rows);
  try {
    assertLogitlabError(() => nucleusPrefix(x, 0.9, "nucleus", 3), /nucleus: step 3 field "logits": .*NaN/);
  } finally {
    x.dispose();
  }
});

test("rowNucleus(row, p) counts a cumulative probability equal to p as reaching it, and one 1e-13 short as not", () => {
  // uniform over 10: cumulative 9/10 is p = 0.9 up to p's own decimal rounding
  const uniform = new Float32Array(10);
  assert.equal(rowNucleus(uniform, 0.9, "test", 0).ids.length, 9);
  assert.equal(rowNucleus(uniform, 0.9 + 1e-13, "test", 0).ids.length, 10);
  assert.ok(REACH_TOLERANCE < 1e-14);
});

test("rowNucleus(row, 1) keeps every token of non-zero float64 probability, however small, and no others", () => {
  // e^(−700) is far below float32 but not below float64 (which underflows near e^(−745))
  const row = new Float32Array([0, -700, -800, -Infinity, -700]);
  assert.deepEqual(Array.from(rowNucleus(row, 1, "test", 0).ids), [0, 1, 4]);
});

test("rowNucleus(row, p) treats logits −0 and +0 as the tie they are: ascending id", () => {
  const row = new Float32Array([-0, 0, -0, 0]);
  assert.deepEqual(Array.from(rowNucleus(row, 1, "test", 0).ids), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(rowNucleus(row, 0.5, "test", 0).ids), [0, 1]);
});

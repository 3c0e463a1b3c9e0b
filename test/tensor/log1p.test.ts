import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { compensatedLog1p, log1p } from "../../lib/tensor/internal/log1p.js";
import { logSoftmax } from "../../lib/tensor/logSoftmax.js";
import { tokenLogProbs } from "../../lib/tensor/tokenLogProbs.js";
import { topK } from "../../lib/tensor/topK.js";
import { FLOAT32_RELATIVE, assertClose } from "../tolerances.js";
import { exact, exactRow } from "./exactRows.js";
import { assertNoLeak } from "./support.js";

before(async () => {
  await ready();
});

const decode = (v: number | string): number => (typeof v === "number" ? v : Number(v));
const grid = exact.log1p.map(({ x, value }) => ({ x: decode(x), value: decode(value) }));

for (const [name, op] of [["compensatedLog1p", compensatedLog1p], ["log1p (the backend's choice)", log1p]] as const) {
  test(`${name}(x) matches float64 numpy log1p to 1e-5 relative, from 1e-30 to 3e38 and down to -1`, () => {
    assert.ok(grid.some((c) => Math.fround(c.x) === Math.fround(7.6e-9)), "the fixture needs x = 7.6e-9");
    const out = tf.tidy(() => op(tf.tensor1d(grid.map((c) => c.x))).dataSync());
    grid.forEach((c, i) => assertClose(out[i], c.value, FLOAT32_RELATIVE, `${name}(${c.x})`));
  });
}

test("compensatedLog1p gives ±Infinity at the ends, NaN for NaN and below -1, and leaks no tensors", () => {
  const out = tf.tidy(() => compensatedLog1p(tf.tensor1d([Infinity, -1, NaN, -2, 0])).dataSync());
  assert.equal(out[0], Infinity);
  assert.equal(out[1], -Infinity);
  assert.ok(Number.isNaN(out[2]) && Number.isNaN(out[3]));
  assert.equal(out[4], 0);
  const x = tf.tensor1d([1e-9, 0.5]);
  assertNoLeak("compensatedLog1p", () => tf.tidy(() => compensatedLog1p(x)));
  x.dispose();
});

test("logSoftmax, tokenLogProbs and topK give the top token of a peaked row of 50,000 its log-probability -4.68e-9, not 0", () => {
  const c = exact.cases.find((e) => e.topLogProb !== undefined);
  assert.ok(c && c.topLogProb !== undefined && c.otherLogProb !== undefined && c.recipe.spikeId !== undefined);
  const top = c.recipe.spikeId;
  const row = exactRow(c.recipe);
  const x = tf.tensor2d(row, [1, row.length]);
  try {
    const lp = tf.tidy(() => logSoftmax(x).dataSync());
    assertClose(lp[top], c.topLogProb, FLOAT32_RELATIVE, "logSoftmax top");
    assertClose(lp[0], c.otherLogProb, FLOAT32_RELATIVE, "logSoftmax other");
    const picked = tf.tidy(() => tokenLogProbs(x, [top]).dataSync());
    assertClose(picked[0], c.topLogProb, FLOAT32_RELATIVE, "tokenLogProbs top");
    const k = topK(x, 1);
    const best = k.logProbs.dataSync();
    tf.dispose([k.ids, k.probs, k.logProbs]);
    assertClose(best[0], c.topLogProb, FLOAT32_RELATIVE, "topK logProbs top");
  } finally {
    x.dispose();
  }
});

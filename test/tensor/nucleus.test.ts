import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { nucleus } from "../../lib/tensor/nucleus.js";
import { FLOAT32, FLOAT64, FLOAT64_ITERATIVE, assertAllClose, assertClose } from "../tolerances.js";
import { bitsChecksum, exact, exactRow, type ExactCase } from "./exactRows.js";
import { assertLogitlabError, assertNoLeak, reference, withTensor } from "./support.js";

before(async () => {
  await ready();
});

for (const c of reference.logits) {
  for (const ref of c.nucleus ?? []) {
    test(`nucleus(logits, ${ref.p}) matches the float64 reference: ${c.name}`, () => {
      withTensor(c.logits, (x) => {
        const out = nucleus(x, ref.p);
        assert.deepEqual(out.sizes, ref.sizes, `${c.name} sizes`);
        assert.deepEqual(out.ids, ref.ids, `${c.name} ids`);
        assertAllClose(out.probs, ref.probs, FLOAT32, `${c.name} probs`);
        assertAllClose(out.renormalized, ref.renormalized, FLOAT32, `${c.name} renormalized`);
        assertAllClose(out.entropy, ref.entropy, FLOAT32, `${c.name} entropy`);
        const bits = nucleus(x, ref.p, { unit: "bits" }).entropy;
        assertAllClose(bits, ref.entropy.map((h) => h / Math.LN2), FLOAT32, `${c.name} entropy in bits`);
      });
    });
  }
}

test("nucleus(logits, p) takes the smallest prefix whose cumulative probability reaches p", () => {
  // probabilities 0.5, 0.25, 0.125, 0.125: cumulative 0.5, 0.75, 0.875, 1
  const logits = [[Math.log(4), Math.log(2), 0, 0]];
  assert.deepEqual(nucleus(logits, 0.4).ids, [[0]]);
  assert.deepEqual(nucleus(logits, 0.6).ids, [[0, 1]]);
  assert.deepEqual(nucleus(logits, 0.8).ids, [[0, 1, 2]]);
  assert.deepEqual(nucleus(logits, 0.9).ids, [[0, 1, 2, 3]]);
});

test("nucleus(logits, p) counts reaching p exactly as enough (searchsorted side=\"left\")", () => {
  // uniform over 4: float32 probabilities exactly 0.25, cumulative exactly 0.25, 0.5, 0.75, 1
  const uniform = [[0, 0, 0, 0]];
  assert.deepEqual(nucleus(uniform, 0.25).sizes, [1]);
  assert.deepEqual(nucleus(uniform, 0.5).sizes, [2]);
  assert.deepEqual(nucleus(uniform, 0.51).sizes, [3]);
  assert.deepEqual(nucleus(uniform, 1).sizes, [4]);
});

test("nucleus(logits, p) breaks exact ties by ascending id", () => {
  const out = nucleus([[0, 1, 1, 1, 0]], 0.5);
  assert.deepEqual(out.ids, [[1, 2]]);
  assertAllClose(out.renormalized, [[0.5, 0.5]], FLOAT32);
});

test("nucleus(logits, 1) keeps masked (-Infinity) and underflowed tokens out", () => {
  const out = nucleus([[0, -Infinity, 0, -1e4, -Infinity]], 1);
  assert.deepEqual(out.ids, [[0, 2]]);
  assertAllClose(out.entropy, [Math.LN2], FLOAT32);
});

test("nucleus(logits, p) of logits of ±1e4 and of a vocabulary of 1 is one token of entropy 0", () => {
  const wide = nucleus([[-1e4, 1e4, 0]], 0.99);
  assert.deepEqual(wide.ids, [[1]]);
  assert.deepEqual(wide.probs, [[1]]);
  assert.deepEqual(wide.entropy, [0]);
  const single = nucleus([[3], [-1e4]], 0.9);
  assert.deepEqual(single, { sizes: [1, 1], ids: [[0], [0]], probs: [[1], [1]], renormalized: [[1], [1]], entropy: [0, 0] });
});

test("nucleus(logits, p) on a step [V] gives one entry", () => {
  const out = nucleus([Math.log(3), 0], 0.6);
  assert.deepEqual(out.sizes, [1]);
  assertAllClose(out.probs, [[0.75]], FLOAT32);
});

test("nucleus(logits, p) finds a nucleus of hundreds beside a nucleus of one, row by row", () => {
  // a flat row (nucleus of ~hundreds) beside a peaked one (nucleus of 1)
  const vocab = 3000;
  const flat = Array.from({ length: vocab }, (_, i) => Math.log(1 + (i % 10)));
  const peaked = Array.from({ length: vocab }, (_, i) => (i === 17 ? 20 : 0));
  const out = nucleus([flat, peaked], 0.5);
  const order = [...flat.keys()].sort((a, b) => flat[b] - flat[a] || a - b);
  const total = flat.reduce((s, v) => s + Math.exp(v), 0);
  let cumulative = 0;
  let size = 0;
  while (cumulative < 0.5) cumulative += Math.exp(flat[order[size++]]) / total;
  assert.ok(size > 256, `test needs a nucleus of hundreds, got ${size}`);
  assert.deepEqual(out.sizes, [size, 1]);
  assert.deepEqual(out.ids[0], order.slice(0, size));
  assert.deepEqual(out.ids[1], [17]);
});

test("nucleus(logits, p) rejects p outside (0, 1] with LogitlabError", () => {
  for (const p of [0, -0.1, 1.01, NaN]) {
    assertLogitlabError(() => nucleus([[0, 1]], p), /nucleus: field "p": p = .* is outside \(0, 1\]/);
  }
});

test("nucleus(logits, p) throws naming the step whose logits hold NaN, +Infinity or only -Infinity", () => {
  assertLogitlabError(() => nucleus([[0, 1], [0, NaN]], 0.9), /nucleus: step 1 field "logits": .*NaN/);
  assertLogitlabError(() => nucleus([[Infinity, 1]], 0.9), /step 0/);
  assertLogitlabError(() => nucleus([[0, 1], [0, 1], [-Infinity, -Infinity]], 0.9), /step 2/);
});

test("nucleus(logits, p) takes [T, V] or [V] logits only", () => {
  assertLogitlabError(() => nucleus([[[0, 1]]], 0.9), /nucleus: .*takes logits \[T, V\] or \[V\], got \[1, 1, 2\]/);
});

test("nucleus(logits, p) leaks no tensors", () => {
  withTensor([[1, 2, 3], [0, -Infinity, 1]], (x) => {
    assertNoLeak("nucleus", () => nucleus(x, 0.9));
    assertNoLeak("nucleus of arrays", () => nucleus([[1, 2, 3]], 0.5));
    const big = tf.randomNormal([3, 3000], 0, 0.5, "float32", 7);
    assertNoLeak("nucleus over several rounds", () => nucleus(big, 0.95));
    big.dispose();
    assert.equal(x.isDisposed, false);
  });
});

/** Asserts that `ids` is the first ids.length tokens of `row` by descending logit, ties by ascending id. */
export function assertIsOrderedPrefix(row: Float32Array, ids: ArrayLike<number>, what: string): void {
  for (let i = 1; i < ids.length; i++) {
    const [a, b] = [row[ids[i - 1]], row[ids[i]]];
    assert.ok(a > b || (a === b && ids[i - 1] < ids[i]), `${what}: position ${i} is out of order`);
  }
  const last = ids[ids.length - 1];
  let before = 0; // tokens that come no later than the last one in the order
  for (let v = 0; v < row.length; v++) if (row[v] > row[last] || (row[v] === row[last] && v <= last)) before++;
  assert.equal(before, ids.length, `${what}: not a prefix of the order`);
}

/** The fixture rows grouped by vocabulary, each group as one [n, V] tensor (the caller disposes). */
function exactBatches(): { cases: ExactCase[]; rows: Float32Array[]; x: tf.Tensor2D }[] {
  const vocabs = [...new Set(exact.cases.map((c) => c.recipe.vocab))];
  return vocabs.map((vocab) => {
    const cases = exact.cases.filter((c) => c.recipe.vocab === vocab);
    const rows = cases.map((c) => exactRow(c.recipe));
    const flat = new Float32Array(rows.length * vocab);
    rows.forEach((row, r) => flat.set(row, r * vocab));
    return { cases, rows, x: tf.tensor2d(flat, [rows.length, vocab]) };
  });
}

test("exactRow rebuilds every row of exact.json bit for bit, and the checksum rejects a changed row", () => {
  for (const c of exact.cases) {
    const row = exactRow(c.recipe);
    assert.equal(bitsChecksum(row), c.bitsChecksum, `${c.recipe.name}: the rebuilt row differs from gen.py's`);
    assert.equal(row.filter((v) => v === -Infinity).length, c.masked, `${c.recipe.name} masked tokens`);
  }
  const row = exactRow(exact.cases[0].recipe);
  row[7] = Math.fround(row[7] + 2 ** -10);
  assert.notEqual(bitsChecksum(row), exact.cases[0].bitsChecksum, "a changed row must fail the checksum");
});

test("nucleus(logits, p) decides the boundary in float64 at V = 50,000 and 128,256 (uniform, tied, bf16-rounded, masked rows) as math.fsum does", () => {
  const names = exact.cases.map((c) => c.recipe.name);
  for (const wanted of ["uniform V=50000", "uniform V=128256", "8 tie levels V=128256", "normal bf16 V=128256"]) {
    assert.ok(names.includes(wanted), `exact.json lacks ${wanted}`);
  }
  const ps = exact.cases[0].nucleus.map((n) => n.p);
  for (const wanted of [0.9, 0.95, 1]) assert.ok(ps.includes(wanted), `exact.json lacks p = ${wanted}`);
  for (const { cases, rows, x } of exactBatches()) {
    try {
      ps.forEach((p, j) => {
        const out = nucleus(x, p);
        cases.forEach((c, r) => {
          const ref = c.nucleus[j];
          const what = `${c.recipe.name} p=${p}`;
          assert.equal(out.sizes[r], ref.size, `${what}: size`);
          const ids = out.ids[r];
          assert.equal(ids[ids.length - 1], ref.lastId, `${what}: last id`);
          assert.equal(ids.reduce((a, b) => a + b, 0), ref.idSum, `${what}: sum of ids`);
          assertClose(out.probs[r][0], ref.topProb, FLOAT64, `${what}: top probability`);
          assertClose(out.probs[r].reduce((a, b) => a + b, 0), ref.mass, FLOAT64_ITERATIVE, `${what}: nucleus mass`);
          assert.ok(p === 1 || ref.mass >= p * (1 - 16 * Number.EPSILON), `${what}: the nucleus falls short of p`);
          assertIsOrderedPrefix(rows[r], ids, what);
        });
      });
    } finally {
      x.dispose();
    }
  }
});

test("nucleus(uniform row of 50,000, 0.9) has the 45,000 tokens of exact arithmetic, and p = 1 keeps all 50,000 tokens of a peaked row", () => {
  const uniform = exact.cases.find((c) => c.recipe.name === "uniform V=50000");
  const peaked = exact.cases.find((c) => c.topLogProb !== undefined);
  assert.ok(uniform && peaked);
  const at = (c: ExactCase, p: number) => c.nucleus.find((n) => n.p === p)?.size;
  withTensor(tf.tensor2d(exactRow(uniform.recipe), [1, uniform.recipe.vocab]), (x) => {
    assert.deepEqual(nucleus(x, 0.9).sizes, [at(uniform, 0.9)]);
  });
  withTensor(tf.tensor2d(exactRow(peaked.recipe), [1, peaked.recipe.vocab]), (x) => {
    const all = nucleus(x, 1);
    assert.deepEqual(all.sizes, [at(peaked, 1)]);
    assert.equal(all.sizes[0], peaked.recipe.vocab);
    assert.deepEqual(nucleus(x, 0.99).sizes, [at(peaked, 0.99)]);
  });
});

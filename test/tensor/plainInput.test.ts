// Issue #13 item 9: the lib/tensor functions never turn bad plain-array input into a silent NaN.
// A string, boolean or null is a LogitlabError naming the function, the argument and the position; a
// finite number that float32 cannot hold (1e300) says so; NaN and ±Infinity in a plain array give
// exactly what they give in a tensor (each function documents it: NaN rows for softmax / entropy /
// topK …, an error naming the step for nucleus).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready, tf } from "../../lib/backend/backend.js";
import { entropy } from "../../lib/tensor/entropy.js";
import { logSoftmax } from "../../lib/tensor/logSoftmax.js";
import { meanPairwiseCosine } from "../../lib/tensor/meanPairwiseCosine.js";
import { nucleus } from "../../lib/tensor/nucleus.js";
import { nucleusCosine } from "../../lib/tensor/nucleusCosine.js";
import { perplexity } from "../../lib/tensor/perplexity.js";
import { softmax } from "../../lib/tensor/softmax.js";
import { tokenLogProbs } from "../../lib/tensor/tokenLogProbs.js";
import { tokenRanks } from "../../lib/tensor/tokenRanks.js";
import { topK } from "../../lib/tensor/topK.js";
import { assertLogitlabError } from "./support.js";

before(async () => {
  await ready();
});

/** Every function taking plain logits, as (logits) → anything, with its context name. */
const OPS: [string, (logits: tf.TensorLike | tf.Tensor) => unknown][] = [
  ["entropy", (x) => entropy(x)],
  ["softmax", (x) => softmax(x)],
  ["logSoftmax", (x) => logSoftmax(x)],
  ["topK", (x) => topK(x, 1)],
  ["nucleus", (x) => nucleus(x, 0.9)],
  ["tokenLogProbs", (x) => tokenLogProbs(x, [0])],
  ["tokenRanks", (x) => tokenRanks(x, [0])],
  ["perplexity", (x) => perplexity(x, [0])],
  ["nucleusCosine", (x) => nucleusCosine(x, [[1, 0], [0, 1]], 0.9)],
];

test("entropy([[\"a\", \"b\"]]) and every other op: a string is a type error naming the op, the argument and the position", () => {
  for (const [name, run] of OPS) {
    assertLogitlabError(() => run([["a", "b"]] as unknown as number[][]), new RegExp(`^${name}: item \\[0, 0\\] field "logits": "a" is a string, not a number$`));
  }
  assertLogitlabError(() => entropy([[0, true]] as unknown as number[][]), /^entropy: item \[0, 1\] field "logits": a boolean value, not a number$/);
  assertLogitlabError(() => softmax([[0, 1], [null, 2]] as unknown as number[][]), /^softmax: item \[1, 0\] field "logits": null value, not a number$/);
  assertLogitlabError(() => topK([[0, {}]] as unknown as number[][], 1), /^topK: item \[0, 1\] field "logits": a Object value, not a number$/);
  assertLogitlabError(() => nucleusCosine([[0, 1]], [[1, 0], ["x", 1]] as unknown as number[][], 0.9), /^nucleusCosine: item \[1, 0\] field "embeddings": "x" is a string/);
  assertLogitlabError(() => meanPairwiseCosine([[1, 0], [undefined, 1]] as unknown as number[][]), /^meanPairwiseCosine: item \[1, 0\] field "vectors": a undefined value, not a number$/);
});

test("[[1e300, 0]] does not fit float32 and says so, in every op; values that round to the largest float32 fit", () => {
  for (const [name, run] of OPS) {
    assertLogitlabError(() => run([[1e300, 0]]), new RegExp(`^${name}: item \\[0, 0\\] field "logits": 1e\\+300 does not fit float32`));
  }
  assertLogitlabError(() => entropy(Float64Array.of(0, -1e39)), /^entropy: item \[1\] field "logits": -1e\+39 does not fit float32/);
  assertLogitlabError(() => meanPairwiseCosine([[1e300, 1]]), /^meanPairwiseCosine: item \[0, 0\] field "vectors": 1e\+300 does not fit float32/);
  const out = softmax([[3.4028235e38, 0]]);
  assert.deepEqual(out.arraySync(), [[1, 0]]);
  out.dispose();
});

test("NaN and ±Infinity in a plain array give exactly what they give in a tensor (the documented behaviour)", () => {
  const rows = [[0, NaN, 1], [0, Infinity, 1], [-Infinity, 0, 1], [0, 1, 2]];
  const plainOf = (value: unknown): unknown => {
    if (value instanceof tf.Tensor) {
      const array = value.arraySync();
      value.dispose();
      return array;
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainOf(item)]));
    }
    return value;
  };
  for (const [name, run] of OPS) {
    const ids = name === "tokenLogProbs" || name === "tokenRanks" || name === "perplexity";
    const call = (x: tf.TensorLike | tf.Tensor) => (ids ? (name === "tokenLogProbs" ? tokenLogProbs(x, [0, 0, 0, 0]) : name === "tokenRanks" ? tokenRanks(x, [0, 0, 0, 0]) : perplexity(x, [0, 0, 0, 0])) : run(x));
    let fromPlain: unknown;
    let plainError: string | undefined;
    try {
      fromPlain = plainOf(call(rows));
    } catch (error) {
      plainError = (error as Error).message;
    }
    const tensor = tf.tensor2d(rows);
    let fromTensor: unknown;
    let tensorError: string | undefined;
    try {
      fromTensor = plainOf(call(tensor));
    } catch (error) {
      tensorError = (error as Error).message;
    }
    tensor.dispose();
    assert.equal(plainError, tensorError, name);
    assert.deepEqual(fromPlain, fromTensor, name);
  }
  // The documented outcomes themselves: topK gives NaN probabilities for a row holding NaN; nucleus names the step.
  const { ids, probs, logProbs } = topK([[0, NaN, 1]], 2);
  assert.ok((probs.arraySync() as number[][])[0].every(Number.isNaN));
  tf.dispose([ids, probs, logProbs]);
  assertLogitlabError(() => nucleus([[0, 1], [0, NaN]], 0.9), /nucleus: step 1 field "logits": .*NaN/);
});

test("nesting deeper than 64 levels is one line, not a stack overflow", () => {
  let deep: unknown = [0];
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assertLogitlabError(() => entropy(deep as number[]), /^entropy: item \[0(, 0){63}\] field "logits": is nested more than 64 levels deep$/);
});

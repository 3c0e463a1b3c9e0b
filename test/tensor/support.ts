/**
 * Shared by the tensor op tests: the float64 reference fixtures written by
 * test/fixtures/tensor/gen.py, a tensor-leak assertion and an error assertion.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tf } from "../../lib/backend/backend.js";
import { LogitlabError } from "../../lib/util/errors.js";

type Nested = number | Nested[];

export interface NucleusReference {
  p: number;
  sizes: number[];
  ids: number[][];
  probs: number[][];
  renormalized: number[][];
  entropy: number[];
}

export interface LogitsCase {
  name: string;
  shape: number[];
  logits: Nested;
  logSoftmax: Nested;
  entropyNats: Nested;
  entropyBits: Nested;
  topK: { k: number; ids: Nested; probs: Nested; logProbs: Nested };
  ids: Nested;
  tokenLogProbs: Nested;
  tokenRanks: Nested;
  perplexity: Nested;
  nucleus?: NucleusReference[];
  embeddings?: number[][];
  nucleusCosine?: { p: number; sizes: number[]; meanCosine: number[] }[];
}

export interface CosineCase {
  name: string;
  vectors: number[][];
  mean: number;
}

/** JSON has no ±Infinity or NaN; gen.py writes them as strings. */
function decode(value: unknown): unknown {
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

const raw = JSON.parse(readFileSync(new URL("../fixtures/tensor/reference.json", import.meta.url), "utf8"));
export const reference = decode(raw) as { logits: LogitsCase[]; meanPairwiseCosine: CosineCase[] };

/** Maps every number of a nested array. */
export function mapNested(value: Nested, f: (x: number) => number): Nested {
  return Array.isArray(value) ? value.map((v) => mapNested(v, f)) : f(value);
}

/** Asserts that `run` leaves tf.memory().numTensors unchanged once its result is disposed. */
export function assertNoLeak(what: string, run: () => unknown): void {
  const before = tf.memory().numTensors;
  const out = run();
  tf.dispose(out as tf.TensorContainer);
  assert.equal(tf.memory().numTensors, before, `${what} leaked ${tf.memory().numTensors - before} tensors`);
}

/** Asserts that `run` throws a LogitlabError whose message matches, without leaking tensors. */
export function assertLogitlabError(run: () => unknown, message: RegExp): void {
  const before = tf.memory().numTensors;
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LogitlabError, `expected a LogitlabError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
  assert.equal(tf.memory().numTensors, before, `the failed call leaked ${tf.memory().numTensors - before} tensors`);
}

/** Runs `f` on `values` (a tensor, or nested arrays made into one) and then disposes that tensor. */
export function withTensor<T>(values: tf.TensorLike | tf.Tensor, f: (x: tf.Tensor) => T): T {
  const x = values instanceof tf.Tensor ? values : tf.tensor(values);
  try {
    return f(x);
  } finally {
    x.dispose();
  }
}

/** Runs `op` and returns arraySync() of its tensor result, disposing it. */
export function values(op: () => tf.Tensor): unknown {
  const out = op();
  try {
    return out.arraySync();
  } finally {
    out.dispose();
  }
}

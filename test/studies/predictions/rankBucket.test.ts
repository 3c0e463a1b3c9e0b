// rankBucket and minMaxScale on hand-made inputs: bucket edges, NaN, bad ranks; scaling, constants, infinities.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RANK_BUCKETS, rankBucket } from "../../../lib/studies/predictions/rankBucket.js";
import { minMaxScale } from "../../../lib/studies/predictions/minMaxScale.js";
import { LogitlabError } from "../../../lib/util/errors.js";

test("rankBucket(rank) puts ranks 1–10, 11–100, 101–1000 and beyond into buckets 0, 1, 2, 3 (edges inclusive)", () => {
  const cases: [number, number][] = [[1, 0], [2, 0], [10, 0], [11, 1], [100, 1], [101, 2], [1000, 2], [1001, 3], [50257, 3]];
  for (const [rank, bucket] of cases) assert.equal(rankBucket(rank), bucket, `rank ${rank}`);
  assert.deepEqual([...RANK_BUCKETS], ["top-10", "top-100", "top-1000", "beyond 1000"]);
});

test("rankBucket gives NaN for a token without a prediction and rejects ranks below 1", () => {
  assert.ok(Number.isNaN(rankBucket(NaN)));
  for (const bad of [0, -3, 0.5]) assert.throws(() => rankBucket(bad), (e: unknown) => e instanceof LogitlabError && /rank must be ≥ 1/.test(e.message), String(bad));
});

test("minMaxScale(values) maps the finite minimum to 0 and maximum to 1, linearly, keeping NaN", () => {
  const scaled = Array.from(minMaxScale([NaN, -8, -6, -2, -4]));
  assert.ok(Number.isNaN(scaled[0]));
  assert.deepEqual(scaled.slice(1), [0, 1 / 3, 1, 2 / 3]);
});

test("minMaxScale gives 0.5 for constant values, clamps ±Infinity, and all NaN without a finite value", () => {
  assert.deepEqual(Array.from(minMaxScale([-3, -3, -3])), [0.5, 0.5, 0.5]);
  assert.deepEqual(Array.from(minMaxScale([-Infinity, -2, 0, Infinity])), [0, 0, 1, 1]);
  assert.ok(Array.from(minMaxScale([NaN, Infinity])).every(Number.isNaN));
  assert.deepEqual(Array.from(minMaxScale([])), []);
});

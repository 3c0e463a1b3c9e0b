// A full-vocabulary top_k (here 2·10^5 entries; 10^6 takes about 3 s) is sorted and checked for repeated ids in O(n log n), not
// the O(n²) of the insertion sort and pairwise checks that once took over 420 s for one step.
// No timing is asserted (CI machines vary); a quadratic regression would hang this file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";
import { fastParseRunFile } from "../../../lib/studies/stability/fastParseRunFile.js";
import { sortTopK } from "../../../lib/studies/stability/sortTopK.js";
import { repeatedTopKId } from "../../../lib/studies/stability/repeatedTopKId.js";
import { seededRandom } from "../../../lib/util/seededRandom.js";

const N = 200_000;

/** One step whose top_k holds ids 0 … n−1 in ascending order with probabilities rising (so the list is reversed). */
function bigStep(n: number, repeat?: number): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`{"id":${i === n - 1 && repeat !== undefined ? repeat : i},"prob":${((i + 1) / n / 2).toPrecision(6)}}`);
  return new TextEncoder().encode(`{"execution_data":[{"id":0,"prob":0.5,"top_k":[${parts.join(",")}]}]}`);
}

test("parseRunFile reads one step whose top_k has 2·10^5 entries, sorted by probability", () => {
  const bytes = bigStep(N);
  const fast = fastParseRunFile(bytes, "execution_data");
  assert.ok(fast, "the fast path takes a long list");
  const [step] = parseRunFile(bytes, "reference", "big.json");
  assert.equal(step.topIds.length, N);
  assert.equal(step.topIds[0], N - 1);
  assert.equal(step.topIds[N - 1], 0);
  let descending = true;
  for (let i = 1; i < N; i++) descending &&= step.topProbs[i - 1] >= step.topProbs[i];
  assert.ok(descending);
});

test("parseRunFile rejects a 2·10^5-entry top_k whose last entry repeats an id", () => {
  const bytes = bigStep(N, 17);
  assert.equal(fastParseRunFile(bytes, "execution_data"), undefined);
  assert.throws(() => parseRunFile(bytes, "reference", "big.json"), /big\.json step 0: top_k repeats id 17$/);
});

test("sortTopK's long-list path gives the insertion sort's order, ties by id", () => {
  const random = seededRandom(13);
  for (const n of [33, 100, 1000]) {
    const ids = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 100003);
    const probs = Float64Array.from({ length: n }, () => Math.floor(random() * 8) / 8);
    const expected = Array.from(ids, (id, i) => [probs[i], id]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    sortTopK(ids, probs);
    assert.deepEqual(Array.from(ids), expected.map((e) => e[1]));
    assert.deepEqual(Array.from(probs), expected.map((e) => e[0]));
  }
});

test("repeatedTopKId finds the first repeat in list order, short and long lists alike", () => {
  assert.equal(repeatedTopKId(Int32Array.of(1, 2, 3)), undefined);
  assert.equal(repeatedTopKId(Int32Array.of(9, 4, 9, 4)), 9);
  const long = Int32Array.from({ length: 100 }, (_, i) => i);
  assert.equal(repeatedTopKId(long), undefined);
  long[80] = 50;
  long[90] = 10;
  assert.equal(repeatedTopKId(long), 50);
});

test("repeatedTopKId on short lists (its hash table) agrees with a plain double loop on 20,000 random lists, colliding ids included", () => {
  const random = seededRandom(11);
  const naive = (ids: Int32Array): number | undefined => {
    for (let i = 1; i < ids.length; i++) for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return ids[i];
    return undefined;
  };
  // Ids that all land in the table's first slot (its hash: the top 6 bits of id × 0x9e3779b1), so
  // that lists of them walk the probing path.
  const sameSlot: number[] = [];
  for (let id = 0; sameSlot.length < 40; id++) if (Math.imul(id, 0x9e3779b1) >>> 26 === 0) sameSlot.push(id);
  let repeats = 0;
  for (let trial = 0; trial < 20000; trial++) {
    const n = 1 + Math.floor(random() * 32);
    // Small ranges make repeats common.
    const range = [40, 1000, 2 ** 31 - 1][trial % 3];
    const ids = Int32Array.from({ length: n }, () => (trial % 5 === 0 ? sameSlot[Math.floor(random() * sameSlot.length)] : Math.floor(random() * range)));
    const expected = naive(ids);
    if (expected !== undefined) repeats++;
    assert.equal(repeatedTopKId(ids), expected, `ids ${Array.from(ids).join(",")}`);
  }
  assert.ok(repeats > 2000 && repeats < 18000, `both outcomes exercised (${repeats} lists with a repeat)`);
});

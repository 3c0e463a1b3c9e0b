// fastParseRunFile accepts a subset of what the general path (JSON.parse + validation) accepts and,
// on it, returns the same steps: checked on the fixture files, on hand-picked cases and on thousands
// of random mutations of a valid file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fastParseRunFile } from "../../../lib/studies/stability/fastParseRunFile.js";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";
import type { RunStep } from "../../../lib/studies/stability/types.js";

const data = join(import.meta.dirname, "..", "..", "fixtures", "stability", "data");
const bytes = (text: string) => new TextEncoder().encode(text);
const plain = (steps: RunStep[]) => steps.map((s) => ({ id: s.id, prob: s.prob, ids: Array.from(s.topIds), probs: Array.from(s.topProbs) }));

/** The general path on a string (never the fast path), or the error message. */
function general(text: string, key: "execution_data" | "check_data"): ReturnType<typeof plain> | string {
  try {
    return plain(parseRunFile(text, key === "execution_data" ? "reference" : "check", "f.json"));
  } catch (error) {
    return (error as Error).message;
  }
}

/** Asserts: the fast path either declines, or agrees with the general path (which then succeeds). */
function agrees(text: string, key: "execution_data" | "check_data" = "execution_data"): "fast" | "declined" {
  const fast = fastParseRunFile(bytes(text), key);
  if (fast === undefined) return "declined";
  const slow = general(text, key);
  assert.notEqual(typeof slow, "string", `fast path accepted what the general path rejects (${slow}):\n${text}`);
  assert.deepEqual(plain(fast), slow, `fast and general paths differ on:\n${text}`);
  return "fast";
}

test("fastParseRunFile reads every fixture file exactly as JSON.parse + validation does", () => {
  let files = 0;
  for (const folder of readdirSync(data)) {
    for (const name of readdirSync(join(data, folder))) {
      const text = readFileSync(join(data, folder, name), "utf8");
      assert.equal(agrees(text, folder === "db_13" ? "check_data" : "execution_data"), "fast", `${folder}/${name} should take the fast path`);
      files++;
    }
  }
  assert.ok(files >= 18);
});

test("fastParseRunFile rounds numbers exactly as JSON.parse: short, 17-digit, exponent forms", () => {
  const numbers = ["0", "1", "0.5", "1.0", "0.1", "0.30000000000000004", "0.012345678918063641", "1e-05", "5E-1", "2.5e-3",
    "0.000001", "1.000001", "9.999999999999999e-1", "0.99999999999999999999", "1e-320", "4.9406564584124654e-324", "0.0000000000000000000000001"];
  for (const n of numbers) {
    const text = `{"execution_data": [{"id": 1, "prob": ${n}, "top_k": [{"id": 1, "prob": ${n}}]}]}`;
    agrees(text);
    const fast = fastParseRunFile(bytes(text), "execution_data");
    if (fast) assert.equal(fast[0].prob, Number(n), n);
  }
  // Random doubles in every notation JavaScript and Python produce.
  let seed = 11;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 3000; i++) {
    const x = next() ** (1 + 20 * next());
    for (const n of [String(x), x.toPrecision(1 + (i % 17)), x.toExponential(i % 16), x.toFixed(i % 20)]) {
      const fast = fastParseRunFile(bytes(`{"check_data":[{"id":0,"prob":${n},"top_k":[{"id":0,"prob":${n}}]}]}`), "check_data");
      assert.ok(fast, n);
      assert.equal(fast[0].prob, Number(n), n);
      assert.equal(fast[0].topProbs[0], Number(n), n);
    }
  }
});

test("fastParseRunFile declines what it does not handle, and skips keys it does not use", () => {
  const step = '{"id": 3, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.5}]}';
  const declined = [
    `\uFEFF{"execution_data": [${step}]}`,
    `{"execution_data": [${step}], "execution_data": [${step}]}`,
    `{"execution_data": [{"id": 3, "id": 4, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.5}]}]}`,
    `{"execution_data": [{"id": 3.0, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.5}]}]}`,
    `{"execution_data": [{"id": 3, "prob": -0, "top_k": [{"id": 3, "prob": 0.5}]}]}`,
    `{"execution_data": [{"id": 3, "prob": NaN, "top_k": [{"id": 3, "prob": 0.5}]}]}`,
    `{"execution_data": [{"id": 3, "prob": 0.5, "top_k": []}]}`,
    `{"execution_data": [{"id": 3, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.5}, {"id": 3, "prob": 0.2}]}]}`,
    `{"execution_data": [{"id": 3, "prob": 1.5, "top_k": [{"id": 3, "prob": 0.5}]}]}`,
    `{"execution_data": [${step}], "note": "bad \\q escape"}`,
    `{"execution_data": [${step}], "n": 01}`,
    `{"execution_data": [${step}],}`,
    `{"execution_data": []}`,
    `{"\\u0065xecution_data": [${step}]}`,
  ];
  for (const text of declined) {
    assert.equal(fastParseRunFile(bytes(text), "execution_data"), undefined, text);
    agrees(text);
  }
  const skipped = [
    `{"model": {"name": "gpt-2", "layers": [1, 2, {"x": null}], "ok": true}, "execution_data": [${step}], "seed": -1.5e3}`,
    `{"execution_data": [{"token": "caf\\u00e9 \\"quoted\\" \\\\", "id": 3, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.5, "token": "é"}]}]}`,
    ` \n\t{ "execution_data" : [ ${step} ] } \r\n`,
    `{"execution_data": [{"top_k": [{"prob": 0.5, "id": 3}], "prob": 0.5, "id": 3}]}`,
  ];
  for (const text of skipped) assert.equal(agrees(text), "fast", text);
});

test("fastParseRunFile agrees with the general path on 5,000 random mutations of a valid file", () => {
  const base = JSON.stringify({
    execution_data: [
      { id: 5, prob: 0.25, top_k: [{ id: 7, prob: 0.5 }, { id: 5, prob: 0.25 }, { id: 2, prob: 0.25 }] },
      { id: 12, prob: 0.000125, top_k: [{ id: 12, prob: 0.9 }, { id: 1, prob: 1e-7 }] },
    ],
    extra: ["a\\b", 1.5e-3, { z: [] }],
  }, null, 1);
  const alphabet = '{}[],:" 0123456789.eE+-\\uNaInfity_dkprobtxe\n';
  let seed = 5;
  const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  const counts = { fast: 0, declined: 0 };
  for (let i = 0; i < 5000; i++) {
    let text = base;
    for (let edits = 1 + next(3); edits > 0; edits--) {
      const at = next(text.length);
      const kind = next(4);
      const char = alphabet[next(alphabet.length)];
      if (kind === 0) text = text.slice(0, at) + text.slice(at + 1);
      else if (kind === 1) text = text.slice(0, at) + char + text.slice(at);
      else if (kind === 2) text = text.slice(0, at) + char + text.slice(at + 1);
      else text = text.slice(0, at) + text.slice(at, at + next(12)) + text.slice(at);
    }
    counts[agrees(text)]++;
  }
  assert.ok(counts.fast > 300 && counts.declined > 300, JSON.stringify(counts));
});

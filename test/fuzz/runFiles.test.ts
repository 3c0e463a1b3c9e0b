// Mutation fuzzer for the run-file readers (issue #13): seeded mutations of the bundled run files —
// byte flips, truncations, deletions, duplicated ranges and inserted tokens (1e999, -0, "\u0000",
// {, deep nesting, NaN, ids beyond 2^53, repeated keys, a byte order mark) — each parsed with a
// per-input time bound. Asserted for every input:
//   - parseRunFile returns steps or throws a LogitlabError (no other exception, no hang);
//   - the fast reader and the general path agree: when fastParseRunFile accepts, the general path
//     (JSON.parse + checks) accepts with the same steps; when the general path rejects, the fast
//     reader declines (returns undefined).
// A failure prints the seed and input index; the mutated bytes are reproducible from them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fastParseRunFile } from "../../lib/studies/stability/fastParseRunFile.js";
import { parseRunFile } from "../../lib/studies/stability/parseRunFile.js";
import type { RunStep } from "../../lib/studies/stability/types.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { seededRandom } from "../../lib/util/seededRandom.js";

const SEED = 1313;
const INPUTS = 1200;
/** Per-input bound (generous: a 2-core CI machine under load); a quadratic or looping path blows it. */
const PER_INPUT_MS = 2000;

const data = join(import.meta.dirname, "..", "..", "data", "stability");
const seeds: { bytes: Uint8Array; role: "reference" | "check" }[] = [];
for (const dir of ["db_1", "db_13"]) {
  for (const name of readdirSync(join(data, dir)).filter((n) => n.endsWith(".json")).sort().slice(0, 2)) {
    // A plain Uint8Array: Buffer#slice would be a view, and the mutations would corrupt the seed.
    seeds.push({ bytes: new Uint8Array(readFileSync(join(data, dir, name))), role: dir === "db_13" ? "check" : "reference" });
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const TOKENS = [
  "1e999", "-1e999", "-0", "-0.0", '"\\u0000"', "{", "}", "[", "]", ",", ":", "NaN", "Infinity", "-Infinity", "null", "true",
  "9007199254740993", "2147483648", "1.5", "0.0", "1e-400", '"id": 1, ', '"prob": 0.5, ', '"top_k": [], ', '"x": 1, "x": 2, ',
  "\ufeff", "\u0000", '"\ud800"', '"\\ud800"', "\u00e9", '"\\"', "01", "1.", ".5", "+1", "1e", "[".repeat(5000), "{\"a\":".repeat(2000),
];

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = (n: number) => Math.floor(random() * n);
  let out = bytes;
  const rounds = 1 + at(2);
  for (let r = 0; r < rounds; r++) {
    const n = out.length;
    const pos = at(n + 1);
    switch (at(9)) {
      case 6: // a digit for another digit (often still valid: the readers must agree on the value)
      case 7: {
        out = out.slice();
        for (let p = pos; p < n; p++) {
          if (out[p] >= 0x30 && out[p] <= 0x39) {
            out[p] = 0x30 + at(10);
            break;
          }
        }
        break;
      }
      case 8: // whitespace where whitespace is (valid JSON stays valid)
        out = concat(out.subarray(0, pos), enc([" ", "\n", "\t", "\r\n"][at(4)]), out.subarray(pos));
        break;
      case 0: { // flip one byte to a random value
        out = out.slice();
        if (n) out[Math.min(pos, n - 1)] = at(256);
        break;
      }
      case 1: // truncate
        out = out.subarray(0, pos);
        break;
      case 2: { // delete a short range
        const len = 1 + at(16);
        out = concat(out.subarray(0, pos), out.subarray(Math.min(n, pos + len)));
        break;
      }
      case 3: { // duplicate a range
        const len = 1 + at(200);
        out = concat(out.subarray(0, pos), out.subarray(pos, pos + len), out.subarray(pos));
        break;
      }
      default: // insert a token
        out = concat(out.subarray(0, pos), enc(TOKENS[at(TOKENS.length)]), out.subarray(pos));
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function same(a: RunStep[], b: RunStep[]): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    const y = b[t];
    if (x.id !== y.id || !Object.is(x.prob, y.prob) || x.topIds.length !== y.topIds.length) return false;
    for (let j = 0; j < x.topIds.length; j++) if (x.topIds[j] !== y.topIds[j] || !Object.is(x.topProbs[j], y.topProbs[j])) return false;
  }
  return true;
}

test(`run-file readers on ${INPUTS} seeded mutations: steps or a LogitlabError, and the fast and general paths agree`, () => {
  const random = seededRandom(SEED);
  let accepted = 0;
  let fastAccepted = 0;
  for (let i = 0; i < INPUTS; i++) {
    const seed = seeds[i % seeds.length];
    const bytes = mutate(seed.bytes, random);
    const where = `seed ${SEED} input ${i}`;
    const started = performance.now();
    let steps: RunStep[] | undefined;
    let rejected: unknown;
    try {
      steps = parseRunFile(bytes, seed.role, "fuzz.json");
    } catch (error) {
      rejected = error;
    }
    if (rejected !== undefined) assert.ok(rejected instanceof LogitlabError, `${where}: threw ${String(rejected)}`);
    // The general path alone (text in: JSON.parse and the checks, no fast reader).
    let general: RunStep[] | undefined;
    try {
      general = parseRunFile(Buffer.from(bytes).toString("utf8"), seed.role, "fuzz.json");
    } catch (error) {
      assert.ok(error instanceof LogitlabError, `${where}: general path threw ${String(error)}`);
    }
    const key = seed.role === "reference" ? "execution_data" : "check_data";
    const noBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    const fast = fastParseRunFile(noBom, key);
    if (fast) {
      fastAccepted++;
      assert.ok(general, `${where}: the fast reader accepted what the general path rejects`);
      assert.ok(same(fast, general), `${where}: the fast reader and the general path read different steps`);
    }
    assert.equal(steps !== undefined, general !== undefined, `${where}: bytes and text disagree on accept/reject`);
    if (steps) accepted++;
    const ms = performance.now() - started;
    assert.ok(ms < PER_INPUT_MS, `${where}: took ${ms.toFixed(0)} ms`);
  }
  // The mutations must exercise both outcomes and both readers, or the fuzzer tests nothing.
  assert.ok(accepted > 20 && accepted < INPUTS - 100, `accepted ${accepted} of ${INPUTS}`);
  assert.ok(fastAccepted > 10, `fast reader accepted ${fastAccepted}`);
});

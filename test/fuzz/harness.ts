// Shared by the input fuzzers of issue #13 (config files, checkpoints, tokenizer.json): seeded JSON-aware
// mutations and one loop that runs a surface on every mutated input and asserts, for each:
//   - no crash: the surface returns, or throws a LogitlabError (any other exception fails the test);
//   - no stack trace: the message is one line without "at file:line:col" frames;
//   - no hang: each input finishes within PER_INPUT_MS (a backtracking or quadratic path blows it);
//   - bounded memory: the heap stays under HEAP_LIMIT after every input, and no tfjs tensor is left;
//   - no partial output: the surface's folder holds exactly the files the fuzzer wrote;
//   - no file of the folder left open (Linux: /proc/self/fd).
// A failure names the surface, the seed and the input index; the input is reproducible from them.
import assert from "node:assert/strict";
import { readdirSync, readlinkSync } from "node:fs";
import { tf } from "../../lib/backend/backend.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { seededRandom } from "../../lib/util/seededRandom.js";

/** Per-input bound (generous: a 2-core CI machine under load). */
export const PER_INPUT_MS = 2000;
/** Heap bound after any input (the inputs are kilobytes; a runaway allocation shows here). */
export const HEAP_LIMIT = 1024 * 1024 * 1024;

const enc = (s: string) => new TextEncoder().encode(s);

/** Values that break configs and headers: out-of-range sizes, wrong types, non-finite spellings, hostile strings. */
export const HOSTILE_VALUES = [
  "0", "-3", "1e9", "1e300", "-1", "1.5", "-0", "2147483648", "9007199254740993", "4398046511104", "1e-400", "1e999",
  "null", "true", "false", "[]", "{}", '""', '"2"', '"../x"', '"/etc/passwd"', '"\\u0000"', '"\\ud800"', "[1, 2, 3]",
  '{"a": 1}', '"(a+)+$"', '"(a|a)*b"', '"\\\\1"', "NaN", "Infinity", "0x10",
];

/** Structural tokens inserted at random byte positions. */
const TOKENS = ["{", "}", "[", "]", ",", ":", '"', "\\", "\ufeff", "\u0000", "\u001b[31m", '"k": 1, "k": 2, ', '"__proto__": {}, ', "[".repeat(3000), '{"a":'.repeat(1000)];

/**
 * One seeded mutation of a JSON text: 1–2 rounds of replacing a value (number, string, literal) with a
 * hostile one, deleting or duplicating a member, a digit swap, a byte flip, a truncation, or a token
 * insertion. About half of the results are still valid JSON, so the checks behind the parser run too.
 */
export function mutateJson(bytes: Uint8Array, random: () => number, extraValues: string[] = []): Uint8Array {
  const at = (n: number) => Math.floor(random() * n);
  const values = [...HOSTILE_VALUES, ...extraValues];
  // A plain copy: Buffer#slice would be a view, and the mutations would corrupt the caller's seed.
  let out = new Uint8Array(bytes);
  const rounds = random() < 0.3 ? 2 : 1;
  for (let r = 0; r < rounds; r++) {
    const text = new TextDecoder().decode(out);
    const n = out.length;
    const pos = at(n + 1);
    const kind = at(12);
    if (kind <= 5) {
      // Replace one JSON value (number, string, true/false/null) after a ":" or in an array (not a key).
      const literals = [...text.matchAll(/(?<=[:[,]\s*)(-?\d[\d.eE+-]*|"(?:[^"\\]|\\.)*"|true|false|null)(?!\s*:)/g)];
      if (literals.length > 0) {
        const m = literals[at(literals.length)];
        out = enc(text.slice(0, m.index) + values[at(values.length)] + text.slice(m.index! + m[0].length));
        continue;
      }
    }
    switch (kind) {
      case 6: { // delete one "key": value member
        const members = [...text.matchAll(/"(?:[^"\\]|\\.)*"\s*:\s*(-?\d[\d.eE+-]*|"(?:[^"\\]|\\.)*"|true|false|null)\s*,?/g)];
        if (members.length > 0) {
          const m = members[at(members.length)];
          out = enc(text.slice(0, m.index) + text.slice(m.index! + m[0].length));
        }
        break;
      }
      case 7: { // a digit for another digit
        out = out.slice();
        for (let p = pos; p < n; p++) {
          if (out[p] >= 0x30 && out[p] <= 0x39) {
            out[p] = 0x30 + at(10);
            break;
          }
        }
        break;
      }
      case 8: // flip one byte
        out = out.slice();
        if (n) out[Math.min(pos, n - 1)] = at(256);
        break;
      case 9: // truncate
        out = out.subarray(0, pos);
        break;
      case 10: { // duplicate a range
        const len = 1 + at(100);
        out = concat(out.subarray(0, pos), out.subarray(pos, pos + len), out.subarray(pos));
        break;
      }
      default: // insert a token
        out = concat(out.subarray(0, pos), enc(TOKENS[at(TOKENS.length)]), out.subarray(pos));
    }
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** What one fuzzed surface did: inputs accepted and rejected, the slowest input. */
export interface FuzzReport {
  inputs: number;
  accepted: number;
  rejected: number;
  slowestMs: number;
}

/**
 * Runs `run(input index, random)` for `inputs` inputs and asserts the properties listed at the top of
 * this file. `folder` is the surface's working folder and `files` the names the fuzzer writes there.
 */
export async function fuzz(
  surface: string, seed: number, inputs: number, folder: string, files: string[], run: (i: number, random: () => number) => unknown,
): Promise<FuzzReport> {
  const random = seededRandom(seed);
  const report: FuzzReport = { inputs, accepted: 0, rejected: 0, slowestMs: 0 };
  const tensors = tf.memory().numTensors;

  const expectedFiles = [...files].sort();
  for (let i = 0; i < inputs; i++) {
    const where = `${surface}: seed ${seed} input ${i}`;
    const started = performance.now();
    let caught: unknown;
    try {
      await run(i, random);
    } catch (error) {
      caught = error;
    }
    const ms = performance.now() - started;
    report.slowestMs = Math.max(report.slowestMs, ms);
    if (caught === undefined) {
      report.accepted++;
    } else {
      report.rejected++;
      assert.ok(caught instanceof LogitlabError, `${where}: crashed with ${caught instanceof Error ? caught.stack : String(caught)}`);
      assert.ok(!caught.message.includes("\n") && !/\bat \S+:\d+:\d+/.test(caught.message), `${where}: message is not one line: ${caught.message}`);
    }
    assert.ok(ms < PER_INPUT_MS, `${where}: took ${ms.toFixed(0)} ms`);
    assert.equal(tf.memory().numTensors, tensors, `${where}: left ${tf.memory().numTensors - tensors} tensors`);
    assert.ok(process.memoryUsage().heapUsed < HEAP_LIMIT, `${where}: heap ${process.memoryUsage().heapUsed} bytes`);
    assert.deepEqual(readdirSync(folder).sort(), expectedFiles, `${where}: the folder holds other files than the inputs`);
    assert.deepEqual(descriptorsInto(folder), [], `${where}: left a file of the folder open`);
  }
  return report;
}

/** This process's open descriptors that point into `folder` (Linux; none where /proc/self/fd does not exist). */
function descriptorsInto(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync("/proc/self/fd");
  } catch {
    return [];
  }
  return names.flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(folder + "/") ? [target] : [];
    } catch {
      return [];
    }
  });
}

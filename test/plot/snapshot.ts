// Spec snapshots: a figure's JSON with every number rounded to 3 decimals, kept in
// test/plot/__snapshots__/<name>.json. A snapshot is written only with LOGITLAB_UPDATE_SNAPSHOTS=1
// (review the diff, then commit it); a missing or different snapshot otherwise fails the test.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../../lib/io/atomicWrite.js";

const DIR = join(import.meta.dirname, "__snapshots__");
export const UPDATE = process.env.LOGITLAB_UPDATE_SNAPSHOTS === "1";
const HOW = "LOGITLAB_UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs test/plot";

/** A deep copy with numbers rounded to 3 decimals (−0 as 0) and undefined object entries dropped. */
export function rounded(value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    const r = Math.round(value * 1000) / 1000;
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

/** Compares `value` (rounded) with the stored snapshot `name`; writes it instead when updating. */
export function matchSnapshot(name: string, value: unknown): "matched" | "written" {
  const path = join(DIR, `${name}.json`);
  const actual = rounded(value);
  const text = JSON.stringify(actual, null, 1) + "\n";
  if (UPDATE) {
    writeFileAtomicSync(path, text);
    return "written";
  }
  assert.ok(existsSync(path), `no snapshot ${path}; write it with \`${HOW}\`, review and commit it`);
  const expected = JSON.parse(readFileSync(path, "utf8"));
  assert.deepEqual(actual, expected, `figure spec differs from snapshot ${name}.json; if the change is intended, update with \`${HOW}\``);
  return "matched";
}

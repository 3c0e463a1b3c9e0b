/**
 * Shared by the statistics tests: reading the fixtures written by test/fixtures/stats/gen.py
 * (JSON null stands for NaN) and asserting a LogitlabError with an exact message.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LogitlabError } from "../../lib/util/errors.js";

/** Reads test/fixtures/stats/<name>, turning JSON null back into NaN. */
export function readFixture<T>(name: string): T {
  const text = readFileSync(new URL(`../fixtures/stats/${name}`, import.meta.url), "utf8");
  return JSON.parse(text, (_key, value) => (value === null ? Number.NaN : value)) as T;
}

/** Asserts that `run` throws a LogitlabError whose message is exactly `message` (or matches it). */
export function assertLogitlabError(run: () => unknown, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LogitlabError, `expected a LogitlabError, got ${String(error)}`);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

/** x_i = (7919 i) mod 10007, y_i = x_i + noise·((104729 i) mod 10007): integer data gen.py builds the same way. */
export function lcgPairs(n: number, noise: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (i * 7919) % 10007;
    y[i] = x[i] + noise * ((i * 104729) % 10007);
  }
  return { x, y };
}

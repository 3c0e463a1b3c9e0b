/**
 * Reads the fixtures written by test/fixtures/studystats/gen.py (JSON null stands for NaN).
 */
import { readFileSync } from "node:fs";

/** Reads test/fixtures/studystats/<name>, turning JSON null back into NaN. */
export function readStudyFixture<T>(name: string): T {
  const text = readFileSync(new URL(`../fixtures/studystats/${name}`, import.meta.url), "utf8");
  return JSON.parse(text, (_key, value) => (value === null ? Number.NaN : value)) as T;
}

import { test } from "node:test";
import assert from "node:assert/strict";
import { normalQuantile } from "../../lib/stats/normalQuantile.js";
import { assertClose, FLOAT64_SPECIAL } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";
import { readStudyFixture } from "./studyFixtures.js";

const { cases } = readStudyFixture<{ cases: { p: number; z: number }[] }>("normalQuantile.json");

test("normalQuantile(p) matches scipy.special.ndtri from p = 1e-300 to 1 − 1e-10, across AS 241's three regions", () => {
  assert.ok(cases.length >= 25);
  for (const c of cases) assertClose(normalQuantile(c.p), c.z, FLOAT64_SPECIAL, `ndtri(${c.p})`);
});

test("normalQuantile is odd around ½ and gives ∓Infinity at 0 and 1", () => {
  assert.equal(normalQuantile(0.5), 0);
  assert.equal(normalQuantile(0.75), -normalQuantile(0.25)); // 1 − p exact: the same |p − ½|
  assert.equal(normalQuantile(1 - 2 ** -20), -normalQuantile(2 ** -20));
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
});

test("normalQuantile rejects p outside [0, 1] and NaN", () => {
  assertLogitlabError(() => normalQuantile(1.5), "normalQuantile: p = 1.5 is outside [0, 1]");
  assertLogitlabError(() => normalQuantile(-0.1), "normalQuantile: p = -0.1 is outside [0, 1]");
  assertLogitlabError(() => normalQuantile(Number.NaN), "normalQuantile: p = NaN is outside [0, 1]");
});

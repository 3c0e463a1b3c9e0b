// parseRunFile: the format rules and every bad-input case of the issue, each with its reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const step = (over: Record<string, unknown> = {}) => ({ id: 7, prob: 0.5, top_k: [{ id: 7, prob: 0.5 }, { id: 3, prob: 0.2 }], ...over });
const file = (steps: unknown[], key = "execution_data") => JSON.stringify({ [key]: steps });

/** Asserts parseRunFile rejects `text` with a LogitlabError whose position and reason match. */
function rejects(text: string, position: string | undefined, reason: RegExp, role: "reference" | "check" = "reference") {
  assert.throws(() => parseRunFile(text, role, "db_1/a.json"), (error: unknown) => {
    assert.ok(error instanceof LogitlabError, `expected a LogitlabError, got ${error}`);
    assert.equal(error.file, "db_1/a.json");
    assert.equal(error.position, position);
    assert.match(error.reason, reason);
    return true;
  });
}

test("parseRunFile sorts top_k by probability descending, ties by id ascending", () => {
  const steps = parseRunFile(file([step({ top_k: [{ id: 5, prob: 0.2 }, { id: 3, prob: 0.2 }, { id: 9, prob: 0.5 }, { id: 1, prob: 0.1 }] })]), "reference", "a.json");
  assert.deepEqual(Array.from(steps[0].topIds), [9, 3, 5, 1]);
  assert.deepEqual(Array.from(steps[0].topProbs), [0.5, 0.2, 0.2, 0.1]);
  assert.equal(steps[0].id, 7);
  assert.equal(steps[0].prob, 0.5);
});

test("parseRunFile reads check files from check_data", () => {
  assert.equal(parseRunFile(file([step(), step()], "check_data"), "check", "c.json").length, 2);
});

test("parseRunFile allows probabilities up to 1 + 1e-6 and zero", () => {
  const steps = parseRunFile(file([step({ prob: 1 + 5e-7 }), step({ prob: 0 })]), "reference", "a.json");
  assert.equal(steps[0].prob, 1 + 5e-7);
  assert.equal(steps[1].prob, 0);
});

test("parseRunFile rejects a file that is not JSON", () => {
  rejects('{"execution_data": [', undefined, /^not valid JSON/);
  rejects("", undefined, /^not valid JSON/);
});

test("parseRunFile rejects a file without execution_data / check_data and hints at the wrong folder", () => {
  rejects(file([step()], "data"), undefined, /missing key "execution_data"$/);
  rejects(file([step()], "check_data"), undefined, /missing key "execution_data" \(it has "check_data": is it in the wrong folder\?\)/);
  rejects(file([step()], "execution_data"), undefined, /missing key "check_data"/, "check");
  rejects("[1, 2]", undefined, /top level is not a JSON object/);
  rejects(JSON.stringify({ execution_data: { a: 1 } }), undefined, /"execution_data" is not a list/);
  rejects(file([]), undefined, /"execution_data" has no steps/);
});

test("parseRunFile names the step of a NaN probability, also when Python wrote a bare NaN", () => {
  rejects('{"execution_data": [' + JSON.stringify(step()) + ', {"id": 1, "prob": NaN, "top_k": [{"id": 1, "prob": 0.5}]}]}', "step 1", /^prob is NaN$/);
  rejects('{"execution_data": [{"id": 1, "prob": 0.5, "top_k": [{"id": 1, "prob": NaN}]}]}', "step 0", /^top_k\[0\]\.prob is NaN$/);
  rejects('{"execution_data": [{"id": 1, "prob": Infinity, "top_k": [{"id": 1, "prob": 0.5}]}]}', "step 0", /prob is Infinity/);
});

test("parseRunFile rejects a negative probability and one above 1 + 1e-6", () => {
  rejects(file([step(), step(), step({ prob: -0.01 })]), "step 2", /^prob -0\.01 is negative$/);
  rejects(file([step({ prob: 1.5 })]), "step 0", /^prob 1\.5 is above 1/);
  rejects(file([step({ prob: 1 + 2e-6 })]), "step 0", /is above 1/);
  rejects(file([step({ top_k: [{ id: 1, prob: 1.01 }] })]), "step 0", /^top_k\[0\]\.prob 1\.01 is above 1/);
  rejects(file([step({ prob: "0.5" })]), "step 0", /^prob must be a number, got "0\.5"$/);
  rejects(file([step({ prob: undefined })]), "step 0", /^prob is missing$/);
});

test("parseRunFile rejects malformed ids", () => {
  rejects(file([step({ id: 1.5 })]), "step 0", /^id must be an integer, got 1\.5$/);
  rejects(file([step({ id: -1 })]), "step 0", /^id -1 is not a token id/);
  rejects(file([step({ id: undefined })]), "step 0", /^id is missing$/);
  rejects(file(["x"]), "step 0", /^not an object$/);
});

test("parseRunFile rejects a malformed top_k with the step and entry", () => {
  rejects(file([step({ top_k: undefined })]), "step 0", /^top_k is missing$/);
  rejects(file([step({ top_k: { id: 1, prob: 0.5 } })]), "step 0", /^top_k is not a list \(got an object\)$/);
  rejects(file([step({ top_k: [] })]), "step 0", /^top_k is empty$/);
  rejects(file([step(), step({ top_k: [{ id: 1, prob: 0.5 }, 3] })]), "step 1", /^top_k\[1\] is not an object$/);
  rejects(file([step({ top_k: [{ id: 1 }] })]), "step 0", /^top_k\[0\]\.prob is missing$/);
  rejects(file([step({ top_k: [{ prob: 0.2 }] })]), "step 0", /^top_k\[0\]\.id is missing$/);
  rejects(file([step({ top_k: [{ id: "a", prob: 0.2 }] })]), "step 0", /^top_k\[0\]\.id must be an integer, got "a"$/);
  rejects(file([step({ top_k: [{ id: 4, prob: 0.2 }, { id: 2, prob: 0.3 }, { id: 4, prob: 0.1 }] })]), "step 0", /^top_k repeats id 4$/);
});

test("parseRunFile's error message reads 'stability: <file> step <i>: <reason>'", () => {
  assert.throws(() => parseRunFile(file([step(), step({ prob: 1.5 })], "check_data"), "check", "db_13/check_machine_a.json"), {
    message: "stability: db_13/check_machine_a.json step 1: prob 1.5 is above 1 (allowed up to 1 + 1e-6)",
  });
});

// The prompting study's readers and the rerun merge, on committed inputs (test/fixtures/prompting/inputs):
// each valid file reads as written; each bad one is rejected with one line naming the file, the place
// (line / field) and the reason — or, for problem lines, skipped with such a line while the rest is read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buggyPromptRows } from "../../../lib/studies/prompting/buggyPromptRows.js";
import { buildPrompt } from "../../../lib/studies/prompting/buildPrompt.js";
import { mergeRerun } from "../../../lib/studies/prompting/mergeRerun.js";
import { parseCsv } from "../../../lib/studies/prompting/parseCsv.js";
import { readEvaluationCsv } from "../../../lib/studies/prompting/readEvaluationCsv.js";
import { readProblems } from "../../../lib/studies/prompting/readProblems.js";
import { readPromptsFile } from "../../../lib/studies/prompting/readPromptsFile.js";
import { readRerunList } from "../../../lib/studies/prompting/readRerunList.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const dir = join(import.meta.dirname, "..", "..", "fixtures", "prompting", "inputs");
const at = (name: string) => join(dir, name);
const rejects = (run: () => unknown, pattern: RegExp) =>
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof LogitlabError, String(e));
    assert.ok(!e.message.includes("\n"), "one line");
    assert.match(e.message, pattern);
    return true;
  });

test("readPromptsFile reads a valid file and the bundled ones", () => {
  const p = readPromptsFile(at("prompts-valid.json"));
  assert.deepEqual(p.exemplars, [{ question: "What is 2 + 2?", answer: "2 + 2 = 4\n#### 4" }]);
  assert.deepEqual(p.techniques, { baseline: "b", cot: "c", cod: "d" });
  assert.equal(readPromptsFile("data/prompts/prompting/techniques.json").exemplars.length, 8);
  assert.equal(readPromptsFile("data/prompts/prompting/techniques-mini.json").exemplars.length, 1);
});

const badPrompts: [string, RegExp][] = [
  ["prompts-not-json.json", /prompts-not-json\.json: prompts file is not valid JSON/],
  ["prompts-duplicate-key.json", /prompts-duplicate-key\.json: key "format" appears twice \(line 1, column \d+\)/],
  ["prompts-unknown-key.json", /prompts-unknown-key\.json field "shots": unknown key; use format, description, exemplars, techniques/],
  ["prompts-wrong-format.json", /field "format": must be "logitlab-prompting\/1", got "logitlab-prompting\/2"/],
  ["prompts-no-exemplars.json", /field "exemplars": needs at least one exemplar/],
  ["prompts-exemplar-no-separator.json", /field "exemplars\[0\]\.answer": must end in "#### n"/],
  ["prompts-exemplar-no-number.json", /field "exemplars\[1\]\.answer": must end in "#### n"/],
  ["prompts-exemplar-not-object.json", /field "exemplars\[0\]": must be a JSON object/],
  ["prompts-missing-technique.json", /field "techniques\.cod": is missing/],
  ["prompts-empty-instruction.json", /field "techniques\.cot": is empty/],
  ["prompts-unknown-technique.json", /field "techniques\.tot": unknown key; use baseline, cot, cod/],
  ["missing.json", /missing\.json: prompts file not found \(ENOENT\)/],
];
for (const [name, pattern] of badPrompts) {
  test(`readPromptsFile rejects ${name}`, () => rejects(() => readPromptsFile(at(name)), pattern));
}
test("readPromptsFile rejects a device and a folder without reading them", () => {
  rejects(() => readPromptsFile("/dev/zero"), /\/dev\/zero: prompts file is not a regular file/);
  rejects(() => readPromptsFile(dir), /inputs: prompts file is not a regular file \(a folder\)/);
});

test("readProblems keeps the good lines (a gold without #### too) and names every bad one", () => {
  const { problems, warnings } = readProblems(at("problems-mixed.jsonl"));
  assert.deepEqual(problems.map((p) => [p.index, p.line, p.question]), [[0, 1, "What is 2 + 2?"], [1, 9, "What is 9 + 9?"], [2, 10, "What is 1 + 1?"]]);
  assert.equal(warnings.length, 6);
  const expected = [
    /problems-mixed\.jsonl line 2: not valid JSON .*; line skipped$/,
    /line 3: must be a JSON object \{"question", "answer"\}; line skipped$/,
    /line 4 field "answer": is missing; line skipped$/,
    /line 5 field "question": must be a string, got number; line skipped$/,
    /line 6: key "question" appears twice \(column \d+\); line skipped$/,
    /line 7 field "question": is empty; line skipped$/,
  ];
  warnings.forEach((w, i) => assert.match(w, expected[i]));
  assert.equal(readProblems(at("problems-mixed.jsonl"), { limit: 2 }).problems.length, 2);
});
test("readProblems rejects a file without any good line, naming the first bad one", () => {
  rejects(() => readProblems(at("problems-all-bad.jsonl")), /problems-all-bad\.jsonl: no problem could be read \(2 bad line\(s\)\); first: .*line 1 field "question": must be a string/);
});

test("buildPrompt joins exemplars, instruction and question by newlines, without labels", () => {
  const ex = [{ question: "Q1?", answer: "w1\n#### 1" }, { question: "Q2?", answer: "w2\n#### 2" }];
  assert.equal(buildPrompt(ex, "Do it.", "Q3?"), "Q1?\nw1\n#### 1\nQ2?\nw2\n#### 2\nDo it.\nQ3?\n");
  assert.equal(buildPrompt(ex, "Do it.", "Q3?", { shots: 1 }), "Q1?\nw1\n#### 1\nDo it.\nQ3?\n");
  assert.equal(buildPrompt(ex, "Do it.", "Q3?", { shots: 0 }), "Do it.\nQ3?\n");
  rejects(() => buildPrompt(ex, "Do it.", "Q3?", { shots: 3 }), /shots must be an integer in \[0, 2\]/);
});

test("parseCsv reads quoted fields with commas, quotes and line breaks, CRLF and a BOM", () => {
  const { header, rows } = parseCsv('\ufeffa,b\r\n1,"x,\n""y"""\n\n2,\n', "t.csv");
  assert.deepEqual(header, ["a", "b"]);
  assert.deepEqual(rows, [{ line: 2, fields: ["1", 'x,\n"y"'] }, { line: 5, fields: ["2", ""] }]);
});

test("readEvaluationCsv reads a valid file back with its types", () => {
  const rows = readEvaluationCsv(at("evaluation-valid.csv"));
  assert.equal(rows.length, 4);
  assert.deepEqual([rows[0].correct, rows[0].answer, rows[0].final, rows[0].output], [true, 26, true, '15 + 11 = 26\\n#### {"answer": 26}']);
  assert.deepEqual([rows[2].answer, rows[2].answer_text, Number.isNaN(rows[2].cosine), rows[2].attempt, rows[2].output], [null, null, true, 2, ""]);
  assert.equal(rows[3].full_entropy, Infinity);
});

const badEvaluations: [string, RegExp][] = [
  ["evaluation-unterminated-quote.csv", /evaluation-unterminated-quote\.csv line 3: a quoted field is not closed/],
  ["evaluation-missing-column.csv", /the header lacks the column\(s\) cosine; is this an evaluation_results\.csv/],
  ["evaluation-bad-boolean.csv", /line 2 field "correct": must be 1 or 0, got "yes"/],
  ["evaluation-bad-integer.csv", /line 2 field "index": must be a non-negative integer, got "-1"/],
  ["evaluation-bad-technique.csv", /line 2 field "technique": must be baseline, cot or cod, got "tot"/],
  ["evaluation-two-finals.csv", /line 3 field "final": m cot #0 has a final row already \(line 2\)/],
  ["evaluation-no-final.csv", /field "final": m cot #1 has no final row/],
  ["evaluation-repeated-attempt.csv", /line 3 field "attempt": attempt 1 of m cot #0 appears twice/],
  ["evaluation-field-count.csv", /line 2: 27 fields but the header has 28/],
  ["evaluation-bad-number.csv", /line 2 field "original_entropy": must be a number, got "0x10"/],
  ["evaluation-stray-quote.csv", /line 2: a quote inside an unquoted field/],
];
for (const [name, pattern] of badEvaluations) {
  test(`readEvaluationCsv rejects ${name}`, () => rejects(() => readEvaluationCsv(at(name)), pattern));
}

test("readRerunList reads the listed samples, checked against the previous results", () => {
  const previous = readEvaluationCsv(at("evaluation-valid.csv"));
  assert.deepEqual(readRerunList(at("rerun-valid.csv"), previous), [
    { model: "m", technique: "cot", index: 1, attempt: 2 },
    { model: "m", technique: "baseline", index: 0, attempt: 1 },
  ]);
});
const badLists: [string, RegExp][] = [
  ["rerun-unknown-sample.csv", /rerun-unknown-sample\.csv line 2 field "index": m cot #7 is not in the previous evaluation_results\.csv/],
  ["rerun-listed-twice.csv", /line 3 field "index": m cot #1 is listed twice \(line 2\)/],
  ["rerun-wrong-attempt.csv", /line 2 field "attempt": m cot #1 is at attempt 2 in the previous results, the list says 1/],
  ["rerun-bad-technique.csv", /line 2 field "technique": must be baseline, cot or cod, got "TOT"/],
  ["rerun-missing-column.csv", /the header lacks the column\(s\) index/],
];
for (const [name, pattern] of badLists) {
  test(`readRerunList rejects ${name}`, () => rejects(() => readRerunList(at(name), readEvaluationCsv(at("evaluation-valid.csv"))), pattern));
}

test("mergeRerun keeps both attempts, the fresh one final, and orders the table", () => {
  const previous = readEvaluationCsv(at("evaluation-valid.csv"));
  const fresh = [{ ...previous[2], attempt: 3, buggy: false, correct: true, seed: 99 }, { ...previous[3], attempt: 2, seed: 98 }];
  const merged = mergeRerun(previous, fresh);
  assert.deepEqual(merged.map((r) => [r.technique, r.index, r.attempt, r.final]), [
    ["baseline", 0, 1, false], ["baseline", 0, 2, true], ["cot", 0, 1, true], ["cot", 1, 1, false], ["cot", 1, 2, false], ["cot", 1, 3, true],
  ]);
  assert.equal(previous[2].final, true, "inputs untouched");
  assert.deepEqual(buggyPromptRows(merged).map((r) => [r.technique, r.index, r.attempt]), [["baseline", 0, 2]]);
});
test("mergeRerun rejects a fresh row for an unknown sample, a skipped attempt and a sample rerun twice", () => {
  const previous = readEvaluationCsv(at("evaluation-valid.csv"));
  rejects(() => mergeRerun(previous, [{ ...previous[0], index: 9, attempt: 2 }]), /mergeRerun: m cot #9 is not in the previous results/);
  rejects(() => mergeRerun(previous, [{ ...previous[2], attempt: 4 }]), /m cot #1: the fresh attempt is 4, the next after 2 is 3/);
  rejects(() => mergeRerun(previous, [{ ...previous[3], attempt: 2 }, { ...previous[3], attempt: 2 }]), /m baseline #0 is rerun twice/);
});

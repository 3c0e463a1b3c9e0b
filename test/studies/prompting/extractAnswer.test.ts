import { test } from "node:test";
import assert from "node:assert/strict";
import { extractAnswer } from "../../../lib/studies/prompting/extractAnswer.js";
import type { ExtractionReason, PromptingTechnique } from "../../../lib/studies/prompting/types.js";
import { LogitlabError } from "../../../lib/util/errors.js";

/**
 * Real-looking model outputs with the answers written by hand from the documented rules:
 * strict = the original study (first {"answer": …} JSON; cot/cod split on "####" into exactly two
 * parts, then the JSON; strip to digits and "."), robust = JSON, \boxed, "####", answer phrase,
 * last number.
 */
type Expected = [answer: number | null, reason: ExtractionReason];
interface Row { name: string; technique: PromptingTechnique; output: string; strict: Expected; robust: Expected }

const rows: Row[] = [
  { name: "bare JSON", technique: "baseline", output: '{"answer": 72}', strict: [72, "json"], robust: [72, "json"] },
  {
    name: "JSON between chatty text", technique: "baseline",
    output: 'Natalia sold 48 clips in April and half as many in May.\n{"answer": 72}\nHope this helps!',
    strict: [72, "json"], robust: [72, "json"],
  },
  { name: "JSON in a code fence", technique: "baseline", output: "```json\n{\"answer\": 18}\n```", strict: [18, "json"], robust: [18, "json"] },
  { name: "dollar amount with comma as a string", technique: "baseline", output: '{"answer": "$1,234.50"}', strict: [1234.5, "json"], robust: [1234.5, "json"] },
  { name: "negative number: strict loses the sign", technique: "baseline", output: '{"answer": -5}', strict: [5, "json"], robust: [-5, "json"] },
  { name: "several dots", technique: "baseline", output: '{"answer": "1.2.3"}', strict: [null, "not-a-number"], robust: [1.2, "json"] },
  { name: "no JSON, an answer phrase", technique: "baseline", output: "Let me think. 6 * 7 = 42. The answer is 42.", strict: [null, "no-json"], robust: [42, "answer-phrase"] },
  { name: "Python dict with single quotes", technique: "baseline", output: "{'answer': 42}", strict: [null, "no-json"], robust: [42, "json"] },
  {
    name: "format example before the answer", technique: "baseline",
    output: 'I will reply as {"answer": 0}. Computing: 3 * 5 = 15.\n{"answer": 15}',
    strict: [0, "json"], robust: [15, "json"],
  },
  { name: "extra keys in the JSON", technique: "baseline", output: '{"answer": 72, "confidence": 0.9}', strict: [72, "json"], robust: [72, "json"] },
  { name: "float answer 12.0", technique: "baseline", output: '{"answer": 12.0}', strict: [12, "json"], robust: [12, "json"] },
  { name: "answer in words", technique: "baseline", output: '{"answer": "seventy-two"}', strict: [null, "no-number"], robust: [null, "no-number"] },
  { name: "percent", technique: "baseline", output: '{"answer": "45%"}', strict: [45, "json"], robust: [45, "json"] },
  { name: "fraction: strict reads 3/4 as 34", technique: "baseline", output: '{"answer": "3/4"}', strict: [34, "json"], robust: [0.75, "json"] },
  { name: "null answer", technique: "baseline", output: '{"answer": null}', strict: [null, "no-number"], robust: [null, "no-number"] },
  { name: "answer nested in another object", technique: "baseline", output: '{"result": {"answer": 9}}', strict: [9, "json"], robust: [9, "json"] },
  { name: "boxed negative dfrac, no JSON", technique: "baseline", output: "The answer is \\boxed{-\\dfrac{1}{2}}", strict: [null, "no-json"], robust: [-0.5, "boxed"] },
  { name: "refusal", technique: "baseline", output: "I cannot solve this problem.", strict: [null, "no-json"], robust: [null, "no-number"] },
  { name: "empty output", technique: "baseline", output: "", strict: [null, "no-json"], robust: [null, "no-number"] },
  {
    name: "chain of thought then #### and JSON", technique: "cot",
    output: 'Step 1: 5 * 3 = 15\nStep 2: 15 + 3 = 18\n#### {"answer": 18}',
    strict: [18, "json"], robust: [18, "json"],
  },
  { name: "#### and a bare number", technique: "cot", output: "She has 9 - 4 = 5 apples left.\n#### 5", strict: [null, "no-json"], robust: [5, "separator"] },
  {
    name: "two #### sections", technique: "cot",
    output: '#### First guess {"answer": 10}\nWait, I forgot the tax.\n#### {"answer": 12}',
    strict: [null, "separator-count"], robust: [12, "json"],
  },
  { name: "no #### at all", technique: "cot", output: "So the total is 4 + 16 = 20.\n{\"answer\": 20}", strict: [null, "separator-count"], robust: [20, "json"] },
  {
    name: "invalid JSON number with a thousands comma in a fence", technique: "cot",
    output: "The farm has 10 rows of 100 trees.\n####\n```json\n{\"answer\": 1,000}\n```",
    strict: [null, "no-json"], robust: [1000, "json"],
  },
  { name: "thousands comma in a JSON string", technique: "cot", output: 'So 500 + 500 = 1,000.\n#### {"answer": "1,000"}', strict: [1000, "json"], robust: [1000, "json"] },
  {
    name: "negative temperature change", technique: "cot",
    output: 'The temperature drops from 3 to -4 degrees, a change of -4 - 3 = -7.\n#### {"answer": -7}',
    strict: [7, "json"], robust: [-7, "json"],
  },
  {
    name: "LaTeX fraction in \\boxed", technique: "cot",
    output: "Each friend gets $\\frac{3}{4}$ of a pie.\nTherefore \\boxed{\\frac{3}{4}}",
    strict: [null, "separator-count"], robust: [0.75, "boxed"],
  },
  {
    name: "\\boxed with nested braces and a LaTeX dollar", technique: "cot",
    output: "Total cost: $5 \\times 250 = 1250$.\n\\boxed{\\text{\\$}1{,}250}",
    strict: [null, "separator-count"], robust: [1250, "boxed"],
  },
  { name: "the last of several \\boxed", technique: "cot", output: "First \\boxed{10}, but correcting the error: \\boxed{12}.", strict: [null, "separator-count"], robust: [12, "boxed"] },
  { name: "chain of draft with JSON", technique: "cod", output: '5+3=8; 8*2=16 #### {"answer": 16}', strict: [16, "json"], robust: [16, "json"] },
  { name: "chain of draft, no space, no JSON", technique: "cod", output: "20-4=16 ####16", strict: [null, "no-json"], robust: [16, "separator"] },
  {
    name: "chain of draft answering twice", technique: "cod",
    output: '#### {"answer": 16} #### {"answer": 17}', strict: [null, "separator-count"], robust: [17, "json"],
  },
  { name: "units inside the JSON string", technique: "cod", output: 'x=2/5*50=20\n#### {"answer": "20 apples"}', strict: [20, "json"], robust: [20, "json"] },
  { name: "compact JSON decimal", technique: "cod", output: '1/2 cup\n####{"answer":0.5}', strict: [0.5, "json"], robust: [0.5, "json"] },
  { name: "markdown final answer with big number", technique: "cot", output: "Population grows...\n**Final Answer:** 1,234,567 people", strict: [null, "separator-count"], robust: [1234567, "answer-phrase"] },
  { name: "rate with a slash, last number", technique: "cot", output: "She earns $12/hour for 5 hours, so 12 * 5 = 60 dollars.", strict: [null, "separator-count"], robust: [60, "last-number"] },
  { name: "answer phrase takes its first number", technique: "cot", output: "The answer is 2.5 hours, or 150 minutes.", strict: [null, "separator-count"], robust: [2.5, "answer-phrase"] },
  { name: "unicode minus sign", technique: "cot", output: "Her balance ends at \u221225 dollars.", strict: [null, "separator-count"], robust: [-25, "last-number"] },
  { name: "subtraction is not a sign", technique: "cot", output: "5-3=2 so she has 2 left", strict: [null, "separator-count"], robust: [2, "last-number"] },
  {
    name: "signed dollar string after ####", technique: "cot",
    output: '#### The loss is {"answer": "-$1,234.50"}', strict: [1234.5, "json"], robust: [-1234.5, "json"],
  },
  { name: "#### with a trailing JSON dot", technique: "cot", output: '3 * 24 = 72\n#### {"answer": 72.}', strict: [null, "no-json"], robust: [72, "json"] },
  { name: "five hashes still split into two parts", technique: "cot", output: 'Total 7 #####{"answer": 7}', strict: [7, "json"], robust: [7, "json"] },
  { name: "percent in prose", technique: "cot", output: "The discount is 100 - 75 = 25%.", strict: [null, "separator-count"], robust: [25, "last-number"] },
  { name: "bare leading-dot decimal", technique: "cot", output: "She drinks .5 liters", strict: [null, "separator-count"], robust: [0.5, "last-number"] },
];

for (const row of rows) {
  for (const mode of ["strict", "robust"] as const) {
    const [answer, reason] = row[mode];
    test(`extractAnswer(${row.technique}, ${mode}): ${row.name} → ${answer === null ? "buggy" : answer} (${reason})`, () => {
      const result = extractAnswer(row.output, row.technique, { mode });
      assert.equal(result.answer, answer);
      assert.equal(result.reason, reason);
      assert.equal(result.buggy, answer === null);
      if (answer === null && reason !== "not-a-number" && reason !== "no-number") assert.equal(result.text, null);
    });
  }
}

test("the answer table has 30+ outputs, over every technique, with buggy ones in both modes", () => {
  assert.ok(rows.length >= 30, `${rows.length} rows`);
  for (const technique of ["baseline", "cot", "cod"]) assert.ok(rows.some((r) => r.technique === technique));
  assert.ok(rows.some((r) => r.strict[0] === null) && rows.some((r) => r.robust[0] === null));
});

test("extractAnswer reports the text the answer was read from", () => {
  assert.equal(extractAnswer('{"answer": "$1,234.50"}', "baseline").text, "$1,234.50");
  assert.equal(extractAnswer('{"answer": -5}', "baseline").text, "-5");
  assert.equal(extractAnswer('{"answer": "1.2.3"}', "baseline").text, "1.2.3");
  assert.equal(extractAnswer("so \\boxed{\\frac{3}{4}}", "cot", { mode: "robust" }).text, "\\frac{3}{4}");
  assert.equal(extractAnswer("9 - 4 = 5\n#### 5 apples", "cot", { mode: "robust" }).text, "5 apples");
  assert.equal(extractAnswer("so 12 * 5 = 60.", "cot", { mode: "robust" }).text, "60");
});

test("extractAnswer defaults to strict mode", () => {
  assert.deepEqual(extractAnswer('{"answer": -5}', "baseline"), extractAnswer('{"answer": -5}', "baseline", { mode: "strict" }));
  assert.equal(extractAnswer("The answer is 42", "baseline").answer, null);
});

test("extractAnswer rejects a non-string output, an unknown technique and an unknown mode", () => {
  const rejects = (run: () => unknown, message: string) =>
    assert.throws(run, (e: unknown) => e instanceof LogitlabError && e.message === message);
  // @ts-expect-error: a number on purpose
  rejects(() => extractAnswer(72, "baseline"), "extractAnswer: output must be a string, got number");
  // @ts-expect-error: null on purpose
  rejects(() => extractAnswer(null, "cot"), "extractAnswer: output must be a string, got null");
  // @ts-expect-error: an object on purpose
  rejects(() => extractAnswer({ answer: 72 }, "cot"), "extractAnswer: output must be a string, got object");
  // @ts-expect-error: an unknown technique on purpose
  rejects(() => extractAnswer("#### 5", "tot"), 'extractAnswer: technique must be "baseline", "cot" or "cod", got "tot"');
  // @ts-expect-error: an unknown mode on purpose
  rejects(() => extractAnswer("#### 5", "cot", { mode: "lenient" }), 'extractAnswer: mode must be "strict" or "robust", got "lenient"');
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGold } from "../../../lib/studies/prompting/parseGold.js";
import type { ExtractionReason } from "../../../lib/studies/prompting/types.js";
import { LogitlabError } from "../../../lib/util/errors.js";

// GSM8K-style gold answers (reasoning with <<calculator>> annotations, then "#### answer"), expected by hand.
const rows: { name: string; gold: string; strict: [number | null, ExtractionReason]; robust: [number | null, ExtractionReason] }[] = [
  {
    name: "a GSM8K gold with calculator annotations",
    gold: "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72",
    strict: [72, "separator"], robust: [72, "separator"],
  },
  { name: "thousands comma", gold: "She has 500 + 500 = <<500+500=1000>>1,000 beads.\n#### 1,000", strict: [1000, "separator"], robust: [1000, "separator"] },
  { name: "negative gold: strict drops the sign", gold: "The change is 4 - 7 = <<4-7=-3>>-3.\n#### -3", strict: [3, "separator"], robust: [-3, "separator"] },
  { name: "decimal gold", gold: "Half a cup.\n#### 0.5", strict: [0.5, "separator"], robust: [0.5, "separator"] },
  { name: "no ####", gold: "The answer is 72", strict: [null, "separator-count"], robust: [null, "separator-count"] },
  { name: "nothing after ####", gold: "Work shown.\n#### ", strict: [null, "no-number"], robust: [null, "no-number"] },
  { name: "two ####: the last counts", gold: "#### 5\ncorrected\n#### 6", strict: [6, "separator"], robust: [6, "separator"] },
];

for (const row of rows) {
  for (const mode of ["strict", "robust"] as const) {
    const [answer, reason] = row[mode];
    test(`parseGold(${mode}): ${row.name} → ${answer === null ? "buggy" : answer}`, () => {
      const result = parseGold(row.gold, { mode });
      assert.deepEqual([result.answer, result.reason, result.buggy], [answer, reason, answer === null]);
    });
  }
}

test("parseGold defaults to strict and reports the text after ####", () => {
  assert.deepEqual(parseGold("x\n#### -3"), { answer: 3, text: "-3", buggy: false, reason: "separator" });
});

test("parseGold rejects a non-string gold and an unknown mode", () => {
  const rejects = (run: () => unknown, message: string) =>
    assert.throws(run, (e: unknown) => e instanceof LogitlabError && e.message === message);
  // @ts-expect-error: a number on purpose
  rejects(() => parseGold(72), "parseGold: gold must be a string, got number");
  // @ts-expect-error: undefined on purpose
  rejects(() => parseGold(undefined), "parseGold: gold must be a string, got undefined");
  // @ts-expect-error: an unknown mode on purpose
  rejects(() => parseGold("#### 1", { mode: "exact" }), 'parseGold: mode must be "strict" or "robust", got "exact"');
});

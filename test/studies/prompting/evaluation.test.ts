// evaluationRow scores an answer as the original (strict; "buggy" = gold without "#### n" or nothing
// extracted) with the robust reading beside it; generateSample's scores are stepScores of its own
// answer teacher-forced (EOS step left out); runPrompting's rows do not depend on --concurrency.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openEngine } from "../../../lib/engines/openEngine.js";
import { rowStepRecord } from "../../../lib/engines/rowStepRecord.js";
import { evaluationRow } from "../../../lib/studies/prompting/evaluationRow.js";
import { generateSample, type SampleGeneration } from "../../../lib/studies/prompting/generateSample.js";
import { resolvePromptingConfig } from "../../../lib/studies/prompting/resolvePromptingConfig.js";
import { runPrompting } from "../../../lib/studies/prompting/runPrompting.js";
import { stepScores } from "../../../lib/studies/prompting/stepScores.js";
import type { PromptingTechnique } from "../../../lib/studies/prompting/types.js";

const generation = (output: string): Omit<SampleGeneration, "warnings"> => ({
  output, promptTokens: 40, tokens: 8, scoredTokens: 8, stopReason: "maxNewTokens",
  originalEntropy: 0.4, nucleusEntropy: 1.1, fullEntropy: 2.2, cosine: 0.05, nucleusSize: 3, truncatedSteps: 0,
});
const problem = (answer: string) => ({ index: 3, line: 4, question: "What is 7 * 8?", answer });

// [technique, gold answer, model output, strict answer, correct, buggy, buggy_reason, robust answer, robust correct, robust buggy]
const table: [PromptingTechnique, string, string, number | null, boolean, boolean, string, number | null, boolean, boolean][] = [
  ["baseline", "7 * 8 = 56\n#### 56", '{"answer": 56}', 56, true, false, "", 56, true, false],
  ["baseline", "7 * 8 = 56\n#### 56", '{"answer": 54}', 54, false, false, "", 54, false, false],
  ["baseline", "7 * 8 = 56\n#### 56", "The answer is 56.", null, false, true, "no-json", 56, true, false],
  ["cot", "7 * 8 = 56\n#### 56", '7 * 8 = 56\n#### {"answer": 56}', 56, true, false, "", 56, true, false],
  ["cot", "7 * 8 = 56\n#### 56", "7 * 8 = 56\n#### 56", null, false, true, "no-json", 56, true, false],
  ["cot", "7 * 8 = 56\n#### 56", '#### {"answer": 5} #### {"answer": 56}', null, false, true, "separator-count", 56, true, false],
  ["cod", "7 * 8 = 56\n#### 56", "Bible-like words only", null, false, true, "separator-count", null, false, true],
  ["cod", "no separator, 56", '7*8=56 #### {"answer": 56}', 56, false, true, "gold:separator-count", 56, false, true],
  ["cod", "#### 1,000", '#### {"answer": "1,000"}', 1000, true, false, "", 1000, true, false],
  ["cot", "#### -3", '#### {"answer": -3}', 3, true, false, "", -3, true, false],
];
for (const [i, [technique, gold, output, answer, correct, buggy, reason, robust, robustCorrect, robustBuggy]] of table.entries()) {
  test(`evaluationRow ${i}: ${technique} ${JSON.stringify(output)} → ${answer ?? "buggy"}`, () => {
    const row = evaluationRow({ model: "m", technique, problem: problem(gold), attempt: 1, seed: 5, generation: generation(output) });
    assert.deepEqual([row.answer, row.correct, row.buggy, row.buggy_reason, row.robust_answer, row.robust_correct, row.robust_buggy],
      [answer, correct, buggy, reason, robust, robustCorrect, robustBuggy]);
    assert.deepEqual([row.index, row.line, row.final, row.output, row.original_entropy], [3, 4, true, output, 0.4]);
  });
}

test("generateSample's scores are stepScores of its own answer teacher-forced, its EOS step left out", { timeout: 60_000 }, async () => {
  const engine = await openEngine("data/models/tiny-llama");
  try {
    const prompt = "What is 32 + 17?\n32 + 17 = 49\n#### 49\nSteps, then #### {\"answer\": n}.\nWhat is 25 + 36?\n";
    const ids = engine.tokenizer.encode(prompt, { addSpecialTokens: true });
    let checkedEos = false;
    for (let seed = 1, checked = 0; seed <= 60 && !(checkedEos && checked >= 3); seed++, checked++) {
      const s = await generateSample(engine, prompt, { maxNewTokens: 12, topP: 0.95, seed });
      const { engineGenerate } = await import("../../../lib/engines/engineGenerate.js");
      const again = await engineGenerate(engine, ids, { maxNewTokens: 12, topP: 0.95, recordTopP: 0.95, seed });
      assert.equal(s.tokens, again.ids.length);
      assert.equal(s.scoredTokens, again.stopReason === "eos" ? again.ids.length - 1 : again.ids.length);
      checkedEos ||= again.stopReason === "eos";
      const all = [...ids, ...again.ids.slice(0, s.scoredTokens)];
      const records = [];
      let t = ids.length;
      for await (const row of engine.score(all, { from: ids.length })) {
        if (t >= all.length) break;
        records.push(rowStepRecord(row, all[t], { recordTopP: 0.95 }));
        t++;
      }
      const expected = await stepScores(records, (x) => engine.embeddingRows(x));
      for (const key of ["originalEntropy", "nucleusEntropy", "fullEntropy", "cosine", "nucleusSize"] as const) {
        assert.ok(Math.abs(s[key] - expected[key]) <= 1e-5 * (1 + Math.abs(expected[key])), `seed ${seed} ${key}: ${s[key]} vs ${expected[key]}`);
      }
    }
    assert.ok(checkedEos, "some seed ends at EOS");
  } finally {
    await engine.dispose();
  }
});

test("runPrompting gives the same rows with --concurrency 1 and 3 (each sample has its own seed)", { timeout: 120_000 }, async () => {
  const base = { questions: 3, techniques: "baseline,cod" };
  const one = await runPrompting(resolvePromptingConfig({ ...base, concurrency: 1 }, { env: {} }), { progress: "silent" });
  const three = await runPrompting(resolvePromptingConfig({ ...base, concurrency: 3 }, { env: {} }), { progress: "silent" });
  assert.equal(one.rows.length, 6);
  assert.deepEqual(three.rows, one.rows);
});

// The reasoning-words scoring has two paths: the tfjs engine's cached branches (sequenceBranches) and
// the generic engine path (engineSequenceScores: rows from engine.score, each branch one extra scored
// sequence) used for llama.cpp, servers and dumps. On the same model both must give the same record.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openEngine } from "../../../lib/engines/openEngine.js";
import { engineWordTokenizer } from "../../../lib/studies/reasoningWords/engineWordTokenizer.js";
import { scoreReasoningModel } from "../../../lib/studies/reasoningWords/scoreReasoningModel.js";
import { spellWords } from "../../../lib/studies/reasoningWords/spellWords.js";
import { reasoningTargetWords } from "../../../lib/studies/reasoningWords/reasoningTargetWords.js";

const root = join(import.meta.dirname, "..", "..", "..");

test("the generic engine path gives the tfjs path's record (entropies, log p, exact and first-token propensity, occurrences)", { timeout: 300_000 }, async () => {
  const engine = await openEngine(join(root, "data", "models", "tiny-llama-256-sft"));
  try {
    const words = spellWords(engineWordTokenizer(engine), reasoningTargetWords).words;
    assert.ok(words.some((w) => w.variants.some((v) => v.ids.length > 1)), "some variant is multi-token");
    const samples = [{ index: 0, line: 1, query: "What is 7 - 3?", answer: "Hmm, let me think. 7 - 3 = 4. Wait, so it is \\boxed{4}. Therefore 4.", level: 1 }];
    const tfjs = await scoreReasoningModel(engine, samples, words, { mode: "exact", progress: "silent" });
    const generic = await scoreReasoningModel(engine, samples, words, { mode: "exact", progress: "silent", forceEnginePath: true });
    assert.equal(tfjs.path, "tfjs cached branches");
    assert.equal(generic.path, "engine.score branches");
    assert.ok(generic.branchRuns > 0);
    const [a, b] = [tfjs.records[0], generic.records[0]];
    assert.deepEqual(b.tokens, a.tokens);
    const close = (x: number[], y: number[], what: string) => x.forEach((v, i) => assert.ok(Math.abs(v - y[i]) <= 2e-4 * (1 + Math.abs(v)), `${what}[${i}]: ${v} vs ${y[i]}`));
    close(a.entropies, b.entropies, "entropy");
    close(a.tokenLogProbs, b.tokenLogProbs, "log p");
    a.words.forEach((w, k) => {
      close(w.exact!, b.words[k].exact!, `${w.word} exact`);
      close(w.firstToken, b.words[k].firstToken, `${w.word} first token`);
      assert.deepEqual(b.words[k].occurrences.map((o) => [o.start, o.spelling]), w.occurrences.map((o) => [o.start, o.spelling]));
      close(w.occurrences.map((o) => o.probability), b.words[k].occurrences.map((o) => o.probability), `${w.word} occurrence`);
    });
    assert.ok(a.words.find((w) => w.word === "wait")!.occurrences.length === 1 && a.words.find((w) => w.word === "therefore")!.occurrences.length === 1);
  } finally {
    await engine.dispose();
  }
});

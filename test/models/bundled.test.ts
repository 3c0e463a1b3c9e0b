// The bundled tiny models (data/models/, trained by scripts/train-tiny-models.ts): they load, beat the
// unigram baseline clearly, fit the size budget, and reproduce their golden loss (tier 3 of the parity
// tests: regenerate with `node --import tsx scripts/train-tiny-models.ts --golden-only` after retraining).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { generate } from "../../lib/models/generate.js";

const models = join(import.meta.dirname, "..", "..", "data", "models");
const names = readdirSync(models).filter((n) => statSync(join(models, n)).isDirectory() && !n.startsWith("."));

test("data/models holds two GPT-2 sizes, a Llama and the 256-token base/SFT Llamas, under 25 MB together", () => {
  for (const name of ["tiny-gpt2-small", "tiny-gpt2-large", "tiny-llama", "tiny-llama-256", "tiny-llama-256-sft"]) assert.ok(names.includes(name), names.join(", "));
  let bytes = 0;
  for (const name of names) for (const file of readdirSync(join(models, name))) bytes += statSync(join(models, name, file)).size;
  assert.ok(bytes < 25 * 2 ** 20, `${(bytes / 2 ** 20).toFixed(1)} MB`);
});

for (const name of names) {
  test(`${name}: held-out perplexity clearly beats the unigram baseline (a fine-tune: its base, on the fine-tuning data)`, () => {
    const record = JSON.parse(readFileSync(join(models, name, "training.json"), "utf8"));
    if (record.initFrom) {
      // tiny-llama-256-sft: fine-tuned on data/corpus/reasoning-sft.txt only; it is measured on that data's held-out 5% against its base.
      const base = JSON.parse(readFileSync(join(models, "..", "..", record.initFrom, "training.json"), "utf8"));
      assert.ok(record.sftHeldOut.perplexity < 0.5 * base.sftHeldOut.perplexity, `${record.sftHeldOut.perplexity} vs base ${base.sftHeldOut.perplexity}`);
    } else {
      assert.ok(record.heldOut.perplexity < 0.5 * record.unigramBaseline.perplexity, `${record.heldOut.perplexity} vs ${record.unigramBaseline.perplexity}`);
    }
    assert.ok(record.trainingLoss.curve.length > 2);
  });

  test(`${name}: loadModel reproduces the golden loss in training.json and generates text`, async () => {
    const record = JSON.parse(readFileSync(join(models, name, "training.json"), "utf8"));
    const model = await loadModel(join(models, name));
    const ids = model.encode(record.golden.text);
    assert.equal(ids.length, record.golden.tokens);
    const before = tf.memory().numTensors;
    const { logits } = model.forward(ids.slice(0, -1));
    const loss = tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(ids.slice(1), "int32"), model.config.vocabSize)), 1))));
    const value = loss.dataSync()[0];
    tf.dispose([logits, loss]);
    assert.ok(Math.abs(value - record.golden.meanLoss) <= 1e-4 * record.golden.meanLoss, `loss ${value} vs golden ${record.golden.meanLoss}`);
    const result = generate(model, "And God said", { maxNewTokens: 8, temperature: 0 });
    assert.equal(typeof result.text, "string");
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
}

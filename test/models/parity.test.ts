// Model parity, tier 1: random tiny checkpoints of every supported architecture, stored in F32, F16
// and BF16, against float64 reference logits from test/fixtures/models/gen.py (its own numpy forward).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { assertScaledClose, MODEL_LOGITS_RELATIVE } from "../tolerances.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
interface Case { dir: string; logits: number[][][]; hiddenStates?: number[][][]; attentions?: number[][][][] }
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, Case>;
};
const [promptA, promptB] = reference.prompts;

before(async () => {
  await ready();
});

for (const [name, expected] of Object.entries(reference.cases)) {
  test(`${name}: forward(ids) logits match the float64 reference within 1e-4 of their std`, async () => {
    const model = await loadModel(join(fixtures, expected.dir));
    const before = tf.memory().numTensors;
    for (const [k, prompt] of [promptA, promptB].entries()) {
      const { logits } = model.forward(prompt);
      assert.deepEqual(logits.shape, [prompt.length, 64]);
      assertScaledClose(logits.arraySync(), expected.logits[k], MODEL_LOGITS_RELATIVE, `${name} prompt ${k}`);
      logits.dispose();
    }
    assert.equal(tf.memory().numTensors, before, "forward leaks no tensors");
    model.dispose();
  });
}

for (const name of ["gpt2-f32", "llama-f32", "llama3-f32", "mistral-f32", "qwen2-f32", "qwen3-f32"]) {
  test(`${name}: hidden states and attention patterns match the reference`, async () => {
    const expected = reference.cases[name];
    const model = await loadModel(join(fixtures, expected.dir));
    const out = model.forward(promptA, { hiddenStates: true, attentions: true });
    assert.equal(out.hiddenStates!.length, model.config.numLayers + 1);
    out.hiddenStates!.forEach((h, i) => assertScaledClose(h.arraySync(), expected.hiddenStates![i], MODEL_LOGITS_RELATIVE, `hidden state ${i}`));
    out.attentions!.forEach((a, i) => {
      assert.deepEqual(a.shape, [model.config.numHeads, promptA.length, promptA.length]);
      assertScaledClose(a.arraySync(), expected.attentions![i], MODEL_LOGITS_RELATIVE, `attention ${i}`);
    });
    [out.logits, ...out.hiddenStates!, ...out.attentions!].forEach((t) => t.dispose());
    model.dispose();
  });

  test(`${name}: a padded batch gives each row the logits of the row alone`, async () => {
    const expected = reference.cases[name];
    const model = await loadModel(join(fixtures, expected.dir));
    const before = tf.memory().numTensors;
    // Right padding (default) and left padding with an explicit mask.
    const right = model.forward([promptA, promptB]);
    assert.deepEqual(right.logits.shape, [2, promptA.length, 64]);
    const rows = right.logits.arraySync() as number[][][];
    assertScaledClose(rows[0], expected.logits[0], MODEL_LOGITS_RELATIVE, "row 0");
    assertScaledClose(rows[1].slice(0, promptB.length), expected.logits[1], MODEL_LOGITS_RELATIVE, "row 1 (right-padded)");
    const pad = promptA.length - promptB.length;
    const left = model.forward([promptA, [...new Array(pad).fill(0), ...promptB]], {
      attentionMask: [promptA.map(() => 1), [...new Array(pad).fill(0), ...promptB.map(() => 1)]],
    });
    const leftRows = left.logits.arraySync() as number[][][];
    assertScaledClose(leftRows[1].slice(pad), expected.logits[1], MODEL_LOGITS_RELATIVE, "row 1 (left-padded)");
    right.logits.dispose();
    left.logits.dispose();
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
}

test("forward with a KV cache continues a prompt exactly like one full forward", async () => {
  for (const name of ["gpt2-f32", "qwen3-f32", "mistral-f32"]) {
    const model = await loadModel(join(fixtures, reference.cases[name].dir));
    const first = model.forward(promptA.slice(0, 6), { useCache: true });
    const second = model.forward(promptA.slice(6), { cache: first.cache });
    const rows = second.logits.arraySync() as number[][];
    assertScaledClose(rows, reference.cases[name].logits[0].slice(6), MODEL_LOGITS_RELATIVE, `${name} cached continuation`);
    [first.logits, second.logits].forEach((t) => t.dispose());
    first.cache!.dispose();
    second.cache!.dispose();
    model.dispose();
  }
});

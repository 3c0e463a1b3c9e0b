import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ready, tf } from "../../lib/backend/backend.js";
import { loadModel } from "../../lib/models/load.js";
import { attentionPatterns } from "../../lib/interpret/attentionPatterns.js";
import { attentionGrid, attentionHeatmap } from "../../lib/plot/index.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "models");
// Float64 numpy attention probabilities of prompt A: test/fixtures/models/gen.py.
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, { attentions?: number[][][][] }>;
};

before(async () => {
  await ready();
});

for (const name of ["gpt2-f32", "mistral-f32", "qwen3-f32"]) {
  test(`attentionPatterns(${name}): rows sum to 1, causal, equal to the numpy reference; mean and importance follow`, async () => {
    const model = await loadModel(join(fixtures, name));
    const ids = reference.prompts[0];
    const before = tf.memory().numTensors;
    const a = attentionPatterns(model, ids);
    assert.equal(tf.memory().numTensors, before, "attentionPatterns leaks no tensors");
    const expected = reference.cases[name].attentions!;
    assert.equal(a.patterns.length, expected.length);
    a.patterns.forEach((heads, l) =>
      heads.forEach((rows, h) =>
        rows.forEach((row, i) => {
          assert.ok(Math.abs(row.reduce((s, w) => s + w, 0) - 1) < 1e-5, `layer ${l} head ${h} row ${i} sums to 1`);
          row.forEach((w, j) => {
            if (j > i) assert.ok(w < 1e-12, `layer ${l} head ${h}: query ${i} attends to later key ${j}`);
            assert.ok(Math.abs(w - expected[l][h][i][j]) < 1e-5, `layer ${l} head ${h} [${i}, ${j}]: ${w} vs ${expected[l][h][i][j]}`);
          });
        }),
      ),
    );
    const last = expected[expected.length - 1];
    const T = ids.length;
    for (let j = 0; j < T; j++) {
      const mean = last.reduce((s, head) => s + head[T - 1][j], 0) / last.length;
      assert.ok(Math.abs(a.importance[j] - mean) < 1e-5);
    }
    model.dispose();
  });
}

test("attentionHeatmap and attentionGrid draw [T][T] patterns over the tokens and reject a pattern longer than the text", () => {
  const tokens = ["The", " cat", "\n"];
  const pattern = [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]];
  const fig = attentionHeatmap(pattern, tokens);
  assert.deepEqual((fig.layout.xaxis as { ticktext: string[] }).ticktext, ["The", " cat", "↵"]);
  assert.deepEqual([fig.data[0].zmin, fig.data[0].zmax], [0, 1]);
  assert.throws(() => attentionHeatmap([...pattern, [0, 0, 1]], tokens), /attentionHeatmap: pattern has 4 query rows for 3 tokens/);
  const grid = attentionGrid([[pattern, pattern, pattern]], tokens);
  assert.equal(grid.data.length, 3);
  assert.throws(() => attentionGrid([[]], tokens), /attentionGrid: patterns needs at least one layer of at least one head/);
});

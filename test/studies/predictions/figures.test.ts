// predictionsFigures: every token string escaped, grey pair joins, one colour scale per model row,
// the first token marked as having no prediction, more than two models in the same figures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { predictionsFigures } from "../../../lib/studies/predictions/figures.js";
import { disagreementRows } from "../../../lib/studies/predictions/disagreementRows.js";

const tokens = ["<b>", " <script>alert(1)</script>", " &", " x"];
const model = (name: string, logProbs: number[], ranks: number[]) => ({ name, logProbs, ranks, entropy: [NaN, 1, 2, 3] });
const models = [model("small", [NaN, -1, -3, -2], [NaN, 1, 50, 2000]), model("large", [NaN, -0.5, -4, -1], [NaN, 1, 5, 500]), model("huge", [NaN, -0.2, -2, -1.5], [NaN, 2, 11, 101])];

test("predictionsFigures builds all six figures for three models, and no raw token string reaches Plotly", () => {
  const figures = predictionsFigures({ tokens, models, r: 0.5 });
  assert.deepEqual(Object.keys(figures).sort(), ["gltr_histogram", "gltr_tokens", "logprob_by_token", "logprob_scatter", "surprisal_entropy", "token_heatmap"]);
  for (const [name, build] of Object.entries(figures)) {
    const json = JSON.stringify(build());
    assert.ok(!json.includes("<script>") && !json.includes("<b>\""), `${name} holds an unescaped token`);
  }
});

test("logprob_by_token joins each token's values across models with one grey segment (lowest to highest), points only", () => {
  const fig = predictionsFigures({ tokens, models, r: null }).logprob_by_token();
  const joins = fig.data[0];
  assert.equal(joins.line && (joins.line as { color: string }).color, "#b0b0b0");
  assert.deepEqual(joins.y, [-1, -0.2, null, -4, -2, null, -2, -1, null]);
  assert.deepEqual(joins.x, [1, 1, null, 2, 2, null, 3, 3, null]);
  assert.ok(fig.data.slice(1).every((trace) => trace.mode === "markers"));
});

test("token_heatmap gives each model row its own colour scale and colour bar, and greys the first token", () => {
  const fig = predictionsFigures({ tokens, models, r: null }).token_heatmap();
  const valued = fig.data.filter((t) => Array.isArray((t.marker as { color: unknown }).color));
  assert.equal(valued.length, 3);
  const scales = valued.map((t) => JSON.stringify((t.marker as { colorscale: unknown }).colorscale));
  assert.equal(new Set(scales).size, 3, "three different colour scales");
  assert.ok(valued.every((t) => (t.marker as { showscale: boolean }).showscale));
  const grey = fig.data.filter((t) => (t.marker as { color: unknown }).color === "#d9d9d9");
  assert.equal(grey.length, 3, "one grey first token per row");
  assert.match(String((fig.layout.title as { text: string }).text), /no prediction/);
  assert.deepEqual(valued[0].text, ["␣&lt;script&gt;alert(1)&lt;/script&gt;", "␣&amp;", "␣x"], "spaces visible, strings escaped");
});

test("gltr_histogram counts each model's predicted tokens per rank bucket", () => {
  const fig = predictionsFigures({ tokens, models, r: null }).gltr_histogram();
  assert.equal(fig.data.length, 3);
});

test("disagreementRows ranks tokens by |log p_B − log p_A| and skips tokens without a prediction; ties keep text order", () => {
  const rows = disagreementRows(tokens, models[0].logProbs, models[1].logProbs, 2);
  assert.deepEqual(rows.map((r) => [r.index, r.difference]), [[2, -1], [3, 1]], "a tie keeps text order");
});

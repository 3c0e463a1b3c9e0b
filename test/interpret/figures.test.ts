import { test } from "node:test";
import assert from "node:assert/strict";
import { logitLensFigure, nextTokenFigure, tokenImportanceFigure } from "../../lib/plot/index.js";

test("logitLensFigure writes each layer's top token in its cell (escaped, whitespace visible), probabilities in [0, 1]", () => {
  const fig = logitLensFigure({
    topProbs: [[0.1, 0.4, 0.2], [0.3, 0.9, 0.8]],
    topTokens: [["<b>", " ", "x"], ["the", "\n", "y"]],
    inputTokens: ["A", " B", " C"],
    layerLabels: [0, 1],
  });
  assert.deepEqual(fig.data[0].text, [["&lt;b&gt;", "␣", "x"], ["the", "↵", "y"]]);
  assert.equal(fig.data[0].texttemplate, "%{text}");
  assert.deepEqual([fig.data[0].zmin, fig.data[0].zmax], [0, 1]);
  assert.deepEqual(fig.data[0].z, [[0.1, 0.4, 0.2], [0.3, 0.9, 0.8]]);
});

test("logitLensFigure rejects a probability outside [0, 1] and rows of the wrong length", () => {
  const base = { topProbs: [[0.1, 0.4]], topTokens: [["a", "b"]], inputTokens: ["x", "y"] };
  assert.throws(() => logitLensFigure({ ...base, topProbs: [[0.1, 1.5]] }), /logitLensFigure: topProbs\[0\]\[1\] = 1.5 is not a probability in \[0, 1\]/);
  assert.throws(() => logitLensFigure({ ...base, topTokens: [["a"]] }), /topTokens\[0\] has 1 positions for 2 input tokens/);
  assert.throws(() => logitLensFigure({ ...base, topTokens: [] }), /topTokens has 0 layers, topProbs 1/);
});

test("tokenImportanceFigure scales each row by its largest magnitude and rejects a row of the wrong length", () => {
  const fig = tokenImportanceFigure(["a", "b"], [{ label: "grad", values: [2, 4] }, { label: "x·grad", values: [-1, 0.5] }]);
  assert.deepEqual(fig.data.map((t) => [t.name, (t.marker as { color: number[]; cmin: number; cmax: number }).color]), [["grad", [0.5, 1]], ["x·grad", [-1, 0.5]]]);
  assert.deepEqual([(fig.data[0].marker as { cmin: number }).cmin, (fig.data[0].marker as { cmax: number }).cmax], [-1, 1], "a signed row gives the diverging range");
  assert.throws(() => tokenImportanceFigure(["a", "b"], [{ label: "grad", values: [1] }]), /row 0 \("grad"\) has 1 values for 2 tokens/);
});

test("nextTokenFigure sorts candidates by probability, escapes them, keeps look-alike tokens apart, and rejects bad input", () => {
  const fig = nextTokenFigure(["a", "<img src=x onerror=alert(1)>", "a", " "], [0.1, 0.5, 0.3, 0.05]);
  assert.deepEqual(fig.data[0].x, [0.5, 0.3, 0.1, 0.05]);
  assert.deepEqual(fig.data[0].y, [0, 1, 2, 3], "integer positions: the two \"a\" tokens keep their own bars");
  assert.deepEqual((fig.layout.yaxis as { ticktext: string[] }).ticktext, ["&lt;img src=x onerror=alert(1)&gt;", "a", "a", "␣"]);
  assert.throws(() => nextTokenFigure(["a"], [1.5]), /nextTokenFigure: probs\[0\] = 1.5 is not a probability in \[0, 1\]/);
  assert.throws(() => nextTokenFigure(["a", "b"], [0.5]), /2 tokens but 1 probabilities/);
  assert.throws(() => nextTokenFigure([], []), /needs at least one token/);
});

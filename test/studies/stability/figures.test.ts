// stabilityFigures is the one definition of the study's figures: what a run writes (CLI, reproduce,
// runStability) is exactly what the notebook draws from the same builders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStability } from "../../../lib/studies/stability/runStability.js";
import { resolveStabilityConfig } from "../../../lib/studies/stability/resolveStabilityConfig.js";
import { stabilityFigures } from "../../../lib/studies/stability/figures.js";

const data = join(import.meta.dirname, "..", "..", "fixtures", "stability", "data");

test("the figure files a run writes equal stabilityFigures' specs (the notebook's figures)", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-figures-")), "out");
  const config = resolveStabilityConfig({ reference: [join(data, "db_1"), join(data, "db_2")], check: join(data, "db_13"), out, k: 3 });
  const result = await runStability(config, { progress: "silent", perStep: false, figures: ["html"] });
  const builders = stabilityFigures(result.figures, config.k);
  assert.deepEqual(Object.keys(result.figureSpecs), Object.keys(builders));
  for (const [name, build] of Object.entries(builders)) {
    assert.deepEqual(JSON.parse(readFileSync(join(out, `${name}.json`), "utf8")), JSON.parse(JSON.stringify(build())), name);
  }
  assert.match(builders.topk_by_position().layout.title ? JSON.stringify(builders.topk_by_position().layout.title) : "", /Top-3 preservation/);
});

test("stabilityFigures leaves an empty series out of the margin figure and throws (one line) for a figure without data", () => {
  const data = {
    epsilon: new Float64Array(0), perplexity: { name: [], reference: [], check: [] },
    topkByPosition: { step: [0], setPreservationRate: [1], orderPreservationRate: [1], steps: [1] },
    margin: { preserved: Float64Array.of(0.1, 0.2), changed: new Float64Array(0) },
  };
  const figures = stabilityFigures(data, 5);
  assert.equal(figures.margin_distribution().data.length, 1);
  assert.throws(() => figures.epsilon_histogram(), /histogramFigure: no positive finite values to bin/);
});

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
  assert.match(builders.topk_by_position().layout.title ? JSON.stringify(builders.topk_by_position().layout.title) : "", /Top-3 set preservation/);
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

test("stabilityFigures draws the before- and after-divergence populations apart, with n in the legends", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-figures-")), "out");
  const config = resolveStabilityConfig({ reference: [join(data, "db_1"), join(data, "db_2")], check: join(data, "db_13"), out, k: 3 });
  const result = await runStability(config, { progress: "silent", perStep: false });
  const { summary } = result;
  const figures = stabilityFigures(result.figures, config.k);
  const names = (fig: { data: Record<string, unknown>[] }) => fig.data.map((t) => String(t.name));
  assert.deepEqual(names(figures.epsilon_histogram()).filter((n) => /\(n = /.test(n)), [
    `before div. (n = ${summary.before_divergence.steps.agreeing})`, `after (n = ${summary.divergence.agreeing_steps_after})`,
  ]);
  const before = summary.before_divergence.margin;
  assert.deepEqual(names(figures.margin_distribution()).slice(0, 2), [
    `kept (n = ${before.eligible_steps - before.changed_steps})`, `changed (n = ${before.changed_steps})`,
  ]);
  // The count panel: bars of steps per position, before and after divergence, add up to the agreeing steps.
  const bars = figures.topk_by_position().data.filter((t) => t.type === "bar");
  assert.equal(bars.flatMap((t) => t.y as number[]).reduce((a, b) => a + b, 0), summary.steps.agreeing);
  assert.deepEqual(figures.topk_by_position().layout.yaxis, { ...(figures.topk_by_position().layout.yaxis as object), range: [0, 1.05] });
  // Perplexity as a ratio on a log axis.
  const ratio = figures.perplexity_scatter();
  assert.equal((ratio.layout.yaxis as { type: string }).type, "log");
  // Every file before divergence; over all agreeing steps only the files that agree again after their
  // first divergence (the others have the same two perplexities in both populations).
  const [beforeTrace, allTrace] = ratio.data as unknown as { name: string; text: string[]; x: number[] }[];
  const againAfter = result.perFile.filter((row) => row.firstDivergence !== null && (row.agreeingSteps ?? 0) > row.firstDivergence).map((row) => row.name);
  assert.equal(beforeTrace.x.length, result.figures.beforeDivergence!.perplexity.reference.length);
  assert.ok(againAfter.length > 0 && againAfter.length < result.perFile.length);
  assert.deepEqual([...allTrace.text].sort(), againAfter.sort());
  assert.equal(allTrace.name, `all agreeing, if different (n = ${againAfter.length})`);
  // Titles are optional for paper export; tick labels never outgrow axis titles.
  const untitled = stabilityFigures(result.figures, config.k, { titles: false });
  for (const [name, build] of Object.entries(untitled)) {
    const fig = build();
    assert.equal(fig.layout.title, undefined, name);
    for (const axis of ["xaxis", "yaxis"]) {
      const a = fig.layout[axis] as { tickfont: { size: number }; title?: { font: { size: number } } };
      assert.ok(a.tickfont.size <= (a.title?.font.size ?? 11), `${name} ${axis}`);
    }
  }
});

test("the margin legend fits a 3.5-inch figure: horizontal, below the plot, one column per population of two short entries", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "logitlab-figures-")), "out");
  const config = resolveStabilityConfig({ reference: [join(data, "db_1"), join(data, "db_2")], check: join(data, "db_13"), out, k: 3 });
  const result = await runStability(config, { progress: "silent", perStep: false });
  const fig = stabilityFigures(result.figures, config.k).margin_distribution();
  const legend = fig.layout.legend as Record<string, unknown>;
  assert.equal(legend.orientation, "h");
  assert.equal(legend.yanchor, "bottom");
  assert.equal(legend.y, 0);
  // Plotly stacks a group's entries and sets the groups side by side: two groups of two entries are two
  // columns of two rows (under the group titles), where four flat entries wrapped to one a row.
  const groups = new Map<string, string[]>();
  for (const trace of fig.data) {
    const group = String(trace.legendgroup);
    groups.set(group, [...(groups.get(group) ?? []), String(trace.name)]);
  }
  assert.deepEqual([...groups.keys()], ["before div.", "after div."]);
  for (const entries of groups.values()) {
    assert.ok(entries.length <= 2, String(entries));
    for (const entry of entries) assert.match(entry, /^(kept|changed) \(n = \d+(; \d+ ≤ 0 not drawn)?\)$/);
  }
  assert.deepEqual(fig.data.map((t) => (t.legendgrouptitle as { text?: string } | undefined)?.text), ["before div.", undefined, "after div.", undefined]);
});

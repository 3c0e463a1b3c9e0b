// ecdfFigure: F(x) = #{values ≤ x} / n as steps, n in the legend, values ≤ 0 left out on a log axis and said so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ecdfFigure } from "../../lib/plot/builders/ecdfFigure.js";

test("ecdfFigure gives F(x) = rank / n at the sorted values, with n in the legend name", () => {
  const fig = ecdfFigure([{ name: "a", values: Float64Array.of(0.3, 0.1, 0.2, 0.2) }]);
  assert.deepEqual(fig.data[0].x, [0.1, 0.2, 0.2, 0.3]);
  assert.deepEqual(fig.data[0].y, [0.25, 0.5, 0.75, 1]);
  assert.equal(fig.data[0].name, "a (n = 4)");
  assert.equal((fig.data[0].line as { shape: string }).shape, "hv");
});

test("ecdfFigure on a log axis leaves out values ≤ 0 but counts them in n and in F", () => {
  const fig = ecdfFigure([{ name: "m", values: [0, 0.01, 0.1, Number.NaN] }], { logX: true });
  assert.deepEqual(fig.data[0].x, [0.01, 0.1]);
  assert.deepEqual(fig.data[0].y, [2 / 3, 1]);
  assert.equal(fig.data[0].name, "m (n = 3; 1 ≤ 0 not drawn)");
});

test("ecdfFigure drops empty series and rejects a figure with no finite value", () => {
  assert.equal(ecdfFigure([{ name: "a", values: [] }, { name: "b", values: [1] }]).data.length, 1);
  assert.throws(() => ecdfFigure([{ name: "a", values: [Number.NaN] }]), /ecdfFigure: no finite values to draw/);
});

test("ecdfFigure draws a large sample through maxPoints evenly spaced ranks, exact at each drawn point", () => {
  const n = 10_001;
  const values = Array.from({ length: n }, (_, i) => (i * 7919) % n); // 0 … n−1, shuffled
  const trace = ecdfFigure([{ name: "big", values }], { maxPoints: 101 }).data[0] as unknown as { x: number[]; y: number[]; name: string };
  assert.equal(trace.x.length, 101);
  assert.equal(trace.name, "big (n = 10001)");
  assert.deepEqual([trace.x[0], trace.x[100]], [0, n - 1]); // first and last order statistics kept
  trace.x.forEach((x, j) => assert.equal(trace.y[j], (x + 1) / n)); // F(x) = #{v ≤ x}/n exactly
  assert.equal((ecdfFigure([{ name: "small", values: [3, 1, 2] }], { maxPoints: 101 }).data[0] as unknown as { x: number[] }).x.length, 3);
});

test("ecdfFigure groups series in the legend: one group title per group, on its first series", () => {
  const fig = ecdfFigure([
    { name: "kept", values: [1, 2], group: "before" }, { name: "changed", values: [3], group: "before" },
    { name: "kept", values: [4], group: "after" },
  ]);
  assert.deepEqual(fig.data.map((t) => t.legendgroup), ["before", "before", "after"]);
  assert.deepEqual(fig.data.map((t) => (t.legendgrouptitle as { text?: string } | undefined)?.text), ["before", undefined, "after"]);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { levenbergMarquardt } from "../../lib/stats/levenbergMarquardt.js";
import { assertAllClose, FLOAT64_ITERATIVE } from "../tolerances.js";
import { assertLogitlabError } from "./support.js";

// Rosenbrock as least squares: r = [10 (y − x²), 1 − x]; minimum 0 at (1, 1), a curved valley.
const rosenbrock = {
  residuals: ([x, y]: readonly number[]) => [10 * (y - x * x), 1 - x],
  jacobian: ([x]: readonly number[]) => [[-20 * x, 10], [-1, 0]],
};

test("levenbergMarquardt(problem, initial) follows Rosenbrock's curved valley to (1, 1) from (−1.2, 1)", () => {
  const result = levenbergMarquardt(rosenbrock, [-1.2, 1]);
  assert.ok(result.converged, result.reason);
  assertAllClose(result.params, [1, 1], FLOAT64_ITERATIVE, "params");
  assert.ok(result.sumOfSquares < 1e-20);
});

test("levenbergMarquardt solves a linear least-squares problem exactly and returns (JᵀJ)⁻¹", () => {
  // y = a + b t through 4 points; J = [1, t], JᵀJ = [[4, 6], [6, 14]], inverse [[0.7, −0.3], [−0.3, 0.2]].
  const t = [0, 1, 2, 3];
  const y = [1, 3, 2, 5];
  const result = levenbergMarquardt(
    { residuals: ([a, b]) => t.map((ti, i) => a + b * ti - y[i]), jacobian: () => t.map((ti) => [1, ti]) },
    [0, 0],
  );
  assertAllClose(result.params, [1.1, 1.1], FLOAT64_ITERATIVE, "params");
  assertAllClose(result.jtjInverse, [[0.7, -0.3], [-0.3, 0.2]], FLOAT64_ITERATIVE, "(JᵀJ)⁻¹");
});

test("levenbergMarquardt reports NaN (JᵀJ)⁻¹ when a parameter has no effect", () => {
  const result = levenbergMarquardt({ residuals: ([a]) => [a - 1, a - 2, a - 3], jacobian: () => [[1, 0], [1, 0], [1, 0]] }, [0, 5]);
  assertAllClose(result.params, [2, 5], FLOAT64_ITERATIVE, "params");
  assert.ok(result.jtjInverse.flat().every(Number.isNaN));
});

test("levenbergMarquardt stops at maxIterations and says it did not converge", () => {
  const result = levenbergMarquardt(rosenbrock, [-1.2, 1], { maxIterations: 3 });
  assert.equal(result.converged, false);
  assert.equal(result.reason, "max iterations");
  assert.equal(result.iterations, 3);
});

test("levenbergMarquardt rejects fewer residuals than parameters and non-finite starting residuals", () => {
  assertLogitlabError(
    () => levenbergMarquardt({ residuals: () => [1], jacobian: () => [[1, 1]] }, [0, 0]),
    "levenbergMarquardt: needs at least as many residuals as parameters, got 1 for 2",
  );
  assertLogitlabError(
    () => levenbergMarquardt({ residuals: ([a]) => [Math.log(a), 1], jacobian: () => [[1], [0]] }, [-1]),
    "levenbergMarquardt: residual 0 is NaN at the initial parameters [-1]",
  );
});

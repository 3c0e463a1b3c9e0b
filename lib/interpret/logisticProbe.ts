/**
 * logisticProbe: a linear probe — L2-regularised logistic regression of binary labels on feature
 * vectors (e.g. residual streams of concept vs random sentences), fitted by Newton's method
 * (iteratively reweighted least squares) in float64, with held-out accuracy.
 *
 *   p_i = σ(w · x_i + b),   minimise  −Σ_i [y_i log p_i + (1 − y_i) log(1 − p_i)] + (λ/2)‖w‖²
 *   Newton step: (Xᵀ S X + λ I') Δ = Xᵀ (y − p) − λ w,   S = diag(p_i (1 − p_i))  (b not penalised)
 *
 * (Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning", §4.4.1 — IRLS,
 * https://hastie.su.domains/ElemStatLearn/; the system is solved by Cholesky factorisation.)
 * Features are standardised (mean 0, sd 1 per column, from the training split) for the fit; the
 * returned weights and bias act on the raw features. The held-out split is a seeded shuffle
 * (mulberry32, `seededRandom`) of `heldOutFraction` of each class. The concept direction is the unit
 * normal w / ‖w‖.
 * Shapes: features [n][d], labels [n] of 0/1 → weights [d], bias, direction [d], accuracies.
 *
 * @example
 * const probe = logisticProbe([[0], [1], [2], [3], [10], [11], [12], [13]], [0, 0, 0, 0, 1, 1, 1, 1], { heldOutFraction: 0.25 });
 * [probe.trainAccuracy, probe.heldOutAccuracy, probe.direction]
 * // => [1, 1, [1]]
 */
import { seededRandom } from "../util/seededRandom.js";
import { LogitlabError } from "../util/errors.js";

/** What {@link logisticProbe} returns. */
export interface LogisticProbe {
  /** [d] weights on the raw features. */
  weights: number[];
  bias: number;
  /** [d] unit normal of the decision boundary, pointing towards label 1. */
  direction: number[];
  trainAccuracy: number;
  /** Accuracy on the held-out rows (NaN when none are held out). */
  heldOutAccuracy: number;
  /** Indices of the held-out rows. */
  heldOut: number[];
  /** Newton iterations run. */
  iterations: number;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = r for symmetric positive definite A (Cholesky, A = L Lᵀ). */
function choleskySolve(A: number[][], r: number[]): number[] {
  const n = r.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j][j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

export function logisticProbe(
  features: readonly (readonly number[])[],
  labels: readonly number[],
  options: { l2?: number; heldOutFraction?: number; seed?: number; maxIterations?: number } = {},
): LogisticProbe {
  const where = { context: "logisticProbe" };
  const n = features.length;
  if (labels.length !== n) throw new LogitlabError(`${n} feature rows but ${labels.length} labels`, where);
  const d = features[0]?.length ?? 0;
  features.forEach((row, i) => {
    if (row.length !== d) throw new LogitlabError(`row ${i} has ${row.length} features, row 0 has ${d}`, where);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new LogitlabError(`row ${i} feature ${j} is ${v}, not a finite number`, where);
    });
  });
  labels.forEach((y, i) => {
    if (y !== 0 && y !== 1) throw new LogitlabError(`label ${i} is ${y}, not 0 or 1`, where);
  });
  const l2 = options.l2 ?? 1e-2;
  const fraction = options.heldOutFraction ?? 0.25;
  if (!(l2 > 0)) throw new LogitlabError(`l2 must be positive, got ${l2}`, { context: "logisticProbe", field: "l2" });
  if (!(fraction >= 0 && fraction < 1)) throw new LogitlabError(`heldOutFraction must be in [0, 1), got ${fraction}`, { context: "logisticProbe", field: "heldOutFraction" });
  // Seeded stratified split.
  const random = seededRandom(options.seed ?? 1);
  const heldOut: number[] = [];
  for (const cls of [0, 1]) {
    const members = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    heldOut.push(...members.slice(0, Math.floor(fraction * members.length)));
  }
  heldOut.sort((a, b) => a - b);
  const held = new Set(heldOut);
  const train = labels.map((_, i) => i).filter((i) => !held.has(i));
  const counts = [0, 1].map((cls) => train.filter((i) => labels[i] === cls).length);
  if (counts[0] < 1 || counts[1] < 1) throw new LogitlabError(`the training split needs both classes, got ${counts[0]} of class 0 and ${counts[1]} of class 1`, where);
  // Standardise columns on the training rows.
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const i of train) for (let j = 0; j < d; j++) mean[j] += features[i][j] / train.length;
  for (const i of train) for (let j = 0; j < d; j++) sd[j] += (features[i][j] - mean[j]) ** 2 / train.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const X = train.map((i) => [...features[i].map((v, j) => (v - mean[j]) / sd[j]), 1]); // bias column last
  const y = train.map((i) => labels[i]);
  const beta = new Array<number>(d + 1).fill(0);
  const maxIterations = options.maxIterations ?? 100;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const p = X.map((row) => sigmoid(row.reduce((s, v, j) => s + v * beta[j], 0)));
    const gradient = beta.map((b, j) => X.reduce((s, row, i) => s + row[j] * (y[i] - p[i]), 0) - (j < d ? l2 * b : 0));
    const H = beta.map((_, a) => beta.map((__, c) => X.reduce((s, row, i) => s + row[a] * row[c] * p[i] * (1 - p[i]), 0) + (a === c ? (a < d ? l2 : 1e-12) : 0)));
    const step = choleskySolve(H, gradient);
    step.forEach((v, j) => (beta[j] += v));
    if (Math.max(...step.map(Math.abs)) < 1e-10 * Math.max(1, Math.max(...beta.map(Math.abs)))) {
      iterations++;
      break;
    }
  }
  const weights = mean.map((_, j) => beta[j] / sd[j]);
  const bias = beta[d] - mean.reduce((s, m, j) => s + (m * beta[j]) / sd[j], 0);
  const predict = (i: number): number => (features[i].reduce((s, v, j) => s + v * weights[j], bias) >= 0 ? 1 : 0);
  const accuracy = (rows: number[]): number => (rows.length === 0 ? NaN : rows.filter((i) => predict(i) === labels[i]).length / rows.length);
  const norm = Math.hypot(...weights);
  return {
    weights, bias, direction: weights.map((w) => (norm > 0 ? w / norm : 0)),
    trainAccuracy: accuracy(train), heldOutAccuracy: accuracy(heldOut), heldOut, iterations,
  };
}

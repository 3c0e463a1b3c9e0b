/**
 * StabilityAccumulator: folds compared pairs into what the summary, per_file.csv and the figures need,
 * one pair at a time, so that no file's steps outlive its turn.
 *
 * Kept per agreeing step: epsilon and relative epsilon (float64, for exact percentiles); per eligible
 * step: margin and the changed flag (for medians and the AUC); per file: the two perplexities; per
 * step position: counts of compared and preserved top-K sets. Everything else is a counter. Memory is
 * about 17 bytes per agreeing step plus 9 per eligible step, each stored once (20,000 pairs × 100
 * steps ≈ 50 MB), plus the headline population's joined copies while its summary is computed.
 *
 * Summary formulas (see `compareStep` for the per-step ones):
 * - token_agreement = agreeing steps / compared steps;
 * - epsilon mean, median, p95, p99, max over agreeing steps; percentiles by linear interpolation
 *   between order statistics (numpy's default: `quantileSorted` from lib/stats on the stored values
 *   sorted in place once, as `quantile` would copy and sort them per call — 16 MB at 2 million steps); relative epsilon
 *   (epsilon / p_ref) over the agreeing steps with p_ref > 0 or epsilon = 0 (others are infinite: left out, with a warning);
 * - perplexity means over files with at least one agreeing step; ratio = check / reference and
 *   |check − reference| per file, leaving out files where both sides are infinite;
 * - top-K rates over agreeing steps; margin medians over preserved / changed eligible steps;
 *   auc = rocAuc(−margin, changed); boundary_swap_fraction = boundary swaps / changed steps.
 * `metrics()` sorts the stored epsilons in place (their order is not needed afterwards).
 *
 * Populations. The first divergence of a pair is the first step whose chosen ids differ; from there
 * the check run continues its own text, so later agreeing steps compare different contexts. The
 * accumulator folds every step into the headline sections (the original's positional comparison,
 * unchanged), steps with index < the first divergence (all steps when the pair never diverges) into
 * `before_divergence` (the same sections, the same formulas; its perplexities are over those steps),
 * and agreeing steps after it into a third population, reported in `divergence.after` and drawn in the
 * figures. `divergence.first_step` describes the first-divergence steps of the diverged pairs
 * (min, p25, median, p75, max; numpy's linear percentiles). Each agreeing step is stored once: in the
 * before- or the after-divergence population; the headline population's values are those two joined,
 * copied only while its summary or its figure data is computed.
 * Means use Neumaier compensated summation.
 *
 * @example
 * const s = (id, prob) => ({ id, prob, topIds: Int32Array.of(id), topProbs: Float64Array.of(prob) });
 * const acc = new StabilityAccumulator({ k: 1, m: 0, cutoffTopP: 0.9 });
 * acc.addPair("a.json", comparePair([s(1, 0.5), s(2, 0.5)], [s(1, 0.25), s(3, 0.5)], acc.settings));
 * acc.counts()
 * // => {"comparedSteps": 2, "agreeingSteps": 1, "files": 1}
 */
import { quantileSorted } from "../../stats/quantileSorted.js";
import { rocAucSorted } from "../../stats/rocAucSorted.js";
import type {
  DistributionSummary, PairComparison, StabilityFigureData, StabilityMetricSections, StabilityPopulationFigureData, StabilitySettings, StabilitySummary,
  StepComparison, SummaryNumber,
} from "./types.js";

/** Per-file metrics returned by `addPair` (one row of per_file.csv, without paths). */
export interface PairMetrics {
  steps: number;
  agreeingSteps: number;
  tokenAgreement: number;
  epsilonMean: number | null;
  epsilonMax: number | null;
  referencePerplexity: number;
  checkPerplexity: number;
  setPreservationRate: number | null;
  orderPreservationRate: number | null;
  meanOverlap: number | null;
  eligibleSteps: number;
  changedSteps: number;
  /** First step whose chosen ids differ (null when none does). */
  firstDivergence: number | null;
}

/** The metric sections of summary.json (the accumulator fills these; the run adds config, files, …). */
export type StabilityMetrics = StabilityMetricSections & Pick<StabilitySummary, "divergence" | "before_divergence">;

export class StabilityAccumulator {
  readonly settings: StabilitySettings;
  /** Steps before each pair's first divergence. */
  private readonly before = new StepPopulation();
  /** Agreeing steps after each pair's first divergence. */
  private readonly after = new StepPopulation();
  /** Every step (the headline sections); its agreeing steps are exactly those of `before` and `after`,
   *  so it keeps no per-step values of its own and reads theirs. */
  private readonly all = new StepPopulation([this.before, this.after]);
  private readonly firstDivergence: number[] = [];

  constructor(settings: StabilitySettings) {
    this.settings = settings;
  }

  /** Adds one compared pair; returns its per-file metrics. */
  addPair(name: string, pair: PairComparison): PairMetrics {
    const first = pair.steps.findIndex((step) => !step.agree);
    const end = first < 0 ? pair.steps.length : first;
    if (first >= 0) this.firstDivergence.push(first);
    let logReference = 0;
    let logCheck = 0;
    for (let t = 0; t < end; t++) {
      logReference += Math.log(pair.steps[t].referenceProb);
      logCheck += Math.log(pair.steps[t].checkProb);
    }
    this.before.addFile(name, pair.steps.slice(0, end), end ? Math.exp(-logReference / end) : NaN, end ? Math.exp(-logCheck / end) : NaN);
    if (first >= 0) this.after.addFile(name, pair.steps.slice(first), NaN, NaN, false);
    const metrics = this.all.addFile(name, pair.steps, pair.referencePerplexity, pair.checkPerplexity);
    return { ...metrics, firstDivergence: first < 0 ? null : first };
  }

  /** Steps and files folded in so far. */
  counts(): { comparedSteps: number; agreeingSteps: number; files: number } {
    return { comparedSteps: this.all.comparedSteps, agreeingSteps: this.all.agreeingSteps, files: this.all.files() };
  }

  /** The metric sections of summary.json, and the warnings they raise. */
  metrics(): { metrics: StabilityMetrics; warnings: string[] } {
    const { metrics, warnings } = this.all.metrics(this.settings);
    const before = this.before.metrics(this.settings).metrics;
    const after = this.after.metrics(this.settings).metrics;
    const firstSteps = Float64Array.from(this.firstDivergence).sort();
    const at = (q: number) => (firstSteps.length ? quantileSorted(firstSteps, q) : null);
    const divergence: StabilitySummary["divergence"] = {
      pairs: this.all.files(),
      pairs_diverged: firstSteps.length,
      first_step: { min: at(0), p25: at(0.25), median: at(0.5), p75: at(0.75), max: at(1) },
      steps_before: this.before.comparedSteps,
      steps_after: this.all.comparedSteps - this.before.comparedSteps,
      agreeing_steps_after: this.after.agreeingSteps,
      after: { epsilon_max: after.epsilon.max, epsilon_p99: after.epsilon.p99, eligible_steps: after.margin.eligible_steps, changed_steps: after.margin.changed_steps },
    };
    return { metrics: { ...metrics, divergence, before_divergence: before }, warnings };
  }

  /** Arrays behind the figures (the populations' epsilons are views of their storage; the headline one is a joined copy). */
  figureData(): StabilityFigureData {
    return {
      ...this.all.figureData(),
      beforeDivergence: this.before.figureData(),
      afterDivergence: this.after.figureData(),
      firstDivergence: [...this.firstDivergence].sort((a, b) => a - b),
    };
  }
}

/** One population of steps: everything the summary sections and the figures need of it. */
class StepPopulation {
  /** The populations whose values this one is made of (it then stores none itself). */
  private readonly parts: readonly StepPopulation[] | undefined;
  comparedSteps = 0;
  agreeingSteps = 0;
  private readonly epsilon = new GrowableArray((size) => new Float64Array(size));
  private readonly relativeEpsilon = new GrowableArray((size) => new Float64Array(size));
  private readonly names: string[] = [];
  private readonly referencePerplexity: number[] = [];
  private readonly checkPerplexity: number[] = [];
  private setPreserved = 0;
  private orderPreserved = 0;
  private readonly overlapSum = new NeumaierSum();
  private shortListSteps = 0;
  private readonly margins = new GrowableArray((size) => new Float64Array(size));
  private readonly changedFlags = new GrowableArray((size) => new Uint8Array(size));
  private changedSteps = 0;
  private boundarySwaps = 0;
  private readonly positionSteps: number[] = [];
  private readonly positionSet: number[] = [];
  private readonly positionOrder: number[] = [];
  private split: { preserved: Float64Array; changed: Float64Array } | undefined;

  constructor(parts?: readonly StepPopulation[]) {
    this.parts = parts;
  }

  files(): number {
    return this.names.length;
  }

  /** Stored values (`of` picks the array): this population's own, or its parts' joined (a copy). */
  private values<A extends Float64Array | Uint8Array>(of: (p: StepPopulation) => GrowableArray<A>): A {
    if (!this.parts) return of(this).view();
    const views = this.parts.map((p) => of(p).view());
    const joined = of(this).allocateLike(views.reduce((n, v) => n + v.length, 0));
    let offset = 0;
    for (const view of views) {
      joined.set(view, offset);
      offset += view.length;
    }
    return joined;
  }

  /** Adds one file's steps (its perplexities are recorded when `withPerplexity`); returns its per-file metrics. */
  addFile(name: string, steps: readonly StepComparison[], referencePerplexity: number, checkPerplexity: number, withPerplexity = true): Omit<PairMetrics, "firstDivergence"> {
    const epsilonSum = new NeumaierSum();
    let epsilonMax = -Infinity;
    let set = 0;
    let order = 0;
    const overlap = new NeumaierSum();
    let eligible = 0;
    let changed = 0;
    let agreeing = 0;
    for (const step of steps) {
      if (!step.agree) continue;
      agreeing++;
      const epsilon = step.epsilon as number;
      if (!this.parts) {
        this.epsilon.push(epsilon);
        this.relativeEpsilon.push(step.relativeEpsilon as number);
      }
      epsilonSum.add(epsilon);
      if (epsilon > epsilonMax) epsilonMax = epsilon;
      const t = step.step;
      while (this.positionSteps.length <= t) {
        this.positionSteps.push(0);
        this.positionSet.push(0);
        this.positionOrder.push(0);
      }
      this.positionSteps[t]++;
      if (step.setPreserved) {
        set++;
        this.positionSet[t]++;
      }
      if (step.orderPreserved) {
        order++;
        this.positionOrder[t]++;
      }
      overlap.add(step.overlap as number);
      this.overlapSum.add(step.overlap as number);
      if (step.shortList) this.shortListSteps++;
      if (step.eligible) {
        eligible++;
        if (!this.parts) {
          this.margins.push(step.margin as number);
          this.changedFlags.push(step.changed ? 1 : 0);
        }
        if (step.changed) {
          changed++;
          if (step.boundarySwap) this.boundarySwaps++;
        }
      }
    }
    this.comparedSteps += steps.length;
    this.agreeingSteps += agreeing;
    this.setPreserved += set;
    this.orderPreserved += order;
    this.changedSteps += changed;
    if (withPerplexity) {
      this.names.push(name);
      this.referencePerplexity.push(referencePerplexity);
      this.checkPerplexity.push(checkPerplexity);
    }
    return {
      steps: steps.length,
      agreeingSteps: agreeing,
      tokenAgreement: agreeing / steps.length,
      epsilonMean: agreeing ? epsilonSum.value() / agreeing : null,
      epsilonMax: agreeing ? epsilonMax : null,
      referencePerplexity,
      checkPerplexity,
      setPreservationRate: agreeing ? set / agreeing : null,
      orderPreservationRate: agreeing ? order / agreeing : null,
      meanOverlap: agreeing ? overlap.value() / agreeing : null,
      eligibleSteps: eligible,
      changedSteps: changed,
    };
  }

  /** The metric sections of this population, and the warnings they raise. */
  metrics(settings: StabilitySettings): { metrics: StabilityMetricSections; warnings: string[] } {
    const warnings: string[] = [];
    // One stored array at a time: the headline population's are joined copies, and holding them all
    // at once was the run's peak.
    const epsilonSummary = describe(this.values((p) => p.epsilon));
    const { summary: relativeSummary, infinite: infiniteRelative } = describeFinite(this.values((p) => p.relativeEpsilon));

    const reference: number[] = [];
    const check: number[] = [];
    const ratio: number[] = [];
    const absDiff: number[] = [];
    let infinite = 0;
    let undefinedFiles = 0;
    for (let i = 0; i < this.names.length; i++) {
      const r = this.referencePerplexity[i];
      const c = this.checkPerplexity[i];
      if (Number.isNaN(r) || Number.isNaN(c)) {
        undefinedFiles++;
        continue;
      }
      if (!Number.isFinite(r) || !Number.isFinite(c)) {
        infinite++;
        warnings.push(`${this.names[i]}: a zero probability makes the ${!Number.isFinite(r) && !Number.isFinite(c) ? "reference and check" : !Number.isFinite(r) ? "reference" : "check"} perplexity infinite`);
      }
      reference.push(r);
      check.push(c);
      const q = c / r;
      const d = Math.abs(c - r);
      if (!Number.isNaN(q)) ratio.push(q);
      if (!Number.isNaN(d)) absDiff.push(d);
    }
    if (undefinedFiles > 0) warnings.push(`${undefinedFiles} file pair(s) have no agreeing step and no perplexity`);
    if (infiniteRelative > 0) {
      warnings.push(`${infiniteRelative} agreeing step(s) have p_ref = 0 < p_check: their relative epsilon is infinite and left out of its summary`);
    }

    const { preserved: preservedMargins, changed: changedMargins } = this.splitMargins();
    // AUC of −margin with "changed" as the positive class = P(−m_c > −m_p) + ½ P(=)
    // = P(m_p > m_c) + ½ P(=): the same Mann–Whitney U with the classes' roles swapped, no copies.
    const auc = rocAucSorted(preservedMargins, changedMargins);
    const agreeing = this.agreeingSteps;

    const metrics: StabilityMetricSections = {
      steps: {
        compared: this.comparedSteps,
        token_agreement: summaryNumber(this.comparedSteps ? agreeing / this.comparedSteps : NaN),
        agreeing,
      },
      epsilon: { ...epsilonSummary, relative: relativeSummary },
      perplexity: {
        reference_mean: summaryNumber(mean(reference)),
        check_mean: summaryNumber(mean(check)),
        ratio_mean: summaryNumber(mean(ratio)),
        abs_diff_mean: summaryNumber(mean(absDiff)),
        infinite_files: infinite,
        undefined_files: undefinedFiles,
      },
      topk: {
        set_preservation_rate: summaryNumber(agreeing ? this.setPreserved / agreeing : NaN),
        order_preservation_rate: summaryNumber(agreeing ? this.orderPreserved / agreeing : NaN),
        mean_overlap: summaryNumber(agreeing ? this.overlapSum.value() / agreeing : NaN),
        short_list_steps: this.shortListSteps,
      },
      margin: {
        eligible_steps: preservedMargins.length + changedMargins.length,
        changed_steps: this.changedSteps,
        boundary_swap_fraction: summaryNumber(this.changedSteps ? this.boundarySwaps / this.changedSteps : NaN),
        median_margin_preserved: summaryNumber(median(preservedMargins)),
        median_margin_changed: summaryNumber(median(changedMargins)),
        auc: summaryNumber(auc),
      },
    };
    if (this.shortListSteps > 0) {
      warnings.push(`${this.shortListSteps} agreeing step(s) have a top_k list shorter than K = ${settings.k}; they are compared on the shorter length`);
    }
    return { metrics, warnings };
  }

  /** Margins of eligible steps split by whether the top-K set changed, each sorted ascending (cached). */
  private splitMargins(): { preserved: Float64Array; changed: Float64Array } {
    const stored = this.parts ? this.parts.reduce((n, p) => n + p.margins.view().length, 0) : this.margins.view().length;
    if (this.split && this.split.preserved.length + this.split.changed.length === stored) return this.split;
    const margins = this.values((p) => p.margins);
    const flags = this.values((p) => p.changedFlags);
    const preserved = new Float64Array(margins.length - this.changedSteps);
    const changed = new Float64Array(this.changedSteps);
    for (let i = 0, p = 0, c = 0; i < margins.length; i++) {
      if (flags[i]) changed[c++] = margins[i];
      else preserved[p++] = margins[i];
    }
    this.split = { preserved: preserved.sort(), changed: changed.sort() };
    return this.split;
  }

  /** Arrays behind this population's figures (epsilon is a view of its own storage, or its parts' joined). */
  figureData(): StabilityPopulationFigureData {
    const name: string[] = [];
    const reference: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (Number.isFinite(this.referencePerplexity[i]) && Number.isFinite(this.checkPerplexity[i])) {
        name.push(this.names[i]);
        reference.push(this.referencePerplexity[i]);
        check.push(this.checkPerplexity[i]);
      }
    }
    const step: number[] = [];
    const setRate: number[] = [];
    const orderRate: number[] = [];
    const steps: number[] = [];
    this.positionSteps.forEach((n, t) => {
      if (n === 0) return;
      step.push(t);
      steps.push(n);
      setRate.push(this.positionSet[t] / n);
      orderRate.push(this.positionOrder[t] / n);
    });
    return {
      epsilon: this.values((p) => p.epsilon),
      perplexity: { name, reference, check },
      topkByPosition: { step, setPreservationRate: setRate, orderPreservationRate: orderRate, steps },
      margin: this.splitMargins(),
    };
  }
}

/** JSON-safe number: ±Infinity as strings, NaN (undefined) as null. */
function summaryNumber(x: number): SummaryNumber {
  if (Number.isNaN(x)) return null;
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

/** mean, median, p95, p99 and max of finite values, sorting them in place (all null when none). */
function describe(values: Float64Array): DistributionSummary {
  if (values.length === 0) return { mean: null, median: null, p95: null, p99: null, max: null };
  const average = mean(values);
  values.sort();
  const [median, p95, p99] = quantileSorted(values, [0.5, 0.95, 0.99]);
  return { mean: summaryNumber(average), median, p95, p99, max: values[values.length - 1] };
}

/** `describe` of the finite values (copied out when there are others), and how many were not finite. */
function describeFinite(values: Float64Array): { summary: DistributionSummary; infinite: number } {
  let finite = 0;
  for (const x of values) if (Number.isFinite(x)) finite++;
  if (finite === values.length) return { summary: describe(values), infinite: 0 };
  const kept = new Float64Array(finite);
  for (let i = 0, j = 0; i < values.length; i++) if (Number.isFinite(values[i])) kept[j++] = values[i];
  return { summary: describe(kept), infinite: values.length - finite };
}

/** Median of ascending values (`quantileSorted`), NaN when there are none. */
function median(sorted: Float64Array): number {
  return sorted.length === 0 ? NaN : quantileSorted(sorted, 0.5);
}

function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sum = new NeumaierSum();
  for (let i = 0; i < values.length; i++) sum.add(values[i]);
  return sum.value() / values.length;
}

/** Neumaier's improved Kahan summation (https://en.wikipedia.org/wiki/Kahan_summation_algorithm#Further_enhancements). */
class NeumaierSum {
  private sum = 0;
  private compensation = 0;
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

/** An append-only typed array that doubles its buffer when full (one class for every element type). */
class GrowableArray<A extends Float64Array | Uint8Array> {
  private data: A;
  private length = 0;
  constructor(private readonly allocate: (size: number) => A) {
    this.data = allocate(1024);
  }
  /** A new zero-filled array of this element type. */
  allocateLike(size: number): A {
    return this.allocate(size);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.allocate(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

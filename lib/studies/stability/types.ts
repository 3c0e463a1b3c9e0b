/**
 * Types of the stability study: parsed steps, per-step comparisons, per-file rows and the summary.
 * (Types only; the functions live one per file beside this one.)
 */

import type { StepRecord } from "../../io/stepRecord.js";
import type { SummaryNumber } from "../../util/summaryNumber.js";
import type { StudyProvenance } from "../StudyProvenance.js";

export type { SummaryNumber };

/** Which side a run file is: a reference folder file (`execution_data`) or a check file (`check_data`). */
export type RunRole = "reference" | "check";

/**
 * One step of a run file after validation: the canonical `StepRecord` (lib/io), as the readers emit it —
 * `logProb = Math.log(prob)`, `entropy` null, `top` `{ kind: "given" }`, `truncated` true and
 * `coveredMass` the sum of the `top_k` probabilities. `topIds`/`topProbs` are the `top_k` list sorted
 * by probability descending, ties by id ascending.
 */
export type RunStep = StepRecord;

/** What the metrics read of a step (a `StepRecord` has it; tests may build just this). */
export type ComparedStep = Pick<StepRecord, "id" | "prob" | "topIds" | "topProbs">;

/** Settings the metrics need. */
export interface StabilitySettings {
  /** Size of the compared top-K sets (K). */
  k: number;
  /** Extra reference ranks within which an entering id counts as a boundary swap (M). */
  m: number;
  /** A step is eligible for the margin analysis when the reference's top-1 probability is below this. */
  cutoffTopP: number;
}

/** Metrics of one step pair. Fields after `agree` are null when the chosen ids differ. */
export interface StepComparison {
  /** 0-based step index. */
  step: number;
  referenceId: number;
  checkId: number;
  /** Chosen ids are equal. */
  agree: boolean;
  referenceProb: number;
  checkProb: number;
  /** |p_ref − p_check| of the chosen token. */
  epsilon: number | null;
  /** epsilon / p_ref (0 when both are 0, Infinity when only p_ref is 0). */
  relativeEpsilon: number | null;
  /** Length used for the top-K comparison: min(K, |ref top_k|, |check top_k|). */
  topkLength: number | null;
  /** Either list had fewer than K entries. */
  shortList: boolean | null;
  /** Top-K id sets equal. */
  setPreserved: boolean | null;
  /** Top-K id sequences equal. */
  orderPreserved: boolean | null;
  /** |A ∩ B| / topkLength. */
  overlap: number | null;
  /** Reference top-1 < cutoff and reference list has at least K+1 entries. */
  eligible: boolean | null;
  /** p_(K) − p_(K+1) of the reference (eligible steps only). */
  margin: number | null;
  /** Eligible and the top-K set changed. */
  changed: boolean | null;
  /** Changed and every id entering the check's top-K is within the reference's top-(K+M). */
  boundarySwap: boolean | null;
}

/** Per-file perplexities and counts of one compared pair. */
export interface PairComparison {
  steps: StepComparison[];
  /** Steps with equal chosen ids. */
  agreeingSteps: number;
  /** exp(−mean log p) of the reference over agreeing steps; NaN when none agree, Infinity on a zero p. */
  referencePerplexity: number;
  /** Same for the check file. */
  checkPerplexity: number;
}

/** One entry of `files.invalid`. */
export interface InvalidFile {
  file: string;
  reason: string;
}

/** A reference file and its check file, matched by name. */
export interface StabilityPair {
  /** The reference file name, `<name>.json`. */
  name: string;
  /** Path of the reference file. */
  reference: string;
  /** Path of `check_machine_<name>.json`. */
  check: string;
  /** Absolute paths, for reading. */
  referencePath: string;
  checkPath: string;
}

/** What `discoverStabilityPairs` finds in the folders. */
export interface StabilityDiscovery {
  pairs: StabilityPair[];
  unmatchedReference: string[];
  unmatchedCheck: string[];
  /** Names found in more than one reference folder: an input error for that name. */
  invalid: InvalidFile[];
}


/** Five-number description of a distribution. */
export interface DistributionSummary {
  mean: SummaryNumber;
  median: SummaryNumber;
  p95: SummaryNumber;
  p99: SummaryNumber;
  max: SummaryNumber;
}

/** `summary.json`: exactly the keys, plus extra keys beside them. */
export interface StabilitySummary {
  config: {
    k: number;
    m: number;
    cutoff_top_p: number;
    reference_dirs: string[];
    check_dir: string;
    /** UNTIL_DIVERGENCE: summary.md, the terminal report and the figures lead with `before_divergence`. */
    until_divergence: boolean;
  };
  files: {
    matched: number;
    unmatched_reference: string[];
    unmatched_check: string[];
    invalid: InvalidFile[];
    /** Matched pairs that were valid and compared. */
    compared: number;
  };
  steps: {
    compared: number;
    token_agreement: SummaryNumber;
    /** Steps with equal chosen ids (the metrics below use only these). */
    agreeing: number;
  };
  epsilon: DistributionSummary & {
    /** epsilon / p_ref over the same steps. */
    relative: DistributionSummary;
  };
  perplexity: {
    reference_mean: SummaryNumber;
    check_mean: SummaryNumber;
    ratio_mean: SummaryNumber;
    abs_diff_mean: SummaryNumber;
    /** Files whose reference or check perplexity is infinite (a zero probability). */
    infinite_files: number;
    /** Files with no agreeing step (no perplexity). */
    undefined_files: number;
  };
  topk: {
    set_preservation_rate: SummaryNumber;
    order_preservation_rate: SummaryNumber;
    mean_overlap: SummaryNumber;
    /** Agreeing steps where a list was shorter than K (compared on the shorter length). */
    short_list_steps: number;
  };
  margin: {
    eligible_steps: number;
    changed_steps: number;
    boundary_swap_fraction: SummaryNumber;
    median_margin_preserved: SummaryNumber;
    median_margin_changed: SummaryNumber;
    auc: SummaryNumber;
  };
  /** Where each pair's texts part (see `StabilityDivergence`). */
  divergence: StabilityDivergence;
  /** Every metric above, computed only on steps before each pair's first divergence. */
  before_divergence: StabilityMetricSections;
  warnings: string[];
  provenance: StabilityProvenance;
}

/** The metric sections of the summary, for one population of steps. */
export type StabilityMetricSections = Pick<StabilitySummary, "steps" | "epsilon" | "perplexity" | "topk" | "margin">;

/**
 * `summary.json`'s `divergence` section. The first divergence of a pair is the first step whose chosen
 * ids differ: from there on the check run continues its own text, so later steps compare different
 * contexts. "Before divergence" = steps with index < that step (all steps when the pair never diverges).
 */
export interface StabilityDivergence {
  /** Compared pairs. */
  pairs: number;
  /** Compared pairs with at least one step whose chosen ids differ. */
  pairs_diverged: number;
  /** 0-based first-divergence step over the diverged pairs (percentiles: numpy's linear rule); null without any. */
  first_step: { min: SummaryNumber; p25: SummaryNumber; median: SummaryNumber; p75: SummaryNumber; max: SummaryNumber };
  /** Steps before the first divergence (all of them agree). */
  steps_before: number;
  /** Steps at or after the first divergence, and the agreeing ones among them (unrelated contexts). */
  steps_after: number;
  agreeing_steps_after: number;
  /** What the agreeing steps after a divergence contribute to the headline metrics. */
  after: { epsilon_max: SummaryNumber; epsilon_p99: SummaryNumber; eligible_steps: number; changed_steps: number };
}

/** What produced a stability summary: the common provenance with the study's settings and inputs. */
export interface StabilityProvenance extends StudyProvenance {
  settings: { k: number; m: number; cutoff_top_p: number; prob_slack: number; until_divergence: boolean };
  inputs: {
    reference_dirs: string[];
    check_dir: string;
    compared_files: number;
    compared_bytes: number;
    /** sha256 of "path<TAB>bytes" lines of the compared files, in pair order. */
    listing_sha256: string;
    listing_note: string;
  };
}

/** One row of `per_file.csv`. */
export interface PerFileRow {
  name: string;
  reference: string;
  check: string;
  status: "ok" | "invalid";
  reason: string;
  steps: number | null;
  agreeingSteps: number | null;
  tokenAgreement: number | null;
  epsilonMean: number | null;
  epsilonMax: number | null;
  referencePerplexity: number | null;
  checkPerplexity: number | null;
  setPreservationRate: number | null;
  orderPreservationRate: number | null;
  meanOverlap: number | null;
  eligibleSteps: number | null;
  changedSteps: number | null;
  /** First step whose chosen ids differ; null when they never do (or the pair is invalid). */
  firstDivergence: number | null;
  referenceBytes: number | null;
  checkBytes: number | null;
}

/** Arrays behind one population's figures (plain numbers; the figure builders live in lib/plot). */
export interface StabilityPopulationFigureData {
  /** epsilon of every agreeing step. */
  epsilon: Float64Array;
  /** Per-file perplexities of compared pairs with finite values on both sides. */
  perplexity: { name: string[]; reference: number[]; check: number[] };
  /** Top-K preservation by 0-based step position over agreeing steps. */
  topkByPosition: { step: number[]; setPreservationRate: number[]; orderPreservationRate: number[]; steps: number[] };
  /** Margins of eligible steps, split by whether the top-K set changed. */
  margin: { preserved: Float64Array; changed: Float64Array };
}

/**
 * Arrays behind the study's figures: all agreeing steps (the fields, as before), and the two
 * populations they split into — steps before each pair's first divergence, and agreeing steps after it.
 */
export interface StabilityFigureData extends StabilityPopulationFigureData {
  beforeDivergence?: StabilityPopulationFigureData;
  afterDivergence?: StabilityPopulationFigureData;
  /** First-divergence step of each diverged pair, ascending. */
  firstDivergence?: number[];
}

import { forkingPositions } from "./forkingPositions.js";
import type { ReasoningSample } from "./readReasoningData.js";
import type { SampleWordRecord } from "./sampleWordRecord.js";

/** A mean over n values with a 95% normal-approximation interval (mean ± 1.96·sd/√n; null when n < 2). */
export interface MeanStat {
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
}

/** One word's statistics in one group (a model; a level; a correctness label; a forking split). */
export interface WordStats {
  /** Occurrence probability: mean over a sample's occurrences, then over the samples containing the word (n = samples). */
  occurrence: MeanStat & { occurrences: number };
  /** Exact propensity: mean over a sample's answer positions, then over samples (n = samples). Absent in first-token-only runs. */
  propensityExact?: MeanStat;
  /** First-token-only propensity (an approximation), same averaging. */
  propensityFirstToken: MeanStat;
}

/** One model's input to {@link aggregateReasoningWords}. */
export interface AggregateModelInput {
  role: string;
  records: readonly SampleWordRecord[];
  /** labels[sample index]: that model's correctness label for the sample (undefined: none). */
  labels: ReadonlyMap<number, boolean>;
}

/** Every aggregate of the study, each with its n. */
export interface ReasoningAggregates {
  words: string[];
  bins: number;
  models: {
    role: string;
    samples: number;
    positions: number;
    meanEntropy: number | null;
    /** The model's 80th-percentile entropy over all its answer positions; forking positions are above it. */
    forkingThreshold: number | null;
    perWord: Record<string, WordStats>;
    byLevel: Record<string, Record<string, WordStats>>;
    byCorrectness: Record<string, Record<"correct" | "incorrect", WordStats>>;
    /** Per word, position-level means (n = positions) at forking positions and at the rest. */
    forking: Record<string, { forking: { n: number; propensity: number | null; occurrence: number | null; occurrences: number }; rest: { n: number; propensity: number | null; occurrence: number | null; occurrences: number } }>;
    /** Along the answer: normalised position (i + 0.5) / length in `bins` equal bins; per bin position-level means (n = positions). */
    alongAnswer: { entropy: MeanStat[]; propensity: Record<string, MeanStat[]>; anyWord: MeanStat[] };
  }[];
}

/** Mean and 95% normal interval of finite values. */
function meanStat(values: readonly number[]): MeanStat {
  const xs = values.filter((x) => x !== null && Number.isFinite(x));
  const n = xs.length;
  if (n === 0) return { n, mean: null, low: null, high: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (1.96 * sd) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half };
}

const average = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const finiteOrNaN = (x: number | null): number => (x === null ? NaN : x);

function wordStats(records: readonly SampleWordRecord[], w: number): WordStats {
  if (w < 0) return { occurrence: { n: 0, mean: null, low: null, high: null, occurrences: 0 }, propensityFirstToken: { n: 0, mean: null, low: null, high: null } };
  const occurrenceMeans: number[] = [];
  let occurrences = 0;
  const exact: number[] = [];
  const first: number[] = [];
  let hasExact = true;
  for (const record of records) {
    const word = record.words[w];
    if (word.occurrences.length > 0) {
      occurrenceMeans.push(average(word.occurrences.map((o) => o.probability)));
      occurrences += word.occurrences.length;
    }
    if (word.exact) exact.push(average(word.exact));
    else hasExact = false;
    first.push(average(word.firstToken));
  }
  return {
    occurrence: { ...meanStat(occurrenceMeans), occurrences },
    ...(hasExact && records.length > 0 ? { propensityExact: meanStat(exact) } : {}),
    propensityFirstToken: meanStat(first),
  };
}

/**
 * aggregateReasoningWords: the study's aggregates from each model's per-answer records, every one
 * with its n —
 *   - per word and model: occurrence probability (per sample the mean over its occurrences, then the
 *     mean over the samples that contain the word) and propensity (per sample the mean over its answer
 *     positions, then over samples; exact and first-token-only), with 95% normal intervals;
 *   - by level and by correctness (each model's own labels; samples without a label are left out);
 *   - at forking positions (entropy above the model's 80th percentile over all its answer positions,
 *     `forkingPositions`) vs the rest: position-level means of propensity and of occurrence probability;
 *   - along the answer: position i of an answer of length L sits at (i + 0.5) / L, in `bins` equal bins
 *     of [0, 1]; per bin the mean entropy, each word's mean propensity and the summed propensity of all words.
 * Propensities along the answer and at forking positions are the exact ones when present, else first-token-only.
 *
 * Type: (models, samples, words, bins = 20) → {@link ReasoningAggregates}.
 *
 * @example
 * const record = { sample: 0, tokens: [5, 6], entropies: [1, 2], tokenLogProbs: [-1, -1], words: [{ word: "so", exact: [0.1, 0.3], firstToken: [0.2, 0.4], occurrences: [{ start: 1, length: 1, spelling: " so", probability: 0.5 }] }] };
 * const result = aggregateReasoningWords([{ role: "base", records: [record], labels: new Map() }], [{ index: 0, line: 1, query: "q", answer: "a", level: 2 }], ["so"]);
 * [result.models[0].perWord.so.occurrence.mean, result.models[0].perWord.so.propensityExact.mean, result.models[0].byLevel["2"].so.occurrence.n]
 * // => [0.5, 0.2, 1]
 */
export function aggregateReasoningWords(models: readonly AggregateModelInput[], samples: readonly ReasoningSample[], words: readonly string[], bins = 20): ReasoningAggregates {
  const levelOf = new Map(samples.map((s) => [s.index, s.level]));
  return {
    words: [...words],
    bins,
    models: models.map(({ role, records, labels }) => {
      // A model's records all hold the same words; a word its tokenizer cannot spell has index −1 (empty stats).
      const index = words.map((word) => (records[0]?.words ?? []).findIndex((x) => x.word === word));
      const byWord = (group: readonly SampleWordRecord[]) => Object.fromEntries(words.map((word, w) => [word, wordStats(group, index[w])]));
      const levels = [...new Set(records.map((r) => levelOf.get(r.sample)!))].sort((a, b) => a - b);
      const allEntropies = records.flatMap((r) => r.entropies.map(finiteOrNaN));
      const known = allEntropies.filter(Number.isFinite);
      const forking = known.length === allEntropies.length && known.length > 0 ? forkingPositions(known) : undefined;
      // Position-level series: per record and word, the propensity used along the answer.
      const series = (record: SampleWordRecord, w: number): number[] => (index[w] < 0 ? record.tokens.map(() => 0) : record.words[index[w]].exact ?? record.words[index[w]].firstToken);
      const forkingStats = Object.fromEntries(words.map((word, w) => {
        const split = { forking: { p: [] as number[], o: [] as number[] }, rest: { p: [] as number[], o: [] as number[] } };
        if (forking) {
          let offset = 0;
          for (const record of records) {
            const values = series(record, w);
            values.forEach((p, i) => split[forking.forking[offset + i] ? "forking" : "rest"].p.push(p));
            for (const o of index[w] < 0 ? [] : record.words[index[w]].occurrences) split[forking.forking[offset + o.start] ? "forking" : "rest"].o.push(o.probability);
            offset += record.entropies.length;
          }
        }
        const side = (s: { p: number[]; o: number[] }) => ({ n: s.p.length, propensity: s.p.length ? average(s.p) : null, occurrence: s.o.length ? average(s.o) : null, occurrences: s.o.length });
        return [word, { forking: side(split.forking), rest: side(split.rest) }];
      }));
      const binValues = () => Array.from({ length: bins }, () => [] as number[]);
      const entropyBins = binValues();
      const wordBins = words.map(binValues);
      const anyBins = binValues();
      for (const record of records) {
        const L = record.tokens.length;
        for (let i = 0; i < L; i++) {
          const b = Math.min(bins - 1, Math.floor(((i + 0.5) / L) * bins));
          entropyBins[b].push(finiteOrNaN(record.entropies[i]));
          let any = 0;
          words.forEach((_, w) => {
            const p = series(record, w)[i];
            wordBins[w][b].push(p);
            any += p;
          });
          anyBins[b].push(any);
        }
      }
      return {
        role,
        samples: records.length,
        positions: allEntropies.length,
        meanEntropy: known.length ? average(known) : null,
        forkingThreshold: forking ? forking.threshold : null,
        perWord: byWord(records),
        byLevel: Object.fromEntries(levels.map((level) => [String(level), byWord(records.filter((r) => levelOf.get(r.sample) === level))])),
        byCorrectness: Object.fromEntries(words.map((word, w) => [word, {
          correct: wordStats(records.filter((r) => labels.get(r.sample) === true), index[w]),
          incorrect: wordStats(records.filter((r) => labels.get(r.sample) === false), index[w]),
        }])),
        forking: forkingStats,
        alongAnswer: { entropy: entropyBins.map(meanStat), propensity: Object.fromEntries(words.map((word, w) => [word, wordBins[w].map(meanStat)])), anyWord: anyBins.map(meanStat) },
      };
    }),
  };
}

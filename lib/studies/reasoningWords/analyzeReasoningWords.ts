/**
 * analyzeReasoningWords: the reasoning-words study's run — read the data (`readReasoningData`; bad
 * lines become warnings), then for each role in turn open its engine (`openEngine`), spell the target
 * words in its tokenizer (`spellWords`: every variant, unspellable words reported), score every
 * sample (`scoreReasoningModel`) and, with `judge`, sample the model's own answers (`judgeModel`);
 * both are cached per model in `<out>/cache` (`StudyCache`, keyed by the model, the data file and the
 * settings; `force` recomputes). Labels per model: the data's `correct` field, or the model's own
 * judged labels, or (`labelsFrom`) one role's judged labels for every model. Then the aggregates
 * (`aggregateReasoningWords`). Engines are opened one at a time and disposed before the next.
 *
 * (Runs models: tested end to end in test/cli/reasoningWords.test.ts; no @example.)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { backendInfo } from "../../backend/backend.js";
import type { EngineInfo } from "../../engines/Engine.js";
import { openEngine } from "../../engines/openEngine.js";
import { StudyCache } from "../../io/StudyCache.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { ProgressMode } from "../../util/progress.js";
import type { StudyProvenance } from "../StudyProvenance.js";
import { aggregateReasoningWords, type ReasoningAggregates } from "./aggregateReasoningWords.js";
import { engineWordTokenizer } from "./engineWordTokenizer.js";
import { judgeModel, type JudgedSample } from "./judgeModel.js";
import { readReasoningData, type ReasoningSample } from "./readReasoningData.js";
import { REASONING_SYSTEM_LINE } from "./reasoningPrompt.js";
import { reasoningTargetWords } from "./reasoningTargetWords.js";
import type { ReasoningWordsConfig } from "./resolveReasoningWordsConfig.js";
import { scoreReasoningModel, type ReasoningModelScores } from "./scoreReasoningModel.js";
import { spellWords } from "./spellWords.js";
import type { DroppedSpelling } from "./types.js";

/** One role's part of the result. */
export interface ReasoningModelResult {
  role: string;
  path: string;
  info: EngineInfo;
  /** Word → tokens in this model's tokenizer. */
  mapping: { word: string; variants: { spelling: string; tokens: string[]; ids: number[] }[]; dropped: DroppedSpelling[] }[];
  unspellable: { word: string; dropped: DroppedSpelling[] }[];
  scores: ReasoningModelScores;
  judged?: JudgedSample[];
  /** Where this model's labels come from: "data", "judge (own)" or "judge (ROLE)". */
  labelSource: string;
  /** labels[i]: the label of sample i (null: none). */
  labels: (boolean | null)[];
  /** Whether the scores (and judged answers) came from the cache. */
  cached: { scores: boolean; judge: boolean | null };
}

export interface ReasoningWordsResult {
  data: { file: string; samples: ReasoningSample[] };
  models: ReasoningModelResult[];
  aggregates: ReasoningAggregates;
  warnings: string[];
  provenance: StudyProvenance;
}

/** Bump when the scoring code changes what a cached entry holds. */
const CACHE_VERSION = 1;

export async function analyzeReasoningWords(config: ReasoningWordsConfig, options: { progress?: ProgressMode; force?: boolean } = {}): Promise<ReasoningWordsResult> {
  const started = Date.now();
  const data = readReasoningData(config.dataFile);
  const warnings = data.rejected.map((error) => error.message);
  const cache = new StudyCache(join(config.outDir, "cache"), { warn: (message) => warnings.push(message) });
  const words = [...reasoningTargetWords];
  const models: ReasoningModelResult[] = [];
  for (const { role, path } of config.models) {
    const engine = await openEngine(path, { engine: config.engine === "auto" ? undefined : config.engine, gpu: config.gpu });
    try {
      const spelled = spellWords(engineWordTokenizer(engine), words);
      for (const { word, dropped } of spelled.unspellable) warnings.push(`${role}: the word "${word}" cannot be spelt by this tokenizer (${dropped.map((d) => `${JSON.stringify(d.spelling)}: ${d.reason}`).join("; ")}); it has no values for this model`);
      const scoreKey = cache.key({ model: path, data: [config.dataFile], settings: { what: "scores", version: CACHE_VERSION, engine: engine.info.engine, mode: config.mode, words, system: REASONING_SYSTEM_LINE } });
      let scores = options.force ? undefined : cache.get<ReasoningModelScores>(scoreKey);
      const scoresCached = scores !== undefined;
      if (!scores) {
        scores = await scoreReasoningModel(engine, data.samples, spelled.words, { mode: config.mode, progress: options.progress, dataFile: config.dataFile, label: role });
        cache.set(scoreKey, scores);
      }
      warnings.push(...scores.skipped.map((line) => `${role}: ${line}`));
      if (scores.truncated) warnings.push(`${role}: the engine gives truncated (top-N) rows: propensities and occurrence probabilities are lower bounds, entropies unknown`);
      let judged: JudgedSample[] | undefined;
      let judgeCached: boolean | null = null;
      if (config.judge) {
        const judgeKey = cache.key({ model: path, data: [config.dataFile], settings: { what: "judge", version: CACHE_VERSION, engine: engine.info.engine, maxNewTokens: config.judgeTokens, temperature: config.temperature, seed: config.seed, system: REASONING_SYSTEM_LINE } });
        judged = options.force ? undefined : cache.get<JudgedSample[]>(judgeKey);
        judgeCached = judged !== undefined;
        if (!judged) {
          judged = await judgeModel(engine, data.samples, { maxNewTokens: config.judgeTokens, temperature: config.temperature, seed: config.seed, progress: options.progress, label: role });
          cache.set(judgeKey, judged);
        }
      }
      models.push({
        role, path, info: engine.info,
        mapping: spelled.words.map((w) => ({ word: w.word, variants: w.variants.map((v) => ({ spelling: v.spelling, tokens: v.tokens, ids: v.ids })), dropped: w.dropped })),
        unspellable: spelled.unspellable, scores, judged, labelSource: "data", labels: [], cached: { scores: scoresCached, judge: judgeCached },
      });
    } finally {
      await engine.dispose();
    }
  }
  // Labels: the data's field, each model's own judged answers, or one role's for all (--labels-from).
  for (const model of models) {
    if (!config.judge) {
      model.labelSource = "data";
      model.labels = data.samples.map((s) => (s.correct === undefined ? null : s.correct));
    } else {
      const from = config.labelsFrom === "own" ? model : models.find((m) => m.role === config.labelsFrom)!;
      model.labelSource = config.labelsFrom === "own" ? "judge (own answers)" : `judge (${from.role}'s answers, shared)`;
      const bySample = new Map(from.judged!.map((j) => [j.sample, j.correct]));
      model.labels = data.samples.map((s) => bySample.get(s.index) ?? null);
    }
  }
  const aggregates = aggregateReasoningWords(
    models.map((m) => ({ role: m.role, records: m.scores.records, labels: new Map(m.labels.flatMap((label, i) => (label === null ? [] : [[data.samples[i].index, label] as [number, boolean]]))) })),
    data.samples, words,
  );
  const info = packageInfo();
  const backend = backendInfo();
  const dataBytes = readFileSync(config.dataFile);
  const firstConfig = models[0] && models[0].info.engine === "tfjs" ? join(models[0].path, "config.json") : undefined;
  const provenance: StudyProvenance = {
    study: "reasoning-words",
    library: info.name,
    library_version: info.version,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    backend: `${backend.name} (tfjs ${backend.tfjsVersion}), float32`,
    model: firstConfig ? { dir: models[0].path, config_sha256: createHash("sha256").update(readFileSync(firstConfig)).digest("hex") } : null,
    seed: config.judge ? config.seed : null,
    settings: {
      models: config.models.map((m) => `${m.role}=${m.path}`), engine: config.engine, gpu: config.gpu ?? "cpu", propensity_mode: config.mode, judge: config.judge,
      judge_tokens: config.judgeTokens, judge_temperature: config.temperature, labels_from: config.labelsFrom, words, system_line: REASONING_SYSTEM_LINE,
      forking_quantile: 0.8, position_bins: 20,
    },
    inputs: {
      data_file: config.dataFile, data_bytes: dataBytes.length, data_sha256: createHash("sha256").update(dataBytes).digest("hex"),
      samples: data.samples.length, rejected_lines: data.rejected.length,
      models: models.map((m) => ({ role: m.role, path: m.path, engine: m.info.engine, name: m.info.name, dtype: m.info.dtype, context: m.info.contextLength, scoring_path: m.scores.path, cached: m.cached })),
    },
    created: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
  };
  return { data: { file: config.dataFile, samples: data.samples }, models, aggregates, warnings, provenance };
}

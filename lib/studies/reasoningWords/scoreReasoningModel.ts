import type { Engine } from "../../engines/Engine.js";
import { TfjsEngine } from "../../engines/tfjs/TfjsEngine.js";
import { LogitlabError } from "../../util/errors.js";
import { progress as progressBar, type ProgressMode } from "../../util/progress.js";
import { engineSequenceScores } from "./engineSequenceScores.js";
import { engineWordTokenizer } from "./engineWordTokenizer.js";
import type { ReasoningSample } from "./readReasoningData.js";
import { reasoningPrompt } from "./reasoningPrompt.js";
import { sampleWordRecord, type SampleWordRecord } from "./sampleWordRecord.js";
import { sequenceBranches } from "./sequenceBranches.js";
import { tokenPieceTexts } from "./tokenPieceTexts.js";
import type { PropensityMode, WordVariants } from "./types.js";

/** One model's scores on the data (what the study caches per model). */
export interface ReasoningModelScores {
  mode: PropensityMode;
  /** "tfjs cached branches" or "engine.score branches" (see `scoreReasoningModel`). */
  path: string;
  /** True when the engine's rows were truncated (top-N): values are lower bounds, entropies unknown. */
  truncated: boolean;
  records: SampleWordRecord[];
  /** Samples not scored (too long for the context), one line each naming the data file's line. */
  skipped: string[];
  /** Extra sequences run for multi-token branches. */
  branchRuns: number;
}

export interface ScoreReasoningOptions {
  mode: PropensityMode;
  progress?: ProgressMode;
  /** Name of the data file, for the skipped-sample lines. */
  dataFile?: string;
  /** Use the generic engine path even on the tfjs engine (for tests that compare the two paths). */
  forceEnginePath?: boolean;
  /** Progress label. */
  label?: string;
}

/**
 * scoreReasoningModel: every sample's record (`sampleWordRecord`) for one model — the prompt
 * (`reasoningPrompt(query)`, with the tokenizer's special tokens such as BOS) followed by the answer
 * (" " + answer, no special tokens), teacher-forced.
 *
 * Paths: on the tfjs engine, one forward pass per sample with a KV cache (`sequenceBranches`) from which
 * multi-token branches run for only their own k − 1 tokens (exact, float32 logits); on any other
 * engine, `engineSequenceScores` (rows from `engine.score`, each branch one extra scored sequence;
 * exact with full rows, lower bounds with truncated ones — `truncated` says so). A sample that does
 * not fit the model's context is skipped with a line naming the data file's line, and the run goes on.
 * Progress: one tick per sample.
 *
 * Type: async (engine, samples, words from `spellWords`, options) → {@link ReasoningModelScores}.
 *
 * @example
 * const engine = await openEngine("data/models/tiny-llama-256");
 * const words = spellWords(engineWordTokenizer(engine), ["so"]).words;
 * const scores = await scoreReasoningModel(engine, [{ index: 0, line: 1, query: "What is 2 + 2?", answer: "So 4.", level: 1 }], words, { mode: "exact", progress: "silent" });
 * await engine.dispose();
 * [scores.path, scores.records[0].words[0].occurrences.length]
 * // => ["tfjs cached branches", 1]
 */
export async function scoreReasoningModel(engine: Engine, samples: readonly ReasoningSample[], words: readonly WordVariants[], options: ScoreReasoningOptions): Promise<ReasoningModelScores> {
  const tokenizer = engineWordTokenizer(engine);
  const tfjs = engine instanceof TfjsEngine && !options.forceEnginePath ? engine : undefined;
  const firstIds = [...new Set(words.flatMap((w) => w.variants.map((v) => v.ids[0])))];
  const bar = progressBar(samples.length, { label: options.label ?? engine.info.name, mode: options.progress ?? "auto" });
  const out: ReasoningModelScores = { mode: options.mode, path: tfjs ? "tfjs cached branches" : "engine.score branches", truncated: false, records: [], skipped: [], branchRuns: 0 };
  try {
    for (const sample of samples) {
      const promptIds = tokenizer.encode(reasoningPrompt(sample.query), { addSpecialTokens: true }).ids;
      const answerIds = tokenizer.encode(" " + sample.answer, { addSpecialTokens: false }).ids;
      const ids = [...promptIds, ...answerIds];
      const start = promptIds.length;
      if (ids.length > engine.info.contextLength) {
        out.skipped.push(new LogitlabError(`prompt + answer are ${ids.length} tokens, more than the model's context of ${engine.info.contextLength}; sample skipped`, { context: engine.info.name, file: options.dataFile, position: `line ${sample.line}` }).message);
        bar.tick();
        continue;
      }
      const pieceTexts = tokenPieceTexts(tokenizer, ids);
      const nonWordEnd = (text: string): boolean => text.length === 0 || !/[\p{L}\p{N}\p{M}]/u.test(text.slice(-1));
      const wordStart = (t: number) => t === start || nonWordEnd(pieceTexts[t - 1]);
      if (tfjs) {
        const branches = sequenceBranches(tfjs.model, ids, firstIds);
        try {
          out.records.push(sampleWordRecord(branches, ids, start, words, pieceTexts, options.mode, sample.index));
          out.branchRuns += branches.branchRuns();
        } finally {
          branches.dispose();
        }
      } else {
        const scores = await engineSequenceScores(engine, ids, start, words, options.mode, wordStart);
        out.truncated ||= scores.truncated;
        out.branchRuns += scores.branchRuns;
        out.records.push(sampleWordRecord(scores, ids, start, words, pieceTexts, options.mode, sample.index));
      }
      bar.tick();
    }
  } finally {
    bar.done();
  }
  return out;
}

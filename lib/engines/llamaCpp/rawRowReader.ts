/**
 * rawRowReader: full-vocabulary rows of a llama.cpp sequence through node-llama-cpp 3.21.1's internal
 * calls, faster than the public `controlledEvaluate`; undefined when those internals are not exactly
 * the ones checked here (another version), and the engine then uses the public path.
 *
 * Why internals: node-llama-cpp has no binding that returns a row of logits as a typed array. Its
 * public `controlledEvaluate(..., {generateNext: {probabilities: true}})` does, per row: a worker-thread
 * `sampleToken` (the sampler copies the V logits, std::sort's them, expf, softmax), then on the main
 * thread the addon builds a JS Array of 2·V numbers (one Napi Set per element), the package's JS turns
 * it into a Map (`reviveTokenProbabilities`), and rows are sampled one after another (each row's
 * promise chains on the previous one). Measured on the bench's GPT-2-small GGUF (V = 50,257), 128
 * rows: decode 1.1 s, sort 0.7 s, array build 2.6 s, Map + our log 0.8 s (bench/llamaRows.ts prints it).
 * Here, with the same native calls and the same sampler configuration, so the rows are identical
 * (test/engines/llamaCppEngine.test.ts compares both paths value for value):
 *   1. the sequence's `_decodeTokens` decodes the tokens with a mapper that returns each output's
 *      batch logit index (no sampling inside the decode);
 *   2. `context._ctx.sampleToken(index, sampler, true)` is called for the rows, `inFlight` at a time on
 *      separate AddonSamplers, so the worker sorts the next row while the main thread converts this one;
 *   3. the flat [id, p, id, p, …] array goes straight into a Float32Array of log p (no Map).
 * What stays: the native sort and the 2·V-element array build (about 20 ms a row at V = 50,257), which
 * only a binding returning `llama_get_logits_ith` as a typed array would remove.
 * The logits of a decode live in the context's output buffer until its next decode, so every row of a
 * call is sampled before `rows` returns its iterator's last value; the caller's context has this one
 * sequence (the engine's pooled slot), and tokens must fit one batch and the context without a shift
 * (checked: otherwise `rows` returns undefined and the caller uses the public path for that call).
 * A row whose length is not 2·V is one LogitlabError line.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-rawrows-");
 * convertToGguf("data/models/tiny-gpt2-small", dir + "/m.gguf");
 * const { getLlama } = await importNodeLlamaCpp();
 * const llama = await getLlama({ gpu: false, build: "never" });
 * const model = await llama.loadModel({ modelPath: dir + "/m.gguf" });
 * const context = await model.createContext({ contextSize: 64, sequences: 1 });
 * const reader = rawRowReader(context.getSequence(), 1024);
 * const rows = [];
 * for await (const row of reader.rows([464, 318], [false, true])) rows.push(row.length);
 * await context.dispose();
 * await model.dispose();
 * rows
 * // => [1024]
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LlamaContextSequence } from "node-llama-cpp";
import { LogitlabError } from "../../util/errors.js";

/** The node-llama-cpp release whose internals this reads. */
const PINNED_VERSION = "3.21.1";

/** The internal members used (all present in 3.21.1's dist/evaluator/LlamaContext/LlamaContext.js). */
interface SequenceInternals {
  _decodeTokens(tokens: number[], logits: boolean[], priority: number, tokenMeter: unknown, contextShift: unknown, mapper: (batchLogitIndex: number) => number, afterBatch?: unknown): Promise<(number | undefined)[]>;
  _resolveSamplerConfig(options: object): object;
  _abortTokenPredictor(): Promise<void>;
  _tokenMeter: unknown;
  _contextShift: unknown;
  _takeIntervalCheckpointIfNeededAfterBatch?: unknown;
  nextTokenIndex: number;
  context: { _ctx: { sampleToken(index: number, sampler: AddonSampler, probabilities: boolean): Promise<[number, number[] | undefined]> }; batchSize: number; contextSize: number };
  model: { _llama: { _bindings: { AddonSampler: new (model: unknown) => AddonSampler } }; _model: unknown };
}

interface AddonSampler {
  applyConfig(config: object): void;
  dispose(): void;
}

/** Reads the rows of one sequence. */
export interface RawRowReader {
  /**
   * Evaluates `tokens` on the sequence and yields the row after each token whose `want` is true, in
   * order: log p over the V tokens. Undefined when the call does not fit the checks above.
   */
  rows(tokens: readonly number[], want: readonly boolean[]): AsyncGenerator<Float32Array> | undefined;
}

let versionOk: boolean | undefined;

/** Whether the installed node-llama-cpp is the pinned release (its package.json, next to dist/). */
function pinnedVersionInstalled(): boolean {
  if (versionOk === undefined) {
    try {
      // import.meta.resolve in ESM; require.resolve where this file runs as CommonJS (tsx compiles it
      // so when a .ts caller outside a "type": "module" package imports it).
      const entry = typeof import.meta.resolve === "function" ? fileURLToPath(import.meta.resolve("node-llama-cpp")) : require.resolve("node-llama-cpp");
      const pkg = JSON.parse(readFileSync(entry.replace(/dist[/\\]index\.js$/, "package.json"), "utf8")) as { name?: string; version?: string };
      versionOk = pkg.name === "node-llama-cpp" && pkg.version === PINNED_VERSION;
    } catch {
      versionOk = false;
    }
  }
  return versionOk;
}

/** Whether `sequence` has every internal member used, with the expected kinds. */
function hasInternals(sequence: unknown): sequence is SequenceInternals {
  const s = sequence as Partial<Record<string, unknown>> & { context?: { _ctx?: { sampleToken?: unknown } }; model?: { _llama?: { _bindings?: { AddonSampler?: unknown } }; _model?: unknown } };
  return typeof s._decodeTokens === "function" && (s._decodeTokens as (...a: unknown[]) => unknown).length === 7 &&
    typeof s._resolveSamplerConfig === "function" && typeof s._abortTokenPredictor === "function" &&
    "_tokenMeter" in s && "_contextShift" in s && typeof s.nextTokenIndex === "number" &&
    typeof s.context?._ctx?.sampleToken === "function" && typeof s.model?._llama?._bindings?.AddonSampler === "function" && s.model?._model !== undefined;
}

export function rawRowReader(sequence: LlamaContextSequence, V: number, options: { inFlight?: number; file?: string } = {}): RawRowReader | undefined {
  if (!pinnedVersionInstalled() || !hasInternals(sequence)) return undefined;
  const s = sequence;
  const inFlight = Math.max(1, options.inFlight ?? 2);
  const file = options.file;
  return {
    rows(tokens, want) {
      const context = s.context;
      // One decode batch, no context shift: the output buffer then holds every wanted row at once.
      if (tokens.length === 0 || tokens.length > context.batchSize || s.nextTokenIndex + tokens.length > context.contextSize - 1) return undefined;
      return readRows(s, tokens, want, V, inFlight, file);
    },
  };
}

async function* readRows(s: SequenceInternals, tokens: readonly number[], want: readonly boolean[], V: number, inFlight: number, file: string | undefined): AsyncGenerator<Float32Array> {
  // As controlledEvaluate: stop a token predictor first. No evaluation lock: the engine's context has
  // this one sequence and one caller at a time (its pooled slot).
  await s._abortTokenPredictor();
  const logits = tokens.map((_, i) => want[i] === true);
  const mapped = await s._decodeTokens([...tokens], logits, 5, s._tokenMeter, s._contextShift, (batchLogitIndex) => batchLogitIndex, s._takeIntervalCheckpointIfNeededAfterBatch);
  const indexes = logits.flatMap((wanted, i) => (wanted ? [mapped[i]] : []));
  if (indexes.some((index) => typeof index !== "number")) throw new LogitlabError("llama.cpp returned no logits for a requested position", { context: "llama.cpp engine", file, kind: "data" });
  // The same sampler configuration as controlledEvaluate with no sampling options (greedy, no
  // penalties: the probabilities are the softmax over every token).
  const config = s._resolveSamplerConfig({});
  const samplers = Array.from({ length: Math.min(inFlight, indexes.length) }, () => {
    const sampler = new s.model._llama._bindings.AddonSampler(s.model._model);
    sampler.applyConfig(config);
    return sampler;
  });
  const pending: (Promise<[number, number[] | undefined]> | undefined)[] = [];
  let issued = 0;
  const issue = (): void => {
    if (issued >= indexes.length) return;
    const promise = s.context._ctx.sampleToken(indexes[issued] as number, samplers[issued % samplers.length], true);
    promise.catch(() => undefined); // awaited below; never an unhandled rejection if the consumer stops early
    pending[issued++] = promise;
  };
  try {
    for (let k = 0; k < samplers.length; k++) issue();
    for (let r = 0; r < indexes.length; r++) {
      const [, flat] = await (pending[r] as Promise<[number, number[] | undefined]>);
      pending[r] = undefined;
      issue();
      yield logRowOfPairs(flat, V, file);
    }
  } finally {
    // Rows still in flight read this decode's logits: wait for them before the slot is reused.
    for (const promise of pending) if (promise) await promise.catch(() => undefined);
    for (const sampler of samplers) sampler.dispose();
  }
}

/** [id, p, id, p, …] (2·V numbers) as log p by id. */
function logRowOfPairs(flat: number[] | undefined, V: number, file: string | undefined): Float32Array {
  if (!flat || flat.length !== 2 * V) {
    throw new LogitlabError(`llama.cpp returned ${(flat?.length ?? 0) / 2} of ${V} token probabilities`, { context: "llama.cpp engine", file, kind: "data" });
  }
  const row = new Float32Array(V);
  for (let i = 0; i < flat.length; i += 2) row[flat[i]] = Math.log(flat[i + 1]);
  return row;
}

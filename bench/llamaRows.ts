// Where the llama.cpp engine's time per full-vocabulary row goes, and what the engine's internal row
// path (lib/engines/llamaCpp/rawRowReader.ts) saves against node-llama-cpp's public path, in one run
// on one GGUF (the GPT-2-small-shaped F32 GGUF of `bench/forward.ts --keep`: V = 50,257).
//
//   node --import tsx bench/llamaRows.ts --gguf /tmp/logitlab-bench-forward-XXXX/model.gguf [--tokens 128] [--new-tokens 64] [--repeat 3] [--threads 2]
//
// Prefill of --tokens tokens with every row handed to the host, in the engine's chunks (at most 2^21
// row values, 41 rows at V = 50,257), best of --repeat rounds (each round runs every measure once), each
// stage adding one cost:
//   1. decode only: llama_decode with every position's logits (node-llama-cpp's internal _decodeTokens;
//      no sampling);
//   2. + the worker's sampler: sampleToken per row asking only the confidence (the sampler copies the V
//      logits, sorts them, expf), so no JS array is built;
//   3. + the addon's row array: sampleToken with probabilities, one row at a time (the 2·V-element JS
//      Array built on the main thread), nothing done with it;
//   4. the engine, public path (controlledEvaluate, Map, log): LlamaCppEngine rowPath "public";
//   5. the engine, internal path (rawRowReader: flat array → log p, 2 rows in flight).
// And --new-tokens greedy tokens with step records (engineGenerate, prefill included) on both paths.
// Prints the per-row cost of each stage and the ratio public / internal; the load average before and
// after (compare figures from an idle machine only).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { Token } from "node-llama-cpp";
import { LlamaCppEngine } from "../lib/engines/llamaCpp/LlamaCppEngine.js";
import { engineGenerate } from "../lib/engines/engineGenerate.js";
import { loadLlama } from "../lib/engines/llamaCpp/loadLlama.js";

const { values } = parseArgs({
  options: {
    gguf: { type: "string" },
    tokens: { type: "string", default: "128" },
    "new-tokens": { type: "string", default: "64" },
    repeat: { type: "string", default: "3" },
    threads: { type: "string", default: "2" },
  },
});
if (!values.gguf) {
  console.error("usage: node --import tsx bench/llamaRows.ts --gguf MODEL.gguf (e.g. the model.gguf of `node --import tsx bench/forward.ts --keep --repeat 1`)");
  process.exit(2);
}
const T = Number(values.tokens);
const newTokens = Number(values["new-tokens"]);
const repeat = Number(values.repeat);
const threads = Number(values.threads);
const loadBefore = loadavg()[0];

const fast = await LlamaCppEngine.open(values.gguf, { threads });
const slow = await LlamaCppEngine.open(values.gguf, { threads, rowPath: "public" });
const V = fast.info.vocabSize;
const chunk = Math.max(1, Math.min(512, Math.floor((1 << 21) / V)));
const ids = Array.from({ length: T }, (_, i) => (i * 7919 + 13) % V);

// Stages 1–3 on a context of their own, with the engine's KV-cache settings.
const { llama } = await loadLlama({ gpu: "cpu" });
const model = await llama.loadModel({ modelPath: values.gguf });
const context = await model.createContext({ contextSize: fast.info.contextLength, sequences: 1, flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32", threads });
// node-llama-cpp 3.21.1 internals (the ones rawRowReader checks for), used here to time each stage alone.
type Internal = {
  _decodeTokens(tokens: Token[], logits: boolean[], priority: number, meter: unknown, shift: unknown, mapper: (i: number) => number): Promise<number[]>;
  _resolveSamplerConfig(o: object): object;
  clearHistory(): Promise<void>;
  _tokenMeter: unknown;
  _contextShift: unknown;
};
const sequence = context.getSequence() as unknown as Internal;
const ctx = (context as unknown as { _ctx: { sampleToken(i: number, s: unknown, probabilities: boolean, confidence?: boolean): Promise<unknown> } })._ctx;
const sampler = new (llama as unknown as { _bindings: { AddonSampler: new (m: unknown) => { applyConfig(c: object): void; dispose(): void } } })._bindings.AddonSampler((model as unknown as { _model: unknown })._model);
sampler.applyConfig(sequence._resolveSamplerConfig({}));

async function stage(perRow: ((index: number) => Promise<unknown>) | undefined): Promise<number> {
  await sequence.clearHistory();
  const started = performance.now();
  for (let s = 0; s < T; s += chunk) {
    const part = ids.slice(s, s + chunk) as Token[];
    const indexes = await sequence._decodeTokens(part, part.map(() => true), 5, sequence._tokenMeter, sequence._contextShift, (i) => i);
    if (perRow) for (const index of indexes) await perRow(index);
  }
  return (performance.now() - started) / 1000;
}

async function engineScore(engine: LlamaCppEngine): Promise<number> {
  const started = performance.now();
  let rows = 0;
  for await (const row of engine.score(ids)) if (row.kind === "logits") rows++;
  if (rows !== T) throw new Error(`${rows} rows`);
  return (performance.now() - started) / 1000;
}

async function engineGeneration(engine: LlamaCppEngine): Promise<{ seconds: number; ids: number[] }> {
  const started = performance.now();
  const generated = (await engineGenerate(engine, ids, { maxNewTokens: newTokens, temperature: 0, stopAtEos: false })).ids;
  return { seconds: (performance.now() - started) / 1000, ids: generated };
}

// Rounds: every measure once per round, best of the rounds (a busy spike on a shared machine then
// inflates one round's figure, not the minimum).
let decode = Infinity, sorted = Infinity, arrays = Infinity, publicPath = Infinity, internalPath = Infinity;
let generatePublic = { seconds: Infinity, ids: [] as number[] };
let generateInternal = { seconds: Infinity, ids: [] as number[] };
for (let r = 0; r < repeat; r++) {
  decode = Math.min(decode, await stage(undefined));
  sorted = Math.min(sorted, await stage((i) => ctx.sampleToken(i, sampler, false, true)));
  arrays = Math.min(arrays, await stage((i) => ctx.sampleToken(i, sampler, true, false)));
  publicPath = Math.min(publicPath, await engineScore(slow));
  internalPath = Math.min(internalPath, await engineScore(fast));
  const gp = await engineGeneration(slow);
  if (gp.seconds < generatePublic.seconds) generatePublic = gp;
  const gi = await engineGeneration(fast);
  if (gi.seconds < generateInternal.seconds) generateInternal = gi;
}
sampler.dispose();
await context.dispose();
await model.dispose();
const loadAfter = loadavg()[0];
await fast.dispose();
await slow.dispose();

const ms = (seconds: number) => ((seconds * 1000) / T).toFixed(1);
const s = (seconds: number) => seconds.toFixed(3);
console.log(`llama.cpp rows, ${values.gguf}: V = ${V}, ${T} tokens in chunks of ${chunk}, ${threads} threads, best of ${repeat}; ${fast.info.device}, rows read "${fast.rowsRead}" vs "${slow.rowsRead}"`);
console.log(`load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
console.log(`| stage | prefill ${T} tokens (s) | per row (ms) | cost of the stage per row (ms) |`);
console.log(`|---|---:|---:|---:|`);
console.log(`| 1. decode, every row's logits (no sampling) | ${s(decode)} | ${ms(decode)} | ${ms(decode)} |`);
console.log(`| 2. + sampler on the worker (copy, sort, expf) | ${s(sorted)} | ${ms(sorted)} | ${ms(sorted - decode)} |`);
console.log(`| 3. + addon's 2·V-element JS array (main thread) | ${s(arrays)} | ${ms(arrays)} | ${ms(arrays - sorted)} |`);
console.log(`| 4. engine, public path (controlledEvaluate, Map, log p) | ${s(publicPath)} | ${ms(publicPath)} | ${ms(publicPath - arrays)} over 3 |`);
console.log(`| 5. engine, internal path (rawRowReader: flat → log p, 2 in flight) | ${s(internalPath)} | ${ms(internalPath)} | ${ms(internalPath - arrays)} over 3 |`);
console.log(`prefill ratio public / internal: ${(publicPath / internalPath).toFixed(2)}x`);
const same = generatePublic.ids.every((id, i) => id === generateInternal.ids[i]) && generatePublic.ids.length === generateInternal.ids.length;
console.log(`generate ${newTokens} tokens with step records (prefill included): public ${s(generatePublic.seconds)} s, internal ${s(generateInternal.seconds)} s, ratio ${(generatePublic.seconds / generateInternal.seconds).toFixed(2)}x; same tokens: ${same}`);
process.exit(0);

/**
 * One llama.cpp timing in its own process (a CUDA and a CPU build of llama.cpp are not loaded into
 * one process): bench/gpu.ts runs it once per --gpu choice and compares.
 *
 *   node --import tsx bench/gpu/llamaChild.ts '{"gguf": "m.gguf", "gpu": "cuda", "prompt": 512, "newTokens": 64, "repeat": 3, "probs": "out.f32"}'
 *
 * Prints one JSON line: the backend and devices that ran (selectLlamaGpu), load seconds, prefill
 * (best of `repeat`, the prompt evaluated in one batch), generation (greedy, one token at a time after
 * the prompt) and, when `probs` is given, writes the next-token probabilities after the prompt
 * (temperature 1, no top-k/top-p/min-p) as float32 [V] for the parent to compare across backends.
 */
import { writeFileSync } from "node:fs";
import { selectLlamaGpu } from "../../lib/engines/llamaCpp/selectLlamaGpu.js";

const args = JSON.parse(process.argv[2]) as { gguf: string; gpu: string; prompt: number; newTokens: number; repeat: number; probs?: string; vocab: number };
const { llama, backend, deviceNames, fallback } = await selectLlamaGpu(args.gpu);
let started = performance.now();
const model = await llama.loadModel({ modelPath: args.gguf, gpuLayers: backend === "cpu" ? 0 : "max" });
const loadSeconds = (performance.now() - started) / 1000;
const context = await model.createContext({ contextSize: args.prompt + args.newTokens + 8, batchSize: args.prompt, sequences: 1 });
const sequence = context.getSequence();
// ids of the bundled tiny tokenizer (real tokens, not the [PAD] rows beyond it)
const tokens = Array.from({ length: args.prompt }, (_, i) => (i * 7919 + 13) % 1000) as unknown as import("node-llama-cpp").Token[];

let prefill = Infinity;
for (let r = 0; r < args.repeat; r++) {
  await sequence.clearHistory();
  started = performance.now();
  await sequence.evaluateWithoutGeneratingNewTokens(tokens);
  prefill = Math.min(prefill, (performance.now() - started) / 1000);
}

let probsWritten = 0;
if (args.probs) {
  await sequence.clearHistory();
  await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(0, -1));
  const [out] = await sequence.controlledEvaluate([[tokens.at(-1)!, { generateNext: { probabilities: true, options: { temperature: 1, topK: 0, topP: 1, minP: 0 } } }]]);
  const probs = new Float32Array(args.vocab);
  for (const [id, p] of out?.next.probabilities ?? []) probs[id] = p;
  probsWritten = out?.next.probabilities?.size ?? 0;
  writeFileSync(args.probs, new Uint8Array(probs.buffer));
}

await sequence.clearHistory();
await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(0, -1));
let generated = 0;
started = performance.now();
for await (const token of sequence.evaluate([tokens.at(-1)!], { temperature: 0 })) {
  void token;
  if (++generated >= args.newTokens) break;
}
const generateSeconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({
  backend, deviceNames, fallback, load_s: loadSeconds, prefill_s: prefill, prefill_tokens_per_s: args.prompt / prefill,
  generate_s: generateSeconds, generate_tokens_per_s: generated / generateSeconds, generated, probs_entries: probsWritten,
}));
await context.dispose();
await model.dispose();
await llama.dispose();

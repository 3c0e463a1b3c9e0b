// Benchmark of the model runtime on a GPT-2-small-shaped model (12 layers, 768 wide, 12 heads,
// vocabulary 50,257, 124M parameters) with random weights generated on the fly (seeded) and written
// as a ~500 MB float32 model.safetensors in a temp folder, against a plain numpy float32 forward of
// the same weights (bench/forward_baseline.py) run in the same bench.
//
//   node --import tsx bench/forward.ts [--tokens 128] [--new-tokens 64] [--repeat 3] [--keep]
//
// Reports, each side in its own fresh process:
//   1. load: seconds and peak resident set size (getrusage maxrss, which includes the Node/wasm
//      baseline) of loadModel on the 500 MB file, and that peak as a multiple of the file size;
//   2. forward: one pass over --tokens tokens (best of --repeat), tokens/s, and the ratio of times to
//      numpy (numpy with its default BLAS threads and with OPENBLAS_NUM_THREADS=1);
//   3. generation: --new-tokens greedy tokens with the KV cache (prompt prefill included), tokens/s;
//   4. agreement: max |logits − numpy logits| / std(numpy logits).
// And the llama.cpp engine (lib/engines/llamaCpp, node-llama-cpp's CPU binary, --threads, default 2) on
// the same weights converted to an F32 GGUF (convertToGguf; the bundled tiny GPT-2 tokenizer, the
// other embedding rows as padding tokens), in its own fresh process: load, prefill of --tokens tokens
// through score() (every row of the full vocabulary handed to the host), and --new-tokens greedy tokens
// through engineGenerate with every step's record (entropy, nucleus: rowStepRecord), prefill included
// (rows through the engine's internal path, rawRowReader, where node-llama-cpp 3.21.1 is installed;
// bench/llamaRows.ts splits the per-row cost and compares with the public path);
// agreement of its log-probabilities with numpy's log-softmax, and ratios to numpy.
// The 1-minute load average is printed before and after: figures are comparable only on an idle machine.
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../lib/util/seededRandom.js";

const { values } = parseArgs({
  options: {
    tokens: { type: "string", default: "128" },
    "new-tokens": { type: "string", default: "64" },
    repeat: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    threads: { type: "string", default: "2" },
    child: { type: "string" },
    "llama-child": { type: "string" },
  },
});

const CONFIG = {
  architectures: ["GPT2LMHeadModel"], model_type: "gpt2", n_embd: 768, n_layer: 12, n_head: 12, n_positions: 1024, n_ctx: 1024,
  vocab_size: 50257, layer_norm_epsilon: 1e-5, activation_function: "gelu_new", tie_word_embeddings: true,
};

interface ChildResult {
  load_seconds: number;
  rss_before_mb: number;
  peak_rss_after_load_mb: number;
  forward_seconds: number;
  generate_seconds: number;
  generated: number[];
  backend: string;
  agreement?: number;
}

function promptIds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i * 7919 + 13) % CONFIG.vocab_size);
}

if (values["llama-child"]) {
  // Child: the llama.cpp engine in one fresh process.
  const { LlamaCppEngine } = await import("../lib/engines/llamaCpp/LlamaCppEngine.js");
  const { engineGenerate } = await import("../lib/engines/engineGenerate.js");
  const { writeNpy } = await import("../lib/io/writeNpy.js");
  const { gguf, dir, tokens, newTokens, repeat, threads } = JSON.parse(values["llama-child"]) as { gguf: string; dir: string; tokens: number; newTokens: number; repeat: number; threads: number };
  let started = performance.now();
  const engine = await LlamaCppEngine.open(gguf, { threads });
  const loadSeconds = (performance.now() - started) / 1000;
  const ids = promptIds(tokens);
  const V = CONFIG.vocab_size;
  let best = Infinity;
  const rows = new Float32Array(tokens * V);
  for (let r = 0; r < repeat; r++) {
    started = performance.now();
    let t = 0;
    for await (const row of engine.score(ids)) if (row.kind === "logits") rows.set(row.logits, V * t++);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  writeNpy(join(dir, "llama_logprobs.npy"), rows, [tokens, V]);
  started = performance.now();
  const generation = await engineGenerate(engine, ids, { maxNewTokens: newTokens, temperature: 0, stopAtEos: false });
  const generateSeconds = (performance.now() - started) / 1000;
  const info = engine.info;
  await engine.dispose();
  console.log(JSON.stringify({ load_seconds: loadSeconds, forward_seconds: best, generate_seconds: generateSeconds, generated: generation.ids, steps: generation.steps.length, device: info.device, dtype: info.dtype, rows_read: engine.rowsRead }));
  process.exit(0);
}

if (values.child) {
  // Child: one fresh process that loads, times and reports.
  const { ready } = await import("../lib/backend/backend.js");
  const backend = await ready();
  const { loadModel } = await import("../lib/models/load.js");
  const { generate } = await import("../lib/models/generate.js");
  const { writeNpy } = await import("../lib/io/writeNpy.js");
  const { dir, tokens, newTokens, repeat } = JSON.parse(values.child) as { dir: string; tokens: number; newTokens: number; repeat: number };
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  let started = performance.now();
  const model = await loadModel(dir);
  const loadSeconds = (performance.now() - started) / 1000;
  const peakAfterLoad = process.resourceUsage().maxRSS / 1024;
  const ids = promptIds(tokens);
  let best = Infinity;
  let logits: Float32Array | undefined;
  for (let r = 0; r < repeat; r++) {
    started = performance.now();
    const out = model.forward(ids);
    logits = out.logits.dataSync() as Float32Array;
    best = Math.min(best, (performance.now() - started) / 1000);
    out.logits.dispose();
  }
  writeNpy(join(dir, "runtime_logits.npy"), logits!, [tokens, CONFIG.vocab_size]);
  started = performance.now();
  const generation = generate(model, ids, { maxNewTokens: newTokens, temperature: 0, stopAtEos: false });
  const generateSeconds = (performance.now() - started) / 1000;
  const result: ChildResult = {
    load_seconds: loadSeconds, rss_before_mb: rssBefore, peak_rss_after_load_mb: peakAfterLoad,
    forward_seconds: best, generate_seconds: generateSeconds, generated: generation.ids, backend: backend.name,
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

const tokens = Number(values.tokens);
const newTokens = Number(values["new-tokens"]);
const repeat = Number(values.repeat);

/** mulberry32 (lib/util `seededRandom`) + Box–Muller, both values of each pair: the same weights on every run. */
function normals(seed: number): (out: Float32Array, std: number) => void {
  const next = seededRandom(seed);
  return (out, std) => {
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12)));
      const angle = 2 * Math.PI * next();
      out[i] = std * r * Math.cos(angle);
      if (i + 1 < out.length) out[i + 1] = std * r * Math.sin(angle);
    }
  };
}

/** Writes the random GPT-2-small checkpoint tensor by tensor (never the whole file in memory). */
function writeCheckpoint(dir: string): number {
  const D = CONFIG.n_embd;
  const V = CONFIG.vocab_size;
  const tensors: { name: string; shape: number[]; std: number; constant?: number }[] = [
    { name: "transformer.wte.weight", shape: [V, D], std: 0.02 },
    { name: "transformer.wpe.weight", shape: [CONFIG.n_positions, D], std: 0.01 },
  ];
  for (let i = 0; i < CONFIG.n_layer; i++) {
    const h = `transformer.h.${i}.`;
    tensors.push(
      { name: h + "ln_1.weight", shape: [D], std: 0, constant: 1 }, { name: h + "ln_1.bias", shape: [D], std: 0, constant: 0 },
      { name: h + "attn.c_attn.weight", shape: [D, 3 * D], std: 0.02 }, { name: h + "attn.c_attn.bias", shape: [3 * D], std: 0.01 },
      { name: h + "attn.c_proj.weight", shape: [D, D], std: 0.02 / Math.sqrt(24) }, { name: h + "attn.c_proj.bias", shape: [D], std: 0.01 },
      { name: h + "ln_2.weight", shape: [D], std: 0, constant: 1 }, { name: h + "ln_2.bias", shape: [D], std: 0, constant: 0 },
      { name: h + "mlp.c_fc.weight", shape: [D, 4 * D], std: 0.02 }, { name: h + "mlp.c_fc.bias", shape: [4 * D], std: 0.01 },
      { name: h + "mlp.c_proj.weight", shape: [4 * D, D], std: 0.02 / Math.sqrt(24) }, { name: h + "mlp.c_proj.bias", shape: [D], std: 0.01 },
    );
  }
  tensors.push({ name: "transformer.ln_f.weight", shape: [D], std: 0, constant: 1 }, { name: "transformer.ln_f.bias", shape: [D], std: 0, constant: 0 });
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * 4;
    header[t.name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const path = join(dir, "model.safetensors");
  const fd = openSync(path, "w");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  writeSync(fd, length);
  writeSync(fd, Buffer.from(json));
  const fill = normals(1234);
  for (const t of tensors) {
    const values = new Float32Array(t.shape.reduce((a, b) => a * b, 1));
    if (t.constant !== undefined) values.fill(t.constant);
    else fill(values, t.std);
    writeSync(fd, new Uint8Array(values.buffer));
  }
  closeSync(fd);
  writeFileSync(join(dir, "config.json"), JSON.stringify(CONFIG, null, 2));
  return statSync(path).size;
}

function readNpy(path: string): Float32Array {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const result = spawnSync(command, args, { encoding: "utf8", env, maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 2).join(" ")} failed:\n${result.stderr}`);
  const line = result.stdout.trim().split("\n").at(-1)!;
  return JSON.parse(line) as Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), "logitlab-bench-forward-"));
console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}`);
const started = performance.now();
const fileBytes = writeCheckpoint(dir);
console.log(`wrote ${(fileBytes / 2 ** 20).toFixed(0)} MiB random GPT-2-small checkpoint in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);

const ids = promptIds(tokens).join(",");
const ours = run(process.execPath, ["--import", "tsx", join(import.meta.dirname, "forward.ts"), "--child", JSON.stringify({ dir, tokens, newTokens, repeat })]) as unknown as ChildResult;
const baseline = join(import.meta.dirname, "forward_baseline.py");
const numpy = run("python3", [baseline, dir, "--ids", ids, "--new-tokens", String(newTokens), "--repeat", String(repeat), "--logits", join(dir, "numpy_logits.npy")]);
const numpyOne = run("python3", [baseline, dir, "--ids", ids, "--new-tokens", String(newTokens), "--repeat", String(repeat)], { ...process.env, OPENBLAS_NUM_THREADS: "1" });

// llama.cpp: the same checkpoint as an F32 GGUF (tokenizer: the bundled tiny GPT-2's; the embedding
// rows beyond it become padding tokens, which token ids reach like any other).
const { convertToGguf } = await import("../lib/io/gguf/convertToGguf.js");
for (const file of ["tokenizer.json", "tokenizer_config.json"]) copyFileSync(join(import.meta.dirname, "..", "data", "models", "tiny-gpt2-small", file), join(dir, file));
const gguf = join(dir, "model.gguf");
const convertStarted = performance.now();
convertToGguf(dir, gguf, { dtype: "f32" });
const convertSeconds = (performance.now() - convertStarted) / 1000;
const threads = Number(values.threads);
const llama = run(process.execPath, ["--import", "tsx", join(import.meta.dirname, "forward.ts"), "--llama-child", JSON.stringify({ gguf, dir, tokens, newTokens, repeat, threads })]) as {
  load_seconds: number; forward_seconds: number; generate_seconds: number; generated: number[]; steps: number; device: string; dtype: string; rows_read: string;
};

const a = readNpy(join(dir, "runtime_logits.npy"));
const b = readNpy(join(dir, "numpy_logits.npy"));
let mean = 0;
for (const x of b) mean += x / b.length;
let variance = 0;
let worst = 0;
for (let i = 0; i < b.length; i++) {
  variance += (b[i] - mean) ** 2 / b.length;
  worst = Math.max(worst, Math.abs(a[i] - b[i]));
}
const agreement = worst / Math.sqrt(variance);
// llama.cpp gives log-probabilities: compare with numpy's log-softmax, row by row.
const lp = readNpy(join(dir, "llama_logprobs.npy"));
const V = CONFIG.vocab_size;
let llamaWorst = 0;
for (let t = 0; t < tokens; t++) {
  const row = b.subarray(t * V, (t + 1) * V);
  let max = -Infinity;
  for (const x of row) max = Math.max(max, x);
  let sum = 0;
  for (const x of row) sum += Math.exp(x - max);
  const logSum = max + Math.log(sum);
  for (let v = 0; v < V; v++) llamaWorst = Math.max(llamaWorst, Math.abs(lp[t * V + v] - (row[v] - logSum)));
}
const llamaAgreement = llamaWorst / Math.sqrt(variance);
const llamaSame = (numpy.generated as number[]).filter((id, i) => id === llama.generated[i]).length;
const sameTokens = (numpy.generated as number[]).filter((id, i) => id === ours.generated[i]).length;

const fileMb = fileBytes / 2 ** 20;
const fmt = (x: number, d = 2): string => x.toFixed(d);
console.log("");
console.log(`backend: ${ours.backend}`);
console.log(`load ${fmt(fileMb, 0)} MiB safetensors: ${fmt(ours.load_seconds)} s; peak RSS ${fmt(ours.peak_rss_after_load_mb, 0)} MiB = ${fmt(ours.peak_rss_after_load_mb / fileMb)}x the file (process before loading: ${fmt(ours.rss_before_mb, 0)} MiB); numpy load (memmap + transpose) ${fmt(numpy.load_seconds as number)} s`);
console.log(`forward ${tokens} tokens: logitlab ${fmt(ours.forward_seconds, 3)} s (${fmt(tokens / ours.forward_seconds, 1)} tokens/s); numpy ${fmt(numpy.forward_seconds as number, 3)} s (${fmt(tokens / (numpy.forward_seconds as number), 1)} tokens/s), 1-thread numpy ${fmt(numpyOne.forward_seconds as number, 3)} s`);
console.log(`  ratio logitlab / numpy: ${fmt(ours.forward_seconds / (numpy.forward_seconds as number))}x (vs 1-thread numpy ${fmt(ours.forward_seconds / (numpyOne.forward_seconds as number))}x)`);
console.log(`generate ${newTokens} tokens with KV cache (prefill included): logitlab ${fmt(ours.generate_seconds)} s (${fmt(newTokens / ours.generate_seconds, 1)} tokens/s); numpy ${fmt(numpy.generate_seconds as number)} s (${fmt(newTokens / (numpy.generate_seconds as number), 1)} tokens/s)`);
console.log(`  ratio logitlab / numpy: ${fmt(ours.generate_seconds / (numpy.generate_seconds as number))}x (vs 1-thread numpy ${fmt(ours.generate_seconds / (numpyOne.generate_seconds as number))}x)`);
console.log(`agreement: max |logits − numpy| / std = ${agreement.toExponential(2)}; greedy tokens equal for ${sameTokens}/${newTokens} steps`);
console.log("");
console.log(`llama.cpp engine (${llama.device}, ${llama.dtype} GGUF, ${threads} threads, rows read through the ${llama.rows_read} path; conversion ${fmt(convertSeconds)} s): load ${fmt(llama.load_seconds)} s`);
console.log(`prefill ${tokens} tokens, every full row to the host: llama.cpp ${fmt(llama.forward_seconds, 3)} s (${fmt(tokens / llama.forward_seconds, 1)} tokens/s)`);
console.log(`  ratio llama.cpp / numpy: ${fmt(llama.forward_seconds / (numpy.forward_seconds as number))}x (vs 1-thread numpy ${fmt(llama.forward_seconds / (numpyOne.forward_seconds as number))}x); llama.cpp / tfjs-wasm: ${fmt(llama.forward_seconds / ours.forward_seconds)}x`);
console.log(`generate ${newTokens} tokens with per-step records (prefill included): llama.cpp ${fmt(llama.generate_seconds)} s (${fmt(newTokens / llama.generate_seconds, 1)} tokens/s)`);
console.log(`  ratio llama.cpp / numpy: ${fmt(llama.generate_seconds / (numpy.generate_seconds as number))}x (vs 1-thread numpy ${fmt(llama.generate_seconds / (numpyOne.generate_seconds as number))}x); llama.cpp / tfjs-wasm: ${fmt(llama.generate_seconds / ours.generate_seconds)}x`);
console.log(`agreement: max |log p − numpy log-softmax| / std(numpy logits) = ${llamaAgreement.toExponential(2)}; greedy tokens equal for ${llamaSame}/${newTokens} steps (${llama.steps} step records)`);
console.log(`load average after: ${loadavg()[0].toFixed(2)}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });

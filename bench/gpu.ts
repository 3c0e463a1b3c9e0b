// GPU bench (issue 14): each backend side by side in one process, with speed-ups over a baseline
// measured in the same run. Runs anywhere: where no GPU is found the webgpu / CUDA rows say why and
// the CPU backends are still compared (wasm against cpu, say).
//
//   npm run bench:gpu -- [--scale quick|cpu|gpu] [--backends webgpu,wasm,cpu] [--baseline wasm]
//                        [--ops 64x50257,512x128256] [--width 768] [--p 0.9] [--repeat 3]
//                        [--forward gpt2-small|tiny|none] [--forward-tokens 128]
//                        [--llama gpt2-small,llama-1b|tiny|none] [--llama-gpus cuda,cpu] [--llama-prompt 512] [--llama-new 64]
//                        [--corr 16x128256x4096] [--sections ops,forward,llama,corr] [--budget-s 420] [--json results.json]
//
// Sections (each cell is the best of --repeat after one warm-up run, so shader compilation and
// wasm start-up stay out; every read is an async read, `await data()`, the only one webgpu has):
//   ops      entropy, nucleus (nucleusAsync) and nucleus cosine (nucleusCosineAsync, embeddings [V, width])
//            over [T, V] logits: normal noise with a boosted set of 1–200 tokens per row (a realistic,
//            peaked nucleus); rows over 2^26 elements go in row blocks (webgpu's buffer limits);
//   forward  a random GPT-2-small-shaped model (bench/gpu/randomCheckpoint.ts) loaded on each backend,
//            one forward pass over --forward-tokens tokens, logits compared with the baseline's;
//   llama    llama.cpp prefill and greedy generation for a GPT-2-small-shaped and a Llama-1B-shaped
//            random GGUF (convertToGguf, f16), one child process per --llama-gpus choice (bench/gpu/llamaChild.ts),
//            next-token probabilities compared with the cpu run;
//   corr     the correlation study's per-step loop (entropy + nucleus + nucleus cosine of one step at
//            a time, as a generation produces them) at T × V × width, against the same work batched.
// --budget-s: once the bench has run that long, the cells not yet started print "not run: time
// budget" (the GPU machine's calls are limited to 10 minutes).
// Presets: quick (seconds; what test/bench/gpuBench.test.ts runs), cpu (default; minutes on 2 cores),
// gpu (what scripts/gpu-check.sh runs on the GPU machine: up to 4,096 × 128,256 and the 1B GGUF).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { backendInfo, ready, tf } from "../lib/backend/backend.js";
import { startWebGpu, stopWebGpu, webGpuAdapter } from "../lib/backend/webgpu.js";
import { convertToGguf } from "../lib/io/gguf/convertToGguf.js";
import { loadModel } from "../lib/models/load.js";
import { entropy } from "../lib/tensor/entropy.js";
import { nucleusAsync } from "../lib/tensor/nucleusAsync.js";
import { nucleusCosineAsync } from "../lib/tensor/nucleusCosineAsync.js";
import { GPT2_SMALL, LLAMA_1B, writeRandomCheckpoint, type CheckpointShape } from "./gpu/randomCheckpoint.js";

const TINY_GPT2: CheckpointShape = { kind: "gpt2", vocab: 1024, width: 64, layers: 2, heads: 2, kvHeads: 2, ffn: 256, positions: 128 };
const TINY_LLAMA: CheckpointShape = { kind: "llama", vocab: 1024, width: 64, layers: 2, heads: 4, kvHeads: 2, ffn: 128, positions: 128 };
const SHAPES: Record<string, CheckpointShape> = { "gpt2-small": GPT2_SMALL, "llama-1b": LLAMA_1B, "tiny-gpt2": TINY_GPT2, "tiny-llama": TINY_LLAMA };

const PRESETS: Record<string, Record<string, string>> = {
  quick: { ops: "4x1000,8x3000", width: "16", forward: "tiny-gpt2", "forward-tokens": "8", llama: "tiny-llama", "llama-gpus": "cuda,cpu",
    "llama-prompt": "16", "llama-new": "4", corr: "3x3000x16", repeat: "1" },
  cpu: { ops: "16x50257,32x128256", width: "768", forward: "gpt2-small", "forward-tokens": "32", llama: "gpt2-small", "llama-gpus": "cuda,cpu",
    "llama-prompt": "64", "llama-new": "16", corr: "4x128256x1024", repeat: "2" },
  gpu: { backends: "webgpu,wasm", ops: "64x50257,512x128256,4096x128256", width: "1024", forward: "gpt2-small", "forward-tokens": "128", llama: "gpt2-small,llama-1b",
    "llama-gpus": "cuda,vulkan,cpu", "llama-prompt": "512", "llama-new": "64", corr: "8x128256x4096", repeat: "1" },
};

const { values: flags } = parseArgs({
  options: {
    scale: { type: "string", default: "cpu" }, backends: { type: "string" }, baseline: { type: "string", default: "wasm" },
    ops: { type: "string" }, width: { type: "string" }, p: { type: "string", default: "0.9" }, repeat: { type: "string" },
    forward: { type: "string" }, "forward-tokens": { type: "string" }, llama: { type: "string" }, "llama-gpus": { type: "string" },
    "llama-prompt": { type: "string" }, "llama-new": { type: "string" }, corr: { type: "string" }, json: { type: "string" },
    sections: { type: "string", default: "ops,forward,llama,corr" }, "budget-s": { type: "string", default: "Infinity" },
  },
});
const preset = PRESETS[flags.scale!];
if (!preset) throw new Error(`--scale ${flags.scale}: use quick, cpu or gpu`);
const opt = (name: string): string => (flags as Record<string, string | undefined>)[name] ?? preset[name];
const repeat = Number(opt("repeat"));
const p = Number(flags.p);
const results: Record<string, unknown>[] = [];
// LOGITLAB_BENCH_WORK: a folder kept between runs (scripts/gpu-check.sh), so the GGUFs are written once.
const keepWork = process.env.LOGITLAB_BENCH_WORK;
if (keepWork) mkdirSync(keepWork, { recursive: true });
const work = keepWork ?? mkdtempSync(join(tmpdir(), "logitlab-bench-gpu-"));

const benchStarted = performance.now();
const budgetSeconds = Number(flags["budget-s"]);
/** True (and says so) when the time budget is spent, so the cell `what` is not started. */
function overBudget(what: string): boolean {
  if ((performance.now() - benchStarted) / 1000 < budgetSeconds) return false;
  console.log(`${what}: not run: time budget (--budget-s ${budgetSeconds}) spent`);
  results.push({ section: what.split(" ")[0], skipped: "time budget" });
  return true;
}

/** Best of `repeat` timings (seconds) after one untimed warm-up. */
async function best(run: () => Promise<unknown>): Promise<number> {
  await run();
  let fastest = Infinity;
  for (let r = 0; r < repeat; r++) {
    const started = performance.now();
    await run();
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

/** Seeded xorshift32 → uniform in [−1, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state | 0) / 2 ** 31;
  };
}

/** [T, V] peaked logits: noise in [−√3, √3) plus 16 on a log-uniform 1–200 tokens of each row. */
function peakedLogits(T: number, V: number, seed: number): Float32Array {
  const next = uniform(seed);
  const out = new Float32Array(T * V);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(3) * next();
  for (let t = 0; t < T; t++) {
    const boosted = Math.round(Math.exp(((next() + 1) / 2) * Math.log(200)));
    for (let k = 0; k < boosted; k++) out[t * V + Math.floor(((next() + 1) / 2) * V)] += 16;
  }
  return out;
}

function embeddingTable(V: number, D: number, seed: number): Float32Array {
  const next = uniform(seed);
  const out = new Float32Array(V * D);
  for (let i = 0; i < out.length; i++) out[i] = next();
  return out;
}

/** The backends to compare that start here; webgpu first when it starts (it also sets tfjs's backend). */
async function startBackends(): Promise<string[]> {
  const info = await ready(); // on a GPU machine this may already be webgpu
  const wanted = (flags.backends ?? preset.backends ?? "webgpu,wasm,cpu").split(",").map((b) => b.trim());
  const started: string[] = [];
  for (const name of wanted) {
    if (name === "webgpu") {
      const reason = info.name === "webgpu" ? undefined : await startWebGpu();
      if (reason) console.log(`webgpu: not run (${reason})`);
      else started.push(name);
    } else if (await tf.setBackend(name).catch(() => false)) {
      started.push(name);
    } else {
      console.log(`${name}: not run (could not start)`);
    }
  }
  return started;
}

function ratioText(base: number | undefined, time: number): string {
  return base === undefined || !Number.isFinite(time) ? "" : `${(base / time).toFixed(2)}×`;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) || (Number.isNaN(a[i]) !== Number.isNaN(b[i]) ? Infinity : 0));
  return worst;
}

async function opsSection(backends: string[]): Promise<void> {
  const D = Number(opt("width"));
  for (const size of opt("ops").split(",").filter(Boolean)) {
    const [T, V] = size.split("x").map(Number);
    const host = peakedLogits(T, V, 7);
    const table = embeddingTable(V, D, 8);
    const block = Math.max(1, Math.floor(2 ** 26 / V));
    const reference: Record<string, number[]> = {};
    const base: Record<string, number> = {};
    for (const backend of [flags.baseline!, ...backends.filter((b) => b !== flags.baseline)].filter((b) => backends.includes(b))) {
      if (overBudget(`ops [${T}, ${V}] ${backend}`)) continue;
      await tf.setBackend(backend);
      const row: Record<string, unknown> = { section: "ops", T, V, D, backend };
      let x: tf.Tensor2D[] = [];
      let e: tf.Tensor2D | undefined;
      try {
        for (let start = 0; start < T; start += block) {
          const rows = Math.min(block, T - start);
          x.push(tf.tensor2d(host.subarray(start * V, (start + rows) * V), [rows, V]));
        }
        e = tf.tensor2d(table, [V, D]);
        let entropies: number[] = [];
        const entropyTime = await best(async () => {
          entropies = [];
          for (const part of x) {
            const h = entropy(part);
            entropies.push(...(await h.data()));
            h.dispose();
          }
        });
        let sizes: number[] = [];
        const nucleusTime = await best(async () => {
          sizes = [];
          for (const part of x) sizes.push(...(await nucleusAsync(part, p)).sizes);
        });
        let cosines: number[] = [];
        const cosineTime = await best(async () => {
          cosines = [];
          for (const part of x) cosines.push(...(await nucleusCosineAsync(part, e!, p)).meanCosine);
        });
        Object.assign(row, { entropy_s: entropyTime, nucleus_s: nucleusTime, nucleus_cosine_s: cosineTime, mean_nucleus: sizes.reduce((a, b) => a + b, 0) / T });
        if (backend === flags.baseline) {
          Object.assign(reference, { entropies, sizes, cosines });
          Object.assign(base, { entropyTime, nucleusTime, cosineTime });
        } else if (reference.entropies) {
          Object.assign(row, {
            entropy_max_abs_diff: maxAbsDiff(entropies, reference.entropies),
            nucleus_sizes_equal: sizes.every((s, i) => s === reference.sizes[i]),
            cosine_max_abs_diff: maxAbsDiff(cosines, reference.cosines),
            speedup: { entropy: base.entropyTime / entropyTime, nucleus: base.nucleusTime / nucleusTime, nucleus_cosine: base.cosineTime / cosineTime },
          });
        }
        console.log(`ops [${T}, ${V}] D=${D} ${backend.padEnd(6)} entropy ${ms(entropyTime)} ${ratioText(base.entropyTime, entropyTime)}` +
          `  nucleus ${ms(nucleusTime)} ${ratioText(base.nucleusTime, nucleusTime)}  nucleus cosine ${ms(cosineTime)} ${ratioText(base.cosineTime, cosineTime)}` +
          (row.entropy_max_abs_diff !== undefined ? `  |Δentropy| ≤ ${(row.entropy_max_abs_diff as number).toExponential(1)}, sizes equal: ${row.nucleus_sizes_equal}, |Δcos| ≤ ${(row.cosine_max_abs_diff as number).toExponential(1)}` : ""));
      } catch (error) {
        row.error = firstLine(error);
        console.log(`ops [${T}, ${V}] ${backend}: failed: ${row.error}`);
      } finally {
        tf.dispose([...x, ...(e ? [e] : [])]);
        x = [];
      }
      results.push(row);
    }
  }
}

async function forwardSection(backends: string[]): Promise<void> {
  const name = opt("forward");
  if (name === "none") return;
  const shape = SHAPES[name];
  const dir = join(work, `forward-${name}`);
  const params = writeRandomCheckpoint(dir, shape);
  const tokens = Number(opt("forward-tokens"));
  const ids = Array.from({ length: tokens }, (_, i) => (i * 7919 + 13) % shape.vocab);
  let reference: Float32Array | undefined;
  let baseTime: number | undefined;
  for (const backend of [flags.baseline!, ...backends.filter((b) => b !== flags.baseline)].filter((b) => backends.includes(b))) {
    if (overBudget(`forward ${name} ${backend}`)) continue;
    await tf.setBackend(backend);
    const row: Record<string, unknown> = { section: "forward", model: name, params, tokens, backend };
    try {
      const model = await loadModel(dir, { tokenizer: false });
      let logits = new Float32Array();
      const time = await best(async () => {
        const out = model.forward(ids);
        logits = (await out.logits.data()) as Float32Array;
        out.logits.dispose();
      });
      model.dispose();
      row.forward_s = time;
      row.tokens_per_s = tokens / time;
      if (!reference) {
        reference = logits;
        baseTime = time;
      } else {
        let mean = 0;
        for (const v of reference) mean += v / reference.length;
        let variance = 0;
        for (const v of reference) variance += (v - mean) ** 2 / reference.length;
        row.max_abs_diff_over_std = maxAbsDiff(logits, reference) / Math.sqrt(variance);
        row.speedup = baseTime! / time;
      }
      console.log(`forward ${name} (${(params / 1e6).toFixed(0)}M) × ${tokens} tokens ${backend.padEnd(6)} ${ms(time)} ${ratioText(baseTime, time)}` +
        (row.max_abs_diff_over_std !== undefined ? `  max|Δlogit|/std ${(row.max_abs_diff_over_std as number).toExponential(1)}` : ""));
    } catch (error) {
      row.error = firstLine(error);
      console.log(`forward ${name} ${backend}: failed: ${row.error}`);
    }
    results.push(row);
  }
  rmSync(dir, { recursive: true, force: true });
}

function llamaSection(): void {
  const models = opt("llama").split(",").filter((m) => m && m !== "none");
  const gpus = opt("llama-gpus").split(",").filter(Boolean);
  for (const name of models) {
    if (overBudget(`llama.cpp ${name}`)) continue;
    const shape = SHAPES[name];
    const dir = join(work, `llama-${name}`);
    const gguf = join(work, `${name}.gguf`);
    const params = writeRandomCheckpoint(dir, shape);
    if (!existsSync(gguf)) convertToGguf(dir, gguf, { dtype: "f16" });
    rmSync(dir, { recursive: true, force: true });
    const runs: Record<string, Record<string, number | string | string[]>> = {};
    for (const gpu of gpus) {
      if (overBudget(`llama.cpp ${name} --gpu ${gpu}`)) continue;
      const probs = join(work, `${name}-${gpu}.f32`);
      const args = { gguf, gpu, prompt: Number(opt("llama-prompt")), newTokens: Number(opt("llama-new")), repeat, probs, vocab: shape.vocab };
      const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "gpu", "llamaChild.ts"), JSON.stringify(args)], { encoding: "utf8", maxBuffer: 1 << 26 });
      const line = child.stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
      const row: Record<string, unknown> = { section: "llama", model: name, params, requested: gpu };
      if (!line) {
        row.error = (child.stderr.trim().split("\n").filter((l) => l.trim()).at(-1) ?? `exit ${child.status}`).slice(0, 300);
        console.log(`llama.cpp ${name} --gpu ${gpu}: failed: ${row.error}`);
      } else {
        Object.assign(row, JSON.parse(line));
        runs[gpu] = row as Record<string, number>;
      }
      results.push(row);
    }
    const cpu = runs.cpu;
    for (const [gpu, run] of Object.entries(runs)) {
      const same = gpu !== "cpu" && run.backend === "cpu";
      let agreement = "";
      if (cpu && gpu !== "cpu" && !same) {
        const a = new Float32Array(readFileSync(join(work, `${name}-${gpu}.f32`)).buffer);
        const b = new Float32Array(readFileSync(join(work, `${name}-cpu.f32`)).buffer);
        const diff = maxAbsDiff(a, b);
        Object.assign(results.find((r) => r.section === "llama" && r.model === name && r.requested === gpu)!, { probs_max_abs_diff_vs_cpu: diff });
        agreement = `  max|Δp| vs cpu ${diff.toExponential(1)}`;
      }
      console.log(`llama.cpp ${name} (${(params / 1e6).toFixed(0)}M, f16) --gpu ${gpu} → ${run.backend}${(run.deviceNames as string[]).length ? ` [${(run.deviceNames as string[]).join(", ")}]` : ""}` +
        `  load ${Number(run.load_s).toFixed(2)} s  prefill ${Number(run.prefill_tokens_per_s).toFixed(0)} tok/s${cpu && !same && gpu !== "cpu" ? ` (${(Number(run.prefill_tokens_per_s) / Number(cpu.prefill_tokens_per_s)).toFixed(2)}× cpu)` : ""}` +
        `  generation ${Number(run.generate_tokens_per_s).toFixed(1)} tok/s${cpu && !same && gpu !== "cpu" ? ` (${(Number(run.generate_tokens_per_s) / Number(cpu.generate_tokens_per_s)).toFixed(2)}× cpu)` : ""}` +
        (same ? "  (fell back to the CPU build: no speed-up to report)" : "") + agreement);
    }
    if (!keepWork) rmSync(gguf, { force: true });
  }
}

async function corrSection(backends: string[]): Promise<void> {
  const [T, V, D] = opt("corr").split("x").map(Number);
  const host = peakedLogits(T, V, 9);
  const table = embeddingTable(V, D, 10);
  let baseStep: number | undefined;
  for (const backend of [flags.baseline!, ...backends.filter((b) => b !== flags.baseline)].filter((b) => backends.includes(b))) {
    if (overBudget(`correlation loop ${backend}`)) continue;
    await tf.setBackend(backend);
    const row: Record<string, unknown> = { section: "corr", T, V, D, backend };
    const x = tf.tensor2d(host, [T, V]);
    let e: tf.Tensor2D | undefined;
    try {
      e = tf.tensor2d(table, [V, D]);
      const perStep = await best(async () => {
        for (let t = 0; t < T; t++) {
          const step = tf.slice(x, [t, 0], [1, V]);
          const h = entropy(step);
          await h.data();
          await nucleusAsync(step, p);
          await nucleusCosineAsync(step, e!, p);
          tf.dispose([step, h]);
        }
      });
      const batched = await best(async () => {
        const h = entropy(x);
        await h.data();
        h.dispose();
        await nucleusAsync(x, p);
        await nucleusCosineAsync(x, e!, p);
      });
      Object.assign(row, { per_step_ms: (perStep / T) * 1000, batched_per_step_ms: (batched / T) * 1000 });
      baseStep ??= perStep;
      if (backend !== flags.baseline) row.speedup = baseStep / perStep;
      console.log(`correlation loop ${T} steps × V ${V} × width ${D} ${backend.padEnd(6)} ${(perStep / T * 1000).toFixed(1)} ms/step ${ratioText(baseStep, perStep)}` +
        `  (batched: ${(batched / T * 1000).toFixed(1)} ms/step)`);
    } catch (error) {
      row.error = firstLine(error);
      console.log(`correlation loop ${backend}: failed: ${row.error}`);
    } finally {
      tf.dispose([x, ...(e ? [e] : [])]);
    }
    results.push(row);
  }
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(1)} ms`;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}

console.log(`bench:gpu --scale ${flags.scale}: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}); speed-ups are baseline (${flags.baseline}) time / backend time, same process`);
const backends = await startBackends();
const adapter = webGpuAdapter();
if (adapter) console.log(`webgpu adapter: ${adapter.description || adapter.device} (${adapter.vendor}, ${adapter.architecture}, Dawn ${adapter.backend})`);
console.log(`backends: ${backends.join(", ") || "none"} (tfjs ${backendInfo().tfjsVersion})`);
const sections = new Set(flags.sections!.split(","));
if (sections.has("ops")) await opsSection(backends);
if (sections.has("forward")) await forwardSection(backends);
if (sections.has("llama")) llamaSection();
if (sections.has("corr")) await corrSection(backends);
if (flags.json) writeFileSync(flags.json, JSON.stringify({ scale: flags.scale, backends, adapter, results }, null, 2));
stopWebGpu();
if (!keepWork) rmSync(work, { recursive: true, force: true });

// llama.cpp's CUDA build (node-llama-cpp 3.21.1's prebuilt @node-llama-cpp/linux-x64-cuda) against its
// CPU build, on a machine with an NVIDIA GPU: the bundled tiny models converted to GGUF (float32) give
// the same next-token probabilities. Not in the default test list (see scripts/run-tests.mjs); where
// it runs, a CUDA build that does not load FAILS. Each build runs in its own process (bench/gpu/llamaChild.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToGguf } from "../../lib/io/gguf/convertToGguf.js";

const root = join(import.meta.dirname, "..", "..");
/** Largest |Δp| allowed between the CUDA and CPU builds on one float32 model: cuBLAS and ggml's CPU
 * kernels sum in different orders (and cuBLAS may use TF32), so not bit-equal; 1e-3 absolute on a
 * probability is far below what a wrong kernel gives and above float32/TF32 rounding of 64-wide models. */
const PROBABILITY_ATOL = 1e-3;

function runChild(gguf: string, gpu: string, probs: string): Record<string, unknown> {
  const args = { gguf, gpu, prompt: 24, newTokens: 8, repeat: 1, probs, vocab: 1024 };
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench", "gpu", "llamaChild.ts"), JSON.stringify(args)], { encoding: "utf8", timeout: 300_000 });
  const line = run.stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
  assert.ok(line, `llamaChild --gpu ${gpu} printed no result: ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

for (const model of ["tiny-gpt2-small", "tiny-llama"]) {
  test(`llama.cpp CUDA gives the CPU build's next-token probabilities on ${model} (GGUF f32)`, () => {
    const dir = mkdtempSync(join(tmpdir(), "logitlab-llama-cuda-"));
    const gguf = join(dir, `${model}.gguf`);
    convertToGguf(join(root, "data", "models", model), gguf, { dtype: "f32" });
    const cuda = runChild(gguf, "cuda", join(dir, "cuda.f32"));
    console.log(`# ${model}: ${JSON.stringify(cuda)}`);
    assert.equal(cuda.backend, "cuda", `the CUDA build did not run: ${cuda.fallback}`);
    assert.ok((cuda.deviceNames as string[]).length > 0, "CUDA reports its device");
    const cpu = runChild(gguf, "cpu", join(dir, "cpu.f32"));
    const a = new Float32Array(readFileSync(join(dir, "cuda.f32")).buffer);
    const b = new Float32Array(readFileSync(join(dir, "cpu.f32")).buffer);
    assert.ok(cuda.probs_entries === 1024 && cpu.probs_entries === 1024, `full distributions: ${cuda.probs_entries}, ${cpu.probs_entries}`);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    console.log(`# ${model}: max |p_cuda − p_cpu| = ${worst.toExponential(2)}`);
    assert.ok(worst <= PROBABILITY_ATOL, `max |Δp| ${worst} > ${PROBABILITY_ATOL}`);
    const top = (p: Float32Array) => p.indexOf(Math.max(...p));
    assert.equal(top(a), top(b), "same most likely token");
  });
}

// selectLlamaGpu on a machine without a GPU (this one, CI): the CPU build loads, and a forced GPU
// backend falls back to it with one line on stderr. scripts/gpu-check.sh runs the CUDA path on a GPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/** Runs selectLlamaGpu(gpu) in a fresh process and returns what it reported, and its stderr. */
function selectIn(gpu: string): { result?: { backend: string; deviceNames: string[]; requested: string; fallback?: string; gpu: unknown }; error?: string; stderr: string } {
  const script = `import { selectLlamaGpu } from ${JSON.stringify(join(root, "lib", "engines", "llamaCpp", "selectLlamaGpu.ts"))};
    selectLlamaGpu(${JSON.stringify(gpu)}).then(async ({ llama, ...rest }) => { const gpu = llama.gpu; await llama.dispose(); console.log(JSON.stringify({ result: { ...rest, gpu } })); },
      (e) => console.log(JSON.stringify({ error: e.name + ": " + e.message })));`;
  // a script file, not -e: node-llama-cpp tests its binary in a child that inherits execArgv, and
  // --input-type=module there would break that child
  const file = join(mkdtempSync(join(tmpdir(), "logitlab-llama-gpu-")), "select.ts");
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8" });
  const line = run.stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
  assert.ok(line, `no result from child: ${run.stderr}`);
  return { ...JSON.parse(line), stderr: run.stderr };
}

test("selectLlamaGpu('cpu') loads the prebuilt CPU build of llama.cpp and reports cpu with no devices", () => {
  const { result, stderr } = selectIn("cpu");
  assert.deepEqual(result, { backend: "cpu", deviceNames: [], requested: "cpu", gpu: false });
  assert.doesNotMatch(stderr, /logitlab:/);
});

test("selectLlamaGpu('cuda') without a CUDA driver falls back to the CPU build with one line saying why", () => {
  const { result, stderr } = selectIn("cuda");
  assert.equal(result?.backend, "cpu");
  assert.equal(result?.gpu, false);
  assert.match(String(result?.fallback), /^--gpu cuda: llama\.cpp's cuda build could not load \(.+\); using the CPU build$/);
  const lines = stderr.split("\n").filter((l) => l.startsWith("logitlab:"));
  assert.deepEqual(lines, [`logitlab: ${result?.fallback}`]);
});

test("selectLlamaGpu rejects an unknown --gpu value with one LogitlabError line", () => {
  const { error } = selectIn("opencl");
  assert.equal(error, 'LogitlabError: llama.cpp: field "--gpu": unknown GPU choice "opencl"; use one of auto, cuda, vulkan, metal, cpu');
});

#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here. Extra arguments are passed on
// (for example a file filter: `node scripts/run-tests.mjs test/stats`).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "fixtures" || name === "node_modules") return [];
    return statSync(path).isDirectory() ? walk(path) : name.endsWith(".test.ts") ? [path] : [];
  });
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
// test/gpu/ needs a GPU (webgpu through Dawn, llama.cpp CUDA): it runs when named, or with
// LOGITLAB_GPU_TESTS=1 (scripts/gpu-check.sh on the GPU machine), and there a missing GPU fails.
// Elsewhere it is left out of the list and this says so, rather than counting skipped tests.
const gpuTests = process.env.LOGITLAB_GPU_TESTS === "1";
const files = walk(join(root, "test"))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .filter((f) => !f.startsWith("test/gpu/") || gpuTests || filters.some((p) => p.startsWith("test/gpu")))
  .sort();
if (!files.some((f) => f.startsWith("test/gpu/")) && (filters.length === 0 || filters.some((p) => "test/gpu/".startsWith(p)))) {
  console.log("test/gpu/: not run here (needs a GPU; LOGITLAB_GPU_TESTS=1 or scripts/gpu-check.sh on a GPU machine runs it)");
}
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: root,
  stdio: "inherit",
});
process.exit(run.status ?? 1);

// bench/gpu.ts at --scale quick on this machine (no GPU): it must finish, compare the CPU backends
// (wasm against cpu) with results that agree, say why webgpu and CUDA did not run, and exit by itself.
// The figures themselves are not checked here; scripts/gpu-check.sh runs --scale gpu on a GPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

test("bench:gpu --scale quick runs every section on the CPU backends and says why the GPU rows did not run", () => {
  const json = join(mkdtempSync(join(tmpdir(), "logitlab-bench-gpu-test-")), "results.json");
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench", "gpu.ts"), "--scale", "quick", "--json", json], {
    cwd: root, encoding: "utf8", timeout: 600_000, env: { ...process.env, LOGITLAB_BACKEND: "" },
  });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout;
  assert.match(out, /^webgpu: not run \(.+\)$/m);
  for (const section of [/^ops \[8, 3000\] D=16 cpu .* sizes equal: true/m, /^forward tiny-gpt2 .* cpu .* max\|Δlogit\|\/std/m,
    /^llama\.cpp tiny-llama .* --gpu cuda → cpu .*fell back to the CPU build/m, /^llama\.cpp tiny-llama .* --gpu cpu → cpu /m, /^correlation loop 3 steps .* cpu /m]) {
    assert.match(out, section);
  }
  const { results } = JSON.parse(readFileSync(json, "utf8")) as { results: Record<string, unknown>[] };
  assert.deepEqual(results.filter((r) => r.error), [], "no section failed");
  for (const r of results.filter((r) => r.section === "ops" && r.backend === "cpu")) {
    assert.ok((r.entropy_max_abs_diff as number) < 1e-4, `entropy agrees between wasm and cpu: ${r.entropy_max_abs_diff}`);
    assert.ok((r.cosine_max_abs_diff as number) < 1e-4, `nucleus cosine agrees: ${r.cosine_max_abs_diff}`);
  }
  const forward = results.find((r) => r.section === "forward" && r.backend === "cpu");
  assert.ok((forward?.max_abs_diff_over_std as number) < 1e-4, "the forward pass agrees between wasm and cpu");
});

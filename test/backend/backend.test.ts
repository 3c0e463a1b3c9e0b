import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/** Runs `ready()` in a fresh process (the choice is once per process) and returns its info or error. */
function readyIn(env: Record<string, string>): { info?: Record<string, unknown>; error?: string; stderr: string } {
  const script = `import { ready } from ${JSON.stringify(join(root, "lib", "index.ts"))};
    ready().then((i) => console.log(JSON.stringify({ info: i })), (e) => console.log(JSON.stringify({ error: e.message })));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root, env: { ...process.env, ...env }, encoding: "utf8",
  });
  const line = run.stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
  assert.ok(line, `no result from child: ${run.stderr}`);
  return { ...JSON.parse(line), stderr: run.stderr };
}

test("ready() picks the wasm backend with SIMD when no native backend is installed", () => {
  const { info } = readyIn({ LOGITLAB_BACKEND: "" });
  assert.equal(info?.name, "wasm");
  assert.equal(info?.forced, false);
  assert.equal(info?.simd, true);
  const skipped = info?.skipped as { name: string; reason: string }[];
  assert.equal(skipped[0].name, "tensorflow");
  assert.match(skipped[0].reason, /tfjs-node-gpu is not installed/);
});

// This machine and CI have no GPU: webgpu (its opt-in packages are devDependencies here) is tried and
// skipped for a reason that names what is missing, silently; test/gpu/webgpu.test.ts covers a GPU.
test("ready() skips webgpu silently when Dawn has no GPU adapter here, and says why in skipped", () => {
  const { info, stderr } = readyIn({ LOGITLAB_BACKEND: "" });
  assert.equal(info?.name, "wasm");
  const skipped = info?.skipped as { name: string; reason: string }[];
  assert.deepEqual(skipped.map((s) => s.name), ["tensorflow", "webgpu"]);
  assert.match(skipped[1].reason, /libvulkan\.so\.1 .* is not installed|no Vulkan driver is installed|Dawn found no GPU adapter|only a software adapter|is not installed \(opt-in/);
  assert.doesNotMatch(stderr, /logitlab:/);
});

test("LOGITLAB_BACKEND=webgpu without a GPU adapter falls back to wasm with one line saying why", () => {
  const { info, stderr } = readyIn({ LOGITLAB_BACKEND: "webgpu" });
  assert.equal(info?.name, "wasm");
  assert.equal(info?.forced, false);
  assert.match(String(info?.fallback), /^LOGITLAB_BACKEND=webgpu could not start \(.+\); using wasm$/);
  const lines = stderr.split("\n").filter((l) => l.startsWith("logitlab:"));
  assert.deepEqual(lines, [`logitlab: ${info?.fallback}`]);
});

test("LOGITLAB_BACKEND=cpu forces the cpu backend and backendInfo says so", () => {
  const { info } = readyIn({ LOGITLAB_BACKEND: "cpu" });
  assert.equal(info?.name, "cpu");
  assert.equal(info?.forced, true);
});

test("LOGITLAB_BACKEND naming an unknown backend is one clear error", () => {
  const { error } = readyIn({ LOGITLAB_BACKEND: "cuda" });
  assert.equal(error, 'backend: field "LOGITLAB_BACKEND": unknown backend "cuda"; use one of tensorflow, webgpu, wasm, cpu');
});

test("LOGITLAB_BACKEND=tensorflow without tfjs-node installed fails with the reason", () => {
  const { error } = readyIn({ LOGITLAB_BACKEND: "tensorflow" });
  assert.match(error ?? "", /backend "tensorflow" was requested but could not start: @tensorflow\/tfjs-node-gpu is not installed/);
});

test("a user's error after await ready() is reported as theirs with exit code 1, not by tf-backend-wasm with 7", async () => {
  // test/fixtures/backend/userError.ts: await ready() on wasm, then an uncaught throw or an unhandled rejection.
  const { spawn } = await import("node:child_process");
  const runScript = (mode: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(root, "test", "fixtures", "backend", "userError.ts"), mode], {
        cwd: root, env: { ...process.env, LOGITLAB_BACKEND: "wasm" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  const [thrown, rejected] = await Promise.all([runScript("throw"), runScript("reject")]);
  for (const [run, message] of [[thrown, "the user's own error"], [rejected, "the user's own rejection"]] as const) {
    assert.equal(run.stdout.trim(), "backend wasm");
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`Error: ${message}\\n\\s+at .*userError\\.ts`));
    assert.doesNotMatch(run.stderr, /tf-backend-wasm|tfjs-backend-wasm/);
  }
});

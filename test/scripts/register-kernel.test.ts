// scripts/register-kernel.mjs in a temporary Jupyter data folder (JUPYTER_DATA_DIR and HOME point at a
// temp dir, so the user's own kernels are never touched): this checkout's kernel `logitlab-<hash>` is
// always installed, and the shared name `tslab` is never re-pointed from another checkout silently.
// Skipped without a Python that has jupyter_client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { findJupyterPython, kernelName } from "../../scripts/register-kernel.mjs";

const root = realpathSync(join(import.meta.dirname, "..", ".."));
const script = join(root, "scripts", "register-kernel.mjs");
const launcher = join(root, "node_modules", ".logitlab", "tslab-kernel");
const skip = findJupyterPython() === undefined ? "no Python with jupyter_client here" : false;

function withJupyterDir(body: (dir: string, register: (...args: string[]) => string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-kernels-"));
  const register = (...args: string[]) => {
    const run = spawnSync(process.execPath, [script, "--strict", ...args], {
      encoding: "utf8",
      env: { ...process.env, JUPYTER_DATA_DIR: join(dir, "data"), HOME: dir },
    });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    return run.stdout;
  };
  try {
    body(dir, register);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spec = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, "data", "kernels", name, "kernel.json"), "utf8"));

function plantTslab(dir: string, argv0: string, checkout?: string) {
  mkdirSync(join(dir, "data", "kernels", "tslab"), { recursive: true });
  const metadata = checkout ? { logitlab_checkout: checkout } : undefined;
  writeFileSync(join(dir, "data", "kernels", "tslab", "kernel.json"),
    JSON.stringify({ argv: [argv0, "kernel", "--config-path", "{connection_file}"], display_name: "TypeScript", language: "typescript", metadata }));
}

test("kernelName is logitlab- and 8 hex digits of the checkout's path, different per checkout", () => {
  assert.match(kernelName(), /^logitlab-[0-9a-f]{8}$/);
  assert.equal(kernelName(), kernelName(root));
  assert.notEqual(kernelName(root), kernelName(tmpdir()));
});

test("register-kernel installs this checkout's kernel and a missing tslab, both starting this checkout's launcher", { skip }, () => {
  withJupyterDir((dir, register) => {
    const first = register();
    assert.match(first, new RegExp(`registered kernel ${kernelName()} \\("TypeScript \\(logitlab ${root}\\)"\\)`));
    assert.match(first, /kernel tslab installed for this checkout/);
    const own = spec(dir, kernelName());
    assert.equal(own.argv[0], launcher);
    assert.equal(own.display_name, `TypeScript (logitlab ${root})`);
    assert.equal(own.metadata.logitlab_checkout, root);
    assert.equal(spec(dir, "tslab").argv[0], launcher);
    assert.match(register(), /kernel tslab refreshed for this checkout/);
  });
});

test("register-kernel keeps a tslab kernel of another checkout and says so; --claim-tslab replaces it and says what it replaced", { skip }, () => {
  withJupyterDir((dir, register) => {
    plantTslab(dir, "/elsewhere/checkout/node_modules/.logitlab/tslab-kernel", "/elsewhere/checkout");
    const kept = register();
    assert.match(kept, /kept kernel tslab \(.*\), which starts checkout \/elsewhere\/checkout; .*npm run kernel -- --claim-tslab/);
    assert.equal(spec(dir, "tslab").argv[0], "/elsewhere/checkout/node_modules/.logitlab/tslab-kernel");
    assert.equal(spec(dir, kernelName()).argv[0], launcher);
    const claimed = register("--claim-tslab");
    assert.match(claimed, /kernel tslab now starts this checkout; it replaced the one that started checkout \/elsewhere\/checkout/);
    assert.equal(spec(dir, "tslab").argv[0], launcher);
  });
});

test("register-kernel keeps a tslab kernel from a plain tslab install and names its command", { skip }, () => {
  withJupyterDir((dir, register) => {
    plantTslab(dir, "/usr/local/bin/tslab");
    assert.match(register(), /kept kernel tslab \(.*\), which starts \/usr\/local\/bin\/tslab;/);
    assert.equal(spec(dir, "tslab").argv[0], "/usr/local/bin/tslab");
  });
});

#!/usr/bin/env node
// Registers the tslab ("TypeScript") Jupyter kernel for this checkout, in user scope.
//
//   node scripts/register-kernel.mjs [--strict] [--claim-tslab]
//
// Run by `npm install` (postinstall) and by `npm run kernel` (--strict). It
//   1. links node_modules/logitlab -> .. so that notebooks (whose tslab kernel type-checks with its own
//      TypeScript and does not resolve a package's self-reference) can `import ... from "logitlab"`;
//   2. writes a launcher that starts tslab with this Node binary by absolute path, so the kernel works
//      when node_modules/.bin (or even node) is not on the PATH Jupyter was started with;
//   3. installs two kernelspecs with a Python that has jupyter_client:
//      - `logitlab-<8 hex of sha256(checkout path)>`, display name "TypeScript (logitlab <path>)": this
//        checkout's own kernel, which no other checkout overwrites; scripts/run-notebooks.mjs runs with it;
//      - `tslab`, the name the notebooks' metadata asks for (what JupyterLab opens them with). It is
//        installed when it is missing or already starts this checkout's launcher. When it starts another
//        checkout's (or another tslab install's) launcher it is kept, and a line says so; with
//        --claim-tslab (`npm run kernel -- --claim-tslab`) it is pointed here and the line says what it
//        replaced. Nothing is re-pointed silently.
// Without Jupyter, postinstall prints one line and succeeds; `npm run kernel` (--strict) fails instead.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HINT = "install JupyterLab (`pip install jupyterlab`, or Debian's `jupyter-nbconvert python3-nbclient`) and run `npm run kernel`";

/** This checkout's kernelspec name: `logitlab-` and the first 8 hex digits of sha256 of its real path. */
export function kernelName(checkout = root) {
  return `logitlab-${createHash("sha256").update(realpathSync(checkout)).digest("hex").slice(0, 8)}`;
}

export function linkSelf() {
  const link = join(root, "node_modules", "logitlab");
  if (!existsSync(join(root, "node_modules"))) return;
  try {
    if (lstatSync(link).isSymbolicLink()) return;
    return; // a real install of logitlab is there: leave it alone
  } catch {
    symlinkSync("..", link, "dir");
  }
}

/** Python interpreters to try, most specific first. */
function pythonCandidates() {
  const found = [];
  if (process.env.JUPYTER_PYTHON) found.push(process.env.JUPYTER_PYTHON);
  const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  const jupyter = (which.stdout || "").trim();
  if (jupyter) {
    const first = readFileSync(jupyter, "utf8").split("\n", 1)[0];
    if (first.startsWith("#!")) found.push(first.slice(2).trim().split(/\s+/)[0]);
  }
  found.push("python3", "/usr/bin/python3", "python");
  return [...new Set(found)];
}

/** The first Python that imports all of `modules` (default: what registering a kernel needs), or undefined. */
export function findJupyterPython(modules = ["jupyter_client", "jupyter_core"]) {
  for (const python of pythonCandidates()) {
    const probe = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return undefined;
}

export function writeLauncher() {
  const dir = join(root, "node_modules", ".logitlab");
  mkdirSync(dir, { recursive: true });
  const launcher = join(dir, "tslab-kernel");
  const tslab = join(root, "node_modules", "tslab", "bin", "tslab");
  const text = `#!/bin/sh\n# Written by logitlab's scripts/register-kernel.mjs: start tslab with the Node that installed it.\nexec "${process.execPath}" "${tslab}" "$@"\n`;
  writeFileSync(launcher + ".tmp", text);
  chmodSync(launcher + ".tmp", 0o755);
  renameSync(launcher + ".tmp", launcher);
  return launcher;
}

// Installs the kernelspecs in the user's Jupyter data folder and prints a JSON summary. argv: launcher,
// name, display name, checkout, claim ("1" or "0").
const INSTALL_PY = String.raw`
import json, os, sys, tempfile
from jupyter_client.kernelspec import KernelSpecManager
launcher, name, display, checkout, claim = sys.argv[1:6]
manager = KernelSpecManager()

def spec_of(kernel):
    path = manager.find_kernel_specs().get(kernel)
    if not path or not os.path.exists(os.path.join(path, "kernel.json")):
        return None
    with open(os.path.join(path, "kernel.json")) as f:
        spec = json.load(f)
    return {"dir": path, "argv0": (spec.get("argv") or [None])[0],
            "checkout": (spec.get("metadata") or {}).get("logitlab_checkout")}

def install(kernel, shown):
    with tempfile.TemporaryDirectory() as work:
        os.chmod(work, 0o755)
        with open(os.path.join(work, "kernel.json"), "w") as f:
            json.dump({"argv": [launcher, "kernel", "--config-path", "{connection_file}"], "display_name": shown,
                       "language": "typescript", "metadata": {"logitlab_checkout": checkout}}, f, indent=1, sort_keys=True)
        return manager.install_kernel_spec(work, kernel, user=True)

before = spec_of("tslab")
own = install(name, display)
if before is None or before["argv0"] == launcher:
    tslab, action = install("tslab", "TypeScript"), "installed" if before is None else "refreshed"
elif claim == "1":
    tslab, action = install("tslab", "TypeScript"), "replaced"
else:
    tslab, action = before["dir"], "kept"
print(json.dumps({"own": own, "tslab": tslab, "action": action, "before": before}))
`;

/**
 * Registers this checkout's kernels; returns { ok, kernel, reason, tslab } where kernel is this checkout's
 * kernelspec name (always installed when ok) and tslab says what happened to the shared `tslab` name:
 * "installed", "refreshed", "replaced" or "kept".
 * @param {{ claimTslab?: boolean }} [options]
 */
export function registerKernel({ claimTslab = false } = {}) {
  linkSelf();
  const python = findJupyterPython();
  if (!python) return { ok: false, reason: `logitlab: Jupyter not found, TypeScript kernel not registered; ${HINT}` };
  const launcher = writeLauncher();
  const kernel = kernelName();
  const checkout = realpathSync(root);
  const run = spawnSync(
    python,
    ["-c", INSTALL_PY, launcher, kernel, `TypeScript (logitlab ${checkout})`, checkout, claimTslab ? "1" : "0"],
    { encoding: "utf8" },
  );
  if (run.status !== 0) {
    return { ok: false, reason: `logitlab: tslab kernel registration failed: ${(run.stderr || run.stdout).trim().split("\n").pop()}` };
  }
  const done = JSON.parse(run.stdout.trim().split("\n").pop());
  const previous = done.before ? (done.before.checkout ? `checkout ${done.before.checkout}` : done.before.argv0) : "";
  const lines = [`logitlab: registered kernel ${kernel} ("TypeScript (logitlab ${checkout})") in ${done.own} with ${python}`];
  if (done.action === "replaced") lines.push(`logitlab: kernel tslab now starts this checkout; it replaced the one that started ${previous}`);
  else if (done.action === "kept") {
    lines.push(
      `logitlab: kept kernel tslab (${done.tslab}), which starts ${previous}; notebooks opened by name "tslab" use that one. ` +
        "`npm run kernel -- --claim-tslab` points it at this checkout",
    );
  } else lines.push(`logitlab: kernel tslab ${done.action} for this checkout in ${done.tslab}`);
  return { ok: true, kernel, tslab: done.action, reason: lines.join("\n") };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = registerKernel({ claimTslab: process.argv.includes("--claim-tslab") });
  console.log(result.reason);
  if (!result.ok && process.argv.includes("--strict")) process.exit(1);
}

#!/usr/bin/env node
// Registers the tslab ("TypeScript") Jupyter kernel for this checkout, in user scope.
//
// Run by `npm install` (postinstall) and by `npm run kernel`. It
//   1. links node_modules/logitlab -> .. so that notebooks (whose tslab kernel type-checks with its own
//      TypeScript and does not resolve a package's self-reference) can `import ... from "logitlab"`;
//   2. writes a launcher that starts tslab with this Node binary by absolute path, so the kernel works
//      when node_modules/.bin (or even node) is not on the PATH Jupyter was started with;
//   3. runs tslab's own installer (`tslab install --user`) with a Python that has jupyter_client.
// Without Jupyter, postinstall prints one line and succeeds; `npm run kernel` (--strict) fails instead.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const strict = process.argv.includes("--strict");
const HINT = "install JupyterLab (`pip install jupyterlab`, or Debian's `jupyter-nbconvert python3-nbclient`) and run `npm run kernel`";

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
  const jupyter = which.stdout.trim();
  if (jupyter) {
    const first = readFileSync(jupyter, "utf8").split("\n", 1)[0];
    if (first.startsWith("#!")) found.push(first.slice(2).trim().split(/\s+/)[0]);
  }
  found.push("python3", "/usr/bin/python3", "python");
  return [...new Set(found)];
}

export function findJupyterPython() {
  for (const python of pythonCandidates()) {
    const probe = spawnSync(python, ["-c", "import jupyter_client, IPython"], { stdio: "ignore" });
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

export function registerKernel() {
  linkSelf();
  const python = findJupyterPython();
  if (!python) return { ok: false, reason: `logitlab: Jupyter not found, TypeScript kernel not registered; ${HINT}` };
  const launcher = writeLauncher();
  const installer = join(root, "node_modules", "tslab", "python", "install.py");
  const run = spawnSync(python, [installer, `--tslab=${launcher}`, "--user"], { encoding: "utf8" });
  if (run.status !== 0) {
    return { ok: false, reason: `logitlab: tslab kernel registration failed: ${(run.stderr || run.stdout).trim().split("\n").pop()}` };
  }
  return { ok: true, reason: `logitlab: registered the TypeScript (tslab) kernel with ${python}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = registerKernel();
  console.log(result.reason);
  if (!result.ok && strict) process.exit(1);
}

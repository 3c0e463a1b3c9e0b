#!/usr/bin/env node
// Executes notebooks headlessly in the tslab kernel and writes executed copies under results/notebooks/.
//
//   node scripts/run-notebooks.mjs [notebooks/x.ipynb ...] [--out results/notebooks]
//
// Uses `jupyter nbconvert --execute --allow-errors`, then reads the executed notebook and fails with the
// first failing cell's number and error (nbconvert's own report is a wall of text). An executed copy is
// written atomically (temp file, then rename); a failed notebook's copy is kept as `<name>.failed.ipynb`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { registerKernel } from "./register-kernel.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const JUPYTER_HINT =
  "Jupyter not found: install it with `pip install jupyterlab` or `apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel`";

/** true when `jupyter nbconvert` can run here. */
export function hasJupyter() {
  const probe = spawnSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" });
  return probe.status === 0;
}

export function listNotebooks() {
  const dir = join(root, "notebooks");
  return readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));
}

/**
 * Runs one notebook; resolves to { ok, notebook, output, error } where error names the cell.
 * @param {string} notebook path
 * @param {string} outDir
 */
export function runNotebook(notebook, outDir = join(root, "results", "notebooks")) {
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "logitlab-nb-"));
  const name = basename(notebook);
  const args = [
    "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
    "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=1200",
    `--output-dir=${work}`, `--output=${name}`, notebook,
  ];
  const run = spawnSync("jupyter", args, { cwd: dirname(notebook), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const executed = join(work, name);
  const shown = relative(process.cwd(), notebook) || notebook;
  try {
    if (run.status !== 0 || !existsSync(executed)) {
      const tail = (run.stderr || "").trim().split("\n").slice(-3).join(" | ");
      return { ok: false, notebook: shown, error: `${shown}: nbconvert failed (exit ${run.status}): ${tail}` };
    }
    const failure = firstError(JSON.parse(readFileSync(executed, "utf8")));
    const target = join(outDir, failure ? name.replace(/\.ipynb$/, ".failed.ipynb") : name);
    renameSync(executed, target);
    if (failure) return { ok: false, notebook: shown, output: target, error: `${shown} cell ${failure.cell}: ${failure.message}` };
    return { ok: true, notebook: shown, output: target };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** First error output in an executed notebook: 1-based cell number among all cells, and the message. */
export function firstError(nb) {
  for (const [index, cell] of nb.cells.entries()) {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        // eslint-disable-next-line no-control-regex -- strips ANSI colour codes from the kernel traceback
        const evalue = String(out.evalue ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim();
        return { cell: index + 1, message: `${out.ename}: ${evalue}`.split("\n").slice(0, 6).join(" ") };
      }
    }
  }
  return undefined;
}

function main() {
  const args = process.argv.slice(2);
  const outFlag = args.indexOf("--out");
  const outDir = outFlag >= 0 ? resolve(args.splice(outFlag, 2)[1]) : join(root, "results", "notebooks");
  if (!hasJupyter()) {
    console.error(`logitlab: notebooks skipped. ${JUPYTER_HINT}`);
    process.exit(args.includes("--if-present") ? 0 : 2);
  }
  const registration = registerKernel();
  if (!registration.ok) {
    console.error(registration.reason);
    process.exit(1);
  }
  const notebooks = args.filter((a) => !a.startsWith("--"));
  let failed = 0;
  for (const nb of notebooks.length ? notebooks.map((n) => resolve(n)) : listNotebooks()) {
    const started = Date.now();
    const result = runNotebook(nb, outDir);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) console.log(`ok   ${result.notebook} (${seconds} s) -> ${relative(process.cwd(), result.output)}`);
    else {
      failed += 1;
      console.error(`FAIL ${result.error}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

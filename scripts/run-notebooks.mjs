#!/usr/bin/env node
// Executes notebooks headlessly in this checkout's tslab kernel and writes executed copies under
// results/notebooks/.
//
//   node scripts/run-notebooks.mjs [notebooks/x.ipynb ...] [--out results/notebooks] [--jobs 2]
//                                  [--keep-reports] [--if-present]
//
// Each notebook is executed by scripts/execute-notebook.py (nbclient; see there why not nbconvert) in the
// kernel `logitlab-<hash>` that scripts/register-kernel.mjs installs for this checkout. The run fails, with
// one line per problem naming the notebook, the cell (1-based among all cells, as JupyterLab counts) and
// the message, when
//   - a cell's execute_reply status is not "ok": a type error, a synchronous throw, an awaited rejection;
//   - a cell has an `error` output (kernels other than tslab report errors that way);
//   - a cell's stderr holds tslab's report of an uncaught exception or unhandled rejection, including one
//     that arrived after the cell had finished (a timer that throws, a promise nobody awaited);
//   - a code cell was left unexecuted (execution_count null), e.g. every cell after a failing one;
//   - a cell timed out or the kernel died;
//   - a number marked in the Markdown prose (`<!-- from cell N -->1.386`) is not in cell N's output.
// The executed copy keeps its execution counts and is written atomically (temp file in the output folder,
// then rename) as `<name>.ipynb`, or as `<name>.failed.ipynb` when the notebook failed; the other one of
// the two, left from an earlier run, is removed. With --keep-reports the driver's report is kept as
// `<name>.report.json` next to it. --if-present: succeed with one line when Jupyter is not installed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findJupyterPython, kernelName, registerKernel } from "./register-kernel.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const driver = join(root, "scripts", "execute-notebook.py");
/** Python modules the runner needs: nbclient drives the kernel. */
const RUNNER_MODULES = ["nbclient", "nbformat", "jupyter_client"];
export const JUPYTER_HINT =
  "Jupyter not found: install it with `pip install jupyterlab` or `apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel`";

let python;
/** The Python that can run notebooks here (has nbclient), or undefined. */
export function runnerPython() {
  if (python === undefined) python = findJupyterPython(RUNNER_MODULES) ?? null;
  return python ?? undefined;
}

/** true when notebooks can be executed here. */
export function hasJupyter() {
  return runnerPython() !== undefined;
}

export function listNotebooks() {
  const dir = join(root, "notebooks");
  return readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));
}

/**
 * Runs one notebook; resolves to { ok, notebook, output, failures, error, seconds }. `failures` is the list
 * from notebookFailures and proseFailures; `error` is their lines joined, each `<notebook> cell N: message`.
 * @param {string} notebook path
 * @param {{ outDir?: string, kernel?: string, timeout?: number, keepReport?: boolean }} [options]
 */
export async function runNotebook(notebook, options = {}) {
  const { outDir = join(root, "results", "notebooks"), kernel = kernelName(), timeout = 1200, keepReport = false } = options;
  const started = Date.now();
  const shown = relative(process.cwd(), notebook) || notebook;
  const seconds = () => (Date.now() - started) / 1000;
  if (!hasJupyter()) return { ok: false, notebook: shown, failures: [], error: `${shown}: ${JUPYTER_HINT}`, seconds: 0 };
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(outDir, ".run-"));
  const name = basename(notebook);
  const executed = join(work, name);
  const reportFile = join(work, "report.json");
  try {
    const args = [driver, notebook, "--kernel", kernel, "--output", executed, "--report", reportFile, "--timeout", String(timeout)];
    const run = await spawnCollect(runnerPython(), args, dirname(notebook));
    if (run.status !== 0 || !existsSync(executed) || !existsSync(reportFile)) {
      const tail = run.stderr.trim().split("\n").filter((l) => !/Warning|validate\(nb\)/.test(l)).slice(-2).join(" | ");
      return { ok: false, notebook: shown, failures: [], error: `${shown}: the notebook could not be executed (exit ${run.status}): ${tail}`, seconds: seconds() };
    }
    const nb = JSON.parse(readFileSync(executed, "utf8"));
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    const failures = [...notebookFailures(nb, report), ...proseFailures(nb)];
    const good = join(outDir, name);
    const failed = join(outDir, name.replace(/\.ipynb$/, ".failed.ipynb"));
    const target = failures.length ? failed : good;
    renameSync(executed, target);
    rmSync(failures.length ? good : failed, { force: true });
    const reportTarget = target.replace(/\.ipynb$/, ".report.json");
    if (keepReport) renameSync(reportFile, reportTarget);
    const result = { ok: failures.length === 0, notebook: shown, output: target, failures, seconds: seconds() };
    if (keepReport) result.report = reportTarget;
    if (failures.length) result.error = failures.map((f) => `${shown} cell ${f.cell}: ${f.message}`).join("\n");
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function spawnCollect(command, args, cwd) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => done({ status: -1, stdout, stderr: stderr + String(e) }));
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

// eslint-disable-next-line no-control-regex -- strips ANSI colour codes from kernel output
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
/** tslab's process-wide handlers (tslab/dist/main.js) print these before an error no cell awaited. */
const LATE_ERROR = /^(UncaughtException|UnhandledPromiseRejection):/m;
/** The line that states an error in Node/tslab output: `Error: …`, `LogitlabError: …`, a TS diagnostic `1:7 - …`. */
const ERROR_LINE = /^(?:(?:UncaughtException|UnhandledPromiseRejection):|(?:[A-Za-z_$][\w$]*)?(?:Error|Exception)\b|\d+:\d+ - )/;

const text = (value) => (Array.isArray(value) ? value.join("") : String(value ?? ""));
const isCode = (cell) => cell.cell_type === "code" && text(cell.source).trim() !== "";

function stderrOf(cell) {
  return (cell.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => text(o.text)).join("").replace(ANSI, "");
}

/** The message of an error report: its error lines (at most three, e.g. several type errors), else its first line. */
export function errorMessage(stderr) {
  const lines = stderr.split("\n").map((l) => l.trimEnd());
  const errors = lines.filter((l) => ERROR_LINE.test(l));
  const chosen = errors.length ? errors.slice(0, 3) : lines.filter((l) => l.trim()).slice(0, 1);
  const message = chosen.join("; ");
  return message.length > 400 ? `${message.slice(0, 400)}…` : message;
}

/**
 * Every failure in an executed notebook, one per cell, in cell order: [{ cell, message }], cell 1-based
 * among all cells. `report` is scripts/execute-notebook.py's report (execute_reply status per cell, and
 * why the run stopped); without it (a notebook executed by other means) only what the notebook shows is
 * judged: error outputs, tslab's uncaught-error lines in stderr, and code cells with no execution count.
 * @param {{ cells: any[] }} nb executed notebook (nbformat 4 JSON)
 * @param {{ cells?: { cell: number, status: string }[], stopped?: string | null }} [report]
 */
export function notebookFailures(nb, report) {
  const found = new Map();
  const add = (cell, message) => {
    if (!found.has(cell)) found.set(cell, message);
  };
  if (report?.stopped) {
    const last = report.cells?.at(-1)?.cell ?? 0;
    add(last, report.stopped);
  }
  for (const entry of report?.cells ?? []) {
    if (entry.status === "ok") continue;
    const cell = nb.cells[entry.cell - 1];
    const stderr = cell ? stderrOf(cell) : "";
    const errorOutput = cell?.outputs?.find((o) => o.output_type === "error");
    const message = errorOutput ? `${errorOutput.ename}: ${text(errorOutput.evalue).replace(ANSI, "").trim()}` : errorMessage(stderr);
    add(entry.cell, message || `the kernel answered status "${entry.status}" with no message`);
  }
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        const evalue = text(out.evalue).replace(ANSI, "").trim().split("\n").slice(0, 6).join(" ");
        add(index + 1, `${out.ename}: ${evalue}`);
      }
    }
    const stderr = stderrOf(cell);
    if (LATE_ERROR.test(stderr)) add(index + 1, errorMessage(stderr.slice(stderr.search(LATE_ERROR))));
  });
  const notRun = nb.cells.map((cell, index) => (isCode(cell) && cell.execution_count == null ? index + 1 : 0)).filter(Boolean);
  if (notRun.length && found.size === 0) {
    // No report and no error seen: the executed code cell just above the first unexecuted one is where
    // the kernel stopped; its stderr says why.
    const above = nb.cells.slice(0, notRun[0] - 1).findLastIndex((cell) => isCode(cell) && cell.execution_count != null);
    const stderr = above >= 0 ? stderrOf(nb.cells[above]) : "";
    if (stderr.trim()) add(above + 1, errorMessage(stderr));
  }
  if (notRun.length) {
    const firstFailure = found.size ? Math.min(...found.keys()) : Infinity;
    for (const n of notRun.filter((n) => n < firstFailure)) add(n, "the cell was not executed (execution_count is null)");
    const after = notRun.filter((n) => n > firstFailure);
    if (after.length) {
      add(after[0], `not executed, because cell ${firstFailure} failed: cell${after.length > 1 ? "s" : ""} ${after.join(", ")}`);
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([cell, message]) => ({ cell, message }));
}

/** A number in prose taken from a run: `<!-- from cell N -->` then the number as printed, e.g. `1.386`. */
const MARK = /<!--\s*from cell (\S*?)\s*-->\s*(\S*)/g;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The text a cell shows: stdout streams and text/plain results. */
function shownText(cell) {
  return (cell.outputs ?? [])
    .map((o) => (o.output_type === "stream" ? (o.name === "stdout" ? text(o.text) : "") : text(o.data?.["text/plain"])))
    .join("\n")
    .replace(ANSI, "");
}

/**
 * Checks the numbers that Markdown prose takes from the run. Mark each one as `<!-- from cell N -->1.386`
 * (N: the 1-based number of a code cell above the Markdown cell; the comment is invisible when rendered).
 * The marked number must equal, to the decimals written, a number in that cell's output (stdout or
 * text/plain): |shown − written| ≤ ½·10^(−decimals). Returns [{ cell, message }] naming the Markdown cell.
 * @param {{ cells: any[] }} nb executed notebook
 */
export function proseFailures(nb) {
  const failures = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "markdown") return;
    for (const [, source, written] of text(cell.source).matchAll(MARK)) {
      const fail = (message) => failures.push({ cell: index + 1, message: `number marked "from cell ${source}": ${message}` });
      const from = Number(source);
      if (!Number.isInteger(from) || from < 1) {
        fail(`"${source}" is not a cell number`);
        continue;
      }
      const value = /^[-+]?\d+(?:\.\d+)?/.exec(written)?.[0];
      if (value === undefined) {
        fail("no number follows the mark");
        continue;
      }
      if (from >= index + 1 || nb.cells[from - 1].cell_type !== "code") {
        fail(`cell ${from} is not a code cell above this one (cell ${index + 1})`);
        continue;
      }
      const decimals = value.includes(".") ? value.split(".")[1].length : 0;
      const tolerance = 0.5 * 10 ** -decimals * (1 + 1e-9);
      const shown = (shownText(nb.cells[from - 1]).match(NUMBER) ?? []).map(Number);
      if (!shown.some((x) => Math.abs(x - Number(value)) <= tolerance)) {
        fail(`${value} is not in cell ${from}'s output (to ${decimals} decimals)`);
      }
    }
  });
  return failures;
}

/** Runs `items` through `work` with at most `jobs` at a time; results in input order. */
export async function mapConcurrent(items, jobs, work) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, lane));
  return results;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (flag, fallback) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args.splice(at, 2)[1] : fallback;
  };
  const outDir = resolve(option("--out", join(root, "results", "notebooks")));
  const jobs = Number(option("--jobs", "1"));
  if (!hasJupyter()) {
    console.error(`logitlab: notebooks skipped. ${JUPYTER_HINT}`);
    process.exit(args.includes("--if-present") ? 0 : 2);
  }
  const registration = registerKernel();
  if (!registration.ok) {
    console.error(registration.reason);
    process.exit(1);
  }
  const keepReport = args.includes("--keep-reports");
  const named = args.filter((a) => !a.startsWith("--"));
  const notebooks = named.length ? named.map((n) => resolve(n)) : listNotebooks();
  const started = Date.now();
  const results = await mapConcurrent(notebooks, jobs, async (nb) => {
    const result = await runNotebook(nb, { outDir, kernel: registration.kernel, keepReport });
    const took = `(${result.seconds.toFixed(1)} s)`;
    if (result.ok) console.log(`ok   ${result.notebook} ${took} -> ${relative(process.cwd(), result.output)}`);
    else console.error(`FAIL ${result.error.split("\n").join(`\nFAIL `)} ${took}`);
    return result;
  });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${notebooks.length - failed} of ${notebooks.length} notebooks ran clean in ${((Date.now() - started) / 1000).toFixed(1)} s (kernel ${registration.kernel})`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

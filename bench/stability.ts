// Benchmark of the stability study against a straightforward Python/numpy implementation of the same
// metrics (bench/stability_baseline.py), on generated data in a temp folder.
//
//   node --import tsx bench/stability.ts [--pairs 2000] [--steps 100] [--top 20] [--repeat 2]
//                                        [--memory-pairs 20000 | --memory-pairs 0] [--keep]
//
// 1. speed: `--pairs` file pairs of `--steps` steps with top-`--top` lists; each side runs in its own
//    process (best of `--repeat`), timed inside the process from file discovery to the last output
//    written (both write a per-step CSV and a summary); prints both times and the ratio, and checks
//    that both give the same summary numbers. Then the whole `logitlab stability` CLI run with its four
//    figures (SVG, PNG, PDF, HTML through headless Chromium), timed the same way, against the same
//    baseline runs, with the phases of its best run (LOGITLAB_TIMING=1: analysis, browser ready,
//    each figure, all figures; counted from the start of the run, Node's start-up not included).
// 2. memory: peak resident set size (getrusage maxrss) of a `logitlab stability` process (the built
//    CLI in dist/, as bin/logitlab.js runs it) on `--memory-pairs` pairs, without and with the figures
//    (the files are hard links of the speed set under new names, so the disk holds them once).
// The speed runs time `runStability` from the built dist/ too: run `npm run build` first.
// The machine load (1-minute load average) is printed before and after: the numbers are only
// comparable between runs on an idle machine.
import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../lib/util/seededRandom.js";

const REFERENCE_FOLDERS = 5;

const { values } = parseArgs({
  options: {
    pairs: { type: "string", default: "2000" },
    steps: { type: "string", default: "100" },
    top: { type: "string", default: "20" },
    repeat: { type: "string", default: "2" },
    "memory-pairs": { type: "string", default: "20000" },
    keep: { type: "boolean", default: false },
  },
});

/** What bench/stability-child.mjs and bench/stability_baseline.py print. */
interface ChildResult { seconds: number; cpu_seconds: number; max_rss_mb: number; summary: Record<string, unknown> }

const child = join(import.meta.dirname, "stability-child.mjs");
if (!existsSync(join(import.meta.dirname, "..", "dist", "lib", "studies", "stability", "runStability.js"))) {
  console.error("bench/stability.ts runs the built study: run `npm run build` first");
  process.exit(1);
}

const pairs = Number(values.pairs);
const steps = Number(values.steps);
const top = Number(values.top);
const repeat = Number(values.repeat);
const memoryPairs = Number(values["memory-pairs"]);

// mulberry32, fixed seed: the bench data are the same on every run.
const random = seededRandom(7);

/** One reference/check file pair: top lists from random weights, the check side perturbed by ~0.2%. */
function makePair(): [string, string] {
  const reference = [];
  const check = [];
  for (let t = 0; t < steps; t++) {
    const sharp = 0.5 + 4 * random();
    const weights = Array.from({ length: top + 1 }, () => Math.exp(-sharp * 3 * random()));
    const total = weights.reduce((a, b) => a + b, 0) * (1 + random());
    const ids = new Set<number>();
    while (ids.size < top) ids.add(Math.floor(random() * 50000));
    const idList = [...ids];
    const p = weights.slice(0, top).map((w) => Number((w / total).toPrecision(9)));
    const q = p.map((x) => Number((x * (1 + 0.004 * (random() - 0.5))).toPrecision(9)));
    const order = (probs: number[]) => idList.map((id, i) => ({ id, prob: probs[i] })).sort((a, b) => b.prob - a.prob || a.id - b.id);
    const top1 = order(p)[0];
    const chosenCheck = random() < 0.97 ? top1.id : order(q)[1].id;
    const qChosen = q[idList.indexOf(chosenCheck)];
    reference.push({ id: top1.id, prob: top1.prob, top_k: order(p) });
    check.push({ id: chosenCheck, prob: qChosen, top_k: order(q) });
  }
  return [JSON.stringify({ execution_data: reference }), JSON.stringify({ check_data: check })];
}

function run(command: string, args: string[]): ChildResult & { timing: string[] } {
  const child = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, LOGITLAB_TIMING: "1" } });
  if (child.status !== 0) throw new Error(`${command} ${args.slice(0, 2).join(" ")} failed (${child.status}): ${child.stderr.slice(-2000)}`);
  // LOGITLAB_TIMING=1: the CLI run's phases (lib/studies/runStudy.ts), printed under its line.
  const timing = child.stderr.split("\n").filter((line) => line.startsWith("timing "));
  return { ...(JSON.parse(child.stdout.trim().split("\n").at(-1) as string) as ChildResult), timing };
}

function best(runs: ChildResult[]): ChildResult {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

/** Largest relative difference between the numbers both summaries have. */
function maxRelativeDifference(a: unknown, b: unknown, path = ""): { diff: number; where: string } {
  if (typeof a === "number" && typeof b === "number") {
    const diff = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    return { diff, where: path };
  }
  let worst = { diff: 0, where: "" };
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of Object.keys(b)) {
      if (key in a) {
        const d = maxRelativeDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
        if (d.diff > worst.diff) worst = d;
      }
    }
  }
  return worst;
}

const root = mkdtempSync(join(tmpdir(), "logitlab-bench-stability-"));
try {
  console.log(`stability bench: ${pairs} pairs × ${steps} steps × top-${top}; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)} (1 min)`);
  let started = performance.now();
  const referenceDirs = Array.from({ length: REFERENCE_FOLDERS }, (_, i) => join(root, `db_${i + 1}`));
  for (const dir of [...referenceDirs, join(root, "db_13")]) mkdirSync(dir);
  const names: string[] = [];
  for (let i = 0; i < pairs; i++) {
    const name = `prompt_${String(i).padStart(5, "0")}.json`;
    const [reference, check] = makePair();
    writeFileSync(join(referenceDirs[i % REFERENCE_FOLDERS], name), reference);
    writeFileSync(join(root, "db_13", `check_machine_${name}`), check);
    names.push(name);
  }
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s under ${root}`);

  const tsArgs = JSON.stringify({ reference: referenceDirs, check: join(root, "db_13"), out: join(root, "out_ts") });
  const pyArgs = [join(import.meta.dirname, "stability_baseline.py"), ...referenceDirs, "--check", join(root, "db_13"), "--out", join(root, "out_py")];
  const cliSpeedArgs = JSON.stringify([
    ...referenceDirs.flatMap((d) => ["--reference", d]), "--check", join(root, "db_13"), "--out", join(root, "out_cli"), "--ignore-env", "--quiet",
  ]);
  const tsRuns: ChildResult[] = [];
  const pyRuns: ChildResult[] = [];
  const figureRuns: ChildResult[] = [];
  for (let r = 0; r < repeat; r++) {
    tsRuns.push(run(process.execPath, [child, "library", tsArgs]));
    pyRuns.push(run("python3", pyArgs));
    figureRuns.push(run(process.execPath, [child, "cli", cliSpeedArgs]));
  }
  if (repeat > 0) {
  const ts = best(tsRuns);
  const py = best(pyRuns);
  const agreement = maxRelativeDifference(ts.summary, py.summary);
  const line = (name: string, x: ChildResult, all: ChildResult[]) =>
    `${name}  ${x.seconds.toFixed(2)} s wall, ${x.cpu_seconds.toFixed(2)} s CPU  (wall of each run: ${all.map((r) => r.seconds.toFixed(2)).join(", ")})  peak RSS ${x.max_rss_mb.toFixed(0)} MB`;
  console.log(line("logitlab (TypeScript)", ts, tsRuns));
  console.log(line("Python/numpy baseline", py, pyRuns));
  console.log(`ratio                  ${(py.seconds / ts.seconds).toFixed(2)}x faster by wall time, ${(py.cpu_seconds / ts.cpu_seconds).toFixed(2)}x by CPU time (target ≥ 3x)`);
  console.log(`same summary           max relative difference ${agreement.diff.toExponential(2)}${agreement.where ? ` at ${agreement.where}` : ""}`);
  const figures = best(figureRuns);
  console.log(line("logitlab stability CLI with figures", figures, figureRuns));
  for (const phase of (figures as { timing?: string[] }).timing ?? []) console.log(`    ${phase}`);
  console.log(`ratio with figures     ${(py.seconds / figures.seconds).toFixed(2)}x faster by wall time than the baseline (target ≥ 5x)`);
  }
  rmSync(join(root, "out_ts"), { recursive: true, force: true });
  rmSync(join(root, "out_py"), { recursive: true, force: true });
  rmSync(join(root, "out_cli"), { recursive: true, force: true });

  if (memoryPairs > 0) {
    started = performance.now();
    const memoryDirs = Array.from({ length: REFERENCE_FOLDERS }, (_, i) => join(root, `mem_db_${i + 1}`));
    for (const dir of [...memoryDirs, join(root, "mem_db_13")]) mkdirSync(dir);
    for (let i = 0; i < memoryPairs; i++) {
      const source = names[i % pairs];
      const name = `copy_${String(i).padStart(6, "0")}.json`;
      linkSync(join(referenceDirs[(i % pairs) % REFERENCE_FOLDERS], source), join(memoryDirs[i % REFERENCE_FOLDERS], name));
      linkSync(join(root, "db_13", `check_machine_${source}`), join(root, "mem_db_13", `check_machine_${name}`));
    }
    const cliArgs = (figures: boolean) => JSON.stringify([
      ...memoryDirs.flatMap((d) => ["--reference", d]), "--check", join(root, "mem_db_13"), "--out", join(root, "out_mem"),
      "--ignore-env", "--quiet", ...(figures ? [] : ["--no-figures"]),
    ]);
    console.log(`memory: ${memoryPairs} pairs (${memoryPairs * steps} steps), links made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const figures of [false, true]) {
      const memory = run(process.execPath, [child, "cli", cliArgs(figures)]);
      console.log(`  logitlab stability${figures ? " (with figures)" : " --no-figures"}: ${memory.seconds.toFixed(1)} s wall, ` +
        `${memory.cpu_seconds.toFixed(1)} s CPU, peak RSS ${memory.max_rss_mb.toFixed(0)} MB (target < 300 MB)`);
    }
  }
  console.log(`load after: ${loadavg()[0].toFixed(2)} (1 min)`);
} finally {
  if (values.keep) console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

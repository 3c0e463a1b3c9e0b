// scripts/make-challenge.mjs (npm run challenge): the student copy of notebooks/token-predictions.ipynb
// empties exactly the solution cells, keeps every other cell, leaves no output behind, refuses the
// committed bad inputs, and — in the real kernel — the notebook's solutions pass their checks while the
// copy's non-solution cells still run, every check saying "not answered yet". The kernel part skips
// with the install hint without Jupyter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { PLACEHOLDER, makeChallenge } from "../../scripts/make-challenge.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { hasJupyter, runNotebook, JUPYTER_HINT } from "../../scripts/run-notebooks.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { registerKernel } from "../../scripts/register-kernel.mjs";

interface Cell { cell_type: string; metadata: { tags?: string[] }; source: string[] | string; outputs?: { text?: string[]; name?: string }[]; execution_count?: number | null }
const root = join(import.meta.dirname, "..", "..");
const notebookPath = join(root, "notebooks", "token-predictions.ipynb");
const script = join(root, "scripts", "make-challenge.mjs");
const source = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const isSolution = (c: Cell) => c.metadata.tags?.includes("solution") === true;

test("the student copy empties exactly the solution cells, keeps every other cell and drops all outputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-challenge-"));
  try {
    const out = join(dir, "student.ipynb");
    assert.equal(makeChallenge(notebookPath, out), 5);
    const original = JSON.parse(readFileSync(notebookPath, "utf8")) as { cells: Cell[] };
    const student = JSON.parse(readFileSync(out, "utf8")) as { cells: Cell[]; metadata: { kernelspec: { name: string } } };
    assert.equal(student.metadata.kernelspec.name, "tslab");
    assert.equal(student.cells.length, original.cells.length);
    original.cells.forEach((cell, i) => {
      const copy = student.cells[i];
      assert.equal(copy.cell_type, cell.cell_type, `cell ${i + 1}`);
      assert.equal(source(copy), isSolution(cell) ? PLACEHOLDER : source(cell), `cell ${i + 1} source`);
      if (copy.cell_type === "code") assert.deepEqual([copy.outputs, copy.execution_count], [[], null], `cell ${i + 1} outputs`);
    });
    assert.ok(original.cells.filter(isSolution).every((c) => c.cell_type === "code" && source(c).trim() !== ""), "solutions are non-empty code");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("make-challenge refuses a notebook without solution cells and one with a Markdown cell tagged solution (committed fixtures)", () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-challenge-"));
  try {
    for (const [name, message] of [["no-solution", "no code cell is tagged solution"], ["markdown-solution", "cell 1 is a markdown cell tagged solution"]]) {
      const run = spawnSync(process.execPath, [script, join(root, "test", "fixtures", "challenge", `${name}.ipynb`), "--out", join(dir, `${name}.ipynb`)], { encoding: "utf8" });
      assert.equal(run.status, 1, name);
      assert.ok(run.stderr.includes(message), `${name}: ${run.stderr}`);
      assert.equal(run.stderr.trim().split("\n").length, 1, `${name}: one line`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("in the real kernel every solution of the notebook passes its check, and the student copy's cells run with every check 'not answered yet'", { timeout: 10 * 60_000 }, async (t) => {
  if (!hasJupyter()) {
    if (process.env.LOGITLAB_REQUIRE_NOTEBOOKS === "1") assert.fail(`LOGITLAB_REQUIRE_NOTEBOOKS=1 but ${JUPYTER_HINT}`);
    t.skip(JUPYTER_HINT);
    return;
  }
  const registration = registerKernel();
  assert.ok(registration.ok, registration.reason);
  // Inside the checkout (results/ is ignored by git), where the kernel resolves the package "logitlab".
  mkdirSync(join(root, "results"), { recursive: true });
  const dir = mkdtempSync(join(root, "results", "challenge-test-"));
  try {
    const student = join(dir, "token-predictions-student.ipynb");
    makeChallenge(notebookPath, student);
    // The teacher's notebook: every solution passes its check. The student copy: every check waits.
    for (const [path, verdict] of [[notebookPath, /: correct$/], [student, /: not answered yet$/]] as const) {
      const result = await runNotebook(path, { outDir: join(dir, "executed"), kernel: registration.kernel, timeout: 300 });
      assert.ok(result.ok, result.error);
      const executed = JSON.parse(readFileSync(String(result.output), "utf8")) as { cells: Cell[] };
      const checks = executed.cells.flatMap((c) => (c.outputs ?? []).flatMap((o) => (o.text ?? []).join("").split("\n"))).filter((line) => /^exercise \d/.test(line));
      assert.equal(checks.length, 5, `${path}: ${checks.join("\n")}`);
      for (const line of checks) assert.match(line, verdict, path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The runner's verdict on executed notebooks, without Jupyter: notebookFailures and proseFailures read
// the executed copies and run reports that scripts/run-notebooks.mjs saved for the deliberately broken
// fixture notebooks (test/fixtures/notebooks/make.mjs says how they were made), so the parsing path is
// tested on real tslab output even where no kernel can run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { notebookFailures, proseFailures, errorMessage } from "../../scripts/run-notebooks.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { FIXTURES } from "../fixtures/notebooks/make.mjs";

interface Failure { cell: number; message: string }
type Cell = { cell_type: string; source: string | string[]; execution_count?: number | null; outputs?: unknown[] };
type Notebook = { cells: Cell[] };

const executed = join(import.meta.dirname, "..", "fixtures", "notebooks", "executed");
const fixtures = FIXTURES as Record<string, [unknown[], Failure | null]>;

function load(name: string, failed: boolean): { nb: Notebook; report: unknown } {
  const stem = join(executed, failed ? `${name}.failed` : name);
  return {
    nb: JSON.parse(readFileSync(`${stem}.ipynb`, "utf8")),
    report: JSON.parse(readFileSync(`${stem}.report.json`, "utf8")),
  };
}

const verdict = (nb: Notebook, report?: unknown): Failure[] => [...notebookFailures(nb, report), ...proseFailures(nb)];

for (const [name, [, expected]] of Object.entries(fixtures)) {
  if (expected === null) {
    test(`notebookFailures passes the executed ${name}.ipynb, whose cells keep their execution counts`, () => {
      const { nb, report } = load(name, false);
      assert.deepEqual(verdict(nb, report), []);
      const counts = nb.cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count);
      assert.deepEqual(counts, [1, 2]);
    });
    continue;
  }
  for (const withReport of [true, false]) {
    test(`notebookFailures fails ${name}.ipynb at cell ${expected.cell}${withReport ? "" : " (from the notebook alone, no run report)"}`, () => {
      const { nb, report } = load(name, true);
      const failures = verdict(nb, withReport ? report : undefined);
      assert.ok(failures.length > 0, `${name}: no failure found`);
      assert.equal(failures[0].cell, expected.cell, JSON.stringify(failures));
      assert.ok(failures[0].message.includes(expected.message), `${failures[0].message} lacks ${expected.message}`);
    });
  }
}

test("notebookFailures names the cells left unexecuted after the failing one", () => {
  const { nb, report } = load("throw", true);
  assert.deepEqual(notebookFailures(nb, report)[1], { cell: 4, message: "not executed, because cell 3 failed: cell 4" });
});

test("notebookFailures reports an unexecuted cell even when nothing else went wrong", () => {
  const { nb, report } = load("good", false);
  nb.cells[2].execution_count = null;
  assert.deepEqual(notebookFailures(nb, report), [{ cell: 3, message: "the cell was not executed (execution_count is null)" }]);
});

test("notebookFailures trusts the execute_reply status when the cell printed nothing", () => {
  const { nb } = load("good", false);
  const report = { cells: [{ cell: 2, status: "ok" }, { cell: 3, status: "error" }], stopped: null };
  assert.deepEqual(notebookFailures(nb, report), [{ cell: 3, message: 'the kernel answered status "error" with no message' }]);
});

test("notebookFailures reports a timeout or a dead kernel from the run report", () => {
  const { nb } = load("good", false);
  const report = { cells: [{ cell: 2, status: "ok" }, { cell: 3, status: "timeout" }], stopped: "cell 3 ran past the 1200 s timeout" };
  assert.deepEqual(notebookFailures(nb, report), [{ cell: 3, message: "cell 3 ran past the 1200 s timeout" }]);
});

test("notebookFailures reads error outputs, as kernels other than tslab write them", () => {
  const { nb } = load("good", false);
  nb.cells[1].outputs = [{ output_type: "error", ename: "ValueError", evalue: "\u001b[31mbad\u001b[0m", traceback: [] }];
  assert.deepEqual(notebookFailures(nb), [{ cell: 2, message: "ValueError: bad" }]);
});

test("errorMessage picks the error lines of a Node stack trace and TypeScript diagnostics", () => {
  assert.equal(errorMessage("evalmachine.<anonymous>:2\nthrow x;\n^\n\nRangeError: too big\n    at f (x.js:1:2)\n"), "RangeError: too big");
  assert.equal(errorMessage("1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'q'.\n"),
    "1:7 - Type 'string' is not assignable to type 'number'.; 2:1 - Cannot find name 'q'.");
  assert.equal(errorMessage("\nsomething odd\nmore\n"), "something odd");
});

test("proseFailures accepts a marked number equal to the output to the decimals written", () => {
  const { nb } = load("good", false);
  assert.deepEqual(proseFailures(nb), []);
});

test("proseFailures rejects the committed prose-contradiction notebook", () => {
  const { nb } = load("prose-contradiction", true);
  assert.deepEqual(proseFailures(nb), [{ cell: 3, message: `number marked "from cell 2": 43 is not in cell 2's output (to 0 decimals)` }]);
});

test("proseFailures rejects a mark with no number, a bad cell number, or a cell that is not a code cell above", () => {
  const { nb } = load("good", false);
  const prose = (source: string) => proseFailures({ cells: [...nb.cells, { cell_type: "markdown", source }] });
  assert.match(prose("<!-- from cell 3 --> forty-two")[0].message, /no number follows the mark/);
  assert.match(prose("<!-- from cell x -->42")[0].message, /"x" is not a cell number/);
  assert.match(prose("<!-- from cell 1 -->42")[0].message, /cell 1 is not a code cell above this one \(cell 5\)/);
  assert.match(prose("<!-- from cell 9 -->42")[0].message, /cell 9 is not a code cell above/);
  assert.match(prose("<!-- from cell 2 -->40.02")[0].message, /40.02 is not in cell 2's output \(to 2 decimals\)/);
  assert.deepEqual(prose("a is <!-- from cell 2 -->40, the sum <!-- from cell 3 -->42.0"), []);
});

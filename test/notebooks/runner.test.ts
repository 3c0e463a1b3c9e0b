// The runner's failure path in the real kernel: scripts/run-notebooks.mjs must fail on every
// deliberately broken notebook in test/fixtures/notebooks (one per kind of failure), naming the cell and
// the error, and pass the good one. Skipped with the install hint without Jupyter; with
// LOGITLAB_REQUIRE_NOTEBOOKS=1 (set by .ci/run) a missing Jupyter is a failure instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { hasJupyter, runNotebook, mapConcurrent, JUPYTER_HINT } from "../../scripts/run-notebooks.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { registerKernel } from "../../scripts/register-kernel.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { FIXTURES } from "../fixtures/notebooks/make.mjs";

interface Failure { cell: number; message: string }
interface Result { ok: boolean; output?: string; failures: Failure[]; error?: string; seconds: number }

const required = process.env.LOGITLAB_REQUIRE_NOTEBOOKS === "1";
const fixtureDir = join(import.meta.dirname, "..", "fixtures", "notebooks");
const fixtures = Object.entries(FIXTURES as Record<string, [unknown[], Failure | null]>);

test("run-notebooks fails on each broken fixture notebook with its cell and error, and passes the good one", { timeout: 15 * 60_000 }, async (t) => {
  if (!hasJupyter()) {
    if (required) assert.fail(`LOGITLAB_REQUIRE_NOTEBOOKS=1 but ${JUPYTER_HINT}`);
    t.skip(JUPYTER_HINT);
    return;
  }
  const registration = registerKernel();
  assert.ok(registration.ok, registration.reason);
  const outDir = mkdtempSync(join(tmpdir(), "logitlab-runner-test-"));
  try {
    const started = Date.now();
    const results: Result[] = await mapConcurrent(fixtures, 3, ([name]: [string]) =>
      runNotebook(join(fixtureDir, `${name}.ipynb`), { outDir, kernel: registration.kernel, timeout: 120 }));
    t.diagnostic(`${fixtures.length} fixture notebooks in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      results.map((r, i) => `${fixtures[i][0]} ${r.seconds.toFixed(1)} s`).join(", "));
    fixtures.forEach(([name, [, expected]], i) => {
      const result = results[i];
      if (expected === null) {
        assert.ok(result.ok, result.error);
        assert.ok(result.output?.endsWith(`${name}.ipynb`) && existsSync(result.output));
        const nb = JSON.parse(readFileSync(String(result.output), "utf8"));
        const counts = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code").map((c: { execution_count: number }) => c.execution_count);
        assert.deepEqual(counts, [1, 2], `${name}: execution counts`);
        return;
      }
      assert.equal(result.ok, false, `${name}.ipynb passed, but it must fail at cell ${expected.cell}`);
      assert.ok(result.output?.endsWith(`${name}.failed.ipynb`) && existsSync(result.output), `${name}: no .failed.ipynb copy`);
      const first = result.failures[0];
      assert.equal(first?.cell, expected.cell, `${name}: ${result.error}`);
      assert.ok(first.message.includes(expected.message), `${name}: "${first.message}" lacks "${expected.message}"`);
      assert.ok(result.error?.startsWith(`${join(fixtureDir, name)}.ipynb cell ${expected.cell}: `) ||
        result.error?.includes(`${name}.ipynb cell ${expected.cell}: `), `${name}: ${result.error}`);
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test("run-notebooks reports a kernel that does not exist as one line naming the notebook", { timeout: 120_000 }, async (t) => {
  if (!hasJupyter()) {
    if (required) assert.fail(`LOGITLAB_REQUIRE_NOTEBOOKS=1 but ${JUPYTER_HINT}`);
    t.skip(JUPYTER_HINT);
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), "logitlab-runner-test-"));
  try {
    const result: Result = await runNotebook(join(fixtureDir, "good.ipynb"), { outDir, kernel: "logitlab-no-such-kernel" });
    assert.equal(result.ok, false);
    assert.match(result.error ?? "", /good\.ipynb: the notebook could not be executed \(exit 2\): .*no-such-kernel/);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

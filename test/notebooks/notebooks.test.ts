// Executes every notebook in the real tslab kernel (the notebooks import the built package, so
// `npm test` builds first). Without Jupyter the tests are reported as skipped with the install hint;
// with LOGITLAB_REQUIRE_NOTEBOOKS=1 (set by .ci/run) a missing Jupyter is a failure instead.
// A notebook fails on any cell error (type error, throw, rejection, late uncaught error), on a cell left
// unexecuted, and on a number in its prose marked `<!-- from cell N -->` that its run does not show
// (scripts/run-notebooks.mjs). The executed copy must keep its execution counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { hasJupyter, listNotebooks, runNotebook, JUPYTER_HINT } from "../../scripts/run-notebooks.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { registerKernel } from "../../scripts/register-kernel.mjs";

const required = process.env.LOGITLAB_REQUIRE_NOTEBOOKS === "1";
const jupyter: boolean = hasJupyter();

for (const notebook of listNotebooks() as string[]) {
  test(`notebook ${basename(notebook)} runs top to bottom in the tslab kernel`, { timeout: 20 * 60_000 }, async (t) => {
    if (!jupyter) {
      if (required) assert.fail(`LOGITLAB_REQUIRE_NOTEBOOKS=1 but ${JUPYTER_HINT}`);
      t.skip(JUPYTER_HINT);
      return;
    }
    const registration = registerKernel();
    assert.ok(registration.ok, registration.reason);
    const result = await runNotebook(notebook, { kernel: registration.kernel });
    t.diagnostic(`${basename(notebook)}: ${result.seconds.toFixed(1)} s`);
    assert.ok(result.ok, result.error);
    const cells: { cell_type: string; source: string | string[]; execution_count: number | null }[] =
      JSON.parse(readFileSync(result.output, "utf8")).cells;
    const code = cells.filter((c) => c.cell_type === "code" && [c.source].flat().join("").trim() !== "");
    assert.deepEqual(code.map((c) => c.execution_count), code.map((_, i) => i + 1), "execution counts of the executed copy");
  });
}

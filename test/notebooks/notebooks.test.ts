// Executes every notebook in the real tslab kernel (the notebooks import the built package, so
// `npm test` builds first). Without Jupyter the tests are reported as skipped with the install hint;
// with LOGITLAB_REQUIRE_NOTEBOOKS=1 (set by .ci/run) a missing Jupyter is a failure instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename } from "node:path";
// @ts-expect-error: plain ESM script without type declarations
import { hasJupyter, listNotebooks, runNotebook, JUPYTER_HINT } from "../../scripts/run-notebooks.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { registerKernel } from "../../scripts/register-kernel.mjs";

const required = process.env.LOGITLAB_REQUIRE_NOTEBOOKS === "1";
const jupyter: boolean = hasJupyter();

for (const notebook of listNotebooks() as string[]) {
  test(`notebook ${basename(notebook)} runs top to bottom in the tslab kernel`, { timeout: 20 * 60_000 }, (t) => {
    if (!jupyter) {
      if (required) assert.fail(`LOGITLAB_REQUIRE_NOTEBOOKS=1 but ${JUPYTER_HINT}`);
      t.skip(JUPYTER_HINT);
      return;
    }
    const registration = registerKernel();
    assert.ok(registration.ok, registration.reason);
    const result = runNotebook(notebook);
    assert.ok(result.ok, result.error);
  });
}

// runStudy starts the export browser while the analysis runs (prewarmBrowser), 200 ms into it, so a run
// that fails at once starts none. A browser that cannot start must not fail the run: the analysis's outputs and each figure's JSON and HTML are written, and
// every static file is listed as skipped with the one-line reason — from one launch attempt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeBrowser } from "../../lib/plot/browser.js";
import { runStudy } from "../../lib/studies/runStudy.js";
import { resolveStabilityConfig } from "../../lib/studies/stability/resolveStabilityConfig.js";
import { stabilityStudy } from "../../lib/studies/stability/stabilityStudy.js";

test("a study run whose browser cannot start writes everything else and lists the static figures as skipped", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-nobrowser-"));
  // A "Chromium" that counts its starts and dies at once, as a broken install would.
  const starts = join(dir, "starts");
  const fake = join(dir, "chromium");
  writeFileSync(fake, `#!/bin/sh\necho start >> '${starts}'\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n`);
  chmodSync(fake, 0o755);
  const before = { path: process.env.CHROMIUM_PATH, mode: process.env.LOGITLAB_CHROMIUM };
  process.env.CHROMIUM_PATH = fake;
  delete process.env.LOGITLAB_CHROMIUM;
  try {
    await closeBrowser();
    const out = join(dir, "out");
    const run = await runStudy(stabilityStudy, resolveStabilityConfig({ out }), { progress: "silent", prewarmDelayMs: 0 });
    const names = Object.keys(run.figures);
    assert.equal(names.length, 4);
    for (const name of names) {
      for (const ext of ["json", "html"]) assert.ok(existsSync(join(out, `${name}.${ext}`)), `${name}.${ext}`);
      for (const ext of ["svg", "png", "pdf"]) assert.ok(run.skipped.includes(join(out, `${name}.${ext}`)), `${name}.${ext} skipped`);
    }
    assert.equal(run.notes.filter((note) => /skipped: could not start Chromium .*libnss3/.test(note)).length, 4, run.notes.join("\n"));
    assert.ok(existsSync(join(out, "summary.json")));
    assert.equal(readFileSync(starts, "utf8").trim().split("\n").length, 1, "one launch attempt, shared by the prewarm and every figure");
    // A run that fails at once (no such folder) starts no browser.
    rmSync(starts);
    await assert.rejects(runStudy(stabilityStudy, resolveStabilityConfig({ out, reference: [join(dir, "nope")] }), { progress: "silent" }), /reference folder not found/);
    assert.ok(!existsSync(starts), "no launch for a run that failed before the prewarm delay");
  } finally {
    for (const [key, value] of [["CHROMIUM_PATH", before.path], ["LOGITLAB_CHROMIUM", before.mode]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await closeBrowser();
  }
});

// LOGITLAB_TIMING=1 makes runStudy print one stderr line as each phase ends (bench:stability shows them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStudy } from "../../lib/studies/runStudy.js";
import { resolveStabilityConfig } from "../../lib/studies/stability/resolveStabilityConfig.js";
import { stabilityStudy } from "../../lib/studies/stability/stabilityStudy.js";

async function phases(env: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const before = process.env.LOGITLAB_TIMING;
  if (env === undefined) delete process.env.LOGITLAB_TIMING;
  else process.env.LOGITLAB_TIMING = env;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const out = join(mkdtempSync(join(tmpdir(), "logitlab-timing-")), "out");
    await runStudy(stabilityStudy, resolveStabilityConfig({ out }), { progress: "silent", figures: ["html"] });
  } finally {
    process.stderr.write = write;
    if (before === undefined) delete process.env.LOGITLAB_TIMING;
    else process.env.LOGITLAB_TIMING = before;
  }
  return lines.filter((line) => line.startsWith("timing "));
}

test("LOGITLAB_TIMING=1: a line per phase and per figure, in order; nothing without it", async () => {
  const lines = await phases("1");
  const ends = lines.map((line) => line.replace(/[\d.]+ s/g, "N s").trim());
  assert.deepEqual(ends.filter((line) => line.startsWith("timing stability:")), [
    "timing stability: analysis start at N s", "timing stability: analysis and tables done at N s", "timing stability: figures done at N s",
  ]);
  assert.equal(ends.filter((line) => /^timing figure \w+: done N s into the export$/.test(line)).length, 4);
  const at = lines.filter((line) => line.startsWith("timing stability:")).map((line) => Number(/at ([\d.]+) s/.exec(line)![1]));
  assert.deepEqual([...at].sort((a, b) => a - b), at, "phases end in order");
  assert.deepEqual(await phases(undefined), []);
  assert.deepEqual(await phases("yes"), [], "only 1 turns it on");
});

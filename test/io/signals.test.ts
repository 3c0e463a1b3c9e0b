// Interrupted runs leave no temp files: SIGINT / SIGTERM remove the staging folder and its temp
// files and exit 130 / 143; what a SIGKILLed run left is removed by the next run in the same place.
// The child signals "ready" once its files exist, so nothing here depends on timing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicFile } from "../../lib/io/AtomicFile.js";
import { OutputFolder } from "../../lib/io/OutputFolder.js";

const child = join(import.meta.dirname, "..", "fixtures", "io", "interruptedWriter.ts");

/** Starts the writer on `target`, waits for "ready", sends `signal`; resolves with the exit code and signal. */
function interrupt(target: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, target], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready")) proc.kill(signal);
    });
    proc.on("error", fail);
    proc.on("exit", (code, sig) => done({ code, signal: sig }));
  });
}

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  test(`${signal} removes the staging folder and temp files and exits ${code}`, async () => {
    const root = mkdtempSync(join(tmpdir(), "logitlab-signal-"));
    const result = await interrupt(join(root, "out"), signal);
    assert.equal(result.code, code);
    assert.deepEqual(readdirSync(root), []);
  });
}

test("a SIGKILLed run's staging folder is removed by the next run, and its outputs are complete", async () => {
  const root = mkdtempSync(join(tmpdir(), "logitlab-signal-"));
  const result = await interrupt(join(root, "out"), "SIGKILL");
  assert.equal(result.signal, "SIGKILL");
  assert.equal(readdirSync(root).filter((n) => n.startsWith(".out.staging-")).length, 1);
  const out = new OutputFolder(join(root, "out"));
  out.writeText("a.txt", "x");
  out.commit();
  assert.deepEqual(readdirSync(root), ["out"]);
  assert.deepEqual(readdirSync(join(root, "out")), ["a.txt"]);
});

test("AtomicFile removes temp files of dead processes beside its target, not those of live ones", () => {
  const root = mkdtempSync(join(tmpdir(), "logitlab-signal-"));
  writeFileSync(join(root, "per_step.csv.tmp-999999999-0"), "stale");
  writeFileSync(join(root, `per_step.csv.tmp-${process.ppid}-0`), "a live process's");
  const file = new AtomicFile(join(root, "per_step.csv"));
  file.write(new TextEncoder().encode("x"));
  file.commit();
  assert.deepEqual(readdirSync(root).sort(), ["per_step.csv", `per_step.csv.tmp-${process.ppid}-0`]);
});

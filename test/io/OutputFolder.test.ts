// OutputFolder: a run's whole output set is staged beside the target and swapped in as a whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OutputFolder } from "../../lib/io/OutputFolder.js";
import { lineFigure } from "../../lib/plot/builders/lineFigure.js";

const provenance = { provenance: { library: "logitlab", study: "demo" } };

function fresh(): { root: string; target: string } {
  const root = mkdtempSync(join(tmpdir(), "logitlab-outfolder-"));
  return { root, target: join(root, "results", "demo") };
}

test("OutputFolder writes JSON, Markdown, CSV and TeX into a staging folder and commit() moves them to the target", () => {
  const { root, target } = fresh();
  const out = new OutputFolder(target);
  out.writeJson("summary.json", provenance);
  out.writeMarkdown("summary.md", "# Demo");
  out.writeCsv("t.csv", [{ a: 1, b: NaN }]);
  out.writeTex("t.tex", [{ a: 1 }], { caption: "Demo" });
  assert.equal(existsSync(target), false, "nothing is visible before commit");
  const written = out.commit();
  assert.deepEqual(written, ["summary.json", "summary.md", "t.csv", "t.tex"].map((n) => join(target, n)));
  assert.deepEqual(readdirSync(target).sort(), ["summary.json", "summary.md", "t.csv", "t.tex"]);
  assert.equal(readFileSync(join(target, "t.csv"), "utf8"), "a,b\n1,nan\n");
  assert.match(readFileSync(join(target, "t.tex"), "utf8"), /\\toprule/);
  assert.deepEqual(readdirSync(join(root, "results")), ["demo"], "no staging or old folder left beside it");
});

test("a re-run with other outputs replaces the whole folder (no old files mixed in) and keeps cache/", () => {
  const { root, target } = fresh();
  const first = new OutputFolder(target);
  first.writeJson("summary.json", { ...provenance, k: 5 });
  first.writeText("per_step.csv", "old\n");
  first.commit();
  mkdirSync(join(target, "cache"));
  writeFileSync(join(target, "cache", "entry.json"), "{}");
  const second = new OutputFolder(target);
  second.writeJson("summary.json", { ...provenance, k: 3 });
  second.commit();
  assert.deepEqual(readdirSync(target).sort(), ["cache", "summary.json"]);
  assert.equal(JSON.parse(readFileSync(join(target, "summary.json"), "utf8")).k, 3);
  assert.equal(readFileSync(join(target, "cache", "entry.json"), "utf8"), "{}");
  assert.deepEqual(readdirSync(join(root, "results")), ["demo"]);
});

test("abort() leaves the previous output set untouched and removes the staging folder", () => {
  const { root, target } = fresh();
  const first = new OutputFolder(target);
  first.writeJson("summary.json", provenance);
  first.commit();
  const failed = new OutputFolder(target);
  failed.writeText("partial.csv", "x\n");
  failed.abort();
  assert.deepEqual(readdirSync(target), ["summary.json"]);
  assert.deepEqual(readdirSync(join(root, "results")), ["demo"]);
});

test("OutputFolder refuses a folder holding files logitlab did not write, and leaves them alone", () => {
  const { target } = fresh();
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "thesis.tex"), "mine");
  assert.throws(() => new OutputFolder(target), (error: Error) => {
    assert.equal(error.message, `${target}: holds files logitlab did not write (no summary.json with logitlab provenance); a run replaces its output folder as a whole, so choose another output path (--out) or empty it`);
    return true;
  });
  assert.deepEqual(readdirSync(target), ["thesis.tex"]);
});

test("OutputFolder refuses a target that is a file or a device, and maps ENOTDIR to one line", () => {
  const { root } = fresh();
  writeFileSync(join(root, "file"), "x");
  assert.throws(() => new OutputFolder(join(root, "file")), /file: exists and is not a folder \(a file\); choose another output path \(--out\)$/);
  assert.throws(() => new OutputFolder("/dev/null"), { message: "/dev/null: exists and is not a folder (a device, socket or pipe); choose another output path (--out)" });
  assert.throws(() => new OutputFolder("/dev/null/x"), { message: "/dev/null/x: a part of this path is a file, not a folder (ENOTDIR); choose another output path (--out)" });
});

test("writeFigure writes the spec and the interactive HTML, and maps paths to the target", async () => {
  const { target } = fresh();
  const out = new OutputFolder(target);
  const written = await out.writeFigure("line", lineFigure([{ name: "a", y: [1, 2, 3] }]), ["html"]);
  assert.deepEqual(written, [join(target, "line.json"), join(target, "line.html")]);
  out.writeJson("summary.json", provenance);
  out.commit();
  assert.ok(readFileSync(join(target, "line.html"), "utf8").includes("application/json"));
});

test("writeFigure records static formats it cannot render (no browser) as skipped, with a note, and goes on", async () => {
  const { target } = fresh();
  const before = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join(tmpdir(), "no-such-chromium");
  try {
    const out = new OutputFolder(target);
    const written = await out.writeFigure("line", lineFigure([{ name: "a", y: [1, 2] }]), ["svg", "html"]);
    if (out.skipped.length > 0) {
      // Without a fallback browser: the SVG is listed, the rest is written.
      assert.deepEqual(out.skipped, [join(target, "line.svg")]);
      assert.match(out.notes[0], /^figure line: \.svg skipped: /);
      assert.deepEqual(written, [join(target, "line.json"), join(target, "line.html")]);
    } else assert.ok(written.includes(join(target, "line.svg")));
    out.commit();
  } finally {
    if (before === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = before;
  }
});

// Which Chromium static export uses (CHROMIUM_PATH → system → bundled @sparticuz/chromium, narrowed by
// LOGITLAB_CHROMIUM), the bundled one's unpacking (atomic, safe when two processes race, stale partial
// folders removed, a clear line when no folder is writable), its real SVG/PNG/PDF export with the
// system browser hidden, and the one-line errors for a missing, non-executable, garbage or hanging
// binary. Tests that need the bundled browser skip with the hint when @sparticuz/chromium is not
// installed, unless LOGITLAB_REQUIRE_CHROMIUM=1.
import { after, afterEach, beforeEach, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeBrowser, hasChromium, lineFigure, saveFigure, saveFigureFiles } from "../../lib/plot/index.js";
import { CHROMIUM_HINT, isChromiumMissing } from "../../lib/plot/browser.js";
import { bundledPackage, chromiumSource, extractTar, SYSTEM_PATHS } from "../../lib/plot/chromium.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { inspectPdf, pngSize } from "./inspect.js";

const required = process.env.LOGITLAB_REQUIRE_CHROMIUM === "1";
const scratch = mkdtempSync(join(tmpdir(), "logitlab-chromium-"));
const ENV_KEYS = ["CHROMIUM_PATH", "LOGITLAB_CHROMIUM", "LOGITLAB_CHROMIUM_CACHE", "LOGITLAB_BROWSER_LAUNCH_MS"] as const;
let saved: Record<string, string | undefined> = {};

beforeEach(async () => {
  await closeBrowser();
  saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) delete process.env[key];
});
afterEach(async () => {
  await closeBrowser();
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** true when @sparticuz/chromium is installed; otherwise skips with the hint (fails when required). */
function bundled(t: TestContext): boolean {
  if (bundledPackage()) return true;
  if (required) assert.fail(`LOGITLAB_REQUIRE_CHROMIUM=1 but @sparticuz/chromium is not installed: ${CHROMIUM_HINT}`);
  t.skip(`@sparticuz/chromium is not installed: ${CHROMIUM_HINT}`);
  return false;
}

/** Asserts that `promise` rejects with one LogitlabError line matching `pattern`. */
async function rejectsWithOneLine(promise: Promise<unknown>, pattern: RegExp): Promise<LogitlabError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LogitlabError, `a LogitlabError, not ${(error as Error).name}: ${(error as Error).message}`);
    assert.ok(!error.message.includes("\n"), `one line: ${error.message}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail("did not reject");
}

const FIGURE = () => lineFigure([{ name: "entropy", y: [1, 3, 2] }], { title: "Quick brown fox", xTitle: "step", yTitle: "nats" });

test("chromiumSource() takes CHROMIUM_PATH first, then the system Chromium, then the bundled one; LOGITLAB_CHROMIUM narrows it", () => {
  const fake = join(scratch, "fake-chrome");
  writeFileSync(fake, "");
  process.env.CHROMIUM_PATH = fake;
  process.env.LOGITLAB_CHROMIUM = "none"; // CHROMIUM_PATH overrides the mode
  assert.deepEqual(chromiumSource(), { kind: "CHROMIUM_PATH", path: fake });
  process.env.CHROMIUM_PATH = join(scratch, "missing");
  assert.equal(chromiumSource(), undefined);
  assert.equal(hasChromium(), false);
  delete process.env.CHROMIUM_PATH;
  assert.equal(chromiumSource(), undefined, "none");
  process.env.LOGITLAB_CHROMIUM = "system";
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  assert.deepEqual(SYSTEM_PATHS, ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"], "the headless shell first");
  assert.deepEqual(chromiumSource(), system ? { kind: "system", path: system } : undefined);
  process.env.LOGITLAB_CHROMIUM = "bundled";
  const pack = bundledPackage();
  assert.equal(chromiumSource()?.kind, pack ? "bundled" : undefined);
  if (pack) assert.match(chromiumSource()!.path, new RegExp(`chromium-${pack.version.replace(/\./g, "\\.")}/chromium$`));
  process.env.LOGITLAB_CHROMIUM = "auto";
  assert.equal(chromiumSource()?.kind, system ? "system" : pack ? "bundled" : undefined);
  process.env.LOGITLAB_CHROMIUM = "firefox";
  assert.throws(() => chromiumSource(), /LOGITLAB_CHROMIUM=firefox is not one of auto, system, bundled, none/);
});

test("saveFigure with CHROMIUM_PATH naming a missing file fails with one line that says what to do", async () => {
  process.env.CHROMIUM_PATH = join(scratch, "no-such-chrome");
  const error = await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "a.svg")), /^saveFigure: .*a\.svg: CHROMIUM_PATH=.*no-such-chrome does not exist; point CHROMIUM_PATH at a working Chromium or Chrome binary, or unset it/);
  assert.ok(isChromiumMissing(error));
});

test("saveFigure with LOGITLAB_CHROMIUM=none fails with the missing-Chromium line, and saveFigureFiles skips the static files with it", async () => {
  process.env.LOGITLAB_CHROMIUM = "none";
  assert.equal(hasChromium(), false);
  await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "none.png")), /no Chromium \(LOGITLAB_CHROMIUM=none\); run `npm install`/);
  const result = await saveFigureFiles(FIGURE(), join(scratch, "none"), { formats: ["svg", "pdf"] });
  assert.deepEqual(result.written, [join(scratch, "none.json"), join(scratch, "none.html")]);
  assert.deepEqual(result.skipped, [join(scratch, "none.svg"), join(scratch, "none.pdf")]);
  assert.match(result.reason!, /^no Chromium \(LOGITLAB_CHROMIUM=none\); run `npm install`/);
});

test("a CHROMIUM_PATH that is not executable, or is garbage, fails with one line and does not hang", async () => {
  const plain = join(scratch, "not-executable");
  writeFileSync(plain, "#!/bin/sh\nexit 0\n", { mode: 0o644 });
  chmodSync(plain, 0o644);
  process.env.CHROMIUM_PATH = plain;
  await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "b.svg")), /^saveFigure: .*b\.svg: could not start Chromium \(.*not-executable\): .*not-executable is not executable; point CHROMIUM_PATH at/);
  const garbage = join(scratch, "garbage-chrome");
  // An ELF magic number and zeros: the kernel refuses it, and the /bin/sh fallback of execvp finds no
  // command in it (random bytes could hold a redirection and write files).
  writeFileSync(garbage, Buffer.concat([Buffer.from("\x7fELF", "latin1"), Buffer.alloc(4092)]));
  chmodSync(garbage, 0o755);
  process.env.CHROMIUM_PATH = garbage;
  const started = Date.now();
  await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "c.pdf")), /could not start Chromium \(.*garbage-chrome\): .*; its last error output: .*; exit code \d+; point CHROMIUM_PATH at/);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  const result = await saveFigureFiles(FIGURE(), join(scratch, "garbage"), { formats: ["svg", "png"] });
  assert.equal(result.skipped.length, 2);
  assert.match(result.reason!, /could not start Chromium \(.*garbage-chrome\)/);
});

test("a Chromium that never answers fails after LOGITLAB_BROWSER_LAUNCH_MS with one line", async () => {
  const hanging = join(scratch, "hanging-chrome");
  writeFileSync(hanging, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
  process.env.CHROMIUM_PATH = hanging;
  process.env.LOGITLAB_BROWSER_LAUNCH_MS = "1500";
  const started = Date.now();
  await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "d.svg")), /could not start Chromium \(.*hanging-chrome\): .*Timeout 1500ms exceeded/);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
});

test("LOGITLAB_CHROMIUM=bundled with no writable folder to unpack into fails with one line naming LOGITLAB_CHROMIUM_CACHE", async (t) => {
  if (!bundled(t)) return;
  const file = join(scratch, "a-file");
  writeFileSync(file, "");
  process.env.LOGITLAB_CHROMIUM = "bundled";
  process.env.LOGITLAB_CHROMIUM_CACHE = join(file, "cache"); // a folder below a file: ENOTDIR, also for root
  await rejectsWithOneLine(saveFigure(FIGURE(), join(scratch, "e.svg")), /no writable folder to unpack the bundled Chromium \(tried .*a-file\/cache \(ENOTDIR\)\); set LOGITLAB_CHROMIUM_CACHE to a writable folder/);
});

function unpackInChild(cache: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "unpackChild.ts")], {
      env: { ...process.env, LOGITLAB_CHROMIUM_CACHE: cache }, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => resolve({ code, out: out.trim() }));
  });
}

test("two processes unpacking the bundled Chromium at once both get one complete copy; a dead process's partial folder is removed", { timeout: 120_000 }, async (t) => {
  if (!bundled(t)) return;
  const cache = join(scratch, "race");
  const version = bundledPackage()!.version;
  const stale = join(cache, `chromium-${version}.partial-999999999-abcdef`);
  mkdirSync(stale, { recursive: true });
  writeFileSync(join(stale, "chromium"), "truncated");
  const [a, b] = await Promise.all([unpackInChild(cache), unpackInChild(cache)]);
  const final = join(cache, `chromium-${version}`);
  assert.deepEqual([a, b], [{ code: 0, out: join(final, "chromium") }, { code: 0, out: join(final, "chromium") }]);
  assert.deepEqual(readdirSync(cache), [`chromium-${version}`], "no partial folder is left");
  for (const file of ["chromium", "libGLESv2.so", "lib/libnss3.so", "bundled-fonts/fonts/Open_Sans/OpenSans-Regular.ttf", "fonts.conf"]) {
    assert.ok(existsSync(join(final, file)), file);
  }
  assert.match(readFileSync(join(final, "fonts.conf"), "utf8"), /<include ignore_missing="yes">\/etc\/fonts\/fonts\.conf<\/include>/);
  rmSync(cache, { recursive: true, force: true });
});

test("the bundled Chromium (system browser hidden with LOGITLAB_CHROMIUM=bundled) writes SVG, PNG and PDF with the text drawn", { timeout: 120_000 }, async (t) => {
  if (!bundled(t)) return;
  process.env.LOGITLAB_CHROMIUM = "bundled";
  assert.equal(chromiumSource()?.kind, "bundled");
  const svg = readFileSync(await saveFigure(FIGURE(), join(scratch, "bundled.svg")), "utf8");
  assert.match(svg, /^<svg[^>]* width="336" height="252"/);
  for (const text of ["Quick brown fox", "step", "nats"]) assert.ok(svg.includes(`>${text}</text>`), text);
  const png = readFileSync(await saveFigure(FIGURE(), join(scratch, "bundled.png"), { scale: 1 }));
  assert.deepEqual(pngSize(png), { width: 336, height: 252 });
  const pdf = inspectPdf(readFileSync(await saveFigure(FIGURE(), join(scratch, "bundled.pdf"))));
  assert.equal(pdf.pages, 1);
  assert.ok(pdf.textOps > 0 && pdf.fonts > 0, "text is drawn as text with an embedded font");
  assert.ok(pdf.pathOps > 10, "vector drawing");
  assert.equal(chromiumSource()?.unpacked, true);
});

test("extractTar refuses an entry that leaves the target folder or is not a file or folder", () => {
  const entry = (name: string, type: string, body = ""): Buffer => {
    const header = Buffer.alloc(512);
    header.write(name, 0, "utf8");
    header.write("0000644\0", 100, "ascii");
    header.write(`${body.length.toString(8).padStart(11, "0")}\0`, 124, "ascii");
    header.write(type, 156, "ascii");
    const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
    padded.write(body);
    return Buffer.concat([header, padded]);
  };
  const end = Buffer.alloc(1024);
  const into = join(scratch, "tar");
  extractTar(Buffer.concat([entry("dir/", "5"), entry("dir/a.txt", "0", "hello"), end]), into);
  assert.equal(readFileSync(join(into, "dir", "a.txt"), "utf8"), "hello");
  assert.throws(() => extractTar(Buffer.concat([entry("../evil", "0", "x"), end]), into), /leaves the target folder/);
  assert.throws(() => extractTar(Buffer.concat([entry("link", "2"), end]), into), /has type 2, not a file or folder/);
});

function runTestFile(file: string, pattern: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    delete childEnv.CHROMIUM_PATH;
    delete childEnv.NODE_TEST_CONTEXT; // else the child reports to this runner instead of printing
    if (!env.LOGITLAB_REQUIRE_CHROMIUM) delete childEnv.LOGITLAB_REQUIRE_CHROMIUM;
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", `--test-name-pattern=${pattern}`, file], {
      env: childEnv, stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("with no Chromium at all (LOGITLAB_CHROMIUM=none) the browser tests skip with the hint, and fail under LOGITLAB_REQUIRE_CHROMIUM=1", { timeout: 120_000 }, async () => {
  const file = join(import.meta.dirname, "browser.test.ts");
  const pattern = "lineFigure renders to SVG";
  const skipping = await runTestFile(file, pattern, { LOGITLAB_CHROMIUM: "none" });
  assert.equal(skipping.code, 0, skipping.out);
  assert.match(skipping.out, /ok \d+ - lineFigure renders to SVG .* # SKIP Chromium not found: run `npm install`/);
  assert.match(skipping.out, /# fail 0/);
  const failing = await runTestFile(file, pattern, { LOGITLAB_CHROMIUM: "none", LOGITLAB_REQUIRE_CHROMIUM: "1" });
  assert.notEqual(failing.code, 0);
  assert.match(failing.out, /not ok \d+ - lineFigure renders to SVG/);
  assert.match(failing.out, /LOGITLAB_REQUIRE_CHROMIUM=1 but Chromium is missing/);
});

// Which Chromium static export uses, and the bundled one's unpacking (internal to lib/plot, except
// `chromiumSource`, which `logitlab info` reports).
//
// Order: CHROMIUM_PATH when set (it must exist) → the system's /usr/bin/chromium-headless-shell
// (Debian's `chromium-headless-shell`, preferred: measured on 2 cores, starting it with plotly.js
// loaded takes 1.8 s of CPU against 3.6 s for the full browser's headless mode, which also runs the
// browser UI's services and a WebUI renderer), /usr/bin/chromium or /usr/bin/chromium-browser → the
// Chromium shipped brotli-compressed inside the npm package
// @sparticuz/chromium (a chrome-headless-shell build), unpacked on first launch. LOGITLAB_CHROMIUM
// narrows the automatic choice: `system` never uses the bundled one, `bundled` skips the system one
// (so a machine that has Debian's chromium can still test the bundled path), `none` uses no browser
// (as on a machine without any: static files are skipped, tests skip); default `auto`.
//
// We unpack the package's files ourselves rather than calling its `executablePath()`, which writes
// /tmp/chromium in place: a process killed half way leaves a truncated binary that it then trusts
// forever, two processes unpacking at once write over each other, and its fonts and libraries are
// only wired up on AWS Lambda. Here every unpack goes to a fresh `chromium-<version>.partial-<pid>-*`
// folder that is renamed to `chromium-<version>` when complete (a rename is atomic, and the loser of
// a race just removes its copy), partial folders of dead processes are removed, and the folder is
// the first writable of LOGITLAB_CHROMIUM_CACHE (when set, the only one), $XDG_CACHE_HOME/logitlab
// or ~/.cache/logitlab, and <tmpdir>/logitlab-<uid>; with none writable (a read-only home and /tmp)
// the error says to set LOGITLAB_CHROMIUM_CACHE. About 200 MB unpacked, about 3–6 s once.
//
// The bundled browser gets its own fontconfig file: the system's fonts (/etc/fonts/fonts.conf, when
// there is one) plus the package's Open Sans, so text is drawn even on a machine with no fonts at all
// (in Open Sans then, instead of the paper theme's DejaVu Serif: install fonts-dejavu-core for that).
// It also gets the package's NSS/NSPR/expat libraries (built for Amazon Linux 2023) on
// LD_LIBRARY_PATH, the only shared libraries it needs beyond glibc, which a slim image may lack.
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { brotliDecompressSync, createBrotliDecompress } from "node:zlib";
import { LogitlabError } from "../util/errors.js";

/** Where the Chromium used for static export comes from. */
export interface ChromiumSource {
  /** `CHROMIUM_PATH` (the environment variable), `system` (/usr/bin/chromium-headless-shell, /usr/bin/chromium…) or `bundled` (@sparticuz/chromium). */
  kind: "CHROMIUM_PATH" | "system" | "bundled";
  /** The binary; for `bundled`, where it is or will be unpacked. */
  path: string;
  /** For `bundled`: whether it is unpacked already (else the first export unpacks it, a few seconds). */
  unpacked?: boolean;
  /** For `bundled`: the @sparticuz/chromium package version. */
  version?: string;
}

/** System browsers, in order of preference (the headless shell first: see the top of this file). */
export const SYSTEM_PATHS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"];
const MODES = ["auto", "system", "bundled", "none"] as const;

/** LOGITLAB_CHROMIUM, checked: auto (default), system, bundled or none. */
export function chromiumMode(): (typeof MODES)[number] {
  const mode = process.env.LOGITLAB_CHROMIUM || "auto";
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new LogitlabError(`LOGITLAB_CHROMIUM=${mode} is not one of auto, system, bundled, none; unset it or pick one`, { context: "plot" });
  }
  return mode as (typeof MODES)[number];
}

/**
 * chromiumSource: which Chromium static export (`saveFigure`, the image in `show`) would use here,
 * without launching or unpacking it; undefined when there is none (CHROMIUM_PATH names a missing
 * file, or no system Chromium and @sparticuz/chromium is not installed, or LOGITLAB_CHROMIUM rules
 * out what there is). Order: CHROMIUM_PATH, the system's, the bundled one (see LOGITLAB_CHROMIUM).
 *
 * @example
 * ["CHROMIUM_PATH", "system", "bundled", undefined].includes(chromiumSource()?.kind)
 * // => true
 */
export function chromiumSource(): ChromiumSource | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? { kind: "CHROMIUM_PATH", path: configured } : undefined;
  const mode = chromiumMode();
  if (mode === "none") return undefined;
  if (mode !== "bundled") {
    const system = SYSTEM_PATHS.find((path) => existsSync(path));
    if (system) return { kind: "system", path: system };
  }
  if (mode === "system") return undefined;
  const pack = bundledPackage();
  if (!pack) return undefined;
  const unpacked = findUnpacked(pack.version);
  return { kind: "bundled", path: join(unpacked ?? join(cacheRoots()[0], `chromium-${pack.version}`), "chromium"), unpacked: unpacked !== undefined, version: pack.version };
}

interface BundledPackage {
  version: string;
  /** The package's bin/ folder: chromium.br, fonts.tar.br, swiftshader.tar.br, al2023.tar.br. */
  bin: string;
}

/**
 * The installed @sparticuz/chromium, or undefined when it is not installed, lacks its files, or this is
 * not x86-64 Linux (the npm package holds only that build).
 */
export function bundledPackage(): BundledPackage | undefined {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  } catch {
    return undefined;
  }
  // entry is <package>/build/{cjs,esm}/index.*; the package's exports do not list package.json.
  const root = join(dirname(entry), "..", "..");
  const bin = join(root, "bin");
  if (!["chromium.br", "fonts.tar.br", "swiftshader.tar.br", "al2023.tar.br"].every((name) => existsSync(join(bin, name)))) return undefined;
  try {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    return { version, bin };
  } catch {
    return undefined;
  }
}

/** Candidate parent folders for the unpacked browser, in order. */
export function cacheRoots(): string[] {
  if (process.env.LOGITLAB_CHROMIUM_CACHE) return [process.env.LOGITLAB_CHROMIUM_CACHE];
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return [join(cache, "logitlab"), join(tmpdir(), `logitlab-${uid}`)];
}

/** The folder of a complete unpack of `version`, if one exists in any cache root. */
function findUnpacked(version: string): string | undefined {
  return cacheRoots().map((root) => join(root, `chromium-${version}`)).find((dir) => existsSync(join(dir, "chromium")));
}

/** What a launch of the bundled browser needs: the binary and its environment. */
export interface BundledChromium {
  executablePath: string;
  env: Record<string, string>;
  /** Flags the bundled build needs on top of ours. */
  args: string[];
}

let unpacking: Promise<BundledChromium> | undefined;

/**
 * Unpacks the bundled Chromium if needed (once per process; safe against other processes doing the
 * same) and returns how to launch it. Throws a LogitlabError line when it cannot.
 */
export function bundledChromium(): Promise<BundledChromium> {
  unpacking ??= unpack().catch((error: unknown) => {
    unpacking = undefined;
    throw error;
  });
  return unpacking;
}

async function unpack(): Promise<BundledChromium> {
  const pack = bundledPackage();
  if (!pack) throw new LogitlabError(`@sparticuz/chromium is not installed; run \`npm install\`, or ${SYSTEM_HINT}`, { context: "plot" });
  const name = `chromium-${pack.version}`;
  const done = findUnpacked(pack.version);
  if (done) return launchSpec(done);
  const tried: string[] = [];
  for (const root of cacheRoots()) {
    let partial: string;
    try {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      const owner = statSync(root).uid;
      if (typeof process.getuid === "function" && owner !== process.getuid()) throw Object.assign(new Error("owned by another user"), { code: "EPERM" });
      removeDeadPartials(root, name);
      partial = mkdtempSync(join(root, `${name}.partial-${process.pid}-`));
    } catch (error) {
      tried.push(`${root} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    const final = join(root, name);
    try {
      await pipeline(createReadStream(join(pack.bin, "chromium.br")), createBrotliDecompress({ chunkSize: 1 << 21 }), createWriteStream(join(partial, "chromium"), { mode: 0o755 }));
      chmodSync(join(partial, "chromium"), 0o755);
      extractTar(brotliDecompressSync(readFileSync(join(pack.bin, "swiftshader.tar.br"))), partial);
      extractTar(brotliDecompressSync(readFileSync(join(pack.bin, "al2023.tar.br"))), partial); // lib/*.so
      extractTar(brotliDecompressSync(readFileSync(join(pack.bin, "fonts.tar.br"))), join(partial, "bundled-fonts"));
      writeFileSync(join(partial, "fonts.conf"), fontsConf(final));
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      throw new LogitlabError(`could not unpack the bundled Chromium into ${root}: ${(error as Error).message.split("\n")[0]}; free some space, or set LOGITLAB_CHROMIUM_CACHE to another folder, or ${SYSTEM_HINT}`, { context: "plot" });
    }
    try {
      renameSync(partial, final);
    } catch (error) {
      // Another process finished first (ENOTEMPTY/EEXIST): use its copy.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(final, "chromium"))) throw error;
    }
    return launchSpec(final);
  }
  throw new LogitlabError(
    `no writable folder to unpack the bundled Chromium (tried ${tried.join(", ")}); set LOGITLAB_CHROMIUM_CACHE to a writable folder, or ${SYSTEM_HINT}`,
    { context: "plot" },
  );
}

const SYSTEM_HINT = "install Chromium (`apt-get install chromium-headless-shell`, or `chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary";

function launchSpec(dir: string): BundledChromium {
  const libraries = [join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return {
    executablePath: join(dir, "chromium"),
    env: { ...env, FONTCONFIG_FILE: join(dir, "fonts.conf"), LD_LIBRARY_PATH: libraries },
    // WebGL (3-D scenes) through SwiftShader, whose libraries lie next to the binary.
    args: ["--no-zygote", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
  };
}

/** Removes `<name>.partial-<pid>-*` folders whose process is gone (a killed unpack). */
function removeDeadPartials(root: string, name: string): void {
  for (const entry of readdirSync(root)) {
    const match = new RegExp(`^${name.replace(/\./g, "\\.")}\\.partial-(\\d+)-`).exec(entry);
    if (match && !processAlive(Number(match[1]))) rmSync(join(root, entry), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** fontconfig: the system's configuration (when present) plus the package's fonts, cache inside `dir`. */
function fontsConf(dir: string): string {
  const xml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    "<fontconfig>",
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${xml(join(dir, "bundled-fonts", "fonts"))}</dir>`,
    `  <cachedir>${xml(join(dir, "fontconfig-cache"))}</cachedir>`,
    "</fontconfig>",
    "",
  ].join("\n");
}

/**
 * Extracts a POSIX (ustar) tar archive's regular files and folders into `into`. The package's
 * archives hold only those; any other entry type (links, devices) and any path that would leave
 * `into` is refused.
 */
export function extractTar(tar: Uint8Array, into: string): void {
  const bytes = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength);
  mkdirSync(into, { recursive: true });
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= bytes.length) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number): string => header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x" || type === "g") continue; // pax headers: our archives need none of their fields
    const parts = name.split("/").filter((part) => part !== "" && part !== ".");
    if (parts.length === 0) continue;
    if (parts.includes("..")) throw new Error(`tar entry ${name} leaves the target folder`);
    const target = join(into, ...parts);
    if (type === "5") mkdirSync(target, { recursive: true });
    else if (type === "0") {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body, { mode: parseInt(field(100, 8).trim() || "644", 8) & 0o755 });
    } else throw new Error(`tar entry ${name} has type ${type}, not a file or folder`);
  }
}

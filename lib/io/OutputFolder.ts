/**
 * OutputFolder: the one output writer of a study run. Every file of the run — JSON, Markdown, CSV (one
 * dialect, `toCsv`), booktabs TeX (`toLatex`), streamed CSV (`open`), and figures as SVG, PNG, PDF and
 * interactive HTML — is written atomically into a staging folder beside the target
 * (`.<name>.staging-<pid>-<n>`, same file system), and `commit()` swaps the staging folder in for the
 * target as a whole. So a results folder always holds the output set of exactly one run: a re-run
 * with other settings (a notebook after the CLI, say) never leaves old and new files mixed, and a
 * run that fails (`abort()`) leaves the previous set untouched.
 *
 * Safety: the target must be missing, empty (or holding only `keep` entries, such as a `cache/` a
 * study filled during this run), or a folder a logitlab study wrote before (its
 * `summary.json` has `provenance.library` "logitlab"); anything else — a file, a device, a folder
 * holding other files — is refused in one line before the run starts, so `--out ~/papers` never
 * deletes a user's files. Entries named in `keep` (default `cache`: model-run caches) move from the old
 * folder into the new one. File-system errors are one line naming the path (`outputError`).
 *
 * Interrupts: the staging folder is registered (`trackTemp`), so SIGINT/SIGTERM in the CLI remove it
 * (exit 130/143); staging and `.old-` folders of killed runs beside the target are removed at the
 * next start.
 *
 * Figures: `writeFigure` calls lib/plot's `saveFigureFiles` (spec `.json`, interactive `.html`, and the
 * static formats asked for). Without a browser the static files are listed in `skipped` with the
 * reason in `notes`, and the run goes on.
 *
 * @example
 * const target = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-out-")}/run`;
 * const out = new OutputFolder(target); out.writeCsv("t.csv", [{ a: 1, b: Infinity }]); out.commit();
 * (await import("node:fs")).readFileSync(`${target}/t.csv`, "utf8")
 * // => "a,b\n1,inf\n"
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { LogitlabError } from "../util/errors.js";
import { AtomicFile } from "./AtomicFile.js";
import { writeFileAtomicSync } from "./atomicWrite.js";
import { outputError } from "./outputError.js";
import { removeStaleTemps, trackTemp } from "./tempPaths.js";
import { toCsv } from "./toCsv.js";
import { toLatex } from "./toLatex.js";
import type { TableOptions, TableRow } from "./tableRow.js";

/** Figure file formats; `.json` (the spec) is always written beside them. */
export type FigureFormat = "svg" | "png" | "pdf" | "html";

export interface OutputFolderOptions {
  /** Entries of an existing target carried into the new one (default `["cache"]`). */
  keep?: readonly string[];
}

/** A figure as lib/plot builds it (kept structural so that lib/io does not import lib/plot's types). */
type FigureSpec = Parameters<typeof import("../plot/export.js").saveFigureFiles>[0];

let counter = 0;

export class OutputFolder {
  /** The results folder, as given. */
  readonly target: string;
  /** Where the files go until `commit()`. */
  readonly staging: string;
  /** Final paths of the files written, in order. */
  readonly written: string[] = [];
  /** Final paths of figure files not written (no browser), with the reasons in `notes`. */
  readonly skipped: string[] = [];
  /** One line per thing skipped. */
  readonly notes: string[] = [];
  private readonly keep: readonly string[];
  private state: "open" | "committed" | "aborted" = "open";
  private untrack: () => void = () => {};

  constructor(target: string, options: OutputFolderOptions = {}) {
    this.target = target;
    this.keep = options.keep ?? ["cache"];
    assertReplaceableFolder(target, this.keep);
    const absolute = resolve(target);
    // Staging and old folders of killed runs (pid gone) beside the target: remove them first.
    removeStaleTemps(dirname(absolute), `.${basename(absolute)}.staging-`);
    removeStaleTemps(dirname(absolute), `.${basename(absolute)}.old-`);
    this.staging = join(dirname(absolute), `.${basename(absolute)}.staging-${process.pid}-${counter++}`);
    try {
      mkdirSync(this.staging, { recursive: true });
    } catch (error) {
      throw outputError(error, target);
    }
    this.untrack = trackTemp(this.staging);
  }

  /** The final path of `name` in the target folder. */
  path(name: string): string {
    return join(this.target, name);
  }

  /** Writes a text file. */
  writeText(name: string, text: string | Uint8Array): string {
    this.assertOpen();
    writeFileAtomicSync(join(this.staging, name), text);
    return this.record(name);
  }

  /** Writes `value` as indented JSON. */
  writeJson(name: string, value: unknown): string {
    return this.writeText(name, JSON.stringify(value, null, 2) + "\n");
  }

  /** Writes Markdown text. */
  writeMarkdown(name: string, text: string): string {
    return this.writeText(name, text.endsWith("\n") ? text : text + "\n");
  }

  /** Writes rows as CSV (`toCsv`: logitlab's one dialect). */
  writeCsv(name: string, rows: readonly TableRow[], options: Pick<TableOptions, "columns"> = {}): string {
    return this.writeText(name, toCsv(rows, options));
  }

  /** Writes rows as a booktabs LaTeX table (`toLatex`). */
  writeTex(name: string, rows: readonly TableRow[], options: Parameters<typeof toLatex>[1] = {}): string {
    return this.writeText(name, toLatex(rows, options));
  }

  /** Opens a file to stream into (an `AtomicFile` in the staging folder); commit it before `commit()`. */
  open(name: string): AtomicFile {
    this.assertOpen();
    const file = new AtomicFile(join(this.staging, name));
    this.record(name);
    return file;
  }

  /**
   * Writes one figure as `<name>.json` and `<name>.html` always, and each static format of `formats`
   * (default svg, png and pdf) when a browser is found; otherwise those go to `skipped` with a note.
   */
  async writeFigure(name: string, figure: FigureSpec, formats: readonly FigureFormat[] = ["svg", "png", "pdf", "html"]): Promise<string[]> {
    return (await this.writeFigures([[name, figure]], formats))[0];
  }

  /**
   * Writes several figures as `writeFigure` does, all at once (the browser lays out one figure while it
   * prints another), the one with the most markers first; the paths, skips and notes are recorded in the
   * order given.
   */
  async writeFigures(figures: readonly (readonly [string, FigureSpec])[], formats: readonly FigureFormat[] = ["svg", "png", "pdf", "html"]): Promise<string[][]> {
    this.assertOpen();
    // Loaded on use: lib/plot imports lib/io, and the browser client costs memory only when drawing.
    const { saveFigureFiles } = await import("../plot/export.js");
    const statics = formats.filter((f): f is "svg" | "png" | "pdf" => f !== "html");
    // Started costliest first (a marker is a path of its own in the SVG; a line's points are one path),
    // so the slowest figure's PDF is printed while the others are laid out.
    const points = (figure: FigureSpec) => figure.data.reduce((n, trace) => {
      const { x, mode } = trace as { x?: unknown; mode?: unknown };
      return n + (Array.isArray(x) ? x.length * (typeof mode === "string" && !mode.includes("markers") ? 0.05 : 1) : 0);
    }, 0);
    const order = figures.map((_, i) => i).sort((a, b) => points(figures[b][1]) - points(figures[a][1]));
    const started = new Array<Promise<Awaited<ReturnType<typeof saveFigureFiles>>>>(figures.length);
    const start = performance.now();
    const timed = process.env.LOGITLAB_TIMING === "1";
    for (const i of order) {
      started[i] = saveFigureFiles(figures[i][1], join(this.staging, figures[i][0]), { formats: statics });
      // LOGITLAB_TIMING=1: when each figure's files are done, counted from the start of the export.
      if (timed) void started[i].then(() => process.stderr.write(`timing figure ${figures[i][0]}: done ${((performance.now() - start) / 1000).toFixed(2)} s into the export\n`), () => undefined);
    }
    const settled = await Promise.allSettled(started);
    const failed = settled.findIndex((result) => result.status === "rejected");
    if (failed >= 0) throw outputError((settled[failed] as PromiseRejectedResult).reason, this.path(figures[failed][0]));
    const final = (p: string) => join(this.target, p.slice(this.staging.length + 1));
    return settled.map((result, i) => {
      const saved = (result as PromiseFulfilledResult<Awaited<ReturnType<typeof saveFigureFiles>>>).value;
      const written = saved.written.map(final);
      this.written.push(...written);
      if (saved.skipped.length) {
        this.skipped.push(...saved.skipped.map(final));
        this.notes.push(`figure ${figures[i][0]}: ${saved.skipped.map((p) => p.slice(p.lastIndexOf("."))).join(", ")} skipped: ${saved.reason}`);
      }
      return written;
    });
  }

  /** Swaps the staged output set in for the target folder; returns the final paths written. */
  commit(): string[] {
    this.assertOpen();
    const target = resolve(this.target);
    try {
      if (!existsSync(target)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(this.staging, target);
      } else {
        assertReplaceableFolder(this.target, this.keep);
        const carried: string[] = [];
        for (const name of this.keep) {
          if (existsSync(join(target, name)) && !existsSync(join(this.staging, name))) {
            renameSync(join(target, name), join(this.staging, name));
            carried.push(name);
          }
        }
        const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${counter++}`);
        renameSync(target, old);
        try {
          renameSync(this.staging, target);
        } catch (error) {
          renameSync(old, target);
          for (const name of carried) renameSync(join(this.staging, name), join(target, name));
          throw error;
        }
        rmSync(old, { recursive: true, force: true });
      }
    } catch (error) {
      this.abort();
      throw outputError(error, this.target);
    }
    this.state = "committed";
    this.untrack();
    return [...this.written];
  }

  /** Removes the staging folder; the target is untouched. Safe to call more than once. */
  abort(): void {
    if (this.state === "committed") return;
    this.state = "aborted";
    rmSync(this.staging, { recursive: true, force: true });
    this.untrack();
  }

  private record(name: string): string {
    const path = this.path(name);
    if (!this.written.includes(path)) this.written.push(path);
    return path;
  }

  private assertOpen(): void {
    if (this.state !== "open") throw new Error(`OutputFolder ${this.target}: already ${this.state}`);
  }
}

/** Throws unless `target` is missing, empty (but for `keep` entries), or a folder a logitlab study wrote. */
function assertReplaceableFolder(target: string, keep: readonly string[]): void {
  let entries: string[];
  try {
    const stats = lstatSync(target);
    if (!stats.isDirectory()) {
      const what = stats.isFile() ? "a file" : stats.isSymbolicLink() ? "a symbolic link" : "a device, socket or pipe";
      throw new LogitlabError(`exists and is not a folder (${what}); choose another output path (--out)`, { file: target, kind: "io" });
    }
    entries = readdirSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw outputError(error, target);
  }
  if (entries.every((name) => keep.includes(name)) || writtenByLogitlab(join(target, "summary.json"))) return;
  throw new LogitlabError(
    "holds files logitlab did not write (no summary.json with logitlab provenance); a run replaces its output folder as a whole, so choose another output path (--out) or empty it",
    { file: target, kind: "io" },
  );
}

function writtenByLogitlab(summaryPath: string): boolean {
  try {
    const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as { provenance?: { library?: unknown } };
    return summary?.provenance?.library === "logitlab";
  } catch {
    return false;
  }
}

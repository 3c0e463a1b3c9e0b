/**
 * progress: a progress bar that fits where the code runs, and is never a flood of lines.
 *
 * - Terminal (stderr is a TTY): one line on stderr, rewritten in place at most every 100 ms,
 *   `stability  1200/2000  60%  850/s  ETA 1s`, ended with a newline by `done()`.
 * - tslab notebook: one display entry made with tslab's `newDisplay()` and updated in place at most
 *   every 250 ms, so the saved notebook holds one line, not thousands.
 * - Anywhere else (pipes, CI logs, tests): silent.
 *
 * Rate = count / elapsed seconds; ETA = (total − count) / rate. `mode` forces one of the three
 * ("terminal", "notebook", "silent"); the default "auto" picks as above. The notebook is detected by
 * tslab's kernel module being loaded in this process; nothing is imported when it is not.
 *
 * @example
 * const bar = progress(3, { label: "files", mode: "silent" });
 * bar.tick(); bar.tick(2); bar.done(); bar.count
 * // => 3
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { escapeControl } from "./escapeControl.js";

export type ProgressMode = "auto" | "terminal" | "notebook" | "silent";

export interface ProgressOptions {
  /** Words before the counts, e.g. "stability". */
  label?: string;
  /** Where to show it; "auto" (default) picks terminal, notebook or silent. */
  mode?: ProgressMode;
  /** Terminal stream (default process.stderr). */
  stream?: NodeJS.WriteStream;
}

export interface Progress {
  /** Items done so far. */
  readonly count: number;
  /** Items expected (0 when unknown). */
  readonly total: number;
  /** Where it is shown: "terminal", "notebook" or "silent". */
  readonly mode: Exclude<ProgressMode, "auto">;
  /** Adds `n` (default 1) finished items and redraws when the last draw is old enough. */
  tick(n?: number): void;
  /** Draws the final state (count, rate and elapsed time) and ends the line. */
  done(): void;
}

interface TextDisplay {
  text(s: string): void;
}

const TERMINAL_INTERVAL_MS = 100;
const NOTEBOOK_INTERVAL_MS = 250;

export function progress(total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const label = escapeControl(options.label ?? ""); // a label may hold a file name: no raw ESC or newline
  let mode: Exclude<ProgressMode, "auto">;
  let display: TextDisplay | undefined;
  const wanted = options.mode ?? "auto";
  if (wanted === "notebook" || wanted === "auto") display = notebookDisplay();
  if (display) mode = "notebook";
  else if (wanted === "terminal" || (wanted === "auto" && stream.isTTY === true)) mode = "terminal";
  else mode = "silent";

  const started = Date.now();
  let count = 0;
  let lastDraw = 0;
  let finished = false;

  const draw = (final: boolean): void => {
    const line = formatProgressLine(label, count, total, (Date.now() - started) / 1000, final);
    if (mode === "terminal") stream.write(`\r${line}\u001b[K${final ? "\n" : ""}`);
    else if (mode === "notebook" && display) {
      try {
        display.text(line);
      } catch {
        mode = "silent"; // the kernel went away; never let a progress bar break the work
      }
    }
  };

  if (mode !== "silent") draw(false);

  return {
    get count() {
      return count;
    },
    get total() {
      return total;
    },
    get mode() {
      return mode;
    },
    tick(n = 1) {
      count += n;
      if (mode === "silent" || finished) return;
      const now = Date.now();
      if (now - lastDraw >= (mode === "terminal" ? TERMINAL_INTERVAL_MS : NOTEBOOK_INTERVAL_MS)) {
        lastDraw = now;
        draw(false);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (mode !== "silent") draw(true);
    },
  };
}

/** `label  count/total  pct%  rate/s  ETA …` (or `… in 3.2s` when final). */
function formatProgressLine(label: string, count: number, total: number, seconds: number, final: boolean): string {
  const rate = seconds > 0 ? count / seconds : 0;
  const parts = [label, total > 0 ? `${count}/${total}` : `${count}`];
  if (total > 0) parts.push(`${Math.floor((100 * count) / total)}%`);
  parts.push(`${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}/s`);
  if (final) parts.push(`in ${formatSeconds(seconds)}`);
  else if (total > 0 && rate > 0) parts.push(`ETA ${formatSeconds(Math.max(0, total - count) / rate)}`);
  return parts.filter(Boolean).join("  ");
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/**
 * A fresh tslab display when this process is a tslab kernel, else undefined. tslab's kernel module
 * (`tslab/dist/jupyter.js`) is in the CommonJS cache only inside the kernel; its sibling `public.js`
 * holds `newDisplay()`, which throws "Not ready" outside a running cell.
 */
function notebookDisplay(): TextDisplay | undefined {
  const require = createRequire(import.meta.url);
  const kernelModule = Object.keys(require.cache).find((key) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key));
  if (!kernelModule) return undefined;
  try {
    const tslab = require(join(dirname(kernelModule), "public.js")) as { newDisplay(): TextDisplay };
    return tslab.newDisplay();
  } catch {
    return undefined;
  }
}

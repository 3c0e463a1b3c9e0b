/**
 * PerStepCsvWriter: streams `per_step.csv`, one row per compared step, so that no step outlives its
 * file pair. Rows go to a temp file beside the target (`per_step.csv.tmp-<pid>-<n>`), in 1 MB chunks
 * with synchronous writes (no unbounded queue); `commit()` fsyncs and renames it over the target,
 * `abort()` removes it. A crash therefore never leaves a half-written per_step.csv.
 *
 * Columns: file, step, reference_id, check_id, agree, p_reference, p_check, epsilon,
 * relative_epsilon, topk_length, set_preserved, order_preserved, overlap, eligible, margin, changed,
 * boundary_swap. Fields after `p_check` are empty for steps whose chosen ids differ; margin, changed
 * and boundary_swap only for margin-eligible steps (boundary_swap only for changed ones).
 *
 * @example
 * const path = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-steps-")}/per_step.csv`;
 * const writer = new PerStepCsvWriter(path); writer.commit();
 * (await import("node:fs")).readFileSync(path, "utf8").split(",").length
 * // => 17
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { csvField } from "./csvField.js";
import type { StepComparison } from "./types.js";

const HEADER = [
  "file", "step", "reference_id", "check_id", "agree", "p_reference", "p_check", "epsilon", "relative_epsilon",
  "topk_length", "set_preserved", "order_preserved", "overlap", "eligible", "margin", "changed", "boundary_swap",
];
const CHUNK = 1 << 20;
let counter = 0;

export class PerStepCsvWriter {
  readonly path: string;
  private readonly temp: string;
  private fd: number | undefined;
  private buffer = "";
  rows = 0;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.temp = `${path}.tmp-${process.pid}-${counter++}`;
    this.fd = openSync(this.temp, "w");
    this.buffer = HEADER.join(",") + "\n";
  }

  /** Appends the rows of one file pair. */
  add(file: string, steps: StepComparison[]): void {
    const name = csvField(file);
    for (const s of steps) {
      this.buffer +=
        `${name},${s.step},${s.referenceId},${s.checkId},${s.agree ? 1 : 0},${csvField(s.referenceProb)},${csvField(s.checkProb)},` +
        `${csvField(s.epsilon)},${csvField(s.relativeEpsilon)},${csvField(s.topkLength)},${csvField(s.setPreserved)},` +
        `${csvField(s.orderPreserved)},${csvField(s.overlap)},${csvField(s.eligible)},${csvField(s.margin)},` +
        `${csvField(s.changed)},${csvField(s.boundarySwap)}\n`;
    }
    this.rows += steps.length;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  /** Writes the rest, fsyncs, and renames the temp file over `path`. */
  commit(): void {
    this.flush();
    if (this.fd === undefined) throw new Error("PerStepCsvWriter: already closed");
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.temp, this.path);
  }

  /** Drops the temp file; the previous `path` (if any) is untouched. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    const bytes = Buffer.from(this.buffer, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.buffer = "";
  }
}

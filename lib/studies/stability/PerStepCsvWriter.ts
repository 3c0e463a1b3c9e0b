/**
 * PerStepCsvWriter: streams `per_step.csv`, one row per compared step, so that no step outlives its
 * file pair. Rows are encoded straight into one reused 1 MB byte buffer (integers digit by digit,
 * other finite numbers through `writeNumberText`, as `csvField` would format them), which is written synchronously whenever it fills to an
 * `AtomicFile` (lib/io's one atomic primitive: a temp file beside the target): no queue, no per-pair
 * strings or buffers left for the garbage collector. `commit()` fsyncs and renames the temp file over
 * the target, `abort()` removes it, so a crash never leaves a half-written per_step.csv. Give it a
 * path, or a file opened in a study's `OutputFolder` (`output.open("per_step.csv")`).
 *
 * Columns: file, step, reference_id, check_id, agree, p_reference, p_check, epsilon,
 * relative_epsilon, topk_length, set_preserved, order_preserved, overlap, eligible, margin, changed,
 * boundary_swap. Fields after `p_check` are empty for steps whose chosen ids differ; margin, changed
 * and boundary_swap only for margin-eligible steps (boundary_swap only for changed ones). Fields are
 * formatted as `csvField` formats them (logitlab's one CSV dialect, lib/io/csvField.ts).
 *
 * @example
 * const path = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-steps-")}/per_step.csv`;
 * const writer = new PerStepCsvWriter(path); writer.commit();
 * (await import("node:fs")).readFileSync(path, "utf8").split(",").length
 * // => 17
 */
import { AtomicFile } from "../../io/AtomicFile.js";
import { csvField } from "../../io/csvField.js";
import { writeNumberText } from "../../io/numberText.js";
import type { StepComparison } from "./types.js";

const HEADER = [
  "file", "step", "reference_id", "check_id", "agree", "p_reference", "p_check", "epsilon", "relative_epsilon",
  "topk_length", "set_preserved", "order_preserved", "overlap", "eligible", "margin", "changed", "boundary_swap",
];
const BUFFER_BYTES = 1 << 20;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
export class PerStepCsvWriter {
  readonly path: string;
  /** Rows written so far (header excluded). */
  rows = 0;
  private readonly file: AtomicFile;
  private closed = false;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(target: string | AtomicFile) {
    this.file = typeof target === "string" ? new AtomicFile(target) : target;
    this.path = this.file.path;
    this.used = this.buffer.write(HEADER.join(",") + "\n", 0, "utf8");
  }

  /** Appends the rows of one file pair. */
  add(file: string, steps: StepComparison[]): void {
    const name = Buffer.from(csvField(file), "utf8");
    // A row is the name plus at most 16 fields of at most 24 characters each.
    const rowBytes = name.length + 16 * 25 + 1;
    if (rowBytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(2 * rowBytes);
    for (let i = 0; i < steps.length; i++) {
      if (this.used + rowBytes > this.buffer.length) this.flush();
      const s = steps[i];
      this.used += name.copy(this.buffer, this.used);
      this.integer(s.step);
      this.integer(s.referenceId);
      this.integer(s.checkId);
      this.flag(s.agree);
      this.number(s.referenceProb);
      this.number(s.checkProb);
      this.number(s.epsilon);
      this.number(s.relativeEpsilon);
      this.number(s.topkLength);
      this.flag(s.setPreserved);
      this.flag(s.orderPreserved);
      this.number(s.overlap);
      this.flag(s.eligible);
      this.number(s.margin);
      this.flag(s.changed);
      this.flag(s.boundarySwap);
      this.buffer[this.used++] = NEWLINE;
    }
    this.rows += steps.length;
  }

  /** Writes the rest, fsyncs, and renames the temp file over `path`. */
  commit(): void {
    if (this.closed) throw new Error("PerStepCsvWriter: already closed");
    this.flush();
    this.closed = true;
    this.file.commit();
  }

  /** Drops the temp file; the previous `path` (if any) is untouched. */
  abort(): void {
    this.closed = true;
    this.file.abort();
  }

  private flush(): void {
    if (this.closed) return;
    this.file.write(this.buffer, 0, this.used);
    this.used = 0;
  }

  /** `,` then a non-negative integer, digit by digit (no string). */
  private integer(value: number): void {
    const b = this.buffer;
    b[this.used++] = COMMA;
    if (value === 0) {
      b[this.used++] = 0x30;
      return;
    }
    let digits = 0;
    for (let v = value; v > 0; v = Math.floor(v / 10)) digits++;
    let end = this.used + digits;
    this.used = end;
    for (let v = value; v > 0; v = Math.floor(v / 10)) b[--end] = 0x30 + (v % 10);
  }

  /** `,` then 1, 0 or nothing for null. */
  private flag(value: boolean | null): void {
    this.buffer[this.used++] = COMMA;
    if (value !== null) this.buffer[this.used++] = value ? 0x31 : 0x30;
  }

  /** `,` then the number as csvField writes it (ASCII), or nothing for null. */
  private number(value: number | null): void {
    if (value !== null && value >= 0 && value <= 0x7fffffff && Number.isInteger(value)) return this.integer(value);
    this.buffer[this.used++] = COMMA;
    if (value === null) return;
    if (Number.isFinite(value)) {
      this.used = writeNumberText(value, this.buffer, this.used);
      return;
    }
    const text = csvField(value);
    for (let i = 0; i < text.length; i++) this.buffer[this.used++] = text.charCodeAt(i);
  }
}

/**
 * LogitlabError: the one error type for bad input.
 *
 * It carries where the problem is (file, field, position) so that a message reads
 * `stability: db_13/check_machine_a.json step 41: prob 1.5 is outside [0, 1]`, and the CLI
 * prints it as one line without a stack trace. `kind` says what failed: `"input"` (the default: a
 * usage error — a bad flag, option or setting; exit status 2), `"data"` (an input file that cannot
 * be read or used; exit status 1) or `"io"` (writing an output failed; exit status 1).
 *
 * @example
 * new LogitlabError("prob 1.5 is outside [0, 1]", { context: "stability", file: "a.json", position: "step 41" }).message
 * // => "stability: a.json step 41: prob 1.5 is outside [0, 1]"
 */
export class LogitlabError extends Error {
  readonly context?: string;
  readonly file?: string;
  readonly field?: string;
  readonly position?: string;
  readonly reason: string;
  readonly kind: "input" | "data" | "io";

  constructor(reason: string, where: { context?: string; file?: string; field?: string; position?: string; kind?: "input" | "data" | "io" } = {}) {
    super(formatLocation(where) + reason);
    this.name = "LogitlabError";
    this.reason = reason;
    this.context = where.context;
    this.file = where.file;
    this.field = where.field;
    this.position = where.position;
    this.kind = where.kind ?? "input";
  }
}

function formatLocation(where: { context?: string; file?: string; field?: string; position?: string }): string {
  const prefix = where.context ? `${where.context}: ` : "";
  const place = [where.file, where.position, where.field && `field "${where.field}"`].filter(Boolean).join(" ");
  return prefix + (place ? `${place}: ` : "");
}

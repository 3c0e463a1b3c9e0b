import { readRegularFile } from "../../util/readRegularFile.js";
import { LogitlabError } from "../../util/errors.js";

/** One sample of the reasoning-words study: a question, a worked answer, its difficulty and (optionally) whether it is right. */
export interface ReasoningSample {
  /** 0-based index among the file's valid rows. */
  index: number;
  /** 1-based line number in the file. */
  line: number;
  query: string;
  answer: string;
  /** Difficulty level, an integer 1–5 (as in the original's data). */
  level: number;
  /** The data's own correctness label, when it has one. */
  correct?: boolean;
  /** The true final answer ("68", "\\frac{3}{4}"), for `--judge`; when absent, the last \\boxed{} of a correct answer is used. */
  reference?: string;
}

/** What {@link readReasoningData} returns: the valid rows, and one LogitlabError per rejected line. */
export interface ReasoningData {
  file: string;
  samples: ReasoningSample[];
  rejected: LogitlabError[];
}

/** Largest data file read (bytes), longest line, longest text field (characters), most rows. */
export const REASONING_DATA_LIMITS = { fileBytes: 64 * 2 ** 20, lineBytes: 2 ** 20, fieldChars: 100_000, rows: 100_000 };

const KEYS = new Set(["query", "answer", "level", "correct", "reference"]);

/**
 * readReasoningData: the study's JSON Lines data — one object per line,
 * `{"query": string, "answer": string, "level": integer 1–5, "correct"?: boolean, "reference"?: string}`
 * (the true final answer, for `--judge`), other keys refused
 * (a misspelt "corect" would silently lose a label). Blank lines are skipped. A bad line (not JSON, not
 * an object, a missing or mistyped field, an empty or over-long text, an unknown key) is rejected with
 * one LogitlabError naming the file, the line and the field, and the other lines are still read.
 *
 * Bounds: a regular file only (`readRegularFile`), at most 64 MB, lines of at most 1 MB, texts of at
 * most 100,000 characters, at most 100,000 rows (later lines rejected). A file that cannot be read,
 * or with no valid row, throws LogitlabError (kind "data").
 *
 * Type: (path) → {@link ReasoningData}.
 *
 * @example
 * const file = `${(await import("node:fs")).mkdtempSync("/tmp/logitlab-rw-")}/d.jsonl`;
 * (await import("node:fs")).writeFileSync(file, '{"query":"1+1?","answer":"2","level":1}\n{"query":"x","level":9}\n');
 * const data = readReasoningData(file);
 * [data.samples.length, data.rejected[0].position, data.rejected[0].field]
 * // => [1, "line 2", "answer"]
 */
export function readReasoningData(path: string): ReasoningData {
  const context = "reasoning-words data";
  const bytes = readRegularFile(path, REASONING_DATA_LIMITS.fileBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new LogitlabError("is not valid UTF-8 text", { context, file: path, kind: "data" });
  }
  const samples: ReasoningSample[] = [];
  const rejected: LogitlabError[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return;
    const where = (field?: string) => ({ context, file: path, position: `line ${i + 1}`, field, kind: "data" as const });
    const reject = (reason: string, field?: string) => rejected.push(new LogitlabError(reason, where(field)));
    if (Buffer.byteLength(line, "utf8") > REASONING_DATA_LIMITS.lineBytes) return reject(`line is longer than ${REASONING_DATA_LIMITS.lineBytes} bytes`);
    if (samples.length >= REASONING_DATA_LIMITS.rows) return reject(`more than ${REASONING_DATA_LIMITS.rows} rows; later rows are not read`);
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      return reject(`not valid JSON (${(error as Error).message.split("\n")[0]})`);
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) return reject("is not a JSON object");
    const record = row as Record<string, unknown>;
    const unknown = Object.keys(record).find((key) => !KEYS.has(key));
    if (unknown !== undefined) return reject(`unknown key; the keys are query, answer, level, correct and reference`, unknown);
    for (const field of ["query", "answer"] as const) {
      const value = record[field];
      if (typeof value !== "string") return reject(value === undefined ? "is missing" : `must be a string, not ${JSON.stringify(value).slice(0, 40)}`, field);
      if (value.trim() === "") return reject("is empty", field);
      if (value.length > REASONING_DATA_LIMITS.fieldChars) return reject(`is longer than ${REASONING_DATA_LIMITS.fieldChars} characters`, field);
    }
    const level = record.level;
    if (!(typeof level === "number" && Number.isInteger(level) && level >= 1 && level <= 5)) {
      return reject(level === undefined ? "is missing" : `must be an integer 1–5, not ${JSON.stringify(level)}`, "level");
    }
    if (record.correct !== undefined && typeof record.correct !== "boolean") return reject(`must be true or false, not ${JSON.stringify(record.correct)}`, "correct");
    if (record.reference !== undefined && (typeof record.reference !== "string" || record.reference.trim() === "" || record.reference.length > 1000)) {
      return reject("must be a non-empty string of at most 1000 characters", "reference");
    }
    samples.push({
      index: samples.length, line: i + 1, query: record.query as string, answer: record.answer as string, level,
      ...(record.correct === undefined ? {} : { correct: record.correct as boolean }),
      ...(record.reference === undefined ? {} : { reference: record.reference as string }),
    });
  });
  if (samples.length === 0) {
    throw new LogitlabError(`has no valid row${rejected.length ? ` (${rejected.length} rejected; first: ${rejected[0].message})` : ""}`, { context, file: path, kind: "data" });
  }
  return { file: path, samples, rejected };
}

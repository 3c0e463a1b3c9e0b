/**
 * readEvaluationCsv: a previous run's evaluation_results.csv read back (for `--rerun-buggy`), every
 * field checked against the column's type — so a merge never builds on a damaged or foreign file:
 * integers (index, line, attempt ≥ 1, seed, token counts), booleans 1/0 (final, correct, buggy, …),
 * numbers (`nan`, `inf` as `csvField` writes them; empty for none where a number may be missing),
 * technique baseline/cot/cod. The header must hold every column of `EVALUATION_COLUMNS`. Each
 * (model, technique, index) must have exactly one final row and no attempt twice. A failure is one
 * LogitlabError naming the file, the line and the field.
 *
 * Type: (path) → EvaluationRow[] in file order.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-eval-");
 * (await import("node:fs")).writeFileSync(`${dir}/e.csv`, "model\n");
 * (() => { try { readEvaluationCsv(`${dir}/e.csv`); } catch (error) { return error.reason; } })()
 * // => "the header lacks the column(s) technique, index, line, attempt, final, seed, gold, answer, answer_text, correct, buggy, buggy_reason, robust_answer, robust_correct, robust_buggy, original_entropy, nucleus_entropy, full_entropy, cosine, nucleus_size, tokens, scored_tokens, prompt_tokens, stop_reason, truncated_steps, question, output; is this an evaluation_results.csv of logitlab prompting?"
 */
import { LogitlabError } from "../../util/errors.js";
import { readRegularFile } from "../../util/readRegularFile.js";
import { EVALUATION_COLUMNS, type EvaluationRow } from "./evaluationRow.js";
import { parseCsv } from "./parseCsv.js";
import type { PromptingTechnique } from "./types.js";

const MAX_BYTES = 512 * 1024 * 1024;
const INTEGERS = new Set(["index", "line", "attempt", "seed", "tokens", "scored_tokens", "prompt_tokens", "truncated_steps"]);
const BOOLEANS = new Set(["final", "correct", "buggy", "robust_correct", "robust_buggy"]);
const NUMBERS = new Set(["original_entropy", "nucleus_entropy", "full_entropy", "cosine", "nucleus_size"]);
const NULLABLE = new Set(["gold", "answer", "robust_answer"]);
const TECHNIQUES = ["baseline", "cot", "cod"];

export function readEvaluationCsv(path: string): EvaluationRow[] {
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    throw new LogitlabError(`previous results ${error.reason}`, { context: "prompting", file: path, kind: "data" });
  }
  const { header, rows } = parseCsv(text, path);
  const missing = EVALUATION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new LogitlabError(`the header lacks the column(s) ${missing.join(", ")}; is this an evaluation_results.csv of logitlab prompting?`, { context: "prompting", file: path, kind: "data" });
  }
  const at = new Map(header.map((name, k) => [name, k]));
  const finals = new Map<string, number>();
  const attempts = new Set<string>();
  const out = rows.map(({ line, fields }) => {
    const fail = (field: string, reason: string): never => {
      throw new LogitlabError(reason, { context: "prompting", file: path, position: `line ${line}`, field, kind: "data" });
    };
    const row: Record<string, unknown> = {};
    for (const column of EVALUATION_COLUMNS) {
      const text = fields[at.get(column) as number];
      if (INTEGERS.has(column)) {
        if (!/^(0|[1-9]\d{0,15})$/.test(text) || !Number.isSafeInteger(Number(text))) fail(column, `must be a non-negative integer, got ${JSON.stringify(text)}`);
        row[column] = Number(text);
      } else if (BOOLEANS.has(column)) {
        if (text !== "0" && text !== "1") fail(column, `must be 1 or 0, got ${JSON.stringify(text)}`);
        row[column] = text === "1";
      } else if (NUMBERS.has(column) || NULLABLE.has(column)) {
        if (text === "" && NULLABLE.has(column)) row[column] = null;
        else if (text === "nan") row[column] = NaN;
        else if (text === "inf" || text === "-inf") row[column] = text === "inf" ? Infinity : -Infinity;
        else if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) row[column] = Number(text);
        else fail(column, `must be a number, got ${JSON.stringify(text)}`);
      } else if (column === "technique") {
        if (!TECHNIQUES.includes(text)) fail(column, `must be baseline, cot or cod, got ${JSON.stringify(text)}`);
        row[column] = text;
      } else if (column === "answer_text") row[column] = text === "" ? null : text;
      else row[column] = text;
    }
    if ((row.attempt as number) < 1) fail("attempt", "must be ≥ 1");
    if (row.model === "") fail("model", "is empty");
    const key = `${row.model}\u0000${row.technique}\u0000${row.index}`;
    const attemptKey = `${key}\u0000${row.attempt}`;
    if (attempts.has(attemptKey)) fail("attempt", `attempt ${row.attempt} of ${row.model} ${row.technique} #${row.index} appears twice`);
    attempts.add(attemptKey);
    if (row.final) {
      if (finals.has(key)) fail("final", `${row.model} ${row.technique} #${row.index} has a final row already (line ${finals.get(key)})`);
      finals.set(key, line);
    }
    return row as unknown as EvaluationRow & { technique: PromptingTechnique };
  });
  for (const row of out) {
    const key = `${row.model}\u0000${row.technique}\u0000${row.index}`;
    if (!finals.has(key)) {
      throw new LogitlabError(`${row.model} ${row.technique} #${row.index} has no final row`, { context: "prompting", file: path, field: "final", kind: "data" });
    }
  }
  return out;
}

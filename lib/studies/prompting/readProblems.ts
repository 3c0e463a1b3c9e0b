/**
 * readProblems: GSM8K-style problems from a JSON Lines file in the Hugging Face layout
 * (`openai/gsm8k`, config "main": `test.jsonl` / `train.jsonl`, one {"question", "answer"} object a
 * line, the answer a worked solution ending in "#### n"). Parquet files of the same dataset are read
 * after converting them to JSON Lines (`python3 -c "import pandas as pd; pd.read_parquet('test-00000-of-00001.parquet').to_json('test.jsonl', orient='records', lines=True)"`).
 *
 * A line that is not such an object (invalid JSON, a key given twice, not an object, "question" or
 * "answer" missing, not a string, or empty) is skipped with one warning line naming the file, the line
 * and the field; the other lines are read. Blank lines are skipped; other keys are ignored. A gold
 * answer without "####" is kept: it is one of the original's "buggy" samples, not a bad line. A UTF-8
 * byte order mark is skipped. Only a regular file of at most 256 MiB is read. `limit` keeps the first
 * that many problems (the original's sample size option).
 *
 * Type: (path, { limit? }) → { problems: {index, line, question, answer}[], warnings: string[] }.
 *
 * @example
 * const { problems, warnings } = readProblems("data/prompts/prompting/mini-test.jsonl", { limit: 2 });
 * [problems.length, problems[1].index, problems[1].line, warnings.length]
 * // => [2, 1, 2, 0]
 */
import { duplicateJsonKey } from "../../util/duplicateJsonKey.js";
import { LogitlabError } from "../../util/errors.js";
import { escapeControl } from "../../util/escapeControl.js";
import { readRegularFile } from "../../util/readRegularFile.js";

export interface Problem {
  /** 0-based position among the problems read (the pairing key across techniques). */
  index: number;
  /** 1-based line of the file. */
  line: number;
  question: string;
  /** Gold worked answer ("… #### n"). */
  answer: string;
}

const MAX_BYTES = 256 * 1024 * 1024;
const CONTEXT = "prompting";

export function readProblems(path: string, options: { limit?: number } = {}): { problems: Problem[]; warnings: string[] } {
  const limit = options.limit ?? Infinity;
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    throw new LogitlabError(`problems file ${error.reason}`, { context: CONTEXT, file: path, kind: "data" });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && problems.length < limit; i++) {
    const raw = lines[i].replace(/\r$/, "");
    if (raw.trim() === "") continue;
    const where = { context: CONTEXT, file: path, position: `line ${i + 1}` };
    const skip = (reason: string, field?: string): void => {
      warnings.push(new LogitlabError(`${reason}; line skipped`, { ...where, field }).message);
    };
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      skip(`not valid JSON (${escapeControl((error as Error).message)})`);
      continue;
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      skip('must be a JSON object {"question", "answer"}');
      continue;
    }
    const duplicate = duplicateJsonKey(raw);
    if (duplicate) {
      skip(`key ${JSON.stringify(duplicate.key)} appears twice (column ${duplicate.column})`);
      continue;
    }
    const record = row as Record<string, unknown>;
    const bad = (["question", "answer"] as const).find((key) => typeof record[key] !== "string" || (record[key] as string).trim() === "");
    if (bad) {
      const value = record[bad];
      skip(value === undefined ? "is missing" : typeof value === "string" ? "is empty" : `must be a string, got ${value === null ? "null" : typeof value}`, bad);
      continue;
    }
    problems.push({ index: problems.length, line: i + 1, question: record.question as string, answer: record.answer as string });
  }
  if (problems.length === 0) {
    throw new LogitlabError(`no problem could be read (${warnings.length} bad line(s))${warnings.length ? `; first: ${warnings[0]}` : ""}`, { context: CONTEXT, file: path, kind: "data" });
  }
  return { problems, warnings };
}

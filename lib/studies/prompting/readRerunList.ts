/**
 * readRerunList: which samples `--rerun-buggy` regenerates — the (model, technique, index) triples of
 * a buggy_prompts_to_rerun.csv (a previous run's, or a copy the user trimmed), each checked against
 * the previous run's evaluation rows: it must name a final row there (same model, technique and
 * index) with the same attempt number, and appear once. Other columns are ignored. A failure is one
 * LogitlabError naming the file, the line and the field; an empty list (header only) is valid and
 * reruns nothing.
 *
 * Type: (path, previous EvaluationRow[]) → { model, technique, index, attempt }[] in file order.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-rerun-");
 * (await import("node:fs")).writeFileSync(`${dir}/b.csv`, "model,technique,index,attempt\nm,cot,3,1\n");
 * readRerunList(`${dir}/b.csv`, [{ model: "m", technique: "cot", index: 3, attempt: 1, final: true }])
 * // => [{ "model": "m", "technique": "cot", "index": 3, "attempt": 1 }]
 */
import { LogitlabError } from "../../util/errors.js";
import { readRegularFile } from "../../util/readRegularFile.js";
import type { EvaluationRow } from "./evaluationRow.js";
import { parseCsv } from "./parseCsv.js";
import type { PromptingTechnique } from "./types.js";

export interface RerunKey {
  model: string;
  technique: PromptingTechnique;
  index: number;
  /** The attempt the list saw (the final one in the previous results). */
  attempt: number;
}

export function readRerunList(path: string, previous: readonly Pick<EvaluationRow, "model" | "technique" | "index" | "attempt" | "final">[]): RerunKey[] {
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, 64 * 1024 * 1024)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    throw new LogitlabError(`rerun list ${error.reason}`, { context: "prompting", file: path, kind: "data" });
  }
  const { header, rows } = parseCsv(text, path);
  const required = ["model", "technique", "index", "attempt"];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new LogitlabError(`the header lacks the column(s) ${missing.join(", ")}`, { context: "prompting", file: path, kind: "data" });
  const col = (name: string) => header.indexOf(name);
  const finals = new Map(previous.filter((r) => r.final).map((r) => [`${r.model}\u0000${r.technique}\u0000${r.index}`, r]));
  const seen = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    const fail = (field: string, reason: string): never => {
      throw new LogitlabError(reason, { context: "prompting", file: path, position: `line ${line}`, field, kind: "data" });
    };
    const model = fields[col("model")];
    const technique = fields[col("technique")];
    const indexText = fields[col("index")];
    const attemptText = fields[col("attempt")];
    if (!["baseline", "cot", "cod"].includes(technique)) fail("technique", `must be baseline, cot or cod, got ${JSON.stringify(technique)}`);
    if (!/^(0|[1-9]\d{0,15})$/.test(indexText)) fail("index", `must be a non-negative integer, got ${JSON.stringify(indexText)}`);
    if (!/^[1-9]\d{0,15}$/.test(attemptText)) fail("attempt", `must be an integer ≥ 1, got ${JSON.stringify(attemptText)}`);
    const index = Number(indexText);
    const attempt = Number(attemptText);
    const key = `${model}\u0000${technique}\u0000${index}`;
    if (seen.has(key)) fail("index", `${model} ${technique} #${index} is listed twice (line ${seen.get(key)})`);
    seen.set(key, line);
    const final = finals.get(key);
    if (!final) fail("index", `${model} ${technique} #${index} is not in the previous evaluation_results.csv`);
    if (final!.attempt !== attempt) fail("attempt", `${model} ${technique} #${index} is at attempt ${final!.attempt} in the previous results, the list says ${attempt}; list and results are from different runs`);
    return { model, technique: technique as PromptingTechnique, index, attempt };
  });
}

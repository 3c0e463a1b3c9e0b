/**
 * readPromptsFile: the prompting study's prompts file (`--prompts FILE`): the few-shot exemplars and
 * each technique's instruction, exactly as the user wrote them. Format (JSON, UTF-8, ≤ 1 MiB):
 *
 *     {
 *       "format": "logitlab-prompting/1",                     required, this exact text
 *       "description": "…",                                   optional
 *       "exemplars": [{"question": "…", "answer": "… #### 72"}, …],   at least 1
 *       "techniques": {"baseline": "…", "cot": "…", "cod": "…"}       all three, non-empty
 *     }
 *
 * Every exemplar's answer must end in "#### n" with a number n (read as `parseGold` reads gold
 * answers): a worked exemplar without it would teach the model the wrong form. Strings are kept as
 * they are (no trimming). Rejected, each as one LogitlabError line naming the file and the field
 * (`exemplars[2].answer`): a non-regular or larger file, invalid JSON, a key given twice, an unknown
 * key, a missing or non-string field, an empty string, no exemplars, an answer without "#### n".
 * The bundled files are written by scripts/make-prompting-data.ts.
 *
 * Type: (path) → PromptsFile.
 *
 * @example
 * const p = readPromptsFile("data/prompts/prompting/techniques.json");
 * [p.exemplars.length, Object.keys(p.techniques)]
 * // => [8, ["baseline", "cot", "cod"]]
 */
import { duplicateJsonKey } from "../../util/duplicateJsonKey.js";
import { LogitlabError } from "../../util/errors.js";
import { escapeControl } from "../../util/escapeControl.js";
import { readRegularFile } from "../../util/readRegularFile.js";
import { parseGold } from "./parseGold.js";
import type { PromptingTechnique } from "./types.js";

/** One worked exemplar: the question and its worked answer ending in "#### n". */
export interface Exemplar {
  question: string;
  answer: string;
}

export interface PromptsFile {
  path: string;
  description: string;
  exemplars: Exemplar[];
  /** The instruction of each technique. */
  techniques: Record<PromptingTechnique, string>;
}

/** The format tag a prompts file must carry. */
export const PROMPTS_FORMAT = "logitlab-prompting/1";
const MAX_BYTES = 1 << 20;
const CONTEXT = "prompting";

export function readPromptsFile(path: string): PromptsFile {
  const fail = (reason: string, field?: string): never => {
    throw new LogitlabError(reason, { context: CONTEXT, file: path, field, kind: "data" });
  };
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    return fail(`prompts file ${error.reason}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`prompts file is not valid JSON (${escapeControl((error as Error).message)})`);
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate) fail(`key ${JSON.stringify(duplicate.key)} appears twice (line ${duplicate.line}, column ${duplicate.column}); keep one`);
  const object = (value: unknown, field?: string): Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : fail("must be a JSON object", field);
  const known = (value: Record<string, unknown>, keys: readonly string[], where: string): void => {
    for (const key of Object.keys(value)) if (!keys.includes(key)) fail(`unknown key; use ${keys.join(", ")}`, where ? `${where}.${key}` : key);
  };
  const string = (value: unknown, field: string): string => {
    if (typeof value !== "string") fail(value === undefined ? "is missing" : `must be a string, got ${value === null ? "null" : typeof value}`, field);
    if ((value as string).trim() === "") fail("is empty", field);
    return value as string;
  };
  const root = object(json);
  known(root, ["format", "description", "exemplars", "techniques"], "");
  if (root.format !== PROMPTS_FORMAT) fail(`must be "${PROMPTS_FORMAT}", got ${JSON.stringify(root.format) ?? "nothing"}`, "format");
  const description = root.description === undefined ? "" : typeof root.description === "string" ? root.description : fail("must be a string", "description");
  if (!Array.isArray(root.exemplars)) fail(root.exemplars === undefined ? "is missing" : "must be a list of {question, answer}", "exemplars");
  const list = root.exemplars as unknown[];
  if (list.length === 0) fail("needs at least one exemplar", "exemplars");
  const exemplars = list.map((item, i) => {
    const where = `exemplars[${i}]`;
    const e = object(item, where);
    known(e, ["question", "answer"], where);
    const question = string(e.question, `${where}.question`);
    const answer = string(e.answer, `${where}.answer`);
    const gold = parseGold(answer);
    if (gold.buggy || !/####[^#]*$/.test(answer)) fail('must end in "#### n" with a number n (a worked answer as GSM8K writes it)', `${where}.answer`);
    return { question, answer };
  });
  const t = object(root.techniques, "techniques");
  known(t, ["baseline", "cot", "cod"], "techniques");
  const techniques = { baseline: string(t.baseline, "techniques.baseline"), cot: string(t.cot, "techniques.cot"), cod: string(t.cod, "techniques.cod") };
  return { path, description, exemplars, techniques };
}

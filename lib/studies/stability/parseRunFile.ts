/**
 * parseRunFile: validate one run file of the stability study and return its steps with sorted top-K lists.
 *
 * Format: `{"execution_data": [step, …]}` for a reference file, `{"check_data": [step, …]}` for a check
 * file, where a step is `{"id": int, "prob": number, "top_k": [{"id": int, "prob": number}, …]}`.
 * Rules: ids are non-negative integers; a probability is a number p with 0 ≤ p ≤ 1 + 1e-6 (the slack
 * absorbs rounding, it is not clamped); `top_k` is a non-empty list without repeated ids. Each `top_k`
 * is sorted by probability descending, ties by id ascending (`sortTopK`: O(n log n) for long lists). Files written by Python's `json.dump` may hold bare `NaN`/`Infinity`; they
 * are read so that the reason names the step ("prob is NaN") instead of a JSON syntax error.
 * A leading UTF-8 byte order mark is skipped; a key repeated within one object makes the file
 * invalid ("ambiguous": JSON.parse would keep the last silently).
 * Given bytes, well-formed files take `fastParseRunFile` (no object tree; same result), and anything
 * it declines takes the general path here, JSON.parse plus the checks, which words the reason.
 *
 * Type: (text or UTF-8 bytes, role, file) → RunStep[]; throws LogitlabError whose `position` is
 * "step <i>" (0-based).
 *
 * @example
 * parseRunFile('{"execution_data": [{"id": 7, "prob": 0.5, "top_k": [{"id": 3, "prob": 0.2}, {"id": 7, "prob": 0.5}]}]}', "reference", "a.json").map((s) => Array.from(s.topIds))
 * // => [[7, 3]]
 */
import { duplicateJsonKey } from "../../util/duplicateJsonKey.js";
import { LogitlabError } from "../../util/errors.js";
import { escapeControl } from "../../util/escapeControl.js";
import { fastParseRunFile } from "./fastParseRunFile.js";
import { repeatedTopKId } from "./repeatedTopKId.js";
import { runStep } from "./runStep.js";
import { sortTopK } from "./sortTopK.js";
import type { RunRole, RunStep } from "./types.js";

/** Probabilities may exceed 1 by this much (float rounding) before a file is invalid. */
const PROB_SLACK = 1e-6;

/** Largest file the general path (one string + JSON.parse) takes: V8's string limit, 2^29 − 24. */
const GENERAL_MAX_BYTES = (1 << 29) - 24;

const KEYS: Record<RunRole, "execution_data" | "check_data"> = { reference: "execution_data", check: "check_data" };

export function parseRunFile(content: string | Uint8Array, role: RunRole, file: string): RunStep[] {
  const key = KEYS[role];
  if (typeof content !== "string") {
    // A UTF-8 byte order mark (EF BB BF, some Windows editors write one) is accepted and skipped.
    if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) content = content.subarray(3);
    const fast = fastParseRunFile(content, key);
    if (fast) return fast;
  }
  const fail = (reason: string, position?: string): never => {
    throw new LogitlabError(reason, { context: "stability", file, position });
  };
  // The general path needs the whole file as one string; V8 strings end at 2^29 − 24 characters.
  // Say so instead of letting "Cannot create a string longer than 0x1fffffe8 characters" end the run.
  if (typeof content !== "string" && content.length > GENERAL_MAX_BYTES) {
    fail(`is ${content.length} bytes and not in the plain form the streaming reader takes (no escapes, no repeated keys, valid values); the general reader, which would say why, reads at most ${GENERAL_MAX_BYTES} bytes`);
  }
  let text = typeof content === "string" ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const root = parseJson(text, fail);
  if (root === null || typeof root !== "object" || Array.isArray(root)) fail("the top level is not a JSON object");
  const data = (root as Record<string, unknown>)[key];
  if (data === undefined) {
    const other = KEYS[role === "reference" ? "check" : "reference"];
    const hint = other in (root as object) ? ` (it has "${other}": is it in the wrong folder?)` : "";
    fail(`missing key "${key}"${hint}`);
  }
  if (!Array.isArray(data)) fail(`"${key}" is not a list`);
  const list = data as unknown[];
  if (list.length === 0) fail(`"${key}" has no steps`);

  const steps: RunStep[] = new Array(list.length);
  for (let t = 0; t < list.length; t++) {
    const raw = list[t];
    const where = `step ${t}`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail("not an object", where);
    const step = raw as Record<string, unknown>;
    const id = checkId(step.id, "id", where, fail);
    const prob = checkProb(step.prob, "prob", where, fail);
    const top = step.top_k;
    if (top === undefined) fail("top_k is missing", where);
    if (!Array.isArray(top)) fail(`top_k is not a list (got ${describe(top)})`, where);
    const entries = top as unknown[];
    if (entries.length === 0) fail("top_k is empty", where);
    const topIds = new Int32Array(entries.length);
    const topProbs = new Float64Array(entries.length);
    for (let j = 0; j < entries.length; j++) {
      const entry = entries[j];
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) fail(`top_k[${j}] is not an object`, where);
      const e = entry as Record<string, unknown>;
      topIds[j] = checkId(e.id, `top_k[${j}].id`, where, fail);
      topProbs[j] = checkProb(e.prob, `top_k[${j}].prob`, where, fail);
    }
    sortTopK(topIds, topProbs);
    // After sorting, a repeated id sits next to its twin only when the probabilities tie; check all.
    const repeated = repeatedTopKId(topIds);
    if (repeated !== undefined) fail(`top_k repeats id ${repeated}`, where);
    steps[t] = runStep(id, prob, topIds, topProbs);
  }
  return steps;
}

function parseJson(text: string, fail: (reason: string) => never): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) return fail(`cannot be parsed (${escapeControl(String((error as Error).message))})`); // e.g. out of memory
    const message = (error as Error).message;
    // Python's json.dump writes NaN / Infinity bare; read them as markers so the step is named.
    if (/\b(NaN|Infinity)\b/.test(text)) {
      const marked = text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"');
      try {
        value = JSON.parse(marked);
      } catch {
        // fall through to the original message
      }
    }
    if (value === undefined) return fail(`not valid JSON (${escapeControl(message)})`);
  }
  // JSON.parse keeps the last of two equal keys; which one the writer meant is unknown.
  const duplicate = duplicateJsonKey(text);
  if (duplicate) fail(`ambiguous: key ${JSON.stringify(duplicate.key)} appears twice in one object (line ${duplicate.line}, column ${duplicate.column})`);
  return value;
}

function checkId(value: unknown, field: string, where: string, fail: (reason: string, position?: string) => never): number {
  if (value === undefined) fail(`${field} is missing`, where);
  if (typeof value !== "number" || !Number.isInteger(value)) fail(`${field} must be an integer, got ${describe(value)}`, where);
  const id = value as number;
  if (id < 0 || id > 0x7fffffff) fail(`${field} ${id} is not a token id (0 … 2^31−1)`, where);
  return id;
}

function checkProb(value: unknown, field: string, where: string, fail: (reason: string, position?: string) => never): number {
  if (value === undefined) fail(`${field} is missing`, where);
  if (value === "NaN") fail(`${field} is NaN`, where);
  if (value === "Infinity" || value === "-Infinity") fail(`${field} is ${value}, not a probability`, where);
  if (typeof value !== "number") fail(`${field} must be a number, got ${describe(value)}`, where);
  const p = value as number;
  if (p < 0) fail(`${field} ${p} is negative`, where);
  if (p > 1 + PROB_SLACK) fail(`${field} ${p} is above 1 (allowed up to 1 + 1e-6)`, where);
  return p;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 20 ? value.slice(0, 20) + "…" : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

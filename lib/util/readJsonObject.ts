/**
 * readJsonObject: read a JSON file that must hold one object — a checkpoint's `config.json`,
 * `generation_config.json`, `model.safetensors.index.json`, `tokenizer.json` — and turn every way it
 * can be wrong into one line naming the file: not a regular file or over `maxBytes`
 * (readRegularFile), not valid JSON, valid JSON that is not an object (`null`, `[]`, `3`), or, when
 * `duplicateKeys` is "reject" (the default), a key given twice in one object ("ambiguous"; JSON.parse
 * would silently keep the last). A UTF-8 byte order mark is accepted.
 *
 * Type: (path, { context, maxBytes, duplicateKeys? }) → Record<string, unknown>. Throws LogitlabError
 * (kind "data", file: path).
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-json-");
 * (await import("node:fs")).writeFileSync(dir + "/config.json", "null");
 * (() => { try { readJsonObject(dir + "/config.json", { context: "loadModel", maxBytes: 1024 }); } catch (error) { return error.reason; } })()
 * // => "holds null, not a JSON object"
 */
import { duplicateJsonKey } from "./duplicateJsonKey.js";
import { LogitlabError } from "./errors.js";
import { escapeControl } from "./escapeControl.js";
import { readRegularFile } from "./readRegularFile.js";

export function readJsonObject(path: string, options: { context: string; maxBytes: number; duplicateKeys?: "reject" | "allow" }): Record<string, unknown> {
  const { context } = options;
  const fail = (reason: string): never => {
    throw new LogitlabError(reason, { context, file: path, kind: "data" });
  };
  let text: string;
  try {
    text = Buffer.from(readRegularFile(path, options.maxBytes)).toString("utf8");
  } catch (error) {
    if (!(error instanceof LogitlabError)) throw error;
    return fail(error.reason);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${escapeControl((error as Error).message)})`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return fail(`holds ${json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`}, not a JSON object`);
  }
  if ((options.duplicateKeys ?? "reject") === "reject") {
    const duplicate = duplicateJsonKey(text);
    if (duplicate) {
      fail(`ambiguous: key ${JSON.stringify(escapeControl(duplicate.key))} appears twice (line ${duplicate.line}, column ${duplicate.column}); keep one`);
    }
  }
  return json as Record<string, unknown>;
}

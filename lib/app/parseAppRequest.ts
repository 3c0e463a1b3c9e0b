/**
 * parseAppRequest: the body of a `logitlab app` request (`POST /api/analyze`), checked — a JSON object
 * with exactly one of `text` (a string of 1 … maxChars characters, no NUL) or `ids` (token ids, 1 …
 * maxTokens integers in [0, vocabSize)), and nothing else. The app steps a generation by sending the
 * ids it showed plus the next one, so a step never re-tokenizes text.
 * Every failure is one LogitlabError line naming the field and, for an id, its position.
 *
 * Type: (body, { maxChars, maxTokens, vocabSize }) → { text } | { ids }.
 *
 * @example
 * const limits = { maxChars: 100, maxTokens: 64, vocabSize: 1024 };
 * [parseAppRequest('{"text":"And God"}', limits), parseAppRequest('{"ids":[1,2]}', limits)]
 * // => [{ "text": "And God" }, { "ids": [1, 2] }]
 */
import { duplicateJsonKey } from "../util/duplicateJsonKey.js";
import { LogitlabError } from "../util/errors.js";

const CONTEXT = "app request";

export function parseAppRequest(body: string, limits: { maxChars: number; maxTokens: number; vocabSize: number }): AppRequest {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new LogitlabError(`the body is not JSON (${(error as Error).message})`, { context: CONTEXT });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new LogitlabError("the body must be a JSON object", { context: CONTEXT });
  const repeated = duplicateJsonKey(body);
  if (repeated !== undefined) throw new LogitlabError(`key ${JSON.stringify(repeated.key.slice(0, 40))} is given twice`, { context: CONTEXT, position: `line ${repeated.line} column ${repeated.column}` });
  const keys = Object.keys(value);
  const unknown = keys.find((k) => k !== "text" && k !== "ids");
  if (unknown !== undefined) throw new LogitlabError(`unknown key ${JSON.stringify(unknown.slice(0, 40))}; give "text" or "ids"`, { context: CONTEXT });
  if (keys.length !== 1) throw new LogitlabError('give exactly one of "text" or "ids"', { context: CONTEXT });
  const object = value as Record<string, unknown>;
  if ("text" in object) {
    const text = object.text;
    if (typeof text !== "string") throw new LogitlabError("must be a string", { context: CONTEXT, field: "text" });
    if (text.trim() === "") throw new LogitlabError("the text is empty", { context: CONTEXT, field: "text" });
    if (text.length > limits.maxChars) throw new LogitlabError(`the text is ${text.length} characters; at most ${limits.maxChars} are accepted`, { context: CONTEXT, field: "text" });
    const nul = text.indexOf("\0");
    if (nul >= 0) throw new LogitlabError("the text holds a NUL character", { context: CONTEXT, field: "text", position: `character ${nul + 1}` });
    return { text };
  }
  const ids = object.ids;
  if (!Array.isArray(ids) || ids.length === 0) throw new LogitlabError("must be a non-empty array of token ids", { context: CONTEXT, field: "ids" });
  if (ids.length > limits.maxTokens) throw new LogitlabError(`${ids.length} ids; the model's context is ${limits.maxTokens}`, { context: CONTEXT, field: "ids" });
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= limits.vocabSize) {
      throw new LogitlabError(`${JSON.stringify(id)?.slice(0, 40)} is not a token id in [0, ${limits.vocabSize})`, { context: CONTEXT, field: "ids", position: `item ${i}` });
    }
  });
  return { ids: ids as number[] };
}

/** What {@link parseAppRequest} returns: the text to tokenize, or the ids to look into. */
export type AppRequest = { text: string } | { ids: number[] };

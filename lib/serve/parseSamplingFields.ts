/**
 * parseSamplingFields: the fields a completion and a chat request share, checked — `max_tokens` (a chat
 * may say `max_completion_tokens`; default 16, at most the context), `temperature` (default 1, ≥ 0),
 * `top_p` (default 1, in (0, 1]), `top_k` (vLLM's extension; −1 or 0: off), `seed` (an integer; default
 * a random one), `stop` (a string or up to 16), `n` (only 1), `stream` (only false) and penalties /
 * `logit_bias` (only their neutral values: logitlab samples the raw distribution). Each bad field is a
 * one-line LogitlabError naming it (the server answers 400 with `param` set to it).
 *
 * @example
 * const s = parseSamplingFields({ max_tokens: 4, temperature: 0, stop: "\n" }, 64);
 * [s.maxTokens, s.temperature, s.topK, s.stop]
 * // => [4, 0, 0, ["\n"]]
 */
import { LogitlabError } from "../util/errors.js";

export interface SamplingFields {
  maxTokens: number;
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
  stop: string[];
}

export function parseSamplingFields(body: Record<string, unknown>, contextLength: number): SamplingFields {
  const fail = (field: string, reason: string): never => {
    throw new LogitlabError(reason, { context: "request", field });
  };
  const number = (field: string, fallback: number, ok: (v: number) => boolean, what: string): number => {
    const value = body[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || !ok(value)) fail(field, `${JSON.stringify(value)?.slice(0, 40)} is not ${what}`);
    return value as number;
  };
  const maxField = body.max_tokens !== undefined && body.max_tokens !== null ? "max_tokens" : "max_completion_tokens";
  const maxTokens = number(maxField, 16, (v) => Number.isInteger(v) && v >= 0 && v <= contextLength, `an integer in 0..${contextLength} (the model's context)`);
  const temperature = number("temperature", 1, (v) => v >= 0 && v <= 100, "a temperature ≥ 0");
  const topP = number("top_p", 1, (v) => v > 0 && v <= 1, "in (0, 1]");
  const topK = Math.max(0, number("top_k", 0, (v) => Number.isInteger(v) && v >= -1, "an integer ≥ −1 (−1 or 0: off)"));
  const seed = number("seed", Math.floor(Math.random() * 2 ** 31), (v) => Number.isSafeInteger(v), "an integer");
  number("n", 1, (v) => v === 1, "1 (one choice per prompt is supported)");
  for (const field of ["presence_penalty", "frequency_penalty"]) number(field, 0, (v) => v === 0, "0 (penalties are not supported: logitlab samples the raw distribution)");
  number("repetition_penalty", 1, (v) => v === 1, "1 (penalties are not supported)");
  if (body.logit_bias !== undefined && body.logit_bias !== null && !(typeof body.logit_bias === "object" && Object.keys(body.logit_bias).length === 0)) fail("logit_bias", "is not supported");
  if (body.stream !== undefined && body.stream !== null && body.stream !== false) fail("stream", "streaming is not supported; send stream: false");
  const stopValue = body.stop ?? [];
  const stop = typeof stopValue === "string" ? [stopValue] : stopValue;
  if (!Array.isArray(stop) || stop.length > 16 || !stop.every((s) => typeof s === "string" && s.length > 0 && s.length <= 1000)) fail("stop", "is not a string or a list of at most 16 non-empty strings");
  return { maxTokens, temperature, topP, topK, seed, stop: stop as string[] };
}

/**
 * responseError: the one-line {@link LogitlabError} (kind "data") for a server response logitlab cannot
 * use: it names the endpoint (URL without credentials), the JSON field and what is wrong.
 *
 * @example
 * responseError("http://127.0.0.1:8000/v1/completions", "choices[0].logprobs.tokens", "is not a list").message
 * // => "openai: http://127.0.0.1:8000/v1/completions field \"choices[0].logprobs.tokens\": is not a list"
 */
import { LogitlabError } from "../../util/errors.js";

export function responseError(endpoint: string, field: string, reason: string): LogitlabError {
  return new LogitlabError(reason, { context: "openai", file: endpoint, field, kind: "data" });
}

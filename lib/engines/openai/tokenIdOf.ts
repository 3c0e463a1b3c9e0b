/**
 * tokenIdOf: the token id an OpenAI-compatible server names in a logprobs entry — vLLM's exact
 * `"token_id:123"` form (sent when the request asks `return_tokens_as_token_ids: true`), else what
 * `lookup` gives for the token string (the engine passes its local tokenizer's vocabulary and, for a
 * decoded text, a single-token encoding); undefined when neither knows it.
 *
 * @example
 * [tokenIdOf("token_id:464"), tokenIdOf("Ġthe", (s) => (s === "Ġthe" ? 262 : undefined)), tokenIdOf("token_id:1x") ?? -1]
 * // => [464, 262, -1]
 */
export function tokenIdOf(token: string, lookup?: (token: string) => number | undefined): number | undefined {
  const exact = /^token_id:(\d{1,15})$/.exec(token);
  if (exact) return Number(exact[1]);
  if (token.startsWith("token_id:")) return undefined;
  return lookup?.(token);
}

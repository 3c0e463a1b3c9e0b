/**
 * chatBody: the `/v1/chat/completions` answer of `logitlab serve` for a checked request
 * (`parseChatRequest`): the messages become one prompt (`chatPrompt`: the model's chat template when it
 * has one, else the contents one per line), encoded with the model's tokenizer (special tokens added
 * only without a template, whose text carries its own), then generated with `engineGenerate` as in
 * `completionBody`. With `logprobs: true` every generated token gets `{token, logprob, bytes,
 * top_logprobs: [{token, logprob, bytes}, …]}` (`top_logprobs` most likely first, under the raw
 * distribution; tokens as decoded text, or `"token_id:123"` with `return_tokens_as_token_ids`).
 *
 * @example
 * const engine = await openEngine("data/models/tiny-gpt2-small");
 * const request = parseChatRequest({ messages: [{ role: "user", content: "And God said" }], max_tokens: 2, temperature: 0, logprobs: true, top_logprobs: 2 }, { contextLength: 64, vocabSize: 1024, maxLogprobs: 20 });
 * const body = await chatBody(engine, request, "tiny");
 * await engine.dispose();
 * [body.object, body.choices[0].logprobs.content.length, body.choices[0].logprobs.content[0].top_logprobs.length]
 * // => ["chat.completion", 2, 2]
 */
import { randomUUID } from "node:crypto";
import type { Engine } from "../engines/Engine.js";
import { engineGenerate } from "../engines/engineGenerate.js";
import { generateOptionsOf } from "./generateOptionsOf.js";
import { LogitlabError } from "../util/errors.js";
import { chatPrompt } from "./chatPrompt.js";
import type { ChatRequest } from "./parseChatRequest.js";
import { recordingEngine } from "./recordingEngine.js";
import { rowLogprobs } from "./rowLogprobs.js";

const finite = (x: number | undefined): number | null => (x === undefined ? null : Number.isFinite(x) ? x : -9999);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function chatBody(engine: Engine, request: ChatRequest, modelId: string, template?: { template: string; bosToken?: string; eosToken?: string }): Promise<any> {
  const { tokenizer, info } = engine;
  if (!tokenizer.hasText) throw new LogitlabError("the served model has no tokenizer, so chat messages cannot be encoded; use /v1/completions with token ids", { context: "request", field: "messages" });
  const text = chatPrompt(request.messages, template ?? {});
  const ids = tokenizer.encode(text, { addSpecialTokens: template === undefined });
  if (ids.length === 0) throw new LogitlabError("the messages encode to no tokens", { context: "request", field: "messages" });
  if (ids.length > info.contextLength) throw new LogitlabError(`the messages are ${ids.length} tokens; the model's context is ${info.contextLength}`, { context: "request", field: "messages" });
  const recorded = recordingEngine(engine);
  const result = request.maxTokens === 0 ? undefined : await engineGenerate(recorded.engine, ids, generateOptionsOf(request));
  const genIds = result?.ids ?? [];
  let content = genIds.length > 0 ? tokenizer.decode(genIds, { skipSpecialTokens: true }) : "";
  for (const stop of request.stop) {
    const at = content.indexOf(stop);
    if (at >= 0) content = content.slice(0, at);
  }
  const name = (id: number): string => (request.tokenIds ? `token_id:${id}` : tokenizer.decode([id]));
  const bytes = (id: number): number[] => [...Buffer.from(tokenizer.decode([id]), "utf8")];
  const logprobs = !request.logprobs
    ? null
    : {
        content: genIds.map((id, k) => {
          const lp = rowLogprobs(recorded.rows[k]);
          return {
            token: name(id),
            logprob: finite(lp.logProb(id)),
            bytes: bytes(id),
            top_logprobs: lp.top(request.topLogprobs).map((e) => ({ token: name(e.id), logprob: finite(e.logProb), bytes: bytes(e.id) })),
          };
        }),
        refusal: null,
      };
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: modelId,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs, finish_reason: result && (result.stopReason === "eos" || result.stopReason === "stop") ? "stop" : "length" }],
    usage: { prompt_tokens: ids.length, completion_tokens: genIds.length, total_tokens: ids.length + genIds.length },
  };
}

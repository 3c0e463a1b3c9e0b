/**
 * completionBody: the `/v1/completions` answer of `logitlab serve` for a checked request
 * (`parseCompletionRequest`), in the shape vLLM returns:
 *   - text prompts are encoded with the model's tokenizer (special tokens added, as vLLM does);
 *     token-id prompts are used as they are;
 *   - generation: `engineGenerate` (logitlab's seeded sampler; temperature, top_p, top_k, seed, stop)
 *     on the engine's raw rows; `finish_reason` "stop" at an eos id or a stop string (the text is cut
 *     before it), else "length";
 *   - `logprobs: N`: per token `tokens` (the decoded text, or `"token_id:123"` with
 *     `return_tokens_as_token_ids`), `token_logprobs`, `top_logprobs` (the top N plus the token itself
 *     when outside them, as vLLM lists it; under the raw distribution at temperature 1) and
 *     `text_offset` (where each token's decoded text starts); with `echo` the prompt's tokens come
 *     first (the first with null entries);
 *   - `prompt_logprobs: N` (vLLM): `[null, {"id": {logprob, rank, decoded_token}}, …]` — the top N at
 *     every prompt position after the first, plus the prompt token with its rank.
 * Prompt rows come from one `score` pass; its last row is reused as the first generated token's
 * row (`recordingEngine`), so `max_tokens: 1` with prompt logprobs runs the model once. A
 * log-probability of −∞ is written as −9999 (JSON has no infinity; vLLM does the same).
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const body = await completionBody(engine, parseCompletionRequest({ prompt: [1, 2], max_tokens: 2, temperature: 0, logprobs: 3, return_tokens_as_token_ids: true }, { contextLength: 64, vocabSize: 64, maxLogprobs: 20 }), "gpt2");
 * await engine.dispose();
 * [body.choices[0].logprobs.tokens.length, Object.keys(body.choices[0].logprobs.top_logprobs[0]).length >= 3, body.usage.total_tokens]
 * // => [2, true, 4]
 */
import { randomUUID } from "node:crypto";
import type { Engine, EngineRow } from "../engines/Engine.js";
import { engineGenerate } from "../engines/engineGenerate.js";
import { generateOptionsOf } from "./generateOptionsOf.js";
import { LogitlabError } from "../util/errors.js";
import type { CompletionRequest } from "./parseCompletionRequest.js";
import { recordingEngine } from "./recordingEngine.js";
import { rowLogprobs } from "./rowLogprobs.js";

const finite = (x: number | undefined): number | null => (x === undefined ? null : Number.isFinite(x) ? x : -9999);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function completionBody(engine: Engine, request: CompletionRequest, modelId: string): Promise<any> {
  const { tokenizer, info } = engine;
  const name = (id: number): string => (request.tokenIds || !tokenizer.hasText ? `token_id:${id}` : tokenizer.decode([id]));
  const text = (ids: number[]): string => (tokenizer.hasText ? tokenizer.decode(ids) : "");
  let promptTokens = 0;
  let completionTokens = 0;
  const choices = [];
  for (const [index, prompt] of request.prompts.entries()) {
    const ids = typeof prompt === "string" ? tokenizer.encode(prompt, { addSpecialTokens: true }) : prompt;
    if (ids.length === 0) throw new LogitlabError("encodes to no tokens", { context: "request", field: `prompt[${index}]` });
    if (ids.length > info.contextLength) throw new LogitlabError(`has ${ids.length} tokens; the model's context is ${info.contextLength}`, { context: "request", field: `prompt[${index}]` });
    const T = ids.length;
    const promptRows: EngineRow[] = [];
    if (request.promptLogprobs !== null || (request.echo && request.logprobs !== null)) {
      for await (const row of engine.score(ids, { from: 1 })) promptRows.push(row);
    }
    let genIds: number[] = [];
    let genRows: EngineRow[] = [];
    let finish = "length";
    let genText = "";
    if (request.maxTokens > 0) {
      const recorded = recordingEngine(engine, promptRows.length === T ? { ids, row: promptRows[T - 1] } : undefined);
      const result = await engineGenerate(recorded.engine, ids, generateOptionsOf(request));
      genIds = result.ids;
      genRows = recorded.rows.slice(0, genIds.length);
      finish = result.stopReason === "eos" || result.stopReason === "stop" ? "stop" : "length";
      genText = text(genIds);
      for (const stop of request.stop) {
        const at = genText.indexOf(stop);
        if (at >= 0) genText = genText.slice(0, at);
      }
    }
    const promptText = typeof prompt === "string" ? prompt : text(ids);
    let logprobs = null;
    if (request.logprobs !== null) {
      const n = request.logprobs;
      const positions: { id: number; row: EngineRow | undefined }[] = [
        ...(request.echo ? ids.map((id, t) => ({ id, row: t === 0 ? undefined : promptRows[t - 1] })) : []),
        ...genIds.map((id, k) => ({ id, row: genRows[k] })),
      ];
      let offset = request.echo ? 0 : promptText.length;
      const textOffset: number[] = [];
      const tokens = positions.map(({ id }) => {
        textOffset.push(offset);
        offset += tokenizer.hasText ? tokenizer.decode([id]).length : 0;
        return name(id);
      });
      logprobs = {
        tokens,
        token_logprobs: positions.map(({ id, row }) => (row ? finite(rowLogprobs(row).logProb(id)) : null)),
        top_logprobs: positions.map(({ id, row }) => {
          if (!row) return null;
          const lp = rowLogprobs(row);
          const top: Record<string, number | null> = {};
          for (const e of lp.top(n)) if (!(name(e.id) in top)) top[name(e.id)] = finite(e.logProb);
          if (!(name(id) in top) && lp.logProb(id) !== undefined) top[name(id)] = finite(lp.logProb(id));
          return top;
        }),
        text_offset: textOffset,
      };
    }
    let promptLogprobs;
    if (request.promptLogprobs !== null) {
      const n = request.promptLogprobs;
      promptLogprobs = ids.map((id, t) => {
        if (t === 0) return null;
        const lp = rowLogprobs(promptRows[t - 1]);
        const entries: Record<string, { logprob: number | null; rank: number | null; decoded_token: string }> = {};
        const add = (v: number) => (entries[String(v)] = { logprob: finite(lp.logProb(v)), rank: lp.rank(v) ?? null, decoded_token: name(v) });
        for (const e of lp.top(n)) add(e.id);
        if (!(String(id) in entries) && lp.logProb(id) !== undefined) add(id);
        return entries;
      });
    }
    promptTokens += T;
    completionTokens += genIds.length;
    choices.push({
      index,
      text: (request.echo ? promptText : "") + genText,
      logprobs,
      finish_reason: finish,
      stop_reason: null,
      ...(promptLogprobs ? { prompt_logprobs: promptLogprobs } : {}),
    });
  }
  return {
    id: `cmpl-${randomUUID()}`,
    object: "text_completion",
    created: Math.floor(Date.now() / 1000),
    model: modelId,
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/**
 * recordingEngine: `engine` seen through a wrapper that keeps every row its sessions return, so that
 * `engineGenerate` (logitlab's sampler, unchanged) can run on it and the server can still report each
 * generated token's top-N. With `prefill` (the prompt and the row after it, already computed by
 * `score` for prompt logprobs) the first `append` of exactly that prompt returns that row without
 * running the model again, and the real session starts only if a second token is asked for.
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const recorded = recordingEngine(engine);
 * await engineGenerate(recorded.engine, [1, 2], { maxNewTokens: 3, temperature: 0 });
 * await engine.dispose();
 * recorded.rows.length
 * // => 3
 */
import type { Engine, EngineRow, EngineSession } from "../engines/Engine.js";

export function recordingEngine(engine: Engine, prefill?: { ids: readonly number[]; row: EngineRow }): { engine: Engine; rows: EngineRow[] } {
  const rows: EngineRow[] = [];
  const wrapped: Engine = {
    info: engine.info,
    tokenizer: engine.tokenizer,
    score: (ids, options) => engine.score(ids, options),
    embeddingRows: (ids) => engine.embeddingRows(ids),
    dispose: () => engine.dispose(),
    async session(): Promise<EngineSession> {
      let inner: EngineSession | undefined;
      let pending: number[] = [];
      let length = 0;
      return {
        get length() {
          return length;
        },
        async append(ids) {
          let row: EngineRow;
          if (length === 0 && prefill && ids.length === prefill.ids.length && ids.every((id, i) => id === prefill.ids[i])) {
            pending = [...ids];
            row = prefill.row;
          } else {
            inner ??= await engine.session();
            row = await inner.append([...pending, ...ids]);
            pending = [];
          }
          length += ids.length;
          rows.push(row);
          return row;
        },
        async dispose() {
          await inner?.dispose();
        },
      };
    },
  };
  return { engine: wrapped, rows };
}

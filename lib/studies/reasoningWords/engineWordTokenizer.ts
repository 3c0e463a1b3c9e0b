import type { Engine } from "../../engines/Engine.js";
import { TfjsEngine } from "../../engines/tfjs/TfjsEngine.js";
import { LogitlabError } from "../../util/errors.js";
import type { WordTokenizer } from "./types.js";

/**
 * engineWordTokenizer: the tokenizer the word functions (`spellWords`, `tokenPieceTexts`) use for an
 * engine's model — the checkpoint's own tokenizer on the tfjs engine, else the engine's tokenizer with
 * its BOS and end-of-sequence ids as the special ids. Throws LogitlabError when the model has no
 * tokenizer (words cannot be spelt from ids alone).
 *
 * @example
 * const engine = await openEngine("data/models/tiny-llama-256");
 * const tokenizer = engineWordTokenizer(engine);
 * await engine.dispose();
 * tokenizer.decode(tokenizer.encode(" wait").ids)
 * // => " wait"
 */
export function engineWordTokenizer(engine: Engine): WordTokenizer {
  if (engine instanceof TfjsEngine && engine.model.tokenizer) return engine.model.tokenizer;
  const t = engine.tokenizer;
  if (!t.hasText) throw new LogitlabError("the model has no tokenizer; the word study needs one to spell its words", { context: "reasoning-words", file: engine.info.model });
  const specialIds = new Set<number>([...t.eosIds, ...(t.bosId === undefined ? [] : [t.bosId])]);
  return {
    encode: (text, options) => ({ ids: t.encode(text, options) }),
    decode: (ids) => t.decode(ids),
    idToToken: (id) => t.idToToken(id),
    specialIds,
  };
}

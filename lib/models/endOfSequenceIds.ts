/**
 * endOfSequenceIds: the token ids at which `generate` stops, chosen as Hugging Face does.
 *
 *   1. `generation_config.json`'s `eos_token_id` when the file gives the key (an int or a list of ints):
 *      exactly those ids — HF's `generate` reads `generation_config.eos_token_id` and nothing else
 *      (`GenerationMixin._prepare_special_tokens`); `null` there means "no end-of-sequence id";
 *   2. else `config.json`'s `eos_token_id` (HF builds the generation config from the model config when
 *      there is no generation_config.json: `GenerationConfig.from_model_config`);
 *   3. else the tokenizer's `eos_token` (tokenizer_config.json), when there is one.
 * The tokenizer's eos is never added to a set given by 1 or 2: Llama 3 instruct checkpoints, for
 * instance, list `[128001, 128008, 128009]` and their tokenizer's eos is one of those.
 *
 * Contract: a value that is not an integer in [0, vocabSize), a list of them, or null is a
 * LogitlabError naming the file, the field and the list position.
 *
 * @example
 * [...endOfSequenceIds({ generationConfig: { eos_token_id: [7, 9] }, config: { eos_token_id: 2 }, tokenizerEos: 2, vocabSize: 16 })]
 * // => [7, 9]
 */
import { LogitlabError } from "../util/errors.js";

/** Inputs of {@link endOfSequenceIds}: the parsed JSON files (as read) and the tokenizer's eos id. */
export interface EndOfSequenceSources {
  /** generation_config.json as read ({} when absent). */
  generationConfig: Record<string, unknown>;
  /** config.json as read. */
  config: Record<string, unknown>;
  /** The tokenizer's eos id (tokenizer_config.json's eos_token), if any. */
  tokenizerEos?: number;
  vocabSize: number;
  /** Folder the files came from, for error messages. */
  dir?: string;
}

export function endOfSequenceIds(sources: EndOfSequenceSources): Set<number> {
  const { generationConfig, config, vocabSize } = sources;
  const file = (name: string): string => (sources.dir ? `${sources.dir.replace(/\/$/, "")}/${name}` : name);
  const read = (value: unknown, name: string): Set<number> => {
    if (value === null) return new Set();
    const list = Array.isArray(value) ? value : [value];
    list.forEach((id, i) => {
      if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= vocabSize) {
        throw new LogitlabError(`${JSON.stringify(id)} is not a token id in [0, ${vocabSize})`, {
          context: "generate",
          file: file(name),
          field: "eos_token_id",
          ...(Array.isArray(value) ? { position: `item ${i}` } : {}),
        });
      }
    });
    return new Set(list as number[]);
  };
  if (generationConfig.eos_token_id !== undefined) return read(generationConfig.eos_token_id, "generation_config.json");
  if (config.eos_token_id !== undefined && config.eos_token_id !== null) return read(config.eos_token_id, "config.json");
  return new Set(sources.tokenizerEos === undefined ? [] : [sources.tokenizerEos]);
}

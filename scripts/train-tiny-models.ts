/**
 * Trains the bundled tiny models under data/models/ (seeded, deterministic on one backend):
 *
 *   1. corpus: data/corpus/kjv-selection.txt (King James Bible, public domain; see data/README.md)
 *      mixed with worked arithmetic solutions generated here (written to data/corpus/arithmetic.txt);
 *      documents are shuffled and the last 5% held out;
 *   2. a byte-level BPE tokenizer (GPT-2 pre-tokenisation regex, 1,023 tokens + <|endoftext|>),
 *      written as a Hugging Face tokenizer.json and loaded back through lib/models/tokenizer.ts;
 *   3. three models trained with Adam on next-token cross-entropy, using the runtime's own forward
 *      code (the family records' create: gpt2.ts / llama.ts) with tf.Variable weights: two GPT-2s of different size
 *      (tiny-gpt2-small, tiny-gpt2-large) and one Llama (tiny-llama: RMSNorm, RoPE, GQA, SwiGLU);
 *   4. each saved in Hugging Face format (config.json, model.safetensors with HF names and layouts,
 *      tokenizer.json, tokenizer_config.json, generation_config.json) plus training.json: training
 *      loss curve, held-out loss and perplexity, and the held-out perplexity of a unigram baseline
 *      (add-one smoothed token frequencies of the training split);
 *   5. each saved folder is loaded back with loadModel and its held-out loss recomputed as a check.
 *
 * Usage: node --import tsx scripts/train-tiny-models.ts [--only tiny-gpt2-small] [--steps N]
 * Takes a few minutes per model on two cores with the wasm backend.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ready, tf } from "../lib/backend/backend.js";
import { loadModel } from "../lib/models/load.js";
import { loadTokenizer } from "../lib/models/tokenizer.js";
import { registerGradients } from "../lib/models/registerGradients.js";
import { writeSafetensors, type TensorToWrite } from "../lib/models/writeSafetensors.js";
import { FAMILIES } from "../lib/models/families/families.js";
import type { Architecture, Family, ModelConfig, RunContext } from "../lib/models/types.js";
import { writeFileAtomicSync } from "../lib/io/atomicWrite.js";
import { seededRandom } from "../lib/util/seededRandom.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SEED = 20240611;
const VOCAB = 1024;
const CONTEXT = 64;
const BATCH = 16;
const HELD_OUT_FRACTION = 0.05;

/** The models: Hugging Face config.json contents and training settings. */
const MODELS = [
  {
    name: "tiny-gpt2-small",
    steps: 600,
    learningRate: 3e-3,
    config: { architectures: ["GPT2LMHeadModel"], model_type: "gpt2", n_embd: 32, n_layer: 2, n_head: 2, n_positions: CONTEXT, n_ctx: CONTEXT, vocab_size: VOCAB, layer_norm_epsilon: 1e-5, activation_function: "gelu_new", tie_word_embeddings: true, bos_token_id: VOCAB - 1, eos_token_id: VOCAB - 1 },
  },
  {
    name: "tiny-gpt2-large",
    steps: 600,
    learningRate: 3e-3,
    config: { architectures: ["GPT2LMHeadModel"], model_type: "gpt2", n_embd: 128, n_layer: 4, n_head: 4, n_positions: CONTEXT, n_ctx: CONTEXT, vocab_size: VOCAB, layer_norm_epsilon: 1e-5, activation_function: "gelu_new", tie_word_embeddings: true, bos_token_id: VOCAB - 1, eos_token_id: VOCAB - 1 },
  },
  {
    name: "tiny-llama",
    steps: 500,
    learningRate: 3e-3,
    config: { architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 96, num_hidden_layers: 3, num_attention_heads: 4, num_key_value_heads: 2, intermediate_size: 256, max_position_embeddings: CONTEXT, vocab_size: VOCAB, rms_norm_eps: 1e-5, hidden_act: "silu", rope_theta: 10000.0, tie_word_embeddings: false, attention_bias: false, bos_token_id: VOCAB - 1, eos_token_id: VOCAB - 1 },
  },
];

// ------------------------------------------------------------------ randomness ---------------------

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// ------------------------------------------------------------------ corpus -------------------------

/** Worked arithmetic solutions with "so" and "wait" (and the occasional corrected slip). */
function arithmeticDocuments(random: () => number, count: number): string[] {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = int(0, 3);
    const a = int(10, 99);
    const b = int(10, 99);
    if (kind === 0) {
      const ones = (a % 10) + (b % 10);
      const carry = ones >= 10 ? 1 : 0;
      const tens = Math.floor(a / 10) + Math.floor(b / 10) + carry;
      const slip = random() < 0.25;
      docs.push(
        `Question: What is ${a} + ${b}?\nAnswer: First add the ones: ${a % 10} + ${b % 10} = ${ones}` +
          (carry ? `, so write ${ones % 10} and carry 1.` : ".") +
          (slip ? ` Then ${Math.floor(a / 10)} + ${Math.floor(b / 10)} = ${tens - carry}. Wait, I forgot the carry, so it is ${tens}.` : ` Then the tens: ${Math.floor(a / 10)} + ${Math.floor(b / 10)}${carry ? " + 1" : ""} = ${tens}.`) +
          ` So the answer is ${a + b}.`,
      );
    } else if (kind === 1) {
      const [x, y] = a >= b ? [a, b] : [b, a];
      docs.push(`Question: What is ${x} - ${y}?\nAnswer: ${x} - ${y - (y % 10)} = ${x - (y - (y % 10))}, and then subtract ${y % 10} more, so ${x - y}. Wait, let me check: ${x - y} + ${y} = ${x}. So the answer is ${x - y}.`);
    } else if (kind === 2) {
      const m = int(2, 9);
      docs.push(`Question: What is ${a} times ${m}?\nAnswer: ${a - (a % 10)} times ${m} is ${(a - (a % 10)) * m}, and ${a % 10} times ${m} is ${(a % 10) * m}. So ${(a - (a % 10)) * m} + ${(a % 10) * m} = ${a * m}. So the answer is ${a * m}.`);
    } else {
      const apples = int(3, 20);
      const more = int(2, 15);
      const eaten = int(1, apples);
      docs.push(`Question: Sarah has ${apples} apples. She buys ${more} more and eats ${eaten}. How many apples does she have?\nAnswer: She has ${apples} + ${more} = ${apples + more} apples. Wait, she also eats ${eaten}, so ${apples + more} - ${eaten} = ${apples + more - eaten}. So the answer is ${apples + more - eaten}.`);
    }
  }
  return docs;
}

// ------------------------------------------------------------------ byte-level BPE -----------------

const PRETOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's byte → printable character table. */
function byteChars(): string[] {
  const keep = (b: number): boolean => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let extra = 0;
  return Array.from({ length: 256 }, (_, b) => String.fromCharCode(keep(b) ? b : 256 + extra++));
}

/** Trains merges on word counts: repeatedly merge the most frequent adjacent pair (ties: smallest ids). */
function trainBpe(texts: string[], merges: number): { vocab: string[]; merges: [string, string][] } {
  const chars = byteChars();
  const encoder = new TextEncoder();
  const counts = new Map<string, number>();
  for (const text of texts) for (const match of text.matchAll(PRETOKENIZE)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  const words = [...counts.entries()].map(([word, count]) => ({ symbols: [...encoder.encode(word)], count }));
  const vocab = [...chars];
  const learned: [string, string][] = [];
  for (let m = 0; m < merges; m++) {
    const pairs = new Map<number, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = symbols[i] * 65536 + symbols[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + count);
      }
    }
    let best = -1;
    let bestCount = 0;
    for (const [key, count] of pairs) if (count > bestCount || (count === bestCount && key < best)) [best, bestCount] = [key, count];
    if (best < 0) break;
    const left = Math.floor(best / 65536);
    const right = best % 65536;
    const id = vocab.length;
    vocab.push(vocab[left] + vocab[right]);
    learned.push([vocab[left], vocab[right]]);
    for (const word of words) {
      const s = word.symbols;
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === left && s[i + 1] === right) {
          out.push(id);
          i++;
        } else out.push(s[i]);
      }
      word.symbols = out;
    }
  }
  return { vocab, merges: learned };
}

function tokenizerJson(vocab: string[], merges: [string, string][]): Record<string, unknown> {
  const eos = "<|endoftext|>";
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [{ id: vocab.length, content: eos, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, byte_fallback: false,
      vocab: Object.fromEntries([...vocab.map((token, id) => [token, id]), [eos, vocab.length]]),
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}

// ------------------------------------------------------------------ models -------------------------

type Spec = (typeof MODELS)[number];

/** Our weights (names as in weights/*Weights.ts, layouts [in, out]) as trainable variables. */
function initWeights(config: ModelConfig, random: () => number): Record<string, tf.Variable> {
  const normal = (shape: number[], std: number): tf.Variable => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      // Box–Muller from the seeded generator.
      const u = Math.max(random(), 1e-12);
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      values[i] = std * r * Math.cos(2 * Math.PI * v);
      if (i + 1 < n) values[i + 1] = std * r * Math.sin(2 * Math.PI * v);
    }
    return tf.variable(tf.tensor(values, shape));
  };
  const fill = (shape: number[], value: number): tf.Variable => tf.variable(tf.fill(shape, value));
  const D = config.hiddenSize;
  const V = config.vocabSize;
  const I = config.intermediateSize;
  const L = config.numLayers;
  const residualStd = 0.02 / Math.sqrt(2 * L);
  const w: Record<string, tf.Variable> = { unembed: normal([D, V], 0.02) };
  if (config.family === "gpt2") {
    w.pos_embed = normal([config.maxPositions, D], 0.01);
    w["ln_final.w"] = fill([D], 1);
    w["ln_final.b"] = fill([D], 0);
    for (let i = 0; i < L; i++) {
      const b = `blocks.${i}.`;
      Object.assign(w, {
        [b + "ln1.w"]: fill([D], 1), [b + "ln1.b"]: fill([D], 0),
        [b + "attn.W_qkv"]: normal([D, 3 * D], 0.02), [b + "attn.b_qkv"]: fill([3 * D], 0),
        [b + "attn.W_O"]: normal([D, D], residualStd), [b + "attn.b_O"]: fill([D], 0),
        [b + "ln2.w"]: fill([D], 1), [b + "ln2.b"]: fill([D], 0),
        [b + "mlp.W_in"]: normal([D, I], 0.02), [b + "mlp.b_in"]: fill([I], 0),
        [b + "mlp.W_out"]: normal([I, D], residualStd), [b + "mlp.b_out"]: fill([D], 0),
      });
    }
  } else {
    const hd = config.headDim;
    const qkv = (config.numHeads + 2 * config.numKvHeads) * hd;
    w.embed = normal([V, D], 0.02);
    w["ln_final.w"] = fill([D], 1);
    for (let i = 0; i < L; i++) {
      const b = `blocks.${i}.`;
      Object.assign(w, {
        [b + "ln1.w"]: fill([D], 1),
        [b + "attn.W_qkv"]: normal([D, qkv], 0.02),
        [b + "attn.W_O"]: normal([config.numHeads * hd, D], residualStd),
        [b + "ln2.w"]: fill([D], 1),
        [b + "mlp.W_gate_up"]: normal([D, 2 * I], 0.02),
        [b + "mlp.W_out"]: normal([I, D], residualStd),
      });
    }
  }
  return w;
}

/** Our weights → Hugging Face tensors (the inverse of the weight tables: transposes undone, fused matrices split). */
function toHuggingFace(config: ModelConfig, w: Record<string, tf.Tensor>): Record<string, TensorToWrite> {
  const out: Record<string, TensorToWrite> = {};
  const put = (name: string, tensor: tf.Tensor): void => {
    out[name] = { shape: tensor.shape, values: tensor.dataSync() as Float32Array };
  };
  // GPT-2 names with the `transformer.` prefix, as GPT2LMHeadModel writes them.
  const specs = familyOf(config.architecture).weightTable(config, { has: (name) => name.startsWith("transformer.") });
  for (const spec of specs) {
    const tensor = w[spec.name];
    if (spec.shapes[0].length === 1) {
      const parts = tf.split(tensor, spec.shapes.map((s) => s[0]));
      spec.from.forEach((hf, i) => put(hf, parts[i]));
      tf.dispose(parts);
      continue;
    }
    const widths = spec.shapes.map((s) => (spec.transpose ? s[0] : s[1]));
    const parts = tf.split(tensor, widths, 1);
    spec.from.forEach((hf, i) => {
      const part = spec.transpose ? tf.transpose(parts[i]) : parts[i];
      put(hf, part);
      if (part !== parts[i]) part.dispose();
    });
    tf.dispose(parts);
  }
  return out;
}

/** The family record that runs a Hugging Face architecture name. */
function familyOf(architecture: string): Family {
  const family = FAMILIES.find((candidate) => candidate.resolve({ architectures: [architecture] }) !== undefined);
  if (!family) throw new Error(`no family runs ${architecture}`);
  return family;
}

function causalContext(batch: number, length: number): RunContext {
  const bias = new Float32Array(batch * length * length);
  for (let b = 0; b < batch; b++) for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) bias[(b * length + i) * length + j] = -1e9;
  return {
    batch,
    length,
    positions: Int32Array.from({ length: batch * length }, (_, n) => n % length),
    bias: tf.tensor3d(bias, [batch, length, length]),
    record: () => undefined,
  };
}

/** Mean next-token cross-entropy (nats) of windows [B, T + 1]. */
function windowLoss(arch: Architecture, windows: Int32Array, batch: number, context: RunContext): tf.Scalar {
  const T = context.length;
  const V = arch.config.vocabSize;
  const inputs: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < T; t++) {
      inputs.push(windows[b * (T + 1) + t]);
      targets.push(windows[b * (T + 1) + t + 1]);
    }
  }
  const embeds = arch.embedTokens(tf.tensor1d(inputs, "int32"));
  const logits = arch.unembed(arch.run(embeds, context)); // [B·T, V]
  const logProbs = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(tf.tensor1d(targets, "int32"), V)));
  return tf.div(tf.neg(picked), batch * T) as tf.Scalar;
}

/**
 * A golden value for test/models/bundled.test.ts: mean next-token loss of the saved model (loaded by
 * loadModel) on a fixed text, stored in training.json under "golden".
 */
const GOLDEN_TEXT = "In the beginning God created the heaven and the earth.\nQuestion: What is 23 + 45?\nAnswer: First add the ones: 3 + 5 = 8.";

async function recordGolden(dir: string): Promise<void> {
  const model = await loadModel(dir);
  const ids = model.encode(GOLDEN_TEXT);
  const { logits } = model.forward(ids.slice(0, -1));
  const loss = tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(ids.slice(1), "int32"), model.config.vocabSize)), 1))));
  const value = loss.dataSync()[0];
  tf.dispose([logits, loss]);
  model.dispose();
  const path = join(dir, "training.json");
  const record = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  record.golden = { text: GOLDEN_TEXT, tokens: ids.length, meanLoss: Number(value.toFixed(6)), recipe: "model.forward(encode(text)[:-1]) → mean cross-entropy of the next tokens" };
  writeFileAtomicSync(path, JSON.stringify(record, null, 2) + "\n");
}

// ------------------------------------------------------------------ main ---------------------------

async function main(): Promise<void> {
  const { values: flags } = parseArgs({ options: { only: { type: "string" }, steps: { type: "string" }, "golden-only": { type: "boolean", default: false } } });
  const backend = await ready();
  if (flags["golden-only"]) {
    // Recompute only the golden records of already trained folders.
    for (const spec of MODELS) if (!flags.only || flags.only === spec.name) await recordGolden(join(root, "data", "models", spec.name));
    return;
  }
  registerGradients();
  const started = Date.now();
  const random = seededRandom(SEED);

  // 1. Corpus.
  const kjvPath = join(root, "data", "corpus", "kjv-selection.txt");
  const kjv = readFileSync(kjvPath, "utf8");
  const chapters = kjv.split(/\n\n+/).map((c) => c.trim()).filter(Boolean);
  const arithmetic = arithmeticDocuments(random, 2500);
  writeFileAtomicSync(join(root, "data", "corpus", "arithmetic.txt"), arithmetic.join("\n\n") + "\n");
  // Break long chapters into ~12-verse documents so the shuffle mixes registers finely.
  const kjvDocs = chapters.flatMap((chapter) => {
    const verses = chapter.split("\n");
    const docs: string[] = [];
    for (let i = 0; i < verses.length; i += 12) docs.push(verses.slice(i, i + 12).join("\n"));
    return docs;
  });
  const docs = shuffle([...kjvDocs, ...arithmetic], random);
  const split = Math.floor(docs.length * (1 - HELD_OUT_FRACTION));
  const trainDocs = docs.slice(0, split);
  const heldOutDocs = docs.slice(split);
  console.log(`corpus: ${kjvDocs.length} KJV documents + ${arithmetic.length} arithmetic solutions; ${trainDocs.length} train, ${heldOutDocs.length} held out`);

  // 2. Tokenizer.
  const bpe = trainBpe(trainDocs, VOCAB - 256 - 1);
  const tokenizerDir = mkdtempSync(join(tmpdir(), "logitlab-tokenizer-"));
  const tokenizerText = JSON.stringify(tokenizerJson(bpe.vocab, bpe.merges));
  const tokenizerConfig = JSON.stringify({ add_bos_token: false, add_prefix_space: false, bos_token: "<|endoftext|>", eos_token: "<|endoftext|>", unk_token: "<|endoftext|>", clean_up_tokenization_spaces: false, model_max_length: CONTEXT, tokenizer_class: "GPT2Tokenizer" }, null, 2);
  writeFileSync(join(tokenizerDir, "tokenizer.json"), tokenizerText);
  writeFileSync(join(tokenizerDir, "tokenizer_config.json"), tokenizerConfig);
  const tokenizer = loadTokenizer(tokenizerDir);
  const eos = VOCAB - 1;
  const encodeDocs = (list: string[]): Int32Array => Int32Array.from(list.flatMap((d) => [...tokenizer.encode(d, { addSpecialTokens: false }).ids, eos]));
  const trainIds = encodeDocs(trainDocs);
  const heldOutIds = encodeDocs(heldOutDocs);
  console.log(`tokenizer: ${VOCAB} tokens; ${trainIds.length} train tokens, ${heldOutIds.length} held-out tokens (${(Date.now() - started) / 1000} s)`);

  // Unigram baseline: add-one smoothed frequencies of the training split.
  const counts = new Float64Array(VOCAB).fill(1);
  for (const id of trainIds) counts[id] += 1;
  const total = counts.reduce((a, b) => a + b, 0);
  let unigramNll = 0;
  for (const id of heldOutIds) unigramNll -= Math.log(counts[id] / total);
  const unigramPerplexity = Math.exp(unigramNll / heldOutIds.length);
  console.log(`unigram baseline held-out perplexity ${unigramPerplexity.toFixed(2)}`);

  // Held-out windows: non-overlapping [T + 1] chunks.
  const heldOutWindows: Int32Array[] = [];
  for (let start = 0; start + CONTEXT + 1 <= heldOutIds.length; start += CONTEXT) heldOutWindows.push(heldOutIds.subarray(start, start + CONTEXT + 1));

  for (const spec of MODELS) {
    if (flags.only && flags.only !== spec.name) continue;
    await trainOne(spec, { trainIds, heldOutWindows, unigramPerplexity, tokenizerText, tokenizerConfig, backend: backend.name, steps: flags.steps ? Number(flags.steps) : spec.steps, kjvPath });
  }
}

async function trainOne(
  spec: Spec,
  data: { trainIds: Int32Array; heldOutWindows: Int32Array[]; unigramPerplexity: number; tokenizerText: string; tokenizerConfig: string; backend: string; steps: number; kjvPath: string },
): Promise<void> {
  const started = Date.now();
  const random = seededRandom(SEED + spec.name.length * 7919);
  const family = familyOf(spec.config.architectures[0]);
  const config = family.parseConfig(spec.config);
  const weights = initWeights(config, random);
  const arch = family.create(config, weights);
  const parameters = Object.values(weights).reduce((n, t) => n + t.size, 0);
  const optimizer = tf.train.adam(spec.learningRate, 0.9, 0.95, 1e-8);
  const context = causalContext(BATCH, CONTEXT);
  const windows = new Int32Array(BATCH * (CONTEXT + 1));
  const curve: { step: number; loss: number }[] = [];
  let smoothed = NaN;
  const warmup = Math.max(1, Math.round(data.steps / 20));
  for (let step = 0; step < data.steps; step++) {
    // Cosine decay to 10% after a linear warm-up.
    const progress = step < warmup ? (step + 1) / warmup : 0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / Math.max(1, data.steps - warmup)));
    (optimizer as unknown as { learningRate: number }).learningRate = spec.learningRate * progress;
    for (let b = 0; b < BATCH; b++) {
      const start = Math.floor(random() * (data.trainIds.length - CONTEXT - 1));
      windows.set(data.trainIds.subarray(start, start + CONTEXT + 1), b * (CONTEXT + 1));
    }
    const lossTensor = optimizer.minimize(() => windowLoss(arch, windows, BATCH, context), true) as tf.Scalar;
    const loss = lossTensor.dataSync()[0];
    lossTensor.dispose();
    smoothed = Number.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
    if (step % 25 === 0 || step === data.steps - 1) {
      curve.push({ step, loss: Number(loss.toFixed(4)) });
      process.stdout.write(`\r${spec.name}: step ${step + 1}/${data.steps} loss ${loss.toFixed(3)} (smoothed ${smoothed.toFixed(3)}) ${((Date.now() - started) / 1000).toFixed(0)} s   `);
    }
  }
  process.stdout.write("\n");
  const trainSeconds = (Date.now() - started) / 1000;

  // Held-out loss over every window.
  const evalContext = causalContext(1, CONTEXT);
  let heldOutNll = 0;
  for (const window of data.heldOutWindows) {
    const l = tf.tidy(() => windowLoss(arch, window, 1, evalContext));
    heldOutNll += l.dataSync()[0];
    l.dispose();
  }
  const heldOutLoss = heldOutNll / data.heldOutWindows.length;

  // Save in Hugging Face format.
  const dir = join(root, "data", "models", spec.name);
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(join(dir, "config.json"), JSON.stringify({ ...spec.config, torch_dtype: "float32" }, null, 2) + "\n");
  writeSafetensors(join(dir, "model.safetensors"), toHuggingFace(config, weights), { metadata: { format: "pt" } });
  writeFileAtomicSync(join(dir, "tokenizer.json"), data.tokenizerText);
  writeFileAtomicSync(join(dir, "tokenizer_config.json"), data.tokenizerConfig + "\n");
  writeFileAtomicSync(join(dir, "generation_config.json"), JSON.stringify({ bos_token_id: VOCAB - 1, eos_token_id: VOCAB - 1 }, null, 2) + "\n");

  // Check: the saved folder, loaded by the runtime, gives the same held-out loss on a few windows.
  const model = await loadModel(dir);
  let reloaded = 0;
  let trained = 0;
  const checkWindows = data.heldOutWindows.slice(0, 4);
  for (const window of checkWindows) {
    const ids = Array.from(window);
    const { logits } = model.forward(ids.slice(0, CONTEXT));
    const l = tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(ids.slice(1), "int32"), VOCAB)), 1))));
    reloaded += l.dataSync()[0] / checkWindows.length;
    tf.dispose([logits, l]);
    const t = tf.tidy(() => windowLoss(arch, window, 1, evalContext));
    trained += t.dataSync()[0] / checkWindows.length;
    t.dispose();
  }
  model.dispose();
  if (Math.abs(reloaded - trained) > 1e-4 * Math.max(1, trained)) throw new Error(`${spec.name}: reloaded loss ${reloaded} differs from trained ${trained}`);

  const record = {
    model: spec.name,
    architecture: spec.config.architectures[0],
    parameters,
    seed: SEED,
    backend: data.backend,
    corpus: {
      files: ["data/corpus/kjv-selection.txt", "data/corpus/arithmetic.txt"],
      description: "King James Bible selection (public domain) mixed with generated worked arithmetic solutions; 5% of documents held out",
      trainTokens: data.trainIds.length,
      heldOutTokens: data.heldOutWindows.length * CONTEXT,
    },
    tokenizer: { type: "byte-level BPE", vocabSize: VOCAB },
    training: { steps: data.steps, batch: BATCH, context: CONTEXT, tokensSeen: data.steps * BATCH * CONTEXT, optimizer: "Adam(beta1 0.9, beta2 0.95)", peakLearningRate: spec.learningRate, schedule: "linear warm-up 5%, cosine decay to 10%", seconds: Number(trainSeconds.toFixed(1)) },
    trainingLoss: { final: curve[curve.length - 1].loss, smoothed: Number(smoothed.toFixed(4)), curve },
    heldOut: { loss: Number(heldOutLoss.toFixed(4)), perplexity: Number(Math.exp(heldOutLoss).toFixed(3)), reloadedCheckLoss: Number(reloaded.toFixed(5)) },
    unigramBaseline: { perplexity: Number(data.unigramPerplexity.toFixed(3)), description: "add-one smoothed unigram frequencies of the training tokens, on the held-out tokens" },
  };
  writeFileAtomicSync(join(dir, "training.json"), JSON.stringify(record, null, 2) + "\n");
  await recordGolden(dir);
  console.log(`${spec.name}: ${parameters} parameters, held-out perplexity ${record.heldOut.perplexity} vs unigram ${record.unigramBaseline.perplexity} (${trainSeconds.toFixed(0)} s)`);
  optimizer.dispose();
  arch.dispose();
  context.bias.dispose();
  evalContext.bias.dispose();
}

await main();

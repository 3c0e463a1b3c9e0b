// Writes the bundled example of the stability study into data/stability/ (see its README.md): the same
// 20 prompts run twice by one bundled model, once with its float32 weights (the reference) and once
// with the same weights stored as float16 (the check).
//
//   node --import tsx scripts/make-stability-example.ts [--out data/stability] [--model data/models/tiny-gpt2-large]
//
// 1. Reference: loadModel(--model) as shipped (F32 safetensors). For every prompt, `generate` draws
//    STEPS new tokens by seeded sampling at temperature 1 from the full distribution (seed 1000 + the
//    prompt's number, end-of-text not stopping the run), so every file has exactly STEPS steps.
// 2. Check: the same checkpoint rewritten with every tensor stored as F16 (writeSafetensors, round to
//    nearest even) into a temporary folder and loaded from there; the runtime converts F16 back to
//    float32, so the check computes in float32 with weights rounded to 11 significant bits. It
//    generates on its own with the same seeds (not teacher-forced): where the rounding moves a
//    sampling boundary across the seed's uniform number it picks another token, and its later steps
//    follow its own text, as in a real check run.
// 3. Every step records the chosen id, its probability and the TOP_K most probable ids, computed in
//    float64 from the step's float32 logits (max-shift softmax) and written as float32 values (the
//    shortest decimal that reads back as the same float32), in the study's input format
//    {"id", "prob", "top_k": [{"id", "prob"}, …]} under execution_data / check_data.
//    prompts.json lists each prompt, its folder, seed and the text both runs generated.
//
// Runs on the wasm backend (LOGITLAB_BACKEND=wasm unless set otherwise) and is deterministic there:
// running it twice writes identical files. No Python involved.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

process.env.LOGITLAB_BACKEND ??= "wasm"; // before the runtime picks a backend: the files are reproducible on one backend

const { backendInfo } = await import("../lib/backend/backend.js");
const { generate } = await import("../lib/models/generate.js");
const { loadModel } = await import("../lib/models/load.js");
const { openSafetensors } = await import("../lib/models/safetensors.js");
const { writeSafetensors } = await import("../lib/models/writeSafetensors.js");
const { writeFileAtomicSync } = await import("../lib/io/atomicWrite.js");
type CausalLM = Awaited<ReturnType<typeof loadModel>>;

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "data/stability" },
    model: { type: "string", default: "data/models/tiny-gpt2-large" },
  },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(values.out as string);
const modelDir = resolve(values.model as string);

const STEPS = 24; // new tokens per prompt, the same for both runs
const TOP_K = 20;
const REFERENCE_FOLDERS = 5;
const SEED_BASE = 1000;

// Ten King James lines cut short (the corpus has the whole verses) and ten questions in the form of
// the generated arithmetic solutions the models were trained on (scripts/train-tiny-models.ts).
const PROMPTS: { name: string; text: string }[] = [
  { name: "kjv_01", text: "In the beginning God created" },
  { name: "kjv_02", text: "And God said, Let there be" },
  { name: "kjv_03", text: "The LORD is my shepherd;" },
  { name: "kjv_04", text: "Blessed is the man that walketh not" },
  { name: "kjv_05", text: "And it came to pass, when" },
  { name: "kjv_06", text: "My son, hear the instruction of thy father," },
  { name: "kjv_07", text: "In the beginning was the Word," },
  { name: "kjv_08", text: "And Jesus answered and said unto them," },
  { name: "kjv_09", text: "Trust in the LORD with all thine heart;" },
  { name: "kjv_10", text: "And Moses said unto the LORD," },
  { name: "math_01", text: "Question: What is 47 + 38?\nAnswer:" },
  { name: "math_02", text: "Question: What is 63 - 29?\nAnswer:" },
  { name: "math_03", text: "Question: What is 54 times 3?\nAnswer:" },
  { name: "math_04", text: "Question: What is 26 + 59?\nAnswer:" },
  { name: "math_05", text: "Question: What is 91 - 46?\nAnswer:" },
  { name: "math_06", text: "Question: What is 38 times 7?\nAnswer:" },
  { name: "math_07", text: "Question: Sarah has 12 apples. She buys 5 more and eats 3. How many apples does she have?\nAnswer:" },
  { name: "math_08", text: "Question: What is 75 + 17?\nAnswer:" },
  { name: "math_09", text: "Question: What is 82 - 58?\nAnswer:" },
  { name: "math_10", text: "Question: Sarah has 8 apples. She buys 9 more and eats 6. How many apples does she have?\nAnswer:" },
];

interface Step {
  id: number;
  prob: number;
  top_k: { id: number; prob: number }[];
}

/** The float32 nearest x, as the shortest decimal (at most 9 significant digits) that reads back as it. */
function f32(x: number): number {
  const single = Math.fround(x);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(single.toPrecision(digits));
    if (Math.fround(shorter) === single) return shorter;
  }
  return Number(single.toPrecision(9));
}

/** softmax(logits) in float64 with the max shift. */
function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** The TOP_K most probable ids, probability descending, ties by id ascending. */
function topK(p: Float64Array): { id: number; prob: number }[] {
  const ids = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b).slice(0, TOP_K);
  return ids.map((id) => ({ id, prob: f32(p[id]) }));
}

/** The start-of-document id the models were trained with (<|endoftext|> separates documents), then the prompt. */
function promptIds(model: CausalLM, text: string): number[] {
  const tokenizer = model.requireTokenizer();
  const start = tokenizer.eosId ?? tokenizer.bosId;
  return [...(start === undefined ? [] : [start]), ...tokenizer.encode(text, { addSpecialTokens: false }).ids];
}

/** Runs one prompt: STEPS sampled tokens, each step in the study's input format. */
function run(model: CausalLM, index: number): { steps: Step[]; ids: number[]; text: string } {
  const ids = promptIds(model, PROMPTS[index].text);
  const limit = model.config.maxPositions;
  if (ids.length + STEPS > limit) throw new Error(`${PROMPTS[index].name}: ${ids.length} prompt tokens + ${STEPS} steps exceed the model's ${limit} positions`);
  const result = generate(model, ids, { maxNewTokens: STEPS, temperature: 1, seed: SEED_BASE + index + 1, stopAtEos: false, keepLogits: true });
  const steps = result.steps.map((step) => {
    const p = softmax(step.logits as Float32Array);
    return { id: step.id, prob: f32(p[step.id]), top_k: topK(p) };
  });
  return { steps, ids: result.ids, text: model.decode(result.ids) };
}

/** The checkpoint folder with every tensor of model.safetensors stored as F16 (other files copied). */
function float16Copy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "logitlab-stability-f16-"));
  for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json", "generation_config.json"]) {
    if (existsSync(join(dir, file))) copyFileSync(join(dir, file), join(copy, file));
  }
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(copy, "config.json"), JSON.stringify({ ...config, torch_dtype: "float16" }, null, 2) + "\n");
  const source = openSafetensors(join(dir, "model.safetensors"));
  try {
    const tensors = Object.fromEntries([...source.tensors.values()].map((entry) => [entry.name, { shape: entry.shape, values: source.read(entry.name) }]));
    writeSafetensors(join(copy, "model.safetensors"), tensors, { dtype: "F16", metadata: source.metadata });
  } finally {
    source.close();
  }
  return copy;
}

const stepLine = (s: Step) => "    " + JSON.stringify(s);
const fileText = (key: string, steps: Step[]) => `{\n  "${key}": [\n${steps.map(stepLine).join(",\n")}\n  ]\n}\n`;
const folderOf = (index: number) => `db_${(index % REFERENCE_FOLDERS) + 1}`;

const reference = await loadModel(modelDir);
const referenceRuns = PROMPTS.map((_, i) => run(reference, i));
reference.dispose();

const f16Dir = float16Copy(modelDir);
const check = await loadModel(f16Dir);
const checkRuns = PROMPTS.map((_, i) => run(check, i));
check.dispose();
rmSync(f16Dir, { recursive: true, force: true });

// Replace only the folders and files this script writes (never the whole --out folder).
for (const folder of [...Array.from({ length: REFERENCE_FOLDERS }, (_, i) => `db_${i + 1}`), "db_13"]) {
  rmSync(join(out, folder), { recursive: true, force: true });
  mkdirSync(join(out, folder), { recursive: true });
}
let agreeing = 0;
const listing = PROMPTS.map((prompt, i) => {
  writeFileAtomicSync(join(out, folderOf(i), `${prompt.name}.json`), fileText("execution_data", referenceRuns[i].steps));
  writeFileAtomicSync(join(out, "db_13", `check_machine_${prompt.name}.json`), fileText("check_data", checkRuns[i].steps));
  const a = referenceRuns[i].ids;
  const b = checkRuns[i].ids;
  const firstDifference = a.findIndex((id, t) => id !== b[t]);
  agreeing += a.filter((id, t) => id === b[t]).length;
  return {
    name: prompt.name,
    folder: folderOf(i),
    prompt: prompt.text,
    seed: SEED_BASE + i + 1,
    reference: referenceRuns[i].text,
    check: checkRuns[i].text,
    first_difference: firstDifference < 0 ? null : firstDifference,
  };
});
const backend = backendInfo();
const about = {
  model: relative(root, modelDir),
  backend: backend.name,
  steps: STEPS,
  top_k: TOP_K,
  sampling: "seeded, temperature 1, full distribution; seed = 1000 + prompt number, the same in both runs",
  reference: "float32 weights (model.safetensors as shipped)",
  check: "the same weights stored as float16 (F16 safetensors, read back to float32)",
  prompts: listing,
};
writeFileAtomicSync(join(out, "prompts.json"), JSON.stringify(about, null, 2) + "\n");
const total = PROMPTS.length * STEPS;
console.log(`wrote ${PROMPTS.length} file pairs × ${STEPS} steps to ${out} (${backend.name}); ids agree at ${agreeing} of ${total} steps, ` +
  `${listing.filter((p) => p.first_difference !== null).length} of ${PROMPTS.length} prompts diverge`);

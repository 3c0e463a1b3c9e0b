// Writes the bundled synthetic example of the stability study into data/stability/ (see its README.md).
//
//   node --import tsx scripts/make-stability-example.ts [--out data/stability] [--seed 20240613]
//
// A stand-in until the model runtime can score real prompts twice: for each "prompt" a sequence of
// steps with random logits over a 2,000-token vocabulary; the reference side is softmax(logits) in
// float64 rounded to float32 (a float32 run), the check side is softmax(logits rounded to float16
// precision) rounded to float32 (a float16 run). The chosen token of both sides is drawn with the same
// uniform number by inverse CDF, as two runs with the same sampling seed would, so the chosen ids
// differ only where the float16 rounding moves a CDF boundary across it. Deterministic for a seed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../lib/util/seededRandom.js";
import { standardNormal } from "../lib/util/standardNormal.js";

const { values } = parseArgs({
  options: { out: { type: "string", default: "data/stability" }, seed: { type: "string", default: "20240613" } },
});
const out = resolve(values.out as string);
const seed = Number(values.seed);

const VOCAB = 2000;
const TOP_K = 20;
const REFERENCE_FOLDERS = 5;
const PROMPTS_PER_FOLDER = 4;

// One mulberry32 stream for every draw, uniform and normal (Box–Muller, two uniforms each), in order.
const random = seededRandom(seed);

/** Rounds to float16 precision: 11 significant bits, subnormal spacing below 2^-14 (no overflow handling needed here). */
function toFloat16(x: number): number {
  if (x === 0) return 0;
  const exponent = Math.max(Math.floor(Math.log2(Math.abs(x))), -14);
  const ulp = 2 ** (exponent - 10);
  return Math.round(x / ulp) * ulp;
}

function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < p.length; i++) p[i] = Math.fround(p[i] / sum);
  return p;
}

/** Shortest decimal that reads back as the same float32. */
const f32 = (x: number): number => Number(Math.fround(x).toPrecision(9));

function sample(p: Float64Array, u: number): number {
  let cdf = 0;
  for (let i = 0; i < p.length; i++) {
    cdf += p[i];
    if (u < cdf) return i;
  }
  return p.length - 1;
}

function topK(p: Float64Array): { id: number; prob: number }[] {
  const ids = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b).slice(0, TOP_K);
  return ids.map((id) => ({ id, prob: f32(p[id]) }));
}

const stepLine = (s: { id: number; prob: number; top_k: { id: number; prob: number }[] }) => "    " + JSON.stringify(s);
const fileText = (key: string, steps: { id: number; prob: number; top_k: { id: number; prob: number }[] }[]) =>
  `{\n  "${key}": [\n${steps.map(stepLine).join(",\n")}\n  ]\n}\n`;

// Replace only the folders this script writes (never the whole --out folder).
for (const folder of [...Array.from({ length: REFERENCE_FOLDERS }, (_, i) => `db_${i + 1}`), "db_13"]) {
  rmSync(join(out, folder), { recursive: true, force: true });
}
mkdirSync(join(out, "db_13"), { recursive: true });
let pairs = 0;
let steps = 0;
for (let folder = 1; folder <= REFERENCE_FOLDERS; folder++) {
  mkdirSync(join(out, `db_${folder}`), { recursive: true });
  for (let prompt = 1; prompt <= PROMPTS_PER_FOLDER; prompt++) {
    const name = `prompt_${String((folder - 1) * PROMPTS_PER_FOLDER + prompt).padStart(2, "0")}.json`;
    const length = 16 + Math.floor(random() * 17);
    const reference = [];
    const check = [];
    for (let t = 0; t < length; t++) {
      // Logit scale from 1.5 (flat: top-1 well below 0.9) to 7 (peaked: top-1 near 1).
      const scale = 1.5 + 5.5 * random() ** 2;
      const logits = new Float64Array(VOCAB);
      for (let v = 0; v < VOCAB; v++) logits[v] = scale * standardNormal(random);
      const p = softmax(logits);
      const q = softmax(logits.map(toFloat16));
      const u = random();
      const a = sample(p, u);
      const b = sample(q, u);
      reference.push({ id: a, prob: f32(p[a]), top_k: topK(p) });
      check.push({ id: b, prob: f32(q[b]), top_k: topK(q) });
    }
    writeFileSync(join(out, `db_${folder}`, name), fileText("execution_data", reference));
    writeFileSync(join(out, "db_13", `check_machine_${name}`), fileText("check_data", check));
    pairs++;
    steps += length;
  }
}
console.log(`wrote ${pairs} file pairs (${steps} steps) to ${out} with seed ${seed}`);

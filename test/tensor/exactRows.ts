/**
 * Rows of logits at V = 50,000 and 128,256 for the float64 nucleus tests, rebuilt from the recipes in
 * test/fixtures/tensor/exact.json by the same exact construction as `exact_row` in
 * test/fixtures/tensor/gen.py (an integer LCG and exactly representable float operations), so no
 * row is stored. Each case carries a checksum of the float32 bits to prove the rebuild.
 */
import { readFileSync } from "node:fs";

export interface ExactRecipe {
  name: string;
  vocab: number;
  kind: "uniform" | "levels" | "normal";
  seed?: number;
  spike?: number;
  spikeId?: number;
  bf16?: boolean;
  masked?: boolean;
}

export interface ExactNucleus { p: number; size: number; lastId: number; idSum: number; mass: number; topProb: number }

export interface ExactCase {
  recipe: ExactRecipe;
  bitsChecksum: number;
  masked: number;
  nucleus: ExactNucleus[];
  embeddings?: { seed: number; dim: number; offset0: number };
  nucleusCosine?: { p: number; size: number; meanCosine: number }[];
  topLogProb?: number;
  otherLogProb?: number;
}

export const exact = JSON.parse(readFileSync(new URL("../fixtures/tensor/exact.json", import.meta.url), "utf8")) as {
  cases: ExactCase[];
  log1p: { x: number | string; value: number | string }[];
};

/** n integers in [0, 65536): the top 16 bits of s_{i+1} = (1664525 s_i + 1013904223) mod 2^32, s_0 = seed. */
export function lcg16(seed: number, n: number): Uint16Array {
  const out = new Uint16Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0;
    out[i] = s >>> 16;
  }
  return out;
}

/** Rounds float32 values to bfloat16 in place (round to nearest, ties to even). */
export function roundToBf16(values: Float32Array): Float32Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    bits[i] = ((b + 0x7fff + ((b >>> 16) & 1)) & 0xffff0000) >>> 0;
  }
  return values;
}

/** The float32 row a recipe describes. */
export function exactRow(recipe: ExactRecipe): Float32Array {
  const { vocab } = recipe;
  const x = new Float64Array(vocab);
  if (recipe.kind === "levels") {
    const u = lcg16(recipe.seed ?? 0, vocab);
    for (let v = 0; v < vocab; v++) x[v] = 0 - (u[v] % 8) / 2; // +0, as in Python, for level 0
  } else if (recipe.kind === "normal") {
    const u = lcg16(recipe.seed ?? 0, 4 * vocab);
    for (let v = 0; v < vocab; v++) x[v] = (u[4 * v] + u[4 * v + 1] + u[4 * v + 2] + u[4 * v + 3] - 131070) / 16384;
  }
  if (recipe.spike !== undefined) x[recipe.spikeId ?? 0] += recipe.spike;
  const row = Float32Array.from(x);
  if (recipe.bf16) roundToBf16(row);
  if (recipe.masked) for (let v = 0; v < vocab; v++) if ((v * 7919) % 10 < 3) row[v] = -Infinity;
  return row;
}

/** Sum of the float32 bit patterns mod 2^32 (gen.py's bits_checksum). */
export function bitsChecksum(row: Float32Array): number {
  const bits = new Uint32Array(row.buffer, row.byteOffset, row.length);
  let sum = 0;
  for (let i = 0; i < bits.length; i++) sum = (sum + bits[i]) % 2 ** 32;
  return sum;
}

/** Embedding rows [V, dim]: (u − 32768)/32768 from lcg16(seed, V·dim), plus offset0 on column 0. */
export function exactEmbeddings(vocab: number, spec: { seed: number; dim: number; offset0: number }): Float32Array {
  const u = lcg16(spec.seed, vocab * spec.dim);
  const out = new Float32Array(vocab * spec.dim);
  for (let i = 0; i < out.length; i++) out[i] = (u[i] - 32768) / 32768 + (i % spec.dim === 0 ? spec.offset0 : 0);
  return out;
}

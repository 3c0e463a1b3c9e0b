// Benchmark of the correlation study's fused per-step pass (lib/studies/correlation/stepStatistics.ts:
// one float64 pass over a row of logits for the softmax, the full entropy and the p-nucleus, then the
// renormalised-nucleus entropy and the mean pairwise cosine of the nucleus tokens' L2-normalised
// embeddings) against numpy float64 doing the same the way the original study writes it (full sort,
// cumsum, searchsorted, E_n E_n^T; bench/rowstats_baseline.py), run in the same bench on the same rows.
//
//   npm run bench:rowstats        (node --import tsx bench/rowStats.ts [--rows 24] [--vocab 128256] [--dim 4096] [--repeat 3])
//
// Rows: seeded normal logits x_v = σ·z_v with σ drawn per row from [3.5, 8] (Llama-3-sized vocabulary;
// nucleus sizes from one token to thousands, as real next-token distributions have). Embeddings: a
// seeded float32 table of 16,384 rows × D (token v uses row v mod 16,384, on both sides; a full
// 128,256 × 4,096 table would be 2.1 GB). Both sides read the same float32 values; times are the best
// of --repeat passes over all rows; the embedding lookups are uncached on both sides. The results must
// agree (nucleus sizes exactly, the rest to 1e-9) or the bench fails. A second line times the row pass
// alone on both sides (no cosine), since numpy's k×k similarity matrix dominates its total for large nuclei.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeNpy } from "../lib/io/writeNpy.js";
import { stepStatistics } from "../lib/studies/correlation/stepStatistics.js";
import { Scratch } from "../lib/tensor/internal/nucleusPrefix.js";
import { seededRandom } from "../lib/util/seededRandom.js";
import { standardNormal } from "../lib/util/standardNormal.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "24" },
    vocab: { type: "string", default: "128256" },
    dim: { type: "string", default: "4096" },
    table: { type: "string", default: "16384" },
    repeat: { type: "string", default: "3" },
  },
});
const R = Number(values.rows);
const V = Number(values.vocab);
const D = Number(values.dim);
const M = Number(values.table);
const repeat = Number(values.repeat);
const P = 0.9;

console.log(`rowStats bench: ${R} rows × V = ${V.toLocaleString("en")}, embeddings D = ${D} (table of ${M} rows), p = ${P}, best of ${repeat}; load average ${loadavg()[0].toFixed(2)}`);
const random = seededRandom(20261201);
const rows = new Float32Array(R * V);
for (let r = 0; r < R; r++) {
  const sigma = 3.5 + 4.5 * random();
  for (let v = 0; v < V; v++) rows[r * V + v] = sigma * standardNormal(random);
}
const table = new Float32Array(M * D);
for (let i = 0; i < table.length; i++) table[i] = standardNormal(random);
const dir = mkdtempSync(join(tmpdir(), "logitlab-rowstats-"));
writeNpy(join(dir, "rows.npy"), rows, [R, V]);
writeNpy(join(dir, "table.npy"), table, [M, D]);

const embeddings = async (ids: Int32Array) => Array.from(ids, (id) => table.subarray((id % M) * D, (id % M + 1) * D));
const scratch = new Scratch(V);
type Result = { size: number; nucleusEntropy: number; fullEntropy: number; cosine: number };
let best = Infinity;
let ours: Result[] = [];
for (let k = 0; k < repeat; k++) {
  const started = performance.now();
  const results: Result[] = [];
  for (let r = 0; r < R; r++) {
    const stats = await stepStatistics({ kind: "logits", logits: rows.subarray(r * V, (r + 1) * V) }, embeddings, { topP: P, scratch, step: r });
    results.push({ size: stats.nucleusSize, nucleusEntropy: stats.nucleusEntropy, fullEntropy: stats.fullEntropy, cosine: stats.cosine });
  }
  best = Math.min(best, (performance.now() - started) / 1000);
  ours = results;
}

// The row pass alone: the same call with one-dimensional embedding rows (the cosine then costs O(k)).
const unitRow = Float32Array.of(1);
let bestRow = Infinity;
for (let k = 0; k < repeat; k++) {
  const started = performance.now();
  for (let r = 0; r < R; r++) await stepStatistics({ kind: "logits", logits: rows.subarray(r * V, (r + 1) * V) }, async (ids) => Array.from(ids, () => unitRow), { topP: P, scratch, step: r });
  bestRow = Math.min(bestRow, (performance.now() - started) / 1000);
}

const baseline = join(import.meta.dirname, "rowstats_baseline.py");
const child = spawnSync("python3", [baseline, join(dir, "rows.npy"), join(dir, "table.npy"), "--p", String(P), "--repeat", String(repeat)], { encoding: "utf8", maxBuffer: 1 << 26 });
rmSync(dir, { recursive: true, force: true });
if (child.status !== 0) {
  console.error(child.stderr);
  process.exit(1);
}
const numpy = JSON.parse(child.stdout) as { seconds: number; rowSeconds: number; results: Result[]; numpy: string };
let worst = 0;
ours.forEach((mine, r) => {
  const theirs = numpy.results[r];
  if (mine.size !== theirs.size) throw new Error(`row ${r}: nucleus size ${mine.size} vs numpy ${theirs.size}`);
  for (const key of ["nucleusEntropy", "fullEntropy", "cosine"] as const) worst = Math.max(worst, Math.abs(mine[key] - theirs[key]));
});
if (!(worst <= 1e-9)) throw new Error(`results differ from numpy by ${worst}`);
const sizes = ours.map((o) => o.size).sort((a, b) => a - b);
console.log(`nucleus sizes: min ${sizes[0]}, median ${sizes[Math.floor(R / 2)]}, max ${sizes[R - 1]}; largest |difference| from numpy ${worst.toExponential(2)}`);
console.log(`logitlab stepStatistics: ${(1000 * best / R).toFixed(2)} ms/row (${best.toFixed(3)} s for ${R} rows)`);
console.log(`numpy ${numpy.numpy} float64:     ${(1000 * numpy.seconds / R).toFixed(2)} ms/row (${numpy.seconds.toFixed(3)} s)`);
console.log(`ratio: logitlab is ${(numpy.seconds / best).toFixed(2)}x numpy's speed (target: ≥ 1)`);
console.log(`row pass alone (softmax, nucleus, both entropies; no cosine): logitlab ${(1000 * bestRow / R).toFixed(2)} ms/row, numpy ${(1000 * numpy.rowSeconds / R).toFixed(2)} ms/row: ${(numpy.rowSeconds / bestRow).toFixed(2)}x`);
console.log(`load average after: ${loadavg()[0].toFixed(2)}`);

/**
 * loadWeights: read the tensors a weight table names from a checkpoint, check every shape, apply the
 * listed transposes and concatenations, and upload each result as one tfjs tensor.
 *
 * Transposes and concatenations happen here, once, on the float32 arrays (in cache-friendly tiles),
 * so that the forward pass only ever runs plain 2-D `x @ W` products — the fast path of the wasm
 * backend (a matMul with a transposed operand is about 10x slower there).
 *
 * Memory: tensors are loaded largest first, one at a time; each passes through at most two float32
 * arrays of its own size (source and transposed destination) before it is copied into the backend,
 * so the peak stays near the checkpoint's float32 size plus its largest tensor.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-lw-");
 * writeSafetensors(dir + "/model.safetensors", { "w": { shape: [2, 3], values: [1, 2, 3, 4, 5, 6] } });
 * const loaded = loadWeights(openCheckpoint(dir), [{ name: "w_t", from: ["w"], shapes: [[2, 3]], transpose: true }], dir);
 * loaded.w_t.arraySync() // => [[1, 4], [2, 5], [3, 6]]
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import type { Checkpoint } from "../openCheckpoint.js";

/** One of our tensors and where it comes from. */
export interface WeightSpec {
  /** Our name, e.g. "blocks.3.attn.W_qkv". */
  name: string;
  /** Hugging Face tensor names; several are concatenated along the last axis (after transposing). */
  from: string[];
  /** The shape each `from` tensor must have in the checkpoint, in the same order. */
  shapes: number[][];
  /** Transpose each 2-D source from [out, in] (torch nn.Linear, embeddings) to [in, out]. */
  transpose: boolean;
}

export function loadWeights(checkpoint: Checkpoint, specs: WeightSpec[], dir: string): Record<string, tf.Tensor> {
  for (const spec of specs) {
    spec.from.forEach((hf, i) => {
      if (!checkpoint.has(hf)) {
        throw new LogitlabError(`tensor "${hf}" (for ${spec.name}) is missing from the checkpoint`, { context: "loadModel", file: dir });
      }
      const actual = checkpoint.info(hf).shape;
      const expected = spec.shapes[i];
      if (actual.length !== expected.length || actual.some((d, k) => d !== expected[k])) {
        throw new LogitlabError(`tensor "${hf}" has shape [${actual.join(", ")}], expected [${expected.join(", ")}] from config.json`, {
          context: "loadModel", file: dir,
        });
      }
    });
  }
  const size = (spec: WeightSpec): number => spec.shapes.reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
  const order = [...specs].sort((a, b) => size(b) - size(a));
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const spec of order) out[spec.name] = loadOne(checkpoint, spec);
  } catch (error) {
    for (const t of Object.values(out)) t.dispose();
    throw error;
  }
  return out;
}

function loadOne(checkpoint: Checkpoint, spec: WeightSpec): tf.Tensor {
  const rank = spec.shapes[0].length;
  if (rank === 1 || (spec.from.length === 1 && !spec.transpose)) {
    if (spec.from.length === 1) return tf.tensor(checkpoint.read(spec.from[0]), spec.shapes[0]);
    // Vectors (biases) concatenated end to end.
    const total = spec.shapes.reduce((sum, s) => sum + s[0], 0);
    const values = new Float32Array(total);
    let offset = 0;
    spec.from.forEach((hf) => {
      const part = checkpoint.read(hf);
      values.set(part, offset);
      offset += part.length;
    });
    return tf.tensor1d(values);
  }
  // Matrices: destination [rows, Σ cols], each source placed (transposed if asked) in its column block.
  const rows = spec.transpose ? spec.shapes[0][1] : spec.shapes[0][0];
  const widths = spec.shapes.map((s) => (spec.transpose ? s[0] : s[1]));
  const total = widths.reduce((a, b) => a + b, 0);
  const values = new Float32Array(rows * total);
  let column = 0;
  spec.from.forEach((hf, i) => {
    const source = checkpoint.read(hf);
    const width = widths[i];
    if (spec.transpose) transposeInto(source, width, rows, values, total, column);
    else for (let r = 0; r < rows; r++) values.set(source.subarray(r * width, (r + 1) * width), r * total + column);
    column += width;
  });
  return tf.tensor2d(values, [rows, total]);
}

/** source [sourceRows, sourceCols] → destination[c, column + r] (row stride `stride`), in 64×64 tiles. */
function transposeInto(source: Float32Array, sourceRows: number, sourceCols: number, destination: Float32Array, stride: number, column: number): void {
  const tile = 64;
  for (let r0 = 0; r0 < sourceRows; r0 += tile) {
    const r1 = Math.min(r0 + tile, sourceRows);
    for (let c0 = 0; c0 < sourceCols; c0 += tile) {
      const c1 = Math.min(c0 + tile, sourceCols);
      for (let r = r0; r < r1; r++) {
        const base = r * sourceCols;
        for (let c = c0; c < c1; c++) destination[c * stride + column + r] = source[base + c];
      }
    }
  }
}

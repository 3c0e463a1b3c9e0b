/**
 * loadWeights: read the tensors a weight table names from a checkpoint, check every shape, apply the
 * listed transposes and concatenations, and upload each result as one tfjs tensor.
 *
 * Transposes and concatenations happen here, once, on the float32 arrays (in cache-friendly tiles),
 * so that the forward pass only ever runs plain 2-D `x @ W` products — the fast path of the wasm
 * backend (a matMul with a transposed operand is about 10x slower there).
 *
 * Memory: tensors are read in blocks of at most 4 MB and written (transposed where listed) straight
 * into the backend's memory (the wasm heap; see `filledTensor`), so loading needs the checkpoint's
 * float32 size plus a few MB, never a second copy of a tensor.
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
    for (const spec of order) out[spec.name] = loadOne(checkpoint, spec, dir);
  } catch (error) {
    for (const t of Object.values(out)) t.dispose();
    throw error;
  }
  return out;
}

/** Elements read per block: 4 MB of float32 in flight at most. */
const BLOCK = 1 << 20;

function loadOne(checkpoint: Checkpoint, spec: WeightSpec, dir: string): tf.Tensor {
  const rank = spec.shapes[0].length;
  if (rank === 1) {
    // Vectors (biases, norms), several concatenated end to end.
    const total = spec.shapes.reduce((sum, s) => sum + s[0], 0);
    return filledTensor([total], (values) => {
      let offset = 0;
      spec.from.forEach((hf, i) => {
        values.set(finite(checkpoint.readRange(hf, 0, spec.shapes[i][0]), hf, 0, dir), offset);
        offset += spec.shapes[i][0];
      });
    });
  }
  // Matrices: destination [rows, Σ cols], each source placed (transposed if asked) in its column block.
  const rows = spec.transpose ? spec.shapes[0][1] : spec.shapes[0][0];
  const widths = spec.shapes.map((s) => (spec.transpose ? s[0] : s[1]));
  const total = widths.reduce((a, b) => a + b, 0);
  return filledTensor([rows, total], (values) => {
    let column = 0;
    spec.from.forEach((hf, i) => {
      const [sourceRows, sourceCols] = spec.shapes[i];
      const rowsPerBlock = Math.max(1, Math.floor(BLOCK / sourceCols));
      for (let r0 = 0; r0 < sourceRows; r0 += rowsPerBlock) {
        const n = Math.min(rowsPerBlock, sourceRows - r0);
        const block = finite(checkpoint.readRange(hf, r0 * sourceCols, n * sourceCols), hf, r0 * sourceCols, dir); // source rows r0 … r0 + n
        if (spec.transpose) transposeInto(block, n, sourceCols, values, total, column + r0);
        else if (total === sourceCols) values.set(block, r0 * total);
        else for (let r = 0; r < n; r++) values.set(block.subarray(r * sourceCols, (r + 1) * sourceCols), (r0 + r) * total + column);
      }
      column += widths[i];
    });
  });
}

/**
 * The block itself, after checking that every value is finite: a NaN or ±Infinity weight (a corrupt or
 * badly converted checkpoint) is an error naming the tensor and the element, not NaN logits later.
 * One pass over values already in cache, about 1 ns each: a few ms per 10^6 weights.
 */
function finite(block: Float32Array, name: string, first: number, dir: string): Float32Array {
  for (let i = 0; i < block.length; i++) {
    const value = block[i];
    if (value - value !== 0) {
      throw new LogitlabError(`tensor "${name}" holds ${value} at element ${first + i}; the checkpoint is corrupt or was converted with overflow`, {
        context: "loadModel", file: dir, kind: "data",
      });
    }
  }
  return block;
}

/** The parts of the wasm backend used to fill a tensor's memory in place. */
interface WasmBackendInternals {
  write(values: null, shape: number[], dtype: "float32"): object;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  wasm: { HEAPU8: Uint8Array };
}

/**
 * A float32 tensor whose values `fill` writes in place. On the wasm backend the memory is allocated in
 * the wasm heap and filled there, so no JS-side copy of the tensor ever exists (tf.tensor(values)
 * would hold the values twice until the copy is made). `fill` must not run tfjs ops (the heap could
 * grow and move). Other backends get an ordinary Float32Array, which the cpu backend adopts as is.
 */
function filledTensor(shape: number[], fill: (values: Float32Array) => void): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
  if (tf.getBackend() === "wasm" && size > 0 && typeof backend.write === "function" && backend.dataIdMap && backend.wasm?.HEAPU8) {
    const dataId = backend.write(null, shape, "float32");
    const tensor = tf.engine().makeTensorFromDataId(dataId as never, shape, "float32", backend as never);
    const info = backend.dataIdMap.get(dataId);
    if (info) {
      try {
        fill(new Float32Array(backend.wasm.HEAPU8.buffer, info.memoryOffset, size));
      } catch (error) {
        tensor.dispose();
        throw error;
      }
      return tensor;
    }
    tensor.dispose();
  }
  const values = new Float32Array(size);
  fill(values);
  return tf.tensor(values, shape);
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

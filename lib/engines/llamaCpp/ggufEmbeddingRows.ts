/**
 * ggufEmbeddingRows: rows of a GGUF file's input-embedding tensor (`token_embd.weight`, ggml shape
 * [D, V]: row v is D contiguous values) read with positioned reads, one row at a time, and dequantized
 * (`dequantizeRow`: F32, F16, BF16, Q8_0). Only the asked rows are read, never the [V, D] matrix.
 * `tensor` is the tensor's entry as node-llama-cpp's `readGgufFileInfo` gives it (ggmlType, dimensions,
 * fileOffset). Returns undefined when the tensor's type is not one of those four (the caller then
 * reads the safetensors or says neither is possible); ids outside [0, V) are a LogitlabError.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-embd-");
 * (await import("node:fs")).writeFileSync(dir + "/x.bin", Buffer.from(new Float32Array([1, 2, 3, 4, 5, 6]).buffer));
 * ggufEmbeddingRows(dir + "/x.bin", { ggmlType: 0, dimensions: [2, 3], fileOffset: 0 }, [2, 0])!.map((row) => Array.from(row))
 * // => [[5, 6], [1, 2]]
 */
import { closeSync, openSync, readSync } from "node:fs";
import { LogitlabError } from "../../util/errors.js";
import { dequantizeRow } from "./dequantizeRow.js";
import { ggmlRowBytes } from "./ggmlRowBytes.js";

export interface GgufTensorEntry {
  ggmlType: number;
  dimensions: readonly (number | bigint)[];
  fileOffset: number | bigint;
}

export function ggufEmbeddingRows(path: string, tensor: GgufTensorEntry, ids: readonly number[]): Float32Array[] | undefined {
  const [D, V] = tensor.dimensions.map(Number);
  const rowBytes = ggmlRowBytes(tensor.ggmlType, D);
  if (rowBytes === undefined) return undefined;
  for (const [i, id] of ids.entries()) {
    if (!(Number.isInteger(id) && id >= 0 && id < V)) {
      throw new LogitlabError(`token id ${id} is outside the vocabulary of ${V}`, { context: "embeddingRows", file: path, field: "ids", position: `item ${i + 1}` });
    }
  }
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(rowBytes);
    return ids.map((id) => {
      const at = Number(tensor.fileOffset) + id * rowBytes;
      const n = readSync(fd, buffer, 0, rowBytes, at);
      if (n !== rowBytes) throw new LogitlabError(`token_embd.weight row ${id} runs past the end of the file`, { context: "embeddingRows", file: path, kind: "data" });
      return dequantizeRow(buffer, tensor.ggmlType, D)!;
    });
  } finally {
    closeSync(fd);
  }
}

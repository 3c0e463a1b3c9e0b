/**
 * safetensorsEmbeddingRows: input-embedding rows read from a Hugging Face safetensors folder
 * (`--embeddings DIR`: the checkpoint a GGUF was made from), reading only the asked rows of the one
 * embedding tensor (`model.embed_tokens.weight` for Llama-family models, `transformer.wte.weight` or
 * `wte.weight` for GPT-2), with the folder's headers validated by `openCheckpoint`. A folder without
 * such a tensor, or whose vocabulary is smaller than an id, is one LogitlabError line.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-embst-");
 * writeSafetensors(dir + "/model.safetensors", { "wte.weight": { shape: [3, 2], values: [1, 2, 3, 4, 5, 6] } });
 * safetensorsEmbeddingRows(dir, [1]).map((row) => Array.from(row))
 * // => [[3, 4]]
 */
import { openCheckpoint } from "../../models/openCheckpoint.js";
import { LogitlabError } from "../../util/errors.js";

const NAMES = ["model.embed_tokens.weight", "transformer.wte.weight", "wte.weight"];

export function safetensorsEmbeddingRows(dir: string, ids: readonly number[]): Float32Array[] {
  const checkpoint = openCheckpoint(dir);
  try {
    const name = NAMES.find((n) => checkpoint.has(n));
    if (name === undefined) {
      throw new LogitlabError(`no input-embedding tensor (${NAMES.join(", ")}) in the safetensors`, { context: "--embeddings", file: dir, kind: "data" });
    }
    const shape = checkpoint.info(name).shape;
    if (shape.length !== 2) throw new LogitlabError(`${name} has shape [${shape.join(", ")}], not [V, D]`, { context: "--embeddings", file: dir, kind: "data" });
    const [V, D] = shape;
    return ids.map((id, i) => {
      if (!(Number.isInteger(id) && id >= 0 && id < V)) {
        throw new LogitlabError(`token id ${id} is outside ${name}'s ${V} rows`, { context: "--embeddings", file: dir, field: "ids", position: `item ${i + 1}` });
      }
      return checkpoint.readRange(name, id * D, D);
    });
  } finally {
    checkpoint.close();
  }
}

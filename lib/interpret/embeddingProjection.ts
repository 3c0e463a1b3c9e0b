/**
 * embeddingProjection: input embeddings of tokens — a text's tokens or a vocabulary subset — projected
 * to three dimensions with PCA (`pcaProjection`), with their token strings as labels.
 *
 *   E = rows of the input embedding matrix for `ids` [n, D],   coordinates = PCA₃(E) [n, 3]
 *
 * Shapes: ids [n] (n ≥ 3; repeated ids allowed, as in a text) → coordinates [n][3], labels [n],
 * explained fractions [3] (PCA only). Leaks no tensors.
 *
 * @example
 * const model = await loadModel("test/fixtures/models/gpt2-f32");
 * const p = embeddingProjection(model, [1, 2, 3, 4, 5]);
 * [p.coordinates.length, p.coordinates[0].length, p.labels[0]]
 * // => [5, 3, "1"]
 */
import type { CausalLM } from "../models/causalLM.js";
import { LogitlabError } from "../util/errors.js";
import { pcaProjection } from "./pcaProjection.js";
import { tsneProjection } from "./tsneProjection.js";

/** What {@link embeddingProjection} returns. */
export interface EmbeddingProjection {
  ids: number[];
  /** Token text per point (the decoded token; the id as text when the checkpoint has no tokenizer). */
  labels: string[];
  method: "pca" | "tsne";
  /** [n][3] PCA or t-SNE coordinates. */
  coordinates: number[][];
  /** [3] fraction of the embeddings' variance on each axis (PCA). */
  explainedFraction?: number[];
  /** Final KL cost (t-SNE). */
  cost?: number;
}

export function embeddingProjection(
  model: CausalLM,
  ids: number[],
  options: { method?: "pca" | "tsne"; perplexity?: number; iterations?: number; seed?: number } = {},
): EmbeddingProjection {
  if (ids.length < 3) throw new LogitlabError(`embeddingProjection needs at least 3 tokens for a 3-D projection, got ${ids.length}`, { context: "embeddingProjection", field: "ids" });
  const V = model.config.vocabSize;
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new LogitlabError(`token id ${id} is not in [0, ${V})`, { context: "embeddingProjection", field: "ids", position: `item ${i}` });
  });
  const E = model.embed(ids); // [n, D]
  const rows = E.arraySync();
  E.dispose();
  const labels = ids.map((id) => (model.tokenizer ? model.decode([id]) : String(id)));
  if (options.method === "tsne") {
    const t = tsneProjection(rows, { perplexity: options.perplexity, iterations: options.iterations, seed: options.seed, dimensions: 3 });
    return { ids: [...ids], labels, method: "tsne", coordinates: t.coordinates, cost: t.cost };
  }
  const pca = pcaProjection(rows, Math.min(3, rows[0].length));
  return { ids: [...ids], labels, method: "pca", coordinates: pca.projections, explainedFraction: pca.explainedFraction };
}

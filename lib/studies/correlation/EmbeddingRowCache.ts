/**
 * EmbeddingRowCache: L2-normalised input-embedding rows (float64) of an engine, fetched once per id
 * through `engine.embeddingRows` and kept up to `maxBytes` (default 256 MiB; beyond it the least recently
 * used rows are dropped first), so that the nucleus cosine of consecutive steps, whose nuclei share most tokens,
 * fetches only the new ones. A zero or non-finite row is kept as NaN (its cosine is undefined).
 *
 * @example
 * const cache = new EmbeddingRowCache(async (ids) => ids.map((id) => Float32Array.of(id, 1)));
 * const rows = await cache.rows([0, 0]);
 * [rows.length, rows[0][0], rows[0][1], cache.fetched]
 * // => [2, 0, 1, 1]
 */
export class EmbeddingRowCache {
  private readonly rowsById = new Map<number, Float64Array>();
  private bytes = 0;
  /** Ids fetched from the engine so far (a measure of the cache's use). */
  fetched = 0;

  constructor(
    private readonly fetch: (ids: readonly number[]) => Promise<ArrayLike<number>[]>,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /** The unit rows of `ids`, in order (the same array object for a repeated id). */
  async rows(ids: ArrayLike<number>): Promise<Float64Array[]> {
    const missing = [...new Set(Array.from(ids).filter((id) => !this.rowsById.has(id)))];
    if (missing.length > 0) {
      const fetched = await this.fetch(missing);
      this.fetched += missing.length;
      missing.forEach((id, i) => this.put(id, unit(fetched[i])));
    }
    // Look up after every put: a nucleus larger than the budget still gets all its rows this once.
    const result = Array.from(ids, (id) => {
      const row = this.rowsById.get(id) ?? this.refetchFailed(id);
      this.rowsById.delete(id); // most recently used last: the oldest unused rows are dropped first
      this.rowsById.set(id, row);
      return row;
    });
    this.trim();
    return result;
  }

  private refetchFailed(id: number): never {
    throw new Error(`EmbeddingRowCache: row ${id} was not fetched`);
  }

  private put(id: number, row: Float64Array): void {
    this.rowsById.set(id, row);
    this.bytes += row.byteLength;
  }

  private trim(): void {
    for (const [id, row] of this.rowsById) {
      if (this.bytes <= this.maxBytes) break;
      this.rowsById.delete(id);
      this.bytes -= row.byteLength;
    }
  }
}

function unit(row: ArrayLike<number>): Float64Array {
  const out = new Float64Array(row.length);
  let squares = 0;
  for (let d = 0; d < row.length; d++) squares += row[d] * row[d];
  const scale = 1 / Math.sqrt(squares);
  if (!(scale > 0 && Number.isFinite(scale))) return out.fill(NaN);
  for (let d = 0; d < row.length; d++) out[d] = row[d] * scale;
  return out;
}

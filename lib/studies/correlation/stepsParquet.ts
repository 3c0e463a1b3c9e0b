/**
 * stepsParquet: a cell's steps as a Parquet file (hyparquet-writer, SNAPPY pages) with the columns of
 * steps.csv — written beside it when `--parquet` asks. Integers as INT32, entropies, cosine and covered
 * mass as DOUBLE, flags as BOOLEAN; an unknown value (a truncated list's full entropy, an uncovered
 * nucleus) is a null, as steps.csv leaves its field empty.
 *
 * @example
 * const bytes = stepsParquet([{ prompt: 0, step: 0, tokenId: 5, nucleusEntropy: 0.5, fullEntropy: NaN, cosine: 0.1, nucleusSize: 3, truncated: true, coveredMass: 0.95, nucleusCovered: true }]);
 * [bytes.byteLength > 100, String.fromCharCode(...bytes.slice(0, 4))]
 * // => [true, "PAR1"]
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import type { CellStep } from "./runCorrelation.js";

export function stepsParquet(steps: readonly CellStep[]): Uint8Array {
  const nan = (v: number) => (Number.isNaN(v) ? null : v);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "prompt", data: steps.map((s) => s.prompt), type: "INT32", nullable: false },
      { name: "step", data: steps.map((s) => s.step), type: "INT32", nullable: false },
      { name: "token_id", data: steps.map((s) => s.tokenId), type: "INT32", nullable: false },
      { name: "nucleus_entropy", data: steps.map((s) => nan(s.nucleusEntropy)), type: "DOUBLE" },
      { name: "full_entropy", data: steps.map((s) => nan(s.fullEntropy)), type: "DOUBLE" },
      { name: "cosine", data: steps.map((s) => nan(s.cosine)), type: "DOUBLE" },
      { name: "nucleus_size", data: steps.map((s) => nan(s.nucleusSize)), type: "INT32" },
      { name: "truncated", data: steps.map((s) => s.truncated), type: "BOOLEAN", nullable: false },
      { name: "covered_mass", data: steps.map((s) => s.coveredMass), type: "DOUBLE", nullable: false },
      { name: "nucleus_covered", data: steps.map((s) => s.nucleusCovered), type: "BOOLEAN", nullable: false },
    ],
  });
  return new Uint8Array(buffer);
}

/**
 * DumpSequence: one recorded sequence of a dump, as every dump reader gives it to `DumpEngine`:
 * its token ids and `rows` distributions, row i being the next-token distribution after the prefix
 * ids[0 .. start + i) (so row i predicts ids[start + i] when there is one). Teacher-forced logits of a
 * sequence of T tokens are start = 1, rows = T; Hugging Face `generate(output_scores=True)` of P prompt
 * and N new tokens is ids = prompt + new, start = P, rows = N. Types only.
 */
import type { EngineRow } from "../Engine.js";

export interface DumpSequence {
  ids: readonly number[];
  /** Prefix length of row 0 (≥ 1). */
  start: number;
  rows: number;
  /** Where the sequence is, for messages ("dump.jsonl line 3", "dump.safetensors logits.1"). */
  where: string;
  /** Reads row i (0 ≤ i < rows). */
  row(i: number): Promise<EngineRow>;
}

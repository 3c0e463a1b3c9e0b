/**
 * dumpRecord: checks one JSON Lines / Parquet dump record and gives its ids, start and rows. A record is
 *   {"ids": [int, …], "start": int (optional), "logits": [[float × V], …]}
 * or, for truncated distributions (a server's top-N),
 *   {"ids": [...], "start": ..., "topIds": [[int, …], …], "topProbs": [[float, …], …]}
 * with topProbs the listed tokens' probabilities under the full distribution, descending. Row i is the
 * distribution after ids[0 .. start + i). Without "start": rows = len(ids) means teacher forcing
 * (start 1); fewer rows mean `generate`'s scores, predicting the last rows ids (start = len(ids) − rows).
 * Every violation is one LogitlabError line naming the file, the record and the field.
 *
 * @example
 * const record = dumpRecord({ ids: [1, 0], logits: [[0, 1], [1, 0]] }, "d.jsonl", "line 1");
 * [record.start, record.rows.length, record.vocabSize]
 * // => [1, 2, 2]
 */
import { LogitlabError } from "../../util/errors.js";
import type { EngineRow } from "../Engine.js";

export interface CheckedDumpRecord {
  ids: number[];
  start: number;
  rows: EngineRow[];
  /** Row length for full rows; undefined for top-N rows. */
  vocabSize: number | undefined;
}

export function dumpRecord(value: unknown, file: string, position: string): CheckedDumpRecord {
  const fail = (field: string, reason: string): never => {
    throw new LogitlabError(reason, { context: "dump", file, position, field, kind: "data" });
  };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail("record", "is not a JSON object");
  const record = value as Record<string, unknown>;
  const ints = (list: unknown, field: string): number[] => {
    if (!Array.isArray(list) && !ArrayBuffer.isView(list)) return fail(field, "is not a list");
    const out = Array.from(list as ArrayLike<unknown>, (x) => (typeof x === "bigint" ? Number(x) : x));
    out.forEach((x, i) => {
      if (!(typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) fail(field, `item ${i + 1} (${JSON.stringify(x)}) is not a token id`);
    });
    return out as number[];
  };
  const floats = (list: unknown, field: string): number[] => {
    if (!Array.isArray(list) && !ArrayBuffer.isView(list)) return fail(field, "is not a list of numbers");
    const out = Array.from(list as ArrayLike<unknown>);
    out.forEach((x, i) => {
      if (!(typeof x === "number" && !Number.isNaN(x) && x !== Infinity)) fail(field, `item ${i + 1} (${JSON.stringify(x)}) is not a number (or -Infinity)`);
    });
    return out as number[];
  };
  const ids = ints(record.ids, "ids");
  if (ids.length === 0) fail("ids", "is empty");
  const hasLogits = record.logits !== undefined;
  const hasTop = record.topIds !== undefined || record.topProbs !== undefined;
  if (hasLogits === hasTop) fail("logits", 'a record has "logits" or "topIds" with "topProbs", exactly one of the two');
  const list = (hasLogits ? record.logits : record.topIds) as unknown;
  if (!Array.isArray(list) || list.length === 0) return fail(hasLogits ? "logits" : "topIds", "is not a non-empty list of rows");
  const count = list.length;
  const start = record.start === undefined || record.start === null ? (count === ids.length ? 1 : ids.length - count) : record.start;
  if (!(typeof start === "number" || typeof start === "bigint") || !Number.isSafeInteger(Number(start)) || Number(start) < 1) {
    return fail("start", `${JSON.stringify(typeof start === "bigint" ? Number(start) : start)} is not an integer ≥ 1 (with ${count} rows for ${ids.length} ids)`);
  }
  const first = Number(start);
  if (first + count - 1 > ids.length) fail("start", `start ${first} + ${count} rows reach past the ${ids.length} ids (the last row is after all ids)`);
  let vocabSize: number | undefined;
  const rows: EngineRow[] = [];
  if (hasLogits) {
    for (const [i, row] of list.entries()) {
      const values = floats(row, `logits[${i}]`);
      vocabSize ??= values.length;
      if (values.length !== vocabSize || vocabSize === 0) fail(`logits[${i}]`, `has ${values.length} values, row 0 has ${vocabSize}`);
      rows.push({ kind: "logits", logits: Float32Array.from(values) });
    }
    for (const [i, id] of ids.entries()) if (id >= vocabSize!) fail("ids", `item ${i + 1} (${id}) is outside the rows' vocabulary of ${vocabSize}`);
  } else {
    const probs = record.topProbs;
    if (!Array.isArray(probs) || probs.length !== count) fail("topProbs", `needs one list per topIds row (${count})`);
    for (let i = 0; i < count; i++) {
      const topIds = ints(list[i], `topIds[${i}]`);
      const p = floats((probs as unknown[])[i], `topProbs[${i}]`);
      if (p.length !== topIds.length) fail(`topProbs[${i}]`, `has ${p.length} values for ${topIds.length} topIds`);
      p.forEach((x, k) => {
        if (!(x >= 0 && x <= 1)) fail(`topProbs[${i}]`, `item ${k + 1} (${x}) is outside [0, 1]`);
        if (k > 0 && x > p[k - 1]) fail(`topProbs[${i}]`, `item ${k + 1} is larger than item ${k}; list by descending probability`);
      });
      rows.push({ kind: "top", ids: Int32Array.from(topIds), logProbs: Float64Array.from(p, Math.log) });
    }
  }
  return { ids, start: first, rows, vocabSize };
}

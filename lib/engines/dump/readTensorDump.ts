/**
 * readTensorDump: the sequences of a `.npy` or `.safetensors` logits dump, read row by row with
 * positioned reads (never the whole matrix).
 *   - `.safetensors`: tensors "logits" [T, V] (or [1, T, V]) and "ids" [T'] (integer), or several
 *     sequences as "logits.0"/"ids.0", "logits.1"/"ids.1", …; optional `__metadata__` "start" (or
 *     "start.K") as a decimal string. Float dtypes F32/F16/BF16/F64; ids I64/I32/U32.
 *   - `.npy`: X.npy is logits [T, V] (or [1, T, V]) with its ids in X.ids.npy beside it (or ids.npy in the
 *     same folder), any little-endian integer dtype; no start (the default rule of `dumpRecord`).
 * Without "start": rows = len(ids) is teacher forcing (start 1), fewer rows are `generate`'s scores
 * (start = len(ids) − rows). Every problem is one LogitlabError line naming the file and tensor.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-tdump-");
 * writeNpy(dir + "/run.npy", Float32Array.from([0, 1, 1, 0]), [2, 2]);
 * (() => { try { readTensorDump(dir + "/run.npy"); } catch (error) { return error.reason; } })()
 * // => "has no token ids beside it: save them as run.ids.npy (or ids.npy) in the same folder"
 */
import { closeSync, existsSync, readSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { openSafetensors } from "../../models/safetensors.js";
import { LogitlabError } from "../../util/errors.js";
import type { DumpSequence } from "./DumpSequence.js";
import { openNpy } from "./openNpy.js";
import { openRegularFile } from "./openRegularFile.js";

const MAX_BYTES = 64 * 2 ** 30;

function sequenceOf(file: string, name: string, ids: number[], rows: number, vocabSize: number, startText: string | undefined, read: (i: number) => Float32Array): DumpSequence {
  const fail = (field: string, reason: string): never => {
    throw new LogitlabError(reason, { context: "dump", file, field, kind: "data" });
  };
  if (ids.length === 0) fail(name, "has no ids");
  ids.forEach((id, i) => {
    if (!(Number.isSafeInteger(id) && id >= 0 && id < vocabSize)) fail(`ids of ${name}`, `item ${i + 1} (${id}) is not a token id below the vocabulary of ${vocabSize}`);
  });
  const start = startText === undefined ? (rows === ids.length ? 1 : ids.length - rows) : Number(startText);
  if (!(Number.isSafeInteger(start) && start >= 1)) fail(`start of ${name}`, `${JSON.stringify(startText ?? start)} is not an integer ≥ 1 (with ${rows} rows for ${ids.length} ids)`);
  if (rows === 0) fail(name, "has no rows");
  if (start + rows - 1 > ids.length) fail(`start of ${name}`, `start ${start} + ${rows} rows reach past the ${ids.length} ids`);
  return { ids, start, rows, where: `${basename(file)} ${name}`, row: async (i) => ({ kind: "logits", logits: read(i) }) };
}

/** [T, V] from a shape [T, V] or [1, T, V]. */
function matrixShape(shape: number[], file: string, name: string): [number, number] {
  const s = shape.length === 3 && shape[0] === 1 ? shape.slice(1) : shape;
  if (s.length !== 2 || s[1] === 0) throw new LogitlabError(`shape [${shape.join(", ")}] is not logits [T, V]`, { context: "dump", file, field: name, kind: "data" });
  return [s[0], s[1]];
}

export function readTensorDump(path: string): { sequences: DumpSequence[]; vocabSize: number; close(): void } {
  if (/\.npy$/i.test(path)) {
    const stem = path.replace(/\.npy$/i, "");
    const idsPath = [`${stem}.ids.npy`, join(dirname(path), "ids.npy")].find((p) => existsSync(p) && p !== path);
    if (!idsPath) throw new LogitlabError(`has no token ids beside it: save them as ${basename(stem)}.ids.npy (or ids.npy) in the same folder`, { context: "dump", file: path, kind: "data" });
    const logits = openNpy(path, MAX_BYTES);
    const idsFile = openNpy(idsPath, MAX_BYTES);
    try {
      if (!logits.float) throw new LogitlabError(`dtype ${logits.descr} is not a float type`, { context: "dump", file: path, field: "descr", kind: "data" });
      if (idsFile.float || idsFile.shape.length !== 1) throw new LogitlabError(`ids must be a 1-D integer array, got ${idsFile.descr} (${idsFile.shape.join(", ")})`, { context: "dump", file: idsPath, kind: "data" });
    } catch (error) {
      logits.close();
      idsFile.close();
      throw error;
    }
    const [T, V] = matrixShape(logits.shape, path, "logits");
    const ids = Array.from(idsFile.rows(0, idsFile.shape[0]));
    idsFile.close();
    try {
      const sequence = sequenceOf(path, "logits", ids, T, V, undefined, (i) => Float32Array.from(logits.rows(i, 1)));
      return { sequences: [sequence], vocabSize: V, close: () => logits.close() };
    } catch (error) {
      logits.close();
      throw error;
    }
  }
  // safetensors: the regular-file and size check first, then the validating header reader.
  closeSync(openRegularFile(path, MAX_BYTES, "dump").fd);
  const file = openSafetensors(path);
  try {
    const names = [...file.tensors.keys()];
    const keys = names.filter((n) => /^logits(\.\d+)?$/.test(n)).map((n) => n.slice("logits".length));
    if (keys.length === 0) throw new LogitlabError(`has no "logits" tensor (tensors: ${names.slice(0, 8).join(", ")})`, { context: "dump", file: path, kind: "data" });
    let vocabSize: number | undefined;
    const sequences = keys.map((key) => {
      const name = `logits${key}`;
      const idsName = `ids${key}`;
      const entry = file.tensors.get(name)!;
      const [T, V] = matrixShape(entry.shape, path, name);
      vocabSize ??= V;
      if (V !== vocabSize) throw new LogitlabError(`has ${V} columns, other logits ${vocabSize}`, { context: "dump", file: path, field: name, kind: "data" });
      const idsEntry = file.tensors.get(idsName);
      if (!idsEntry) throw new LogitlabError(`has no "${idsName}" tensor with the token ids of "${name}"`, { context: "dump", file: path, field: idsName, kind: "data" });
      const bytes = { I64: 8, I32: 4, U32: 4 }[idsEntry.dtype as "I64"];
      const count = idsEntry.shape.reduce((a, b) => a * b, 1);
      if (!bytes || idsEntry.shape.filter((d) => d !== 1).length > 1) {
        throw new LogitlabError(`is ${idsEntry.dtype} [${idsEntry.shape.join(", ")}], not a 1-D I64/I32/U32 list of ids`, { context: "dump", file: path, field: idsName, kind: "data" });
      }
      const raw = Buffer.alloc(count * bytes);
      const { fd } = openRegularFile(path, MAX_BYTES, "dump");
      try {
        readSync(fd, raw, 0, raw.length, idsEntry.begin);
      } finally {
        closeSync(fd);
      }
      const ids = Array.from({ length: count }, (_, i) => (bytes === 8 ? Number(raw.readBigInt64LE(8 * i)) : idsEntry.dtype === "U32" ? raw.readUInt32LE(4 * i) : raw.readInt32LE(4 * i)));
      return sequenceOf(path, name, ids, T, V, file.metadata[`start${key}`], (i) => file.readRange(name, i * V, V));
    });
    return { sequences, vocabSize: vocabSize!, close: () => file.close() };
  } catch (error) {
    file.close();
    throw error;
  }
}

/**
 * openDump: the {@link DumpEngine} of a dump file or folder (`--model`): `.jsonl` (readJsonlDump),
 * `.npy` / `.safetensors` logits with ids (readTensorDump), `.parquet` (readParquetDump); a folder
 * holds several such files (a `.ids.npy` / `ids.npy` is the ids of its logits, not a dump). PyTorch
 * pickles (`.pt`, `.pth`, `.bin`, `.pkl`) are never loaded (unpickling runs code): the message gives
 * the one-line conversion to safetensors. All dumps of one engine share one vocabulary.
 *
 * @example
 * (async () => { try { await openDump("logits.pt"); } catch (error) { return error.message.includes("save_file"); } })()
 * // => true
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../../util/errors.js";
import { DumpEngine } from "./DumpEngine.js";
import type { DumpSequence } from "./DumpSequence.js";
import { readJsonlDump } from "./readJsonlDump.js";
import { readParquetDump } from "./readParquetDump.js";
import { readTensorDump } from "./readTensorDump.js";

const PICKLE = /\.(pt|pth|bin|pkl|pickle|ckpt)$/i;
const DUMP = /\.(jsonl|npy|safetensors|parquet)$/i;

/** The one-line conversion of a PyTorch dump to a safetensors dump. */
export const PT_RECIPE =
  `python3 -c "import torch; from safetensors.torch import save_file; d = torch.load('X.pt', weights_only=True); save_file({'logits': d['logits'].float().contiguous(), 'ids': d['ids'].long()}, 'X.safetensors')"`;

export interface OpenDumpOptions {
  embeddings?: string;
}

export async function openDump(path: string, options: OpenDumpOptions = {}): Promise<DumpEngine> {
  if (PICKLE.test(path)) {
    throw new LogitlabError(`PyTorch pickles are never loaded (unpickling runs code); convert it to safetensors: ${PT_RECIPE}`, { context: "dump", file: path });
  }
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path).filter((name) => DUMP.test(name) && !/(^|\.)ids\.npy$/i.test(name)).sort().map((name) => join(path, name))
      : [path];
  } catch {
    throw new LogitlabError("no such file or folder", { context: "dump", file: path, kind: "data" });
  }
  if (files.length === 0) throw new LogitlabError("holds no dump files (.jsonl, .npy, .safetensors, .parquet)", { context: "dump", file: path, kind: "data" });
  const sequences: DumpSequence[] = [];
  const closers: (() => void)[] = [];
  let vocabSize: number | undefined;
  const close = () => closers.forEach((c) => c());
  try {
    for (const file of files) {
      let read: { sequences: DumpSequence[]; vocabSize: number | undefined; close?: () => void };
      if (/\.jsonl$/i.test(file)) read = readJsonlDump(file);
      else if (/\.parquet$/i.test(file)) read = await readParquetDump(file);
      else if (/\.(npy|safetensors)$/i.test(file)) read = readTensorDump(file);
      else throw new LogitlabError("is not a dump (.jsonl, .npy, .safetensors, .parquet)", { context: "dump", file });
      if (read.close) closers.push(read.close);
      if (read.vocabSize !== undefined) {
        vocabSize ??= read.vocabSize;
        if (read.vocabSize !== vocabSize) throw new LogitlabError(`rows have ${read.vocabSize} values, other dump files ${vocabSize}`, { context: "dump", file, kind: "data" });
      }
      sequences.push(...read.sequences);
    }
  } catch (error) {
    close();
    throw error;
  }
  return new DumpEngine(sequences, path, vocabSize ?? 0, { embeddings: options.embeddings, close });
}

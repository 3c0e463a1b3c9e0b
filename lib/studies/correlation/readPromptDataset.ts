/**
 * readPromptDataset: one prompt dataset of the correlation study from local files in the Hugging Face
 * layouts — JSON Lines (`.jsonl`, one object per line) or Parquet (`.parquet`, read with hyparquet) —
 * a file, or a folder whose split files (`test*.jsonl`, `test-00000-of-00001.parquet`, also inside
 * `main/`, `data/` or `default/`) are read in name order.
 *
 * The kind comes from the columns (or `options.kind`): `question` → gsm8k, `document` → xsum,
 * `prompt` → writingprompts (see `promptText` for the text built from each). Bad rows — a line that is
 * not JSON, not an object, or whose prompt field is missing, not a string or empty; a reference field
 * that is not a string — are rejected with one line naming the file, row and field, and the others are
 * kept. A file without the prompt column, an unreadable file (only regular files, at most
 * `maxBytes`, default 512 MiB) or a folder without split files is a LogitlabError (kind "data").
 * `limit` stops after that many items.
 *
 * @example
 * const data = await readPromptDataset("data/prompts/gsm8k", { limit: 2 });
 * [data.kind, data.items.length, data.items[1].index, data.rejected.length]
 * // => ["gsm8k", 2, 1, 0]
 */
import { readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { LogitlabError } from "../../util/errors.js";
import { readErrorReason, readRegularFile } from "../../util/readRegularFile.js";
import { promptText } from "./promptText.js";
import type { PromptDataset, PromptDatasetKind, PromptItem } from "./types.js";

export interface ReadPromptDatasetOptions {
  /** Force the kind instead of reading it from the columns. */
  kind?: PromptDatasetKind;
  /** Split of a folder (default "test"). */
  split?: string;
  /** Stop after this many items. */
  limit?: number;
  /** Largest file read (bytes; default 512 MiB). */
  maxBytes?: number;
}

/** Columns of each kind: the prompt field, the reference field and the id field (xsum only). */
const COLUMNS: Record<PromptDatasetKind, { prompt: string; reference: string; id?: string }> = {
  gsm8k: { prompt: "question", reference: "answer" },
  writingprompts: { prompt: "prompt", reference: "story" },
  xsum: { prompt: "document", reference: "summary", id: "id" },
};

const CONTEXT = "correlation";

function kindOfColumns(columns: readonly string[], file: string): PromptDatasetKind {
  if (columns.includes("question")) return "gsm8k";
  if (columns.includes("document")) return "xsum";
  if (columns.includes("prompt")) return "writingprompts";
  throw new LogitlabError(`has none of the columns "question" (gsm8k), "document" (xsum) or "prompt" (writingprompts); found ${columns.map((c) => JSON.stringify(c)).join(", ") || "none"}`, { context: CONTEXT, file, kind: "data" });
}

/** The split files of a folder, in name order (the folder itself and main/, data/, default/). */
function splitFiles(dir: string, split: string): string[] {
  const found: string[] = [];
  for (const sub of ["", "main", "data", "default", join("default", split)]) {
    const folder = join(dir, sub);
    let names: string[];
    try {
      if (!statSync(folder).isDirectory()) continue;
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const ext = extname(name);
      const stem = basename(name, ext);
      const inSplit = stem === split || stem.startsWith(`${split}-`) || (sub.endsWith(split) && /^\d+$/.test(stem));
      if (inSplit && (ext === ".jsonl" || ext === ".parquet")) found.push(join(folder, name));
    }
    if (found.length > 0) break;
  }
  if (found.length === 0) {
    throw new LogitlabError(`has no ${split} split: expected ${split}.jsonl or ${split}-*.parquet in it or in main/, data/ or default/`, { context: CONTEXT, file: dir, kind: "data" });
  }
  return found;
}

/** Rows of one file as plain objects, with the file's column names; parse failures are rejected rows. */
async function fileRows(file: string, maxBytes: number): Promise<{ columns: string[]; rows: { row: number; value: unknown; error?: string }[] }> {
  const bytes = readRegularFile(file, maxBytes);
  if (extname(file) === ".parquet") {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    let columns: string[];
    let objects: Record<string, unknown>[];
    try {
      const metadata = parquetMetadata(buffer);
      columns = parquetSchema(metadata).children.map((child) => child.element.name);
      objects = await parquetReadObjects({ file: buffer, metadata, columns: columns.filter((c) => ["question", "answer", "prompt", "story", "document", "summary", "id"].includes(c)) });
    } catch (error) {
      throw new LogitlabError(`is not a Parquet file hyparquet can read (${(error as Error).message})`, { context: CONTEXT, file, kind: "data" });
    }
    return { columns, rows: objects.map((value, row) => ({ row, value })) };
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  const rows: { row: number; value: unknown; error?: string }[] = [];
  const columns = new Set<string>();
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.keys(value).forEach((key) => columns.add(key));
      rows.push({ row: i, value });
    } catch (error) {
      rows.push({ row: i, value: undefined, error: `is not JSON (${(error as Error).message})` });
    }
  });
  return { columns: [...columns], rows };
}

export async function readPromptDataset(path: string, options: ReadPromptDatasetOptions = {}): Promise<PromptDataset> {
  const split = options.split ?? "test";
  const limit = options.limit ?? Infinity;
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new LogitlabError(readErrorReason(error), { context: CONTEXT, file: path, kind: "data" });
  }
  const files = isFolder ? splitFiles(path, split) : [path];
  const name = isFolder ? basename(path) : basename(path, extname(path));
  const rejected: string[] = [];
  const items: PromptItem[] = [];
  let kind = options.kind;
  let index = 0;
  for (const file of files) {
    if (items.length >= limit) break;
    const { columns, rows } = await fileRows(file, maxBytes);
    kind ??= kindOfColumns(columns, file);
    const spec = COLUMNS[kind];
    if (!columns.includes(spec.prompt) && rows.length > 0) {
      throw new LogitlabError(`has no "${spec.prompt}" column, which ${kind} prompts need`, { context: CONTEXT, file, field: spec.prompt, kind: "data" });
    }
    const jsonl = extname(file) !== ".parquet";
    for (const { row, value, error } of rows) {
      if (items.length >= limit) break;
      const where = `${CONTEXT}: ${file} ${jsonl ? `line ${row + 1}` : `row ${row}`}`;
      const position = index++;
      if (error !== undefined) {
        rejected.push(`${where}: ${error}`);
        continue;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        rejected.push(`${where}: is not an object`);
        continue;
      }
      const record = value as Record<string, unknown>;
      const prompt = record[spec.prompt];
      if (typeof prompt !== "string" || prompt.trim() === "") {
        rejected.push(`${where}: field "${spec.prompt}": ${prompt === undefined ? "is missing" : typeof prompt === "string" ? "is empty" : `is ${prompt === null ? "null" : typeof prompt}, not a string`}`);
        continue;
      }
      const reference = record[spec.reference] === undefined ? "" : record[spec.reference];
      if (typeof reference !== "string") {
        rejected.push(`${where}: field "${spec.reference}": is ${reference === null ? "null" : typeof reference}, not a string`);
        continue;
      }
      const rawId = spec.id === undefined ? undefined : record[spec.id];
      const id = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : String(position);
      items.push({ index: position, id, text: promptText(kind, { [spec.prompt]: prompt }), reference });
    }
  }
  return { name, kind: kind ?? "writingprompts", files, items, rejected };
}

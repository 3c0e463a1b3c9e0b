/**
 * openCheckpoint: the weights of a Hugging Face checkpoint folder as one name → tensor reader, whether
 * they sit in one `model.safetensors` or are sharded with `model.safetensors.index.json`
 * (`{"weight_map": {"<tensor>": "<shard file>"}}`).
 *
 * Every shard is opened and validated up front (headers only); a tensor listed in the index but
 * missing from its shard, or present in two shards, is an error. Shards stay open until `close()`.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync("/tmp/logitlab-ckpt-");
 * writeSafetensors(dir + "/model.safetensors", { "lm_head.weight": { shape: [1, 2], values: [1, 2] } });
 * openCheckpoint(dir).names() // => ["lm_head.weight"]
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { readJsonObject } from "../util/readJsonObject.js";
import { openSafetensors, type SafetensorsEntry, type SafetensorsFile } from "./safetensors.js";

/** All tensors of a checkpoint folder. */
export interface Checkpoint {
  /** Tensor names in file order. */
  names(): string[];
  has(name: string): boolean;
  /** Header entry (dtype, shape) of one tensor. */
  info(name: string): SafetensorsEntry;
  /** Reads one tensor as float32. */
  read(name: string): Float32Array;
  /** Reads `count` elements from element `start` of one tensor as float32. */
  readRange(name: string, start: number, count: number): Float32Array;
  /** The files the weights came from. */
  files: string[];
  close(): void;
}

/** Largest model.safetensors.index.json read (a 405B-parameter model's index is about 100 kB). */
const INDEX_MAX_BYTES = 64 << 20;

export function openCheckpoint(dir: string): Checkpoint {
  const single = join(dir, "model.safetensors");
  const index = join(dir, "model.safetensors.index.json");
  const shards: SafetensorsFile[] = [];
  const owner = new Map<string, SafetensorsFile>();
  try {
    if (existsSync(index)) {
      const json = readJsonObject(index, { context: "checkpoint", maxBytes: INDEX_MAX_BYTES });
      const weightMap = json.weight_map;
      if (typeof weightMap !== "object" || weightMap === null || Array.isArray(weightMap)) {
        throw new LogitlabError("weight_map is missing or not an object of tensor name → shard file", { context: "checkpoint", file: index, field: "weight_map", kind: "data" });
      }
      const files: string[] = [];
      for (const [name, file] of Object.entries(weightMap)) {
        // A plain file name inside the folder: no separators, no "." or "..", no NUL (an entry must not
        // reach outside the checkpoint folder).
        if (typeof file !== "string" || file === "" || file === "." || file === ".." || /[/\\\0]/.test(file)) {
          throw new LogitlabError(`shard ${JSON.stringify(escapeControl(String(file)))} is not a plain file name inside the checkpoint folder`, {
            context: "checkpoint", file: index, field: "weight_map", position: `tensor ${JSON.stringify(escapeControl(name))}`, kind: "data",
          });
        }
        if (!files.includes(file)) files.push(file);
      }
      for (const file of files) {
        const path = join(dir, file);
        if (!existsSync(path)) {
          throw new LogitlabError(`shard ${file} listed in model.safetensors.index.json is missing; download it with the other checkpoint files`, {
            context: "checkpoint", file: path, kind: "data",
          });
        }
        shards.push(openSafetensors(path));
      }
      for (const [name, file] of Object.entries(weightMap as Record<string, string>)) {
        const shard = shards.find((s) => s.path === join(dir, file))!;
        if (!shard.tensors.has(name)) {
          throw new LogitlabError(`tensor "${escapeControl(name)}" is listed for ${file} but that shard does not contain it`, { context: "checkpoint", file: index, kind: "data" });
        }
      }
    } else if (existsSync(single)) {
      shards.push(openSafetensors(single));
    } else {
      throw new LogitlabError(
        "no weights: expected model.safetensors or model.safetensors.index.json with its shards " +
          "(download them from the model's Hugging Face page; PyTorch .bin files are not read)",
        { context: "checkpoint", file: dir },
      );
    }
    for (const shard of shards) {
      for (const name of shard.tensors.keys()) {
        const previous = owner.get(name);
        if (previous) {
          throw new LogitlabError(`tensor "${name}" appears in both ${previous.path} and ${shard.path}`, { context: "checkpoint", file: dir });
        }
        owner.set(name, shard);
      }
    }
  } catch (error) {
    for (const shard of shards) shard.close();
    throw error;
  }
  const find = (name: string): SafetensorsFile => {
    const shard = owner.get(name);
    if (!shard) throw new LogitlabError(`checkpoint has no tensor "${name}"`, { context: "checkpoint", file: dir });
    return shard;
  };
  return {
    names: () => [...owner.keys()],
    has: (name) => owner.has(name),
    info: (name) => find(name).tensors.get(name)!,
    read: (name) => find(name).read(name),
    readRange: (name, start, count) => find(name).readRange(name, start, count),
    files: shards.map((s) => s.path),
    close: () => shards.forEach((s) => s.close()),
  };
}

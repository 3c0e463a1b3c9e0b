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
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LogitlabError } from "../util/errors.js";
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

export function openCheckpoint(dir: string): Checkpoint {
  const single = join(dir, "model.safetensors");
  const index = join(dir, "model.safetensors.index.json");
  const shards: SafetensorsFile[] = [];
  const owner = new Map<string, SafetensorsFile>();
  try {
    if (existsSync(index)) {
      let weightMap: Record<string, unknown>;
      try {
        weightMap = (JSON.parse(readFileSync(index, "utf8")) as { weight_map?: Record<string, unknown> }).weight_map ?? {};
      } catch (error) {
        throw new LogitlabError(`not valid JSON: ${(error as Error).message}`, { context: "checkpoint", file: index });
      }
      if (typeof weightMap !== "object" || weightMap === null) {
        throw new LogitlabError("weight_map is not an object", { context: "checkpoint", file: index, field: "weight_map" });
      }
      const files = [...new Set(Object.values(weightMap))];
      for (const file of files) {
        if (typeof file !== "string" || file.includes("/") || file.includes("\\")) {
          throw new LogitlabError(`shard name ${JSON.stringify(file)} is not a plain file name`, { context: "checkpoint", file: index, field: "weight_map" });
        }
        const path = join(dir, file);
        if (!existsSync(path)) {
          throw new LogitlabError(`shard ${file} listed in model.safetensors.index.json is missing; download it with the other checkpoint files`, {
            context: "checkpoint", file: path,
          });
        }
        shards.push(openSafetensors(path));
      }
      for (const [name, file] of Object.entries(weightMap)) {
        const shard = shards.find((s) => s.path === join(dir, file as string))!;
        if (!shard.tensors.has(name)) {
          throw new LogitlabError(`tensor "${name}" is listed for ${file as string} but that shard does not contain it`, { context: "checkpoint", file: index });
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

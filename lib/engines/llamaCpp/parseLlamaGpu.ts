/**
 * parseLlamaGpu: check a `--gpu` value (`auto`, `cuda`, `vulkan`, `metal` or `cpu`), for the CLI
 * commands, the studies' option lists and `selectLlamaGpu`. Anything else is one LogitlabError line
 * (kind "input": a usage error, exit status 2) naming the field and the choices.
 *
 * @example
 * [parseLlamaGpu("cuda"), parseLlamaGpu(undefined)]
 * // => ["cuda", "cpu"]
 */
import { LogitlabError } from "../../util/errors.js";

/** What `--gpu` takes. */
export const LLAMA_GPU_CHOICES = ["auto", "cuda", "vulkan", "metal", "cpu"] as const;
export type LlamaGpuChoice = (typeof LLAMA_GPU_CHOICES)[number];

export function parseLlamaGpu(value: unknown, where: { context?: string; field?: string; file?: string } = {}): LlamaGpuChoice {
  if (value === undefined) return "cpu";
  if (typeof value === "string" && (LLAMA_GPU_CHOICES as readonly string[]).includes(value)) return value as LlamaGpuChoice;
  const shown = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  throw new LogitlabError(`unknown GPU choice ${shown}; use one of ${LLAMA_GPU_CHOICES.join(", ")}`, { context: where.context, field: where.field ?? "--gpu", file: where.file });
}

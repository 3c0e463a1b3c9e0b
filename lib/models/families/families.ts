/**
 * FAMILIES: the model families load.ts can run, in the order their architectures are listed in the
 * "not supported" error. A new family is one file in this folder (a {@link Family}: config parsing,
 * weight table, ignored buffers, constructor) and one entry here; load.ts and causalLM.ts name no
 * family.
 *
 * @example
 * FAMILIES.flatMap((family) => family.architectures)
 * // => ["GPT2LMHeadModel", "LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM"]
 */
import type { Family } from "../types.js";
import { gpt2Family } from "./gpt2.js";
import { llamaFamily } from "./llama.js";

export const FAMILIES: readonly Family[] = [gpt2Family, llamaFamily];

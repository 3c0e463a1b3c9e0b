/** The system line of the reasoning-words study's prompt (as in the original: reason step by step, box the final answer). */
export const REASONING_SYSTEM_LINE = "Please reason step by step, and put your final answer within \\boxed{}.";

/**
 * reasoningPrompt: the study's prompt for one question — the system line, then `Query:` with the
 * question, then `Answer:`; the answer follows after one space (score it as `" " + answer`). The
 * bundled SFT stand-in (tiny-llama-256-sft) was fine-tuned on exactly this format.
 *
 * @example
 * reasoningPrompt("What is 2 + 3?").split("\n").slice(1)
 * // => ["Query: What is 2 + 3?", "Answer:"]
 */
export function reasoningPrompt(query: string): string {
  return `${REASONING_SYSTEM_LINE}\nQuery: ${query}\nAnswer:`;
}

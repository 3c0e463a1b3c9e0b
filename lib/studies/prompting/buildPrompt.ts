/**
 * buildPrompt: the few-shot prompt of the original study — the exemplars, each its question, a
 * newline and its worked answer (ending in "#### n"), without "Q:"/"A:" labels; then the technique's
 * instruction; then the question; all joined by newlines, with a final newline after the question so
 * that the model starts the answer on a line of its own:
 *
 *     q₁ \n a₁ \n q₂ \n a₂ \n … \n instruction \n question \n
 *
 * `shots` takes the first that many exemplars (default all; 0 gives a zero-shot prompt).
 *
 * Type: (exemplars, instruction, question, { shots? }) → string.
 *
 * @example
 * buildPrompt([{ question: "What is 2 + 2?", answer: "2 + 2 = 4\n#### 4" }], 'Reply {"answer": n}.', "What is 3 + 1?")
 * // => "What is 2 + 2?\n2 + 2 = 4\n#### 4\nReply {\"answer\": n}.\nWhat is 3 + 1?\n"
 */
import { LogitlabError } from "../../util/errors.js";
import type { Exemplar } from "./readPromptsFile.js";

export function buildPrompt(exemplars: readonly Exemplar[], instruction: string, question: string, options: { shots?: number } = {}): string {
  const shots = options.shots ?? exemplars.length;
  if (!Number.isInteger(shots) || shots < 0 || shots > exemplars.length) {
    throw new LogitlabError(`shots must be an integer in [0, ${exemplars.length}] (the exemplars given), got ${shots}`, { context: "buildPrompt", field: "shots" });
  }
  const parts = exemplars.slice(0, shots).map((e) => `${e.question}\n${e.answer}`);
  return [...parts, instruction, question].join("\n") + "\n";
}

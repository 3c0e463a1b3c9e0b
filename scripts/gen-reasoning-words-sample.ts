/**
 * Writes data/reasoning-words/sample.jsonl, the bundled data of the reasoning-words study
 * (`logitlab reasoning-words`, notebooks/reasoning-words.ipynb): 10 worked arithmetic answers, 2 per
 * level 1–5 (few, so that the bundled run and the notebook stay fast), in the study's JSON Lines format {"query", "answer", "level", "correct", "reference"}.
 * Half the answers are written plainly ("… The answer is \boxed{N}."), half with reasoning words
 * ("Let me think", "Wait, let me check", "So", "Therefore" …; scripts/reasoningArithmetic.ts); a
 * quarter of them box a wrong result (correct: false), so that correctness groups exist. The
 * reference is the true result. Seeded: the same file on every run.
 *
 * Usage: node --import tsx scripts/gen-reasoning-words-sample.ts
 */
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomicSync } from "../lib/io/atomicWrite.js";
import { seededRandom } from "../lib/util/seededRandom.js";
import { arithmeticProblem, plainSolution, reasoningSolution } from "./reasoningArithmetic.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const random = seededRandom(20261201);
const rows: string[] = [];
for (let i = 0; i < 10; i++) {
  const level = 1 + (i % 5);
  const problem = arithmeticProblem(random, level);
  const wrong = i % 4 === 3;
  const shown = wrong ? problem.result + (random() < 0.5 ? 1 : 10) : problem.result;
  const answer = Math.floor(i / 5) % 2 === 0 ? reasoningSolution(random, problem, shown) : plainSolution(problem, shown);
  rows.push(JSON.stringify({ query: problem.query, answer, level, correct: !wrong, reference: String(problem.result) }));
}
writeFileAtomicSync(join(root, "data", "reasoning-words", "sample.jsonl"), rows.join("\n") + "\n");
console.log(`wrote ${rows.length} rows to data/reasoning-words/sample.jsonl`);

/**
 * make-prompting-data: writes the prompting study's bundled prompts files and its miniature problems,
 * all generated here (seeded; our own wording, MIT like the repository):
 *
 *   data/prompts/prompting/techniques.json       8 worked exemplars (two-step arithmetic word problems,
 *                                                 each answer ending in "#### n") and the instructions of
 *                                                 baseline / cot / cod as the original describes them;
 *   data/prompts/prompting/techniques-mini.json  1 short exemplar and short instructions, for the bundled
 *                                                 64-token models (see lib/studies/prompting/promptingPresets.ts);
 *   data/prompts/prompting/mini-test.jsonl       40 one-step problems {"question", "answer"} in the GSM8K
 *                                                 layout (worked answer ending in "#### n"), short enough that
 *                                                 exemplar + instruction + question + answer fit 64 tokens.
 *
 * Run from the repository root:  node --import tsx scripts/make-prompting-data.ts
 * The arithmetic is computed here, so every "#### n" is the right answer of its question.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../lib/util/seededRandom.js";

const SEED = 20261201;
const OUT = join("data", "prompts", "prompting");
const random = seededRandom(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const NAMES = ["Tom", "Ana", "Sam", "Lena", "Omar", "Mia", "Ravi", "Kate"];
const THINGS = ["apples", "pens", "cards", "stamps", "marbles", "books"];

/** A two-step word problem with a worked answer ending in "#### n" (the full exemplars). */
function twoStep(): { question: string; answer: string } {
  const name = pick(NAMES);
  const thing = pick(THINGS);
  switch (int(0, 2)) {
    case 0: {
      const a = int(5, 30), b = int(2, 9), c = int(2, 6);
      const bought = b * c;
      return {
        question: `${name} has ${a} ${thing}. ${name} buys ${c} packs of ${b} ${thing} each. How many ${thing} does ${name} have now?`,
        answer: `The packs hold ${c} * ${b} = ${bought} ${thing}.\nSo ${name} has ${a} + ${bought} = ${a + bought} ${thing}.\n#### ${a + bought}`,
      };
    }
    case 1: {
      const each = int(3, 12), boxes = int(2, 8), given = int(1, each * boxes - 1);
      const total = each * boxes;
      return {
        question: `${name} fills ${boxes} boxes with ${each} ${thing} each and gives away ${given} ${thing}. How many ${thing} are left?`,
        answer: `${name} has ${boxes} * ${each} = ${total} ${thing}.\nAfter giving away ${given}, ${total} - ${given} = ${total - given} are left.\n#### ${total - given}`,
      };
    }
    default: {
      const price = int(2, 9), count = int(2, 9), paid = price * count + int(1, 20);
      const cost = price * count;
      return {
        question: `${name} buys ${count} ${thing} at $${price} each and pays with $${paid}. How much change does ${name} get?`,
        answer: `The ${thing} cost ${count} * ${price} = ${cost} dollars.\nThe change is ${paid} - ${cost} = ${paid - cost} dollars.\n#### ${paid - cost}`,
      };
    }
  }
}

/** A one-step problem of a few tokens: "What is 7 + 5?" / "7 + 5 = 12\n#### 12". */
function oneStep(): { question: string; answer: string } {
  const op = pick(["+", "-", "*"]);
  const a = op === "*" ? int(2, 9) : int(2, 40);
  const b = op === "*" ? int(2, 9) : op === "-" ? int(1, a - 1) : int(2, 40);
  const value = op === "+" ? a + b : op === "-" ? a - b : a * b;
  return { question: `What is ${a} ${op} ${b}?`, answer: `${a} ${op} ${b} = ${value}\n#### ${value}` };
}

const full = {
  format: "logitlab-prompting/1",
  description: "Bundled prompts of the prompting study: 8 worked exemplars (generated two-step arithmetic word problems) and the instructions of the three techniques, in our own wording. Written by scripts/make-prompting-data.ts.",
  exemplars: Array.from({ length: 8 }, twoStep),
  techniques: {
    baseline: 'Answer the next question directly. Give only the final number, without a unit, as JSON in the form {"answer": n} and nothing else.',
    cot: 'Answer the next question. Think step by step, then write the final answer at the end after the separator ####, as valid JSON in the form {"answer": n}.',
    cod: 'Answer the next question. Think step by step, but keep only a minimal draft of each step, at most five words per step. Then write the final answer at the end after the separator ####, as valid JSON in the form {"answer": n}.',
  },
};

const mini = {
  format: "logitlab-prompting/1",
  description: "Miniature prompts for the bundled 64-token models: 1 short exemplar and short instructions with the same parts (JSON answer; #### then JSON; five-word steps). Written by scripts/make-prompting-data.ts.",
  exemplars: [oneStep()],
  techniques: {
    baseline: 'Reply only {"answer": n}.',
    cot: 'Steps, then #### {"answer": n}.',
    cod: 'Five-word steps, then #### {"answer": n}.',
  },
};

const problems = Array.from({ length: 40 }, oneStep);

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "techniques.json"), JSON.stringify(full, null, 2) + "\n");
writeFileSync(join(OUT, "techniques-mini.json"), JSON.stringify(mini, null, 2) + "\n");
writeFileSync(join(OUT, "mini-test.jsonl"), problems.map((p) => JSON.stringify(p)).join("\n") + "\n");
console.log(`wrote ${OUT}/techniques.json, techniques-mini.json, mini-test.jsonl (${problems.length} problems)`);

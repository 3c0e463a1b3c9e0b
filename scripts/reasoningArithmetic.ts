/**
 * Worked arithmetic problems at five difficulty levels, and two ways of writing their solutions:
 * `plainSolution` (steps, then "The answer is \boxed{N}.") and `reasoningSolution` (the same steps
 * wrapped in reasoning words: "Let me think", "wait", "check", "hmm", "actually", "so",
 * "therefore" …). Used by scripts/train-tiny-models.ts (the SFT data of tiny-llama-256-sft) and
 * scripts/gen-reasoning-words-sample.ts (the bundled sample of the reasoning-words study).
 * Everything is driven by the seeded `random` passed in.
 */

/** One problem: the question, its true result, and the solution's steps as sentences. */
export interface ArithmeticProblem {
  level: number;
  query: string;
  result: number;
  /** The worked steps, each a sentence without reasoning words. */
  steps: string[];
  /** A sentence that verifies the result ("68 - 45 = 23."). */
  check: string;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A problem of difficulty `level` (1: one-digit sum … 5: two-step word problem). */
export function arithmeticProblem(random: () => number, level: number): ArithmeticProblem {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  if (level === 1) {
    const a = int(1, 9);
    const b = int(1, 9);
    return { level, query: `What is ${a} + ${b}?`, result: a + b, steps: [`${a} + ${b} = ${a + b}.`], check: `${a + b} - ${b} = ${a}.` };
  }
  if (level === 2) {
    const a = int(11, 89);
    const b = int(11, 89);
    const ones = (a % 10) + (b % 10);
    const carry = ones >= 10 ? 1 : 0;
    const tens = Math.floor(a / 10) + Math.floor(b / 10) + carry;
    return {
      level,
      query: `What is ${a} + ${b}?`,
      result: a + b,
      steps: [`First add the ones: ${a % 10} + ${b % 10} = ${ones}${carry ? `, write ${ones % 10} and carry 1` : ""}.`, `Then the tens: ${Math.floor(a / 10)} + ${Math.floor(b / 10)}${carry ? " + 1" : ""} = ${tens}.`],
      check: `${a + b} - ${b} = ${a}.`,
    };
  }
  if (level === 3) {
    const a = int(30, 99);
    const b = int(11, a - 5);
    const round = b - (b % 10);
    return {
      level,
      query: `What is ${a} - ${b}?`,
      result: a - b,
      steps: [`${a} - ${round} = ${a - round}.`, `Then subtract ${b % 10} more: ${a - round} - ${b % 10} = ${a - b}.`],
      check: `${a - b} + ${b} = ${a}.`,
    };
  }
  if (level === 4) {
    const a = int(12, 99);
    const m = int(3, 9);
    const tens = a - (a % 10);
    return {
      level,
      query: `What is ${a} times ${m}?`,
      result: a * m,
      steps: [`${tens} times ${m} is ${tens * m}.`, `${a % 10} times ${m} is ${(a % 10) * m}.`, `${tens * m} + ${(a % 10) * m} = ${a * m}.`],
      check: `${a * m} / ${m} = ${a}.`,
    };
  }
  const have = int(5, 30);
  const more = int(3, 20);
  const eaten = int(1, have);
  const [name, thing] = pick(random, [["Sarah", "apples"], ["Tom", "coins"], ["Anna", "books"], ["Sam", "stones"]] as const);
  return {
    level: 5,
    query: `${name} has ${have} ${thing}. ${name} gets ${more} more and gives away ${eaten}. How many ${thing} are left?`,
    result: have + more - eaten,
    steps: [`${have} + ${more} = ${have + more} ${thing}.`, `Then ${have + more} - ${eaten} = ${have + more - eaten}.`],
    check: `${have + more - eaten} + ${eaten} - ${more} = ${have}.`,
  };
}

/** The steps, then "The answer is \boxed{N}." (`shown` replaces the result, for wrong answers). */
export function plainSolution(problem: ArithmeticProblem, shown = problem.result): string {
  return `${problem.steps.join(" ")} The answer is \\boxed{${shown}}.`;
}

/**
 * The steps wrapped in reasoning words: an opener ("Let me think."), "so"/"then" between steps, a
 * "Wait, let me check: …" or "Hmm, …" verification, sometimes a corrected slip ("Actually, …"), and
 * "Therefore the answer is \boxed{N}." (`shown` replaces the result, for wrong answers).
 */
export function reasoningSolution(random: () => number, problem: ArithmeticProblem, shown = problem.result): string {
  const parts: string[] = [pick(random, ["Let me think.", "Let me think step by step.", "Hmm, let me see.", "Okay, let me think about this.", "Let me work it out."])];
  problem.steps.forEach((step, i) => {
    if (i === 0) parts.push(step);
    else parts.push(`${pick(random, ["So", "Then", "So then", "Now"])} ${step.charAt(0).toLowerCase()}${step.slice(1)}`);
  });
  if (random() < 0.3) {
    parts.push(`Wait, that is ${problem.result + pick(random, [1, -1, 10, -10])}? Actually, no: ${pick(random, ["let me redo it", "I made a slip", "let me think again"])}.`);
    parts.push(`So it is ${problem.result}.`);
  }
  parts.push(pick(random, [`Wait, let me check: ${problem.check}`, `Let me check: ${problem.check}`, `Hmm, let me check this: ${problem.check}`, `Let me check it again: ${problem.check}`]));
  parts.push(pick(random, ["So that is right.", "Aha, so it works.", "So it checks out.", "However, I should think once more. It is right."]));
  parts.push(`${pick(random, ["Therefore", "So", "Therefore"])} the answer is \\boxed{${shown}}.`);
  return parts.join(" ");
}

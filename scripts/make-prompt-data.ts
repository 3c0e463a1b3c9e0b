// Writes the bundled prompt samples of issue #10's studies into data/prompts/ (see data/README.md),
// in the Hugging Face datasets' own layouts (JSON Lines, one object per line, the real column names):
//
//   gsm8k/test.jsonl, gsm8k/train.jsonl   {"question", "answer"}       (openai/gsm8k, config "main")
//   writingprompts/test.jsonl             {"prompt", "story"}          (euclaise/writingprompts)
//   xsum/test.jsonl                       {"document", "summary", "id"} (EdinburghNLP/xsum)
//
//   node --import tsx scripts/make-prompt-data.ts [--out data/prompts] [--seed 10]
//
// Everything is generated here from a seed (mulberry32, lib/util/seededRandom) and templates written
// for this repository (CC0), except the xsum documents, which are King James Version passages taken from
// data/corpus/kjv-selection.txt (public domain). Running it twice writes identical files.
//
// The texts are short on purpose: the bundled tiny models have a 64-token context, and the correlation
// study's miniature defaults (lib/studies/correlation/correlationDefaults.ts) need each prompt to leave
// room for the generated steps. GSM8K answers keep the dataset's conventions: worked lines with
// calculator annotations `<<48/2=24>>` and a final line `#### n`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { seededRandom } from "../lib/util/seededRandom.js";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "data/prompts" },
    seed: { type: "string", default: "10" },
  },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(values.out as string);
const random = seededRandom(Number(values.seed));
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

// ---------- gsm8k: arithmetic word problems with worked answers ----------
const NAMES = ["Ada", "Ben", "Cleo", "Dan", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kim", "Leo", "Mia", "Ned", "Ola", "Pia"];
const ITEMS = ["apples", "pens", "coins", "books", "eggs", "stamps", "shells", "cards", "beads", "nuts"];

interface Problem {
  question: string;
  answer: string;
}

/** One problem of a random kind; every kind's answer is a whole number ≥ 0. */
function problem(): Problem {
  const name = pick(NAMES);
  const item = pick(ITEMS);
  switch (int(0, 5)) {
    case 0: {
      const a = int(5, 60);
      const b = int(2, 40);
      return {
        question: `${name} has ${a} ${item}. ${name} gets ${b} more. How many ${item} does ${name} have now?`,
        answer: `${name} has ${a} + ${b} = <<${a}+${b}=${a + b}>>${a + b} ${item} now.\n#### ${a + b}`,
      };
    }
    case 1: {
      const b = int(2, 30);
      const a = b + int(3, 50);
      return {
        question: `${name} had ${a} ${item} and gave away ${b}. How many ${item} are left?`,
        answer: `${name} has ${a} - ${b} = <<${a}-${b}=${a - b}>>${a - b} ${item} left.\n#### ${a - b}`,
      };
    }
    case 2: {
      const a = int(2, 9);
      const b = int(3, 12);
      return {
        question: `${name} buys ${a} bags with ${b} ${item} in each bag. How many ${item} is that?`,
        answer: `${name} buys ${a} * ${b} = <<${a}*${b}=${a * b}>>${a * b} ${item}.\n#### ${a * b}`,
      };
    }
    case 3: {
      const b = int(2, 8);
      const q = int(2, 12);
      const a = b * q;
      return {
        question: `${name} shares ${a} ${item} equally among ${b} friends. How many ${item} does each friend get?`,
        answer: `Each friend gets ${a} / ${b} = <<${a}/${b}=${q}>>${q} ${item}.\n#### ${q}`,
      };
    }
    case 4: {
      const a = int(2, 6);
      const b = int(3, 9);
      const c = int(1, 20);
      const m = a * b;
      return {
        question: `${name} picks ${b} ${item} a day for ${a} days, then finds ${c} more. How many ${item} in all?`,
        answer: `In ${a} days ${name} picks ${a} * ${b} = <<${a}*${b}=${m}>>${m} ${item}.\nWith the ${c} found, that is ${m} + ${c} = <<${m}+${c}=${m + c}>>${m + c} ${item}.\n#### ${m + c}`,
      };
    }
    default: {
      const price = int(2, 9);
      const count = int(2, 8);
      const paid = price * count + int(1, 20);
      const cost = price * count;
      return {
        question: `${name} buys ${count} ${item} at $${price} each and pays with $${paid}. How much change is there?`,
        answer: `The ${item} cost ${count} * ${price} = $<<${count}*${price}=${cost}>>${cost}.\nThe change is ${paid} - ${cost} = $<<${paid}-${cost}=${paid - cost}>>${paid - cost}.\n#### ${paid - cost}`,
      };
    }
  }
}

// ---------- writingprompts: "[ WP ]" prompts with short stories ----------
const WHO = ["an old lighthouse keeper", "a girl who cannot lie", "the last baker in town", "a retired dragon", "a robot gardener", "a lost shepherd", "a tired king", "a ship's cat", "a young weaver", "a clockmaker"];
const WHAT = [
  "finds a door that was not there yesterday",
  "hears the sea speak one word",
  "is given a map with no roads",
  "wakes up a hundred years later",
  "must return a borrowed star",
  "learns that every lie grows a flower",
  "counts the same stranger twice",
  "receives a letter from tomorrow",
];
const WHERE = ["on a quiet island", "in a city of bridges", "under the first snow", "at the edge of the desert", "in a house full of clocks", "on the night of the fair"];
const TURNS = [
  "At first nobody believed it.",
  "The wind carried the news before anyone could speak.",
  "It was small, and then it was not small at all.",
  "The answer had been waiting the whole time.",
  "Nobody asked why; they only asked when.",
];
const ENDS = ["By morning everything was ordinary again, except for one thing.", "And that was how the story began, not how it ended.", "They never told anyone, but they smiled about it for years.", "The door closed softly, and the lamp went out."];

/** Two different items, in drawn order. */
function twoOf<T>(items: readonly T[]): T[] {
  const first = Math.floor(random() * items.length);
  const second = (first + 1 + Math.floor(random() * (items.length - 1))) % items.length;
  return [items[first], items[second]];
}

function story(): { prompt: string; story: string } {
  const who = pick(WHO);
  const what = pick(WHAT);
  const where = pick(WHERE);
  const prompt = `[ WP ] ${who[0].toUpperCase()}${who.slice(1)} ${what} ${where}.`;
  const body = [`There was once ${who} who lived ${where}.`, `One day, the ${who.split(" ").slice(-1)[0]} ${what}.`, ...twoOf(TURNS), pick(ENDS)];
  return { prompt, story: body.join(" ") };
}

// ---------- xsum: King James passages with one-line summaries ----------
/** Chapters of the corpus: arrays of verses, chapters separated by blank lines. */
function kjvChapters(): string[][] {
  const text = readFileSync(join(root, "data/corpus/kjv-selection.txt"), "utf8");
  return text
    .split(/\n\s*\n/)
    .map((chapter) => chapter.split("\n").map((line) => line.trim()).filter(Boolean))
    .filter((verses) => verses.length >= 3);
}

function writeJsonl(path: string, rows: readonly object[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  console.log(`${path}: ${rows.length} rows`);
}

const GSM8K_TEST = 100;
const GSM8K_TRAIN = 16;
const WRITINGPROMPTS = 100;
const XSUM = 100;

// Draw order is fixed (train, test, writingprompts, xsum) so that every file depends on the seed alone.
const train = Array.from({ length: GSM8K_TRAIN }, problem);
const test = Array.from({ length: GSM8K_TEST }, problem);
const stories = Array.from({ length: WRITINGPROMPTS }, story);
const chapters = kjvChapters();
// Most documents are one short verse (up to 80 characters, so that "summarize the following text" and
// the document leave the 64-token models room to generate); every tenth (rows 9, 19, …) is two or three whole verses.
const short = chapters.flat().filter((verse) => verse.length <= 80);
const xsum = Array.from({ length: XSUM }, (_, i) => {
  let verses: string[];
  if (i % 10 === 9) {
    const chapter = pick(chapters);
    const length = int(2, 3);
    const start = int(0, chapter.length - length);
    verses = chapter.slice(start, start + length);
  } else {
    verses = [pick(short)];
  }
  const first = verses[0].split(/[,;:.]/)[0].trim();
  return { document: verses.join("\n"), summary: `A passage that begins: ${first}.`, id: String(30000000 + int(0, 9999999)) };
});

writeJsonl(join(out, "gsm8k/train.jsonl"), train);
writeJsonl(join(out, "gsm8k/test.jsonl"), test);
writeJsonl(join(out, "writingprompts/test.jsonl"), stories);
writeJsonl(join(out, "xsum/test.jsonl"), xsum);

#!/usr/bin/env node
// make-challenge: a notebook written as a code challenge → its student copy.
//
//   node scripts/make-challenge.mjs [notebook.ipynb] [--out student.ipynb]      (npm run challenge)
//
// Defaults: notebooks/token-predictions.ipynb → results/challenge/token-predictions-student.ipynb.
// (Not inside results/token-predictions/: that folder is the study's output folder, which every
// `logitlab predictions` run replaces as a whole and which must hold only files logitlab wrote.)
//
// Every code cell tagged `solution` (metadata.tags) keeps its place and metadata but its source becomes
// one placeholder comment; every code cell loses its outputs and execution count, so no answer is left
// in an output either. All other cells are kept as they are. The copy is written atomically (a
// temporary file beside it, then a rename).
//
// Refused, with one line naming the file and exit status 1: a notebook that is not nbformat 4 JSON,
// one without any `solution` cell (nothing to hide: probably the wrong file), and a `solution` tag on a
// Markdown cell (the statement would vanish from the student copy).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PLACEHOLDER = "// Your solution here: see the exercise above. The check cell below tells you when it is right.\n";

/** The student copy of a parsed notebook; throws an Error whose message says what is wrong. */
export function studentCopy(notebook) {
  if (notebook === null || typeof notebook !== "object" || !Array.isArray(notebook.cells) || notebook.nbformat !== 4) {
    throw new Error("not an nbformat 4 notebook (a JSON object with a cells list and nbformat 4)");
  }
  let solutions = 0;
  const cells = notebook.cells.map((cell, i) => {
    const tags = Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : [];
    const solution = tags.includes("solution");
    if (solution && cell.cell_type !== "code") throw new Error(`cell ${i + 1} is a ${cell.cell_type} cell tagged solution; tag only code cells`);
    if (cell.cell_type !== "code") return cell;
    if (solution) solutions++;
    return { ...cell, source: solution ? [PLACEHOLDER] : cell.source, outputs: [], execution_count: null };
  });
  if (solutions === 0) throw new Error("no code cell is tagged solution (metadata.tags), so the student copy would be the answer key");
  return { notebook: { ...notebook, cells }, solutions };
}

/** Writes `text` to `path` atomically: a temporary file in the same folder, then a rename. */
function writeAtomic(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function makeChallenge(input, output) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(input, "utf8"));
  } catch (error) {
    throw new Error(`${input}: cannot read it as JSON (${error.code ?? error.message})`);
  }
  let copy;
  try {
    copy = studentCopy(parsed);
  } catch (error) {
    throw new Error(`${input}: ${error.message}`);
  }
  writeAtomic(output, JSON.stringify(copy.notebook, null, 1) + "\n");
  return copy.solutions;
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const out = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !out) {
    console.error("make-challenge: --out needs a file name");
    process.exit(2);
  }
  const named = args.filter((a, i) => !a.startsWith("--") && i !== at + 1);
  const input = resolve(named[0] ?? join(root, "notebooks", "token-predictions.ipynb"));
  const output = resolve(out ?? join(root, "results", "challenge", basename(input).replace(/\.ipynb$/, "") + "-student.ipynb"));
  try {
    const solutions = makeChallenge(input, output);
    console.log(`make-challenge: ${solutions} solution cells emptied -> ${output}`);
  } catch (error) {
    console.error(`make-challenge: ${error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

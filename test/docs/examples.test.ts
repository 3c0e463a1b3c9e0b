// Runs every `@example` in lib/ and checks its `// => expected` result (STYLE.md: "A test runs every
// @example and checks the result").
//
// An example is the code after `@example` up to the end of its docblock (or the next @tag). Its last
// statement is the value; `// => <JSON>` (at the end of the last code line or on the line after it)
// is the expected value. Numbers compare to the precision they are printed with (0.6931 means
// ±0.00005), strings and booleans exactly, arrays and objects element by element (only the keys the
// expected object lists). Tensors are converted with arraySync() and disposed. The code runs as an
// async function with every export of lib/index.ts in scope; examples are our own source files.
// An example that needs Chromium (saveFigure) skips with the install hint when no Chromium is found
// at all (isChromiumMissing), unless LOGITLAB_REQUIRE_CHROMIUM=1, where it fails.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import * as lib from "../../lib/index.js";
import { isChromiumMissing } from "../../lib/plot/browser.js";

const root = join(import.meta.dirname, "..", "..");
const libDir = join(root, "lib");

interface Example { file: string; line: number; name: string; code: string; expected: string }

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** Extracts the examples of one source file. */
export function extractExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@\w+/.test(line)) break;
      body.push(line.replace(/^\s*\*\s?/, ""));
    }
    const name = findDeclaredName(lines, j);
    const arrow = body.findIndex((l) => l.includes("// =>"));
    assert.ok(arrow >= 0, `${relative(root, file)}:${i + 1}: @example of ${name} has no "// => expected" line`);
    const [before, after] = splitArrow(body[arrow]);
    const code = [...body.slice(0, arrow), before].join("\n");
    examples.push({ file, line: i + 1, name, code, expected: after.trim() });
  }
  return examples;
}

function splitArrow(line: string): [string, string] {
  const at = line.indexOf("// =>");
  return [line.slice(0, at), line.slice(at + 5)];
}

function findDeclaredName(lines: string[], from: number): string {
  for (let k = from; k < Math.min(lines.length, from + 15); k++) {
    const match = /export\s+(?:async\s+)?(?:function\*?|class|const|let|interface|type)\s+(\w+)/.exec(lines[k]);
    if (match) return match[1];
  }
  return "(unnamed)";
}

/** Rewrites the example so its last expression statement is returned. */
function toFunctionBody(code: string): string {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
  const last = source.statements.at(-1);
  assert.ok(last && ts.isExpressionStatement(last), `example must end with an expression:\n${code}`);
  return code.slice(0, last.getStart(source)) + "return (" + code.slice(last.getStart(source), last.end).replace(/;\s*$/, "") + ");";
}

function toPlain(value: unknown): unknown {
  if (value instanceof lib.tf.Tensor) {
    const plain = value.arraySync();
    value.dispose();
    return plain;
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

function decimalsOf(literal: string): number {
  const match = /^-?\d*\.?(\d*)(?:e([+-]?\d+))?$/i.exec(literal);
  if (!match) return 12;
  return (match[1]?.length ?? 0) - Number(match[2] ?? 0);
}

/** Compares against the parsed expected value; numbers to the precision printed in `literal` text. */
function compare(actual: unknown, expected: unknown, literals: Map<number, string>, path: string): void {
  actual = toPlain(actual);
  if (typeof expected === "number") {
    assert.equal(typeof actual, "number", `${path}: expected a number, got ${JSON.stringify(actual)}`);
    const literal = literals.get(expected) ?? String(expected);
    const tolerance = 0.5 * 10 ** -decimalsOf(literal) * (1 + 1e-9) + 1e-15;
    assert.ok(Math.abs((actual as number) - expected) <= tolerance, `${path}: got ${actual}, expected ${literal}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal((actual as unknown[]).length, expected.length, `${path}: length`);
    expected.forEach((e, i) => compare((actual as unknown[])[i], e, literals, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${path}: expected an object`);
    for (const [key, e] of Object.entries(expected)) compare((actual as Record<string, unknown>)[key], e, literals, `${path}.${key}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

/** Maps each number in a JSON text to the literal it was written as (for the printed precision). */
function numberLiterals(json: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const match of json.matchAll(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) map.set(Number(match[0]), match[0]);
  return map;
}

const examples = walk(libDir).flatMap((file) => extractExamples(file, readFileSync(file, "utf8")));
const scratch = mkdtempSync(join(tmpdir(), "logitlab-examples-"));
const exportNames = Object.keys(lib).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));

before(async () => {
  await lib.ready();
});

test("lib/ has @examples to run", () => {
  assert.ok(examples.length > 0);
});

for (const [index, example] of examples.entries()) {
  const where = `${relative(root, example.file)}:${example.line}`;
  test(`@example of ${example.name} (${where}) gives its stated result`, async (t) => {
    const path = join(scratch, `example-${index}.ts`);
    const indexUrl = pathToFileURL(join(libDir, "index.ts")).href;
    writeFileSync(path, `import { ${exportNames.join(", ")} } from ${JSON.stringify(indexUrl)};\n` +
      `void [${exportNames.join(", ")}];\n` +
      `export default async function example(): Promise<unknown> {\n${toFunctionBody(example.code)}\n}\n`);
    const module = (await import(pathToFileURL(path).href)) as { default: () => Promise<unknown> };
    let expected: unknown;
    try {
      expected = JSON.parse(example.expected);
    } catch {
      assert.fail(`${where}: expected value is not JSON: ${example.expected}`);
    }
    let actual: unknown;
    try {
      actual = await module.default();
    } catch (error) {
      if (!isChromiumMissing(error) || process.env.LOGITLAB_REQUIRE_CHROMIUM === "1") throw error;
      t.skip(error.message);
      return;
    }
    compare(actual, expected, numberLiterals(example.expected), where);
  });
}

// readPromptDataset: the bundled samples in the Hugging Face layouts, Parquet, and bad rows rejected
// one line each while the good rows are kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPromptDataset } from "../../../lib/studies/correlation/readPromptDataset.js";
import { LogitlabError } from "../../../lib/util/errors.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "correlation");
const prompts = join(import.meta.dirname, "..", "..", "..", "data", "prompts");

test("the bundled samples read as their kinds, with the original's prompt texts", async () => {
  const gsm8k = await readPromptDataset(join(prompts, "gsm8k"));
  assert.equal(gsm8k.kind, "gsm8k");
  assert.equal(gsm8k.items.length, 100);
  assert.deepEqual(gsm8k.rejected, []);
  assert.match(gsm8k.items[0].reference, /\n#### \d+$/);
  assert.ok(!gsm8k.items[0].text.includes("####"));
  const train = await readPromptDataset(join(prompts, "gsm8k"), { split: "train" });
  assert.ok(train.items.length >= 8);
  const wp = await readPromptDataset(join(prompts, "writingprompts"), { limit: 5 });
  assert.equal(wp.kind, "writingprompts");
  assert.equal(wp.items.length, 5);
  assert.match(wp.items[0].text, /^\[ WP \] /);
  const xsum = await readPromptDataset(join(prompts, "xsum", "test.jsonl"));
  assert.equal(xsum.kind, "xsum");
  assert.equal(xsum.name, "test");
  assert.match(xsum.items[0].text, /^summarize the following text\n/);
  assert.match(xsum.items[0].id, /^\d{8}$/);
});

test("bad rows are rejected with file, line and field; the good ones are kept", async () => {
  const data = await readPromptDataset(join(fixtures, "bad"));
  assert.equal(data.kind, "gsm8k");
  assert.deepEqual(data.items.map((item) => item.index), [0, 7]);
  assert.equal(data.items[1].text, "Cleo has 9 nuts and eats 2. How many are left?");
  assert.equal(data.rejected.length, 6);
  const file = join(fixtures, "bad", "test.jsonl");
  assert.match(data.rejected[0], new RegExp(`^correlation: ${file} line 2: is not JSON`));
  assert.equal(data.rejected[1], `correlation: ${file} line 3: is not an object`);
  assert.equal(data.rejected[2], `correlation: ${file} line 4: field "question": is empty`);
  assert.equal(data.rejected[3], `correlation: ${file} line 5: field "question": is number, not a string`);
  assert.equal(data.rejected[4], `correlation: ${file} line 6: field "question": is missing`);
  assert.equal(data.rejected[5], `correlation: ${file} line 7: field "answer": is null, not a string`);
});

test("a file without a prompt column, a missing path and a folder without the split are errors naming the file", async () => {
  const file = join(fixtures, "no-prompt-column.jsonl");
  await assert.rejects(readPromptDataset(file), (error: unknown) => error instanceof LogitlabError && error.file === file && /has none of the columns "question"/.test(error.message));
  await assert.rejects(readPromptDataset(file, { kind: "writingprompts" }), (error: unknown) => error instanceof LogitlabError && error.field === "prompt");
  await assert.rejects(readPromptDataset(join(fixtures, "missing")), (error: unknown) => error instanceof LogitlabError && /not found/.test(error.message));
  const empty = mkdtempSync(join(tmpdir(), "prompts-"));
  mkdirSync(join(empty, "data"));
  await assert.rejects(readPromptDataset(empty), (error: unknown) => error instanceof LogitlabError && /has no test split/.test(error.message));
  await assert.rejects(readPromptDataset("/dev/zero"), (error: unknown) => error instanceof LogitlabError && /not a regular file/.test(error.message));
});

test("Parquet in the Hugging Face layout reads like JSON Lines; a null field is a rejected row; a non-Parquet file is an error", async () => {
  const expected = JSON.parse(readFileSync(join(fixtures, "parquet", "expected.json"), "utf8")) as { documents: (string | null)[]; ids: string[] };
  const data = await readPromptDataset(join(fixtures, "parquet"));
  assert.equal(data.kind, "xsum");
  assert.deepEqual(data.items.map((item) => item.id), [expected.ids[0], expected.ids[2]]);
  assert.deepEqual(data.items.map((item) => item.text), [0, 2].map((i) => `summarize the following text\n${expected.documents[i]}`));
  assert.deepEqual(data.rejected, [`correlation: ${join(fixtures, "parquet", "test-00000-of-00001.parquet")} row 1: field "document": is null, not a string`]);
  const bad = join(fixtures, "not-parquet.parquet");
  await assert.rejects(readPromptDataset(bad), (error: unknown) => error instanceof LogitlabError && error.file === bad && /is not a Parquet file/.test(error.message));
});

// The dump engine on committed dumps (test/fixtures/engines/gen_dumps.py, numpy/pyarrow, fixed seed):
// every format (JSON Lines, safetensors, .npy + ids, Parquet) gives rows whose host-side step records
// (rowStepRecord) equal numpy's float64 entropy, log-probability and nucleus; score() answers only
// recorded sequences; a recorded greedy generation replays through engineGenerate; truncated rows
// keep their covered mass; and every reader rejects its committed bad input in one LogitlabError line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineGenerate, engineKindOf, LogitlabError, openEngine, rowStepRecord, type Engine } from "logitlab";

const fixtures = join(import.meta.dirname, "..", "fixtures", "engines");
const reference = JSON.parse(readFileSync(join(fixtures, "reference.json"), "utf8")) as {
  vocab: number;
  sequences: { ids: number[]; start: number; rows: { entropy: number; logProb: number | null; nucleus: number[] }[] }[];
  top: { ids: number[]; start: number; topIds: number[][]; topProbs: number[][] };
};

async function collect(engine: Engine, ids: number[], from?: number) {
  const rows = [];
  for await (const row of engine.score(ids, from === undefined ? {} : { from })) rows.push(row);
  return rows;
}

const FORMATS: [string, number[]][] = [["dump.jsonl", [0, 1]], ["dump.safetensors", [0, 1]], ["run.npy", [0]], ["dump.parquet", [0, 1]]];

for (const [file, held] of FORMATS) {
  test(`${file}: rows give numpy's float64 entropy, log-probability and nucleus; info says dump`, async () => {
    const engine = await openEngine(join(fixtures, file));
    try {
      assert.equal(engineKindOf(join(fixtures, file)), "dump");
      assert.equal(engine.info.engine, "dump");
      assert.equal(engine.info.vocabSize, reference.vocab);
      for (const k of held) {
        const { ids, start, rows: want } = reference.sequences[k];
        const T = start + want.length - 1;
        const rows = await collect(engine, ids.slice(0, T), start);
        assert.equal(rows.length, want.length);
        rows.forEach((row, i) => {
          const next = ids[start + i];
          const step = rowStepRecord(row, next ?? 0);
          assert.ok(Math.abs(step.entropy! - want[i].entropy) <= 1e-9 * Math.max(1, want[i].entropy), `${file} seq ${k} row ${i} entropy`);
          if (want[i].logProb !== null) assert.ok(Math.abs(step.logProb - want[i].logProb!) <= 1e-9, `${file} seq ${k} row ${i} logProb`);
          assert.deepEqual(Array.from(step.topIds), want[i].nucleus);
        });
      }
    } finally {
      await engine.dispose();
    }
  });
}

test("score() answers only recorded sequences and rows; a recorded greedy generation replays through engineGenerate", async () => {
  const engine = await openEngine(join(fixtures, "dump.jsonl"));
  try {
    const [a, b] = reference.sequences;
    // A prefix of a recorded sequence is answered from it.
    assert.equal((await collect(engine, a.ids.slice(0, 3))).length, 3);
    await assert.rejects(collect(engine, [a.ids[0], (a.ids[1] + 1) % reference.vocab]), (error: unknown) => error instanceof LogitlabError && /no recorded row after the prefix/.test(error.message) && !error.message.includes("\n"));
    // B holds rows after prefixes 4..6 only.
    await assert.rejects(collect(engine, b.ids.slice(0, 5)), /no recorded row after the prefix/);
    assert.equal((await collect(engine, b.ids.slice(0, 6), 4)).length, 3);
    const prompt = b.ids.slice(0, 4);
    const replay = await engineGenerate(engine, prompt, { maxNewTokens: 3, temperature: 0 });
    assert.deepEqual(replay.ids, b.ids.slice(4));
    // The contextLength is the longest recording: generation stops there, not past it.
    assert.equal((await engineGenerate(engine, prompt, { maxNewTokens: 9, temperature: 0 })).stopReason, "context");
    // A session one step past the recording: one line.
    const session = await engine.session();
    await session.append(b.ids.slice(0, 6));
    await assert.rejects(session.append([b.ids[6]]), /no recorded row after the prefix/);
    await session.dispose();
    assert.throws(() => engine.tokenizer.encode("text"), /give --ids instead of text/);
    await assert.rejects(engine.embeddingRows([1]), /pass --embeddings DIR/);
  } finally {
    await engine.dispose();
  }
});

test("a truncated (top-N) record: rows of kind top, covered mass and truncation in the step record", async () => {
  const engine = await openEngine(join(fixtures, "dump.jsonl"));
  try {
    const { ids, start, topIds, topProbs } = reference.top;
    const rows = await collect(engine, ids, start);
    assert.equal(rows.length, 2);
    rows.forEach((row, i) => {
      assert.equal(row.kind, "top");
      const step = rowStepRecord(row, topIds[i][0], { recordTopP: 0.99 });
      assert.equal(step.truncated, true);
      assert.ok(Math.abs(step.coveredMass - topProbs[i].reduce((s, p) => s + p, 0)) < 1e-12);
      assert.ok(Math.abs(step.prob - topProbs[i][0]) < 1e-12);
    });
  } finally {
    await engine.dispose();
  }
});

test("a folder of dumps is one engine; .pt files are refused with the conversion recipe, never unpickled", async () => {
  const dir = mkdtempSync(join(tmpdir(), "logitlab-dumps-"));
  try {
    mkdirSync(join(dir, "runs"));
    copyFileSync(join(fixtures, "run.npy"), join(dir, "runs", "run.npy"));
    copyFileSync(join(fixtures, "run.ids.npy"), join(dir, "runs", "run.ids.npy"));
    copyFileSync(join(fixtures, "dump.safetensors"), join(dir, "runs", "other.safetensors"));
    const engine = await openEngine(join(dir, "runs"));
    assert.equal(engine.info.engine, "dump");
    assert.equal((await collect(engine, reference.sequences[1].ids.slice(0, 6), 4)).length, 3);
    await engine.dispose();
    writeFileSync(join(dir, "logits.pt"), "\x80\x02not really a pickle");
    await assert.rejects(openEngine(join(dir, "logits.pt")), (error: unknown) => error instanceof LogitlabError && /never loaded/.test(error.message) && /save_file/.test(error.message) && !error.message.includes("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const BAD: [string, RegExp][] = [
  ["row-length.jsonl", /row-length\.jsonl line 1 field "logits\[1\]": has 15 values, row 0 has 16/],
  ["not-json.jsonl", /not-json\.jsonl line 2: is not valid JSON/],
  ["start.jsonl", /start\.jsonl line 1 field "start": start 2 \+ 2 rows reach past the 2 ids/],
  ["top-order.jsonl", /field "topProbs\[0\]": item 2 is larger than item 1/],
  ["no-ids.safetensors", /field "ids": has no "ids" tensor/],
  ["complex.npy", /field "descr": dtype <c8 is not one of/],
  ["truncated.npy", /field "shape": shape \(6, 16\) × <f4 needs 384 data bytes, the file has 380/],
  ["no-logits.parquet", /no-logits\.parquet field "logits": has no "logits" column/],
];

for (const [file, message] of BAD) {
  test(`bad dump ${file} is rejected in one line naming the file and field`, async () => {
    await assert.rejects(openEngine(join(fixtures, "bad", file)), (error: unknown) => {
      assert.ok(error instanceof LogitlabError, String(error));
      assert.match(error.message, message);
      assert.ok(!error.message.includes("\n"));
      return true;
    });
  });
}

test("dump readers read regular files only and bound their sizes", async () => {
  await assert.rejects(openEngine("/dev/null", { engine: "dump" }), /not a dump|not a regular file/);
  const dir = mkdtempSync(join(tmpdir(), "logitlab-dumpbound-"));
  try {
    const path = join(dir, "long.jsonl");
    writeFileSync(path, JSON.stringify({ ids: [1], logits: [new Array(64).fill(0)] }) + "\n");
    const { readJsonlDump } = await import("logitlab");
    assert.throws(() => readJsonlDump(path, { maxLineBytes: 100 }), /line 1: is longer than the limit of 100 bytes/);
    assert.throws(() => readJsonlDump(path, { maxBytes: 100 }), /over the limit of 100 bytes/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

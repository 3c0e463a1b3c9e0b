// The llama.cpp engine's two ways of reading rows give identical rows: `rawRowReader` (node-llama-cpp
// 3.21.1's internal calls, several rows in flight, no Map) and the public controlledEvaluate path
// (`rowPath: "public"`), value for value, for score() (one chunk and several: batchSize 4; from > 1)
// and for session() rows (a session against a session). The installed node-llama-cpp is the pinned one, so the internal path must be
// the one taken here ("internal"); a sequence without those internals is refused (undefined), which is
// what sends another version to the public path. Tolerances against tfjs and the float64 reference are
// test/engines/llamaCppEngine.test.ts's and test/io/gguf/llamaCpp.test.ts's (they run the internal path).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToGguf, LlamaCppEngine, rawRowReader, type Engine } from "logitlab";

const root = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "logitlab-llamacpp-rows-"));
const gguf: Record<string, string> = {};

before(() => {
  for (const name of ["tiny-gpt2-small", "tiny-llama"]) {
    gguf[name] = join(scratch, `${name}.gguf`);
    convertToGguf(join(root, "data", "models", name), gguf[name]);
  }
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function scoreRows(engine: Engine, ids: number[], from?: number): Promise<Float32Array[]> {
  const rows: Float32Array[] = [];
  for await (const row of engine.score(ids, from === undefined ? {} : { from })) {
    assert.equal(row.kind, "logits");
    if (row.kind === "logits") rows.push(row.logits);
  }
  return rows;
}

async function sessionRows(engine: Engine, pieces: number[][]): Promise<Float32Array[]> {
  const session = await engine.session();
  const rows: Float32Array[] = [];
  try {
    for (const piece of pieces) {
      const row = await session.append(piece);
      assert.equal(row.kind, "logits");
      if (row.kind === "logits") rows.push(row.logits);
    }
  } finally {
    await session.dispose();
  }
  return rows;
}

/** Same length and the same float32 values (−Infinity where a probability underflowed, in both). */
function assertSameRows(fast: Float32Array[], slow: Float32Array[], what: string): void {
  assert.equal(fast.length, slow.length, `${what}: row count`);
  assert.ok(fast.length > 0, `${what}: rows to compare`);
  fast.forEach((row, t) => {
    assert.equal(row.length, slow[t].length, `${what}: row ${t} length`);
    for (let v = 0; v < row.length; v++) {
      if (!Object.is(row[v], slow[t][v])) assert.fail(`${what}: row ${t} token ${v}: internal ${row[v]} vs public ${slow[t][v]}`);
    }
  });
}

for (const name of ["tiny-gpt2-small", "tiny-llama"]) {
  test(`${name}: rawRowReader rows equal the public controlledEvaluate rows value for value (score, chunks, from, session)`, async () => {
    const fast = await LlamaCppEngine.open(gguf[name], { threads: 2 });
    const slow = await LlamaCppEngine.open(gguf[name], { threads: 2, rowPath: "public" });
    const chunked = await LlamaCppEngine.open(gguf[name], { threads: 2, batchSize: 4 });
    try {
      const ids = fast.tokenizer.encode("And God said, Let there be light: and there was light. And God saw the light");
      assert.ok(ids.length > 9, "a sequence longer than two batches of 4");
      const reference = await scoreRows(slow, ids);
      assert.equal(slow.rowsRead, "public");
      assertSameRows(await scoreRows(fast, ids), reference, "score");
      assert.equal(fast.rowsRead, "internal", "node-llama-cpp 3.21.1 is installed: the internal path runs");
      assertSameRows(await scoreRows(chunked, ids), reference, "score in chunks of 4");
      assert.equal(chunked.rowsRead, "internal");
      assertSameRows(await scoreRows(fast, ids, 5), reference.slice(4), "score from 5");
      assertSameRows(await scoreRows(chunked, ids, 7), reference.slice(6), "score from 7 in chunks of 4");
      // a second score on the pooled context (history cleared) gives the same rows again
      assertSameRows(await scoreRows(fast, ids), reference, "score again");
      // Session rows come from other batch shapes than score()'s, so llama.cpp's float32 sums differ in
      // the last bits between the two: compare a session with a session.
      const pieces = [ids.slice(0, 3), [ids[3]], ids.slice(4, 9), [ids[9]]];
      const expected = await sessionRows(slow, pieces);
      assertSameRows(await sessionRows(fast, pieces), expected, "session");
    } finally {
      await fast.dispose();
      await slow.dispose();
      await chunked.dispose();
    }
  });
}

test("a consumer that stops early leaves the engine usable (rows in flight are awaited before the context is reused)", async () => {
  const engine = await LlamaCppEngine.open(gguf["tiny-llama"], { threads: 2 });
  try {
    const ids = engine.tokenizer.encode("And God said, Let there be light");
    for await (const row of engine.score(ids)) {
      assert.equal(row.kind, "logits");
      break;
    }
    const again = await scoreRows(engine, ids);
    assert.equal(again.length, ids.length);
  } finally {
    await engine.dispose();
  }
});

test("rawRowReader refuses a sequence without node-llama-cpp 3.21.1's internals (the engine then reads rows through the public API)", () => {
  assert.equal(rawRowReader({} as never, 1024), undefined);
  const partial = { _decodeTokens: (a: unknown, b: unknown) => [a, b], _resolveSamplerConfig: () => ({}), nextTokenIndex: 0 };
  assert.equal(rawRowReader(partial as never, 1024), undefined);
});

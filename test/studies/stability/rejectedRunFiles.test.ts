// Committed run files that parseRunFile must reject (test/fixtures/stability/reject/), each with its
// one-line reason, on the bytes path (fast reader first) and the text path alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRunFile } from "../../../lib/studies/stability/parseRunFile.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "stability", "reject");

const rejected: [string, RegExp][] = [
  ["duplicate-data-key.json", /duplicate-data-key\.json: ambiguous: key "execution_data" appears twice in one object \(line 1, column 81\)$/],
  ["duplicate-prob-key.json", /duplicate-prob-key\.json: ambiguous: key "prob" appears twice in one object/],
  ["id-beyond-2-53.json", /id-beyond-2-53\.json step 0: id 9007199254740992 is not a token id/],
  ["bom-repeated-id.json", /bom-repeated-id\.json step 0: top_k repeats id 1$/],
  ["prob-1e999.json", /prob-1e999\.json step 0: prob Infinity is above 1/],
];

test("every committed rejected run file has a rejection test", () => {
  assert.deepEqual(readdirSync(fixtures).filter((f) => f.endsWith(".json")).sort(), rejected.map(([f]) => f).sort());
});

for (const [file, message] of rejected) {
  test(`parseRunFile rejects ${file} in one line naming the file and position`, () => {
    const bytes = readFileSync(join(fixtures, file));
    assert.throws(() => parseRunFile(new Uint8Array(bytes), "reference", file), message);
    assert.throws(() => parseRunFile(bytes.toString("utf8"), "reference", file), message);
  });
}

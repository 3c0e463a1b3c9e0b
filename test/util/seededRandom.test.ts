import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom, seededNormals } from "../../lib/util/seededRandom.js";
import { assertAllClose, FLOAT64 } from "../tolerances.js";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "util", "seededRandom.json"), "utf8")) as {
  uniform: Record<string, number[]>;
  normals: Record<string, number[]>;
};

test("seededRandom(seed) reproduces the mulberry32 reference stream exactly", () => {
  for (const [seed, expected] of Object.entries(fixture.uniform)) {
    const random = seededRandom(Number(seed));
    assert.deepEqual(expected.map(() => random()), expected, `seed ${seed}`);
  }
});

test("seededNormals(count, seed) matches float64 Box–Muller on the same stream", () => {
  for (const [seed, expected] of Object.entries(fixture.normals)) {
    assertAllClose(seededNormals(expected.length, Number(seed)), expected, FLOAT64, `seed ${seed}`);
  }
});

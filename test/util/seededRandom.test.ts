import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom, seededNormals } from "../../lib/util/seededRandom.js";
import { standardNormal } from "../../lib/util/standardNormal.js";
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

test("standardNormal(random) takes two numbers of the caller's stream per draw: seededNormals is it on a fresh stream", () => {
  for (const [seed, expected] of Object.entries(fixture.normals)) {
    const random = seededRandom(Number(seed));
    assertAllClose(expected.map(() => standardNormal(random)), expected, FLOAT64, `seed ${seed}`);
    // Two uniforms per draw: the stream continues right after them.
    const reference = seededRandom(Number(seed));
    for (let i = 0; i < 2 * expected.length; i++) reference();
    assert.equal(random(), reference());
  }
});

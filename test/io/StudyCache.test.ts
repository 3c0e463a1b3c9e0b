// StudyCache: hit, miss when data or settings change, atomic entries, corrupt entry = miss + warning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StudyCache } from "../../lib/io/StudyCache.js";
import { OutputFolder } from "../../lib/io/OutputFolder.js";

function setup() {
  const root = mkdtempSync(join(tmpdir(), "logitlab-cache-"));
  mkdirSync(join(root, "model"));
  writeFileSync(join(root, "model", "config.json"), '{"n_layer": 2}');
  writeFileSync(join(root, "data.jsonl"), '{"q": 1}\n');
  const warnings: string[] = [];
  const cache = new StudyCache(join(root, "results", "demo", "cache"), { warn: (m) => warnings.push(m) });
  return { root, cache, warnings };
}

test("StudyCache: a stored entry is a hit for the same model, data and settings (settings' key order ignored)", () => {
  const { root, cache } = setup();
  const parts = { model: join(root, "model"), data: [join(root, "data.jsonl")], settings: { k: 5, temperature: 0 } };
  const key = cache.key(parts);
  assert.equal(cache.get(key), undefined);
  cache.set(key, { logits: [1, 2] });
  assert.deepEqual(cache.get(cache.key({ ...parts, settings: { temperature: 0, k: 5 } })), { logits: [1, 2] });
  assert.deepEqual(readdirSync(cache.dir), [`${key}.json`], "one entry, no temp file left");
});

test("StudyCache: changed data, settings or model config are misses", () => {
  const { root, cache } = setup();
  const parts = { model: join(root, "model"), data: [join(root, "data.jsonl")], settings: { k: 5 } };
  const key = cache.key(parts);
  cache.set(key, 1);
  assert.notEqual(cache.key({ ...parts, settings: { k: 6 } }), key);
  writeFileSync(join(root, "data.jsonl"), '{"q": 2}\n');
  assert.notEqual(cache.key(parts), key);
  writeFileSync(join(root, "data.jsonl"), '{"q": 1}\n');
  assert.equal(cache.key(parts), key, "the same bytes again: the same key");
  writeFileSync(join(root, "model", "config.json"), '{"n_layer": 3}');
  assert.notEqual(cache.key(parts), key);
});

test("StudyCache: a corrupt entry is a miss with a warning, and set() replaces it", () => {
  const { cache, warnings } = setup();
  const key = cache.key({ settings: { k: 1 } });
  mkdirSync(cache.dir, { recursive: true });
  writeFileSync(join(cache.dir, `${key}.json`), '{"key": "');
  assert.equal(cache.get(key), undefined);
  assert.match(warnings[0], /corrupt entry/);
  writeFileSync(join(cache.dir, `${key}.json`), JSON.stringify({ key: "0".repeat(64), value: 1 }));
  assert.equal(cache.get(key), undefined);
  assert.match(warnings[1], /not an entry for this key/);
  cache.set(key, 2);
  assert.equal(cache.get(key), 2);
});

test("a results folder holding only cache/ (filled during the run) is replaced by the run's outputs, cache kept", () => {
  const { root, cache } = setup();
  cache.set(cache.key({ settings: {} }), 1);
  const out = new OutputFolder(join(root, "results", "demo"));
  out.writeJson("summary.json", { provenance: { library: "logitlab" } });
  out.commit();
  assert.deepEqual(readdirSync(join(root, "results", "demo")).sort(), ["cache", "summary.json"]);
  assert.equal(readdirSync(cache.dir).length, 1);
});

// `logitlab convert --to gguf`: the command around convertToGguf (whose output test/io/gguf checks on
// llama.cpp); here the flags, the summary line and the refusals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./support.js";

const scratch = () => mkdtempSync(join(tmpdir(), "logitlab-convert-cli-"));

test("logitlab convert --to gguf writes a GGUF file and prints what it holds", async () => {
  const out = join(scratch(), "tiny.gguf");
  const { code, out: stdout, err } = await cli(["convert", "--to", "gguf", "data/models/tiny-gpt2-small", out, "--dtype", "f16"]);
  assert.equal(code, 0, err);
  assert.match(stdout, /^wrote .*tiny\.gguf: gpt2, 28 tensors, f16, \d+ bytes$/);
  assert.equal(readFileSync(out).subarray(0, 4).toString("latin1"), "GGUF");
});

test("logitlab convert refuses another format, a missing path, a bad dtype and a folder without config.json", async () => {
  const dir = scratch();
  const cases: [string[], RegExp][] = [
    [["--to", "onnx", "data/models/tiny-llama", join(dir, "a")], /--to "onnx": the only output format is gguf/],
    [["data/models/tiny-llama", join(dir, "b.gguf")], /--to null: the only output format is gguf/],
    [["--to", "gguf", "data/models/tiny-llama"], /needs SRC_DIR and OUT\.gguf, got 1 path/],
    [["--to", "gguf", "data/models/tiny-llama", join(dir, "c.gguf"), "--dtype", "q4"], /--dtype "q4" is not f32 or f16/],
    [["--to", "gguf", dir, join(dir, "d.gguf")], /no config\.json: not a Hugging Face checkpoint folder/],
  ];
  for (const [args, message] of cases) {
    const { code, err } = await cli(["convert", ...args]);
    assert.equal(code, 2, args.join(" "));
    assert.match(err, message);
    assert.equal(err.split("\n").length, 1, `one line for ${args.join(" ")}: ${err}`);
  }
  for (const name of ["a", "b.gguf", "c.gguf", "d.gguf"]) assert.ok(!existsSync(join(dir, name)), name);
});

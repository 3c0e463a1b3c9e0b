// `logitlab interpret` and `logitlab app` from the command line: help from the declared options, and
// the usage errors each is one line with exit status 2 (the runs themselves: test/studies/interpret, test/app).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cli } from "./support.js";

test("logitlab interpret --help lists its options and outputs; app --help names 127.0.0.1", async () => {
  const help = await cli(["interpret", "--help"]);
  assert.equal(help.code, 0);
  for (const flag of ["--model DIR", "--text TEXT", "--top-k N", "--out DIR", "interpret.html"]) assert.ok(help.out.includes(flag), flag);
  const app = await cli(["app", "--help"]);
  assert.equal(app.code, 0);
  assert.match(app.out, /bound to 127\.0\.0\.1 only/);
});

test("interpret and app usage errors are one line with exit status 2", async () => {
  const cases: [string[], RegExp][] = [
    [["interpret", "--text", "a".repeat(4001), "--ignore-env"], /at most 4000 are accepted/],
    [["interpret", "--top-k", "0", "--ignore-env"], /TOP_K/],
    [["app"], /--model DIR is required/],
    [["app", "--model", "data/models/tiny-gpt2-small", "--port", "70000"], /"70000" is not a port/],
    [["app", "--model", "data/models/tiny-gpt2-small", "--host", "0.0.0.0"], /Unknown option '--host'/],
  ];
  for (const [args, pattern] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.err}`);
    assert.match(run.err, pattern);
    assert.equal(run.err.trim().split("\n").length, 1, `${args[0]} ${args[1]}: one line`);
  }
});

// progress: one rewritten line on a terminal, nothing when silent or not a TTY.
import { test } from "node:test";
import assert from "node:assert/strict";
import { progress } from "../../lib/util/progress.js";

/** A stand-in for process.stderr that records writes. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

test("progress counts ticks and is silent when asked", () => {
  const { writes, stream } = fakeStream(true);
  const bar = progress(10, { mode: "silent", stream });
  bar.tick();
  bar.tick(4);
  bar.done();
  assert.equal(bar.count, 5);
  assert.equal(bar.mode, "silent");
  assert.deepEqual(writes, []);
});

test("progress is silent by default when stderr is not a terminal (and not a notebook)", () => {
  const { writes, stream } = fakeStream(false);
  const bar = progress(3, { stream });
  bar.tick(3);
  bar.done();
  assert.equal(bar.mode, "silent");
  assert.deepEqual(writes, []);
});

test("progress on a terminal rewrites one line (\\r), throttled, and ends it with a newline", () => {
  const { writes, stream } = fakeStream(true);
  const bar = progress(1000, { label: "stability", stream });
  assert.equal(bar.mode, "terminal");
  for (let i = 0; i < 1000; i++) bar.tick();
  bar.done();
  assert.ok(writes.length <= 5, `expected a few redraws, got ${writes.length}`);
  assert.ok(writes.every((w) => w.startsWith("\r")));
  assert.equal(writes.join("").split("\n").length, 2, "exactly one newline, at the end");
  // eslint-disable-next-line no-control-regex -- the line ends with the erase-to-end-of-line escape
  assert.match(writes.at(-1) as string, /^\rstability {2}1000\/1000 {2}100% {2}[\d.]+\/s {2}in [\d.]+s\u001b\[K\n$/);
  assert.match(writes[0], /stability {2}0\/1000 {2}0%/);
});

test("progress.done() is idempotent and ticks after it draw nothing", () => {
  const { writes, stream } = fakeStream(true);
  const bar = progress(2, { stream, mode: "terminal" });
  bar.done();
  bar.done();
  bar.tick();
  assert.equal(writes.length, 2);
});

test("progress escapes control characters in its label (a file name cannot drive the terminal)", () => {
  const { writes, stream } = fakeStream(true);
  const bar = progress(1, { label: "x\u001b[2J\u0007\ny", mode: "terminal", stream });
  bar.done();
  for (const w of writes) {
    // The bar's own "\r … ESC[K" is the only control sequence left.
    assert.ok(w.startsWith("\rx\\x1b[2J\\x07\\ny  "), JSON.stringify(w));
    assert.doesNotMatch(w.replace(/^\r/, "").replace("\u001b[K", "").replace(/\n$/, ""), /[\u0000-\u001f]/); // eslint-disable-line no-control-regex
  }
});

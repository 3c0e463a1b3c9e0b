// A stand-in for tslab's kernel module, so display code can be tested without Jupyter: lib/plot finds
// the kernel by a module whose path ends in tslab/dist/jupyter.js in the CommonJS cache and calls its
// `lastWriteDisplayData`, exactly as tslab's own `display` does.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DisplayContent } from "../../lib/plot/kernel.js";

export interface FakeKernel {
  /** Every display_data content written so far. */
  messages: DisplayContent[];
  /** Removes the fake kernel module from the cache again. */
  remove(): void;
}

export function installFakeKernel(): FakeKernel {
  const dir = join(mkdtempSync(join(tmpdir(), "logitlab-fake-tslab-")), "tslab", "dist");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "jupyter.js");
  writeFileSync(file, "exports.lastWriteDisplayData = null;\n");
  const require = createRequire(import.meta.url);
  const module = require(file) as { lastWriteDisplayData: ((content: DisplayContent, update: boolean) => void) | null };
  const messages: DisplayContent[] = [];
  module.lastWriteDisplayData = (content) => void messages.push(content);
  return {
    messages,
    remove: () => {
      delete require.cache[require.resolve(file)];
    },
  };
}

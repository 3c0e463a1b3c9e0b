#!/usr/bin/env node
// The `logitlab` CLI: runs the compiled library (npm run build writes dist/).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/lib/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("logitlab: the library is not built; run `npm run build` in the logitlab folder");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), { handleSignals: true });

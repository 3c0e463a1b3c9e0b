// Child process of bench/stability.ts, in plain JavaScript so that it runs without tsx (whose loader
// thread would add its own memory): one timed run of the built study (dist/), then its peak RSS.
//
//   node bench/stability-child.mjs library '{"reference": [...], "check": "...", "out": "..."}'
//   node bench/stability-child.mjs cli '["--reference", "...", ...]'      (as `logitlab stability ...`)
//
// Prints one JSON line: {"seconds", "cpu_seconds", "max_rss_mb", "summary"}.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const dist = join(import.meta.dirname, "..", "dist", "lib");
const [mode, json] = process.argv.slice(2);
const load = (...parts) => import(pathToFileURL(join(dist, ...parts)).href);

let run;
if (mode === "cli") {
  const { main } = await load("cli", "main.js");
  run = async () => {
    const code = await main(["stability", ...JSON.parse(json)]);
    if (code !== 0) process.exit(code);
    return {};
  };
} else {
  const { runStability } = await load("studies", "stability", "runStability.js");
  const { resolveStabilityConfig } = await load("studies", "stability", "resolveStabilityConfig.js");
  run = async () => (await runStability(resolveStabilityConfig(JSON.parse(json)), { progress: "silent" })).summary;
}
const started = performance.now();
const cpu = process.cpuUsage();
const summary = await run();
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({
  seconds: (performance.now() - started) / 1000,
  cpu_seconds: (used.user + used.system) / 1e6,
  max_rss_mb: process.resourceUsage().maxRSS / 1024,
  summary,
}));
process.exit(0);

import type { Command } from "../command.js";
import { studies } from "../../studies/registry.js";

/** `logitlab reproduce`: run every study on its bundled defaults and write results/. */
export const reproduce: Command = {
  name: "reproduce",
  summary: "run every study on the bundled data and write results/",
  usage: "logitlab reproduce [--out results]\n\nRuns each study's defaults in turn; a failing study is reported and the others still run.",
  async run(args) {
    const outIndex = args.indexOf("--out");
    const out = outIndex >= 0 ? args[outIndex + 1] : "results";
    let failed = 0;
    for (const study of studies) {
      const started = Date.now();
      try {
        await study.reproduce(out);
        console.log(`ok   ${study.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.error(`FAIL ${study.name}: ${(error as Error).message}`);
      }
    }
    if (studies.length === 0) console.log("no studies are registered yet");
    return failed ? 1 : 0;
  },
};

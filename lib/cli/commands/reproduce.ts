import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { runStudy } from "../../studies/runStudy.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";
import { studies } from "../studies.js";

/**
 * `logitlab reproduce`: every registered study object on its bundled defaults (environment ignored),
 * through `runStudy`, into `<out>/<folder>/` where <folder> is the last part of the study's own default
 * output folder (results/token-predictions → <out>/token-predictions), so reproduce and a plain
 * `logitlab <study>` write the same place; a failing study is reported and the others still run.
 */
export const reproduce: Command = {
  name: "reproduce",
  summary: "run every study on the bundled data and write results/",
  usage: "usage: logitlab reproduce [--out results]\n\nRuns each study's defaults (environment ignored) into <out>/<its default folder name>/; a failing study is reported and the others still run.",
  async run(args) {
    let out: string;
    try {
      out = (parseArgs({ args, allowPositionals: false, options: { out: { type: "string", default: "results" } } }).values.out as string);
    } catch (error) {
      throw new LogitlabError(`${(error as Error).message}; see \`logitlab reproduce --help\``);
    }
    let failed = 0;
    for (const study of studies) {
      const started = Date.now();
      try {
        const folder = basename(study.resolveConfig({}, { env: {} }).outDir);
        const config = study.resolveConfig({ out: join(out, folder) }, { env: {} });
        const run = await runStudy(study, config, { progress: "silent" });
        for (const note of run.notes) console.error(`${study.name}: ${note}`);
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

/**
 * studyCommand: the one generic CLI path of a study — `logitlab <study>` made from its `Study` object,
 * so a study adds a folder, not a command file.
 *
 * Options come from the study's declared options (flag, environment variable, config-file key, type,
 * default, help) and switches, plus the generic `--config FILE`, `--no-figures`, `--ignore-env`,
 * `--quiet`; `--help` is generated from them (`studyUsage`). Then: resolve the config (defaults <
 * environment < config file < flags), `runStudy` (run, write every output through the `OutputFolder`,
 * swap the folder in), print notes and warnings on stderr and the short report on stdout.
 * Exit status: 0; 1 when the study's report says so (`--strict`), an input file cannot be read or
 * writing failed; 2 for usage errors (thrown as LogitlabError; `main` maps them by kind).
 * (CLI internals are not in the package's API, so no runnable @example; test/cli/contract.test.ts
 * runs it: `logitlab stability --help` begins "usage: logitlab stability [options]".)
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Study } from "../studies/Study.js";
import { runStudy } from "../studies/runStudy.js";
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import type { Command } from "./command.js";

const GENERIC = [
  ["--config FILE", "JSON file whose keys are the names in brackets above (or the flags' names); its relative paths are relative to the file"],
  ["--no-figures", "skip the figures"],
  ["--ignore-env", "ignore the environment variables above (as `logitlab reproduce` does)"],
  ["--quiet", "no progress bar and no summary on stdout"],
  ["--help", "this text"],
] as const;

export function studyCommand(study: Study<{ outDir: string }, unknown>): Command {
  return {
    name: study.name,
    summary: study.summary,
    usage: studyUsage(study),
    async run(args) {
      const options: NonNullable<ParseArgsConfig["options"]> = {
        config: { type: "string" },
        "no-figures": { type: "boolean", default: false },
        "ignore-env": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
      };
      for (const option of study.options) options[option.flag] = option.type === "boolean" ? { type: "boolean" } : { type: "string", multiple: option.type === "paths" };
      for (const sw of study.switches) options[sw.flag] = { type: "boolean", default: false };
      let values: Record<string, unknown>;
      try {
        values = parseArgs({ args, allowPositionals: false, options }).values;
      } catch (error) {
        throw new LogitlabError(`${(error as Error).message}; see \`logitlab ${study.name} --help\``);
      }
      const input: Record<string, unknown> = {};
      for (const option of study.options) input[option.key] = values[option.flag];
      const switches: Record<string, boolean> = {};
      for (const sw of study.switches) switches[sw.key] = values[sw.flag] === true;
      const quiet = values.quiet === true;

      let run;
      try {
        const config = study.resolveConfig(input, { env: values["ignore-env"] ? {} : process.env, configFile: values.config as string | undefined });
        run = await runStudy(study, config, { progress: quiet ? "silent" : "auto", switches, figures: values["no-figures"] !== true });
      } catch (error) {
        // The CLI prefixes "logitlab <study>: "; drop the library's "<study>: " context.
        if (error instanceof LogitlabError && error.context === study.name) {
          throw new LogitlabError(error.reason, { file: error.file, field: error.field, position: error.position, kind: error.kind });
        }
        throw error;
      }
      // Notes, warnings (invalid-file lines among them) and paths may hold names from the user's
      // folders: escaped, one line each, so ESC/BEL cannot reach the terminal nor a newline forge a line.
      for (const note of run.notes) console.error(`${study.name}: ${escapeControl(note)}`);
      for (const warning of run.report.warnings) console.error(`${study.name}: ${escapeControl(warning)}`);
      if (!quiet) console.log([...run.report.lines, `wrote      ${run.written.join(", ")}`].map(escapeControl).join("\n"));
      return run.report.exitCode;
    },
  };
}

/** The generated `logitlab <study> --help` text. */
export function studyUsage(study: Study<{ outDir: string }, unknown>): string {
  const rows: [string, string][] = [];
  for (const o of study.options) {
    rows.push([o.placeholder ? `--${o.flag} ${o.placeholder}` : `--${o.flag}`, `${o.help}  [${o.env}]  (default: ${o.defaultText})`]);
  }
  for (const sw of study.switches) rows.push([`--${sw.flag}`, sw.help]);
  rows.push(...GENERIC.map(([flag, help]) => [flag, help] as [string, string]));
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `usage: logitlab ${study.name} [options]`,
    "",
    study.description,
    "",
    "options (environment variable in brackets; later wins: defaults < environment < --config < flags):",
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    "",
    study.outputsHelp,
    "The output folder is replaced as a whole by each run (never old and new files mixed); it must be new,",
    "empty, or one logitlab wrote.",
    "",
    "examples:",
    ...study.examples.map((e) => `  ${e}`),
  ].join("\n");
}

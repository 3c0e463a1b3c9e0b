/**
 * The `logitlab` command line: `logitlab <command> [options]`, `logitlab --version`.
 * Bad input ends in one line on stderr and a non-zero exit; `--verbose` adds the stack trace.
 * Exit status: 0 ok; 2 a usage error (no or an unknown command, a bad flag or setting: a
 * LogitlabError of kind "input"); 1 a data or I/O error (an input file that cannot be read or used,
 * an output that cannot be written: kinds "data" and "io"), a study's --strict failure, or an
 * unexpected error; 130 / 143 when interrupted by SIGINT / SIGTERM (outputs cleaned up).
 * Everything printed that came from outside (names, messages) goes through `escapeControl`, so
 * control characters in file names or contents cannot drive the terminal or forge lines.
 */
import { LogitlabError } from "../util/errors.js";
import { escapeControl } from "../util/escapeControl.js";
import { installSignalCleanup } from "../io/tempPaths.js";
import { packageInfo } from "../util/packageInfo.js";
import { commands } from "./commands/index.js";

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: logitlab <command> [options]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "`logitlab <command> --help` shows a command's options; --verbose shows stack traces; --version prints the version.",
  ].join("\n");
}

export async function main(argv: string[], options: { handleSignals?: boolean } = {}): Promise<number> {
  const verbose = argv.includes("--verbose");
  const args = argv.filter((a) => a !== "--verbose");
  const [name, ...rest] = args;
  if (name === "--version" || name === "-V") {
    console.log(`logitlab ${packageInfo().version}`);
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    if (name) {
      console.log(help());
      return 0;
    }
    console.error(help());
    return 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`logitlab: unknown command "${escapeControl(name)}"; one of: ${commands.map((c) => c.name).join(", ")}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return 0;
  }
  // Ctrl-C or kill: remove staged outputs and temp files, exit 130 / 143 (the bin/logitlab process
  // only: a test or a program calling main() in-process keeps its own signal handling).
  if (options.handleSignals) installSignalCleanup();
  try {
    return await command.run(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`logitlab ${name}: ${escapeControl(message)}`);
    if (verbose && error instanceof Error) console.error((error.stack ?? "").split("\n").map(escapeControl).join("\n"));
    else if (!(error instanceof LogitlabError)) console.error("(run with --verbose for the stack trace)");
    return error instanceof LogitlabError && error.kind === "input" ? 2 : 1;
  }
}

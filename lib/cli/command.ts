/**
 * Command: one CLI subcommand. Each study adds one file under lib/cli/commands/ and lists it in
 * lib/cli/commands/index.ts; `logitlab --help` prints their summaries.
 */
export interface Command {
  /** Subcommand name as typed: `logitlab <name>`. */
  name: string;
  /** One line for `logitlab --help`. */
  summary: string;
  /** Full usage text for `logitlab <name> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

// Shared by the CLI tests: run the `logitlab` entry point in-process and capture what it prints.
import { main } from "../../lib/cli/main.js";

/** Runs main(args) capturing stdout and stderr lines (console.log / console.error, joined by newlines). */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await main(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

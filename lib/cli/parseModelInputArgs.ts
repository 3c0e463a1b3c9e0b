/**
 * parseModelInputArgs: the arguments of a command that runs a model folder on one input —
 * `--model DIR` and exactly one of two input flags (`--ids LIST` or text) — parsed with
 * `node:util` parseArgs (no positionals). `options` lists every option of the command, the model and
 * input flags included; `inputs` names the two input flags in the order the error message gives them.
 *
 * An unknown option or a bad value, a missing --model, and neither or both inputs each throw a
 * LogitlabError that names the flag and points to `logitlab <command> --help`.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { LogitlabError } from "../util/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: false; options: O }>>["values"];

export function parseModelInputArgs<O extends Options>(command: string, args: string[], options: O, inputs: [string, string]): Values<O> & { model: string } {
  let values: Values<O>;
  try {
    values = parseArgs({ args, allowPositionals: false, options }).values;
  } catch (error) {
    throw new LogitlabError(`${(error as Error).message}; see \`logitlab ${command} --help\``);
  }
  const given = values as Record<string, unknown>;
  if (!given.model) throw new LogitlabError(`--model DIR is required; see \`logitlab ${command} --help\``, { field: "--model" });
  const [first, second] = inputs;
  if ((given[first] === undefined) === (given[second] === undefined)) {
    throw new LogitlabError(`give exactly one of --${first} or --${second}`, { field: `--${first}` });
  }
  return values as Values<O> & { model: string };
}

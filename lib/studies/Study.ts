/**
 * Study: the one shape every study has, so that the CLI (lib/cli), `logitlab reproduce` and the
 * notebooks drive them all the same way (see docs: DESIGN.md, "Contracts every study keeps").
 *
 * A study declares
 *   - `options`: its settings, each with one name per source — CLI flag, environment variable,
 *     config-file keys — its type, default and help. `resolveConfig` merges them
 *     (defaults < environment < config file < flags; `resolveStudySettings` does it generically) and
 *     returns the typed config, which always has the output folder `outDir` (every study declares an
 *     option with key `out`, flag `--out`; `logitlab reproduce` sets it to `<root>/<study>`);
 *   - `switches`: on/off flags of a run that are not settings of the analysis (`--strict`);
 *   - `run`: the analysis; it may stream large tables into the run's `OutputFolder`;
 *   - `outputs`: the files of a result (summary JSON with its typed provenance, Markdown, CSV, TeX),
 *     which the caller writes through the same `OutputFolder`;
 *   - `figures`: the figure specs (its `figures.ts`), one thunk per figure;
 *   - `report`: what a terminal shows, and the exit status.
 * `runStudy` runs one end to end; `studyCommand` (lib/cli) makes it a subcommand.
 * Types only.
 */
import type { OutputFolder } from "../io/OutputFolder.js";
import type { TableOptions, TableRow } from "../io/tableRow.js";
import type { Figure } from "../plot/figure.js";
import type { ProgressMode } from "../util/progress.js";

/** How an option's value is read from a string (environment, flag) and checked. */
export type StudyOptionType = "path" | "paths" | "integer" | "number" | "string" | "boolean";

/** One setting of a study, with its name in every source. */
export interface StudyOption {
  /** Key of the resolved input (camelCase), e.g. `cutoffTopP`. */
  key: string;
  /** CLI flag without the dashes, e.g. `cutoff-top-p`; a `paths` option's flag is repeatable. */
  flag: string;
  /** Environment variable, e.g. `CUT_OFF_TOP_P` (also a config-file key). A `paths` value there is comma-separated. */
  env: string;
  /** Further config-file keys, e.g. `cutoff_top_p` (the summary's name). */
  fileKeys?: readonly string[];
  type: StudyOptionType;
  /** The default, computed when resolving (bundled data paths depend on the install). */
  default: () => unknown;
  /** What `--help` shows as the default. */
  defaultText: string;
  /** One line of help. */
  help: string;
  /** Placeholder in `--help` (`DIR`, `N`, `P`; "" for a `boolean` option, whose flag takes no value). */
  placeholder: string;
  /** What the value is, for messages: "reference folder". */
  noun?: string;
  /** Bounds for numbers: `min` ≤ x (or < x when `minExclusive`) ≤ `max`. */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  /** When true the setting may be left unset (its default gives undefined; e.g. `--embeddings DIR`). */
  optional?: boolean;
}

/** An on/off flag of a run (`--strict`, `--no-per-step`). */
export interface StudySwitch {
  key: string;
  /** The flag as typed, without dashes: `strict`, `no-per-step`. */
  flag: string;
  help: string;
}

/** What a study's `run` gets besides its config. */
export interface StudyContext {
  /** The run's output folder (staged; committed by the caller). */
  output: OutputFolder;
  /** Progress display. */
  progress: ProgressMode;
  /** The switches that are on. */
  switches: Readonly<Record<string, boolean>>;
}

/** One output file of a result; exactly one of the content fields is set. */
export interface StudyFile {
  name: string;
  json?: unknown;
  markdown?: string;
  csv?: { rows: readonly TableRow[]; columns?: readonly string[] };
  tex?: { rows: readonly TableRow[]; options?: TableOptions & { caption?: string; label?: string } };
}

/** What the terminal shows after a run. */
export interface StudyReport {
  /** Short summary lines (stdout, unless --quiet). */
  lines: string[];
  /** Invalid inputs and warnings (stderr, always). */
  warnings: string[];
  /** 0, or 1 when the run's switches ask for failure (`--strict` with invalid files). */
  exitCode: number;
}

export interface Study<Config extends { outDir: string } = { outDir: string }, Result = unknown> {
  /** The name used by the CLI, results/<name>/ and the notebook. */
  name: string;
  /** One line for `logitlab --help`. */
  summary: string;
  /** A paragraph for `logitlab <name> --help`. */
  description: string;
  options: readonly StudyOption[];
  switches: readonly StudySwitch[];
  /** Lines for `--help` about what is written. */
  outputsHelp: string;
  /** Example command lines for `--help`. */
  examples: readonly string[];
  /** Settings from flags (by option key), environment and config file; throws LogitlabError naming the source and field. */
  resolveConfig(input: Record<string, unknown>, sources: { env?: Record<string, string | undefined>; configFile?: string }): Config;
  run(config: Config, context: StudyContext): Promise<Result>;
  outputs(result: Result, config: Config): StudyFile[];
  figures(result: Result, config: Config): Record<string, () => Figure>;
  report(result: Result, config: Config, switches: Readonly<Record<string, boolean>>): StudyReport;
}

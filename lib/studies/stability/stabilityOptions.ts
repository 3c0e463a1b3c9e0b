/**
 * stabilityOptions: the stability study's settings, each with its name as a CLI flag, an environment
 * variable and config-file keys (the environment names are those users know from the original
 * script; the summary's snake_case names are accepted in config files too):
 *
 *   --reference DIR (repeatable)  BASE_DIRS      reference folders         default data/stability/db_1 … db_5 (bundled)
 *   --check DIR                   CHECK_DIR      check folder              default data/stability/db_13 (bundled)
 *   --k N                         K              top-K size                default 5
 *   --m N                         M              boundary window beyond K  default 5
 *   --cutoff-top-p P              CUT_OFF_TOP_P  margin eligibility cut    default 0.9
 *   --until-divergence            UNTIL_DIVERGENCE  headline = steps before each pair's first divergence  default off
 *   --out DIR                     RESULTS_DIR    output folder             default results/stability
 *
 * The bundled defaults are found from the package folder, so they work from any working directory.
 *
 * @example
 * stabilityOptions.map((o) => o.env).join(" ")
 * // => "BASE_DIRS CHECK_DIR K M CUT_OFF_TOP_P UNTIL_DIVERGENCE RESULTS_DIR"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";

const bundled = (name: string) => shown(join(packageInfo().root, "data", "stability", name));

export const stabilityOptions: readonly StudyOption[] = [
  {
    key: "reference", flag: "reference", env: "BASE_DIRS", fileKeys: ["reference_dirs"], type: "paths", placeholder: "DIR",
    noun: "reference folder", help: "a reference folder, repeatable (environment: comma-separated)",
    default: () => [1, 2, 3, 4, 5].map((i) => bundled(`db_${i}`)), defaultText: "bundled data/stability/db_1 … db_5",
  },
  {
    key: "check", flag: "check", env: "CHECK_DIR", fileKeys: ["check_dir"], type: "path", placeholder: "DIR",
    noun: "check folder", help: "the check folder", default: () => bundled("db_13"), defaultText: "bundled data/stability/db_13",
  },
  {
    key: "k", flag: "k", env: "K", type: "integer", min: 1, placeholder: "N",
    help: "top-K size", default: () => 5, defaultText: "5",
  },
  {
    key: "m", flag: "m", env: "M", type: "integer", min: 0, placeholder: "N",
    help: "boundary window beyond K", default: () => 5, defaultText: "5",
  },
  {
    key: "cutoffTopP", flag: "cutoff-top-p", env: "CUT_OFF_TOP_P", fileKeys: ["cutoff_top_p"], type: "number", min: 0, minExclusive: true, max: 1,
    placeholder: "P", help: "margin analysis uses steps whose reference top-1 < P", default: () => 0.9, defaultText: "0.9",
  },
  {
    key: "untilDivergence", flag: "until-divergence", env: "UNTIL_DIVERGENCE", fileKeys: ["until_divergence"], type: "boolean", placeholder: "",
    help: "lead summary.md, summary.tex and the report with the steps before each pair's first divergence (environment, config: 1/0)",
    default: () => false, defaultText: "off: the positional comparison of every step",
  },
  {
    key: "out", flag: "out", env: "RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR",
    noun: "output folder", help: "output folder (replaced as a whole by each run)", default: () => join("results", "stability"), defaultText: "results/stability",
  },
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

/**
 * interpretOptions: the interpretability study's settings, each with its CLI flag, environment
 * variable and config-file keys:
 *
 *   --model DIR   MODEL_DIR         model folder (with tokenizer.json)   default data/models/tiny-gpt2-large
 *   --text TEXT   INTERPRET_TEXT    the text itself (not a file)         default "And God said, Let there be light: and there was"
 *   --top-k N     TOP_K             next-token candidates shown          default 10
 *   --out DIR     RESULTS_DIR       output folder                        default results/interpretability
 *
 * The bundled default is found from the package folder, so it works from any working directory.
 *
 * @example
 * interpretOptions.map((o) => o.flag).join(" ")
 * // => "model text top-k out"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";

/** The default text: a verse the bundled models were trained on (King James Bible, public domain). */
export const DEFAULT_INTERPRET_TEXT = "And God said, Let there be light: and there was";

/** Longest text accepted, in characters (the bundled models' context is 64 tokens; the token count is checked after tokenizing). */
export const MAX_INTERPRET_TEXT = 4000;

export const interpretOptions: readonly StudyOption[] = [
  {
    key: "model", flag: "model", env: "MODEL_DIR", fileKeys: ["model_dir"], type: "path", placeholder: "DIR",
    noun: "model folder", help: "a Hugging Face checkpoint folder with tokenizer.json",
    default: () => shown(join(packageInfo().root, "data", "models", "tiny-gpt2-large")), defaultText: "bundled data/models/tiny-gpt2-large",
  },
  {
    key: "text", flag: "text", env: "INTERPRET_TEXT", fileKeys: ["text"], type: "string", placeholder: "TEXT",
    noun: "text", help: `the text to look into (at most ${MAX_INTERPRET_TEXT} characters, and within the model's context)`,
    default: () => DEFAULT_INTERPRET_TEXT, defaultText: JSON.stringify(DEFAULT_INTERPRET_TEXT),
  },
  {
    key: "topK", flag: "top-k", env: "TOP_K", fileKeys: ["top_k"], type: "integer", placeholder: "N", min: 1, max: 100,
    help: "next-token candidates shown", default: () => 10, defaultText: "10",
  },
  {
    key: "out", flag: "out", env: "RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR",
    noun: "output folder", help: "output folder (replaced as a whole by each run)",
    default: () => join("results", "interpretability"), defaultText: "results/interpretability",
  },
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

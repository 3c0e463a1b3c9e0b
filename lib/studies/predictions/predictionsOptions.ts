/**
 * predictionsOptions: the token-predictions study's settings, each with its CLI flag, environment
 * variable and config-file keys:
 *
 *   --model DIR (repeatable)  MODEL_DIRS   model folders, smallest first  default data/models/tiny-gpt2-small, tiny-gpt2-large
 *   --text FILE               TEXT_FILE    the text to score              default data/prompts/correlation-paragraph.txt
 *   --out DIR                 RESULTS_DIR  output folder                  default results/token-predictions
 *   --engine NAME             ENGINE       engine of every model          default auto (chosen from each --model)
 *   --gpu CHOICE              LLAMA_GPU    llama.cpp backend              default cpu (`engineStudyOptions`)
 *
 * The bundled defaults are found from the package folder, so they work from any working directory.
 *
 * @example
 * predictionsOptions.map((o) => o.flag).join(" ")
 * // => "model text out engine gpu"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";
import { engineStudyOptions } from "../engineStudyOptions.js";

const bundled = (...parts: string[]) => shown(join(packageInfo().root, "data", ...parts));

export const predictionsOptions: readonly StudyOption[] = [
  {
    key: "model", flag: "model", env: "MODEL_DIRS", fileKeys: ["model_dirs"], type: "paths", placeholder: "DIR",
    noun: "model", help: "a Hugging Face checkpoint folder, a .gguf file (llama.cpp) or a dump, repeatable, smallest first; all must share one tokenizer (environment: comma-separated)",
    default: () => [bundled("models", "tiny-gpt2-small"), bundled("models", "tiny-gpt2-large")],
    defaultText: "bundled data/models/tiny-gpt2-small and tiny-gpt2-large",
  },
  {
    key: "text", flag: "text", env: "TEXT_FILE", fileKeys: ["text_file"], type: "path", placeholder: "FILE",
    noun: "text file", help: "UTF-8 text to score (it must fit the models' context)",
    default: () => bundled("prompts", "correlation-paragraph.txt"), defaultText: "bundled data/prompts/correlation-paragraph.txt",
  },
  {
    key: "out", flag: "out", env: "RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR",
    noun: "output folder", help: "output folder (replaced as a whole by each run)",
    default: () => join("results", "token-predictions"), defaultText: "results/token-predictions",
  },
  {
    key: "engine", flag: "engine", env: "ENGINE", fileKeys: ["engine"], type: "string", placeholder: "NAME",
    noun: "engine name", help: "the engine of every model: auto (chosen from each --model), tfjs, llama.cpp, openai or dump",
    default: () => "auto", defaultText: "auto: chosen from each --model (folder: tfjs, .gguf: llama.cpp, URL: openai, dump file: dump)",
  },
  ...engineStudyOptions("", { embeddings: false }),
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

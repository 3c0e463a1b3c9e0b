/**
 * correlationOptions: the correlation study's settings, each with its CLI flag, environment variable
 * and config-file keys (defaults: `CORRELATION_DEFAULTS`):
 *
 *   --model M (repeatable)   MODEL_DIRS   model folder, .gguf file or http(s) URL (`openEngine`); the grid's rows
 *   --dataset D (repeatable) DATASETS     prompt dataset file or folder in a Hugging Face layout; the grid's columns
 *   --engine E               ENGINE       force an engine (tfjs, llama.cpp, openai, dump)
 *   --gpu CHOICE             LLAMA_GPU    llama.cpp backend (default cpu; `engineStudyOptions`)
 *   --embeddings DIR         EMBEDDINGS_DIR  safetensors folder of input embeddings (for a .gguf or a dump)
 *   --concurrency N          CONCURRENCY  generations in flight at once (useful for a server; default 1)
 *   --prompts N              PROMPTS      prompts per dataset (the first N rows)
 *   --max-tokens N           MAX_TOKENS   new tokens per prompt at most
 *   --top-p P                TOP_P        nucleus mass
 *   --seed N                 SEED         prompt k samples with seed + k
 *   --bootstrap N            BOOTSTRAP    bootstrap resamples (whole prompts)
 *   --out DIR                RESULTS_DIR  output folder
 *
 * @example
 * correlationOptions.map((o) => o.flag).join(" ")
 * // => "model dataset engine gpu embeddings concurrency prompts max-tokens top-p seed bootstrap out"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";
import { engineStudyOptions } from "../engineStudyOptions.js";
import { CORRELATION_DEFAULTS as D } from "./correlationDefaults.js";

const bundled = (...parts: string[]) => shown(join(packageInfo().root, "data", ...parts));

export const correlationOptions: readonly StudyOption[] = [
  {
    key: "model", flag: "model", env: "MODEL_DIRS", fileKeys: ["model_dirs", "models"], type: "paths", placeholder: "MODEL",
    noun: "model", help: "a checkpoint folder, a .gguf file or an OpenAI-compatible http(s) URL, repeatable (environment: comma-separated)",
    default: () => D.models.map((m) => bundled("models", m)), defaultText: `bundled ${D.models.map((m) => `data/models/${m}`).join(", ")}`,
  },
  {
    key: "dataset", flag: "dataset", env: "DATASETS", fileKeys: ["datasets"], type: "paths", placeholder: "PATH",
    noun: "prompt dataset", help: "a .jsonl or .parquet file, or a folder with its test split (gsm8k, writingprompts or xsum columns), repeatable",
    default: () => D.datasets.map((d) => bundled("prompts", d)), defaultText: `bundled ${D.datasets.map((d) => `data/prompts/${d}`).join(", ")}`,
  },
  {
    key: "engine", flag: "engine", env: "ENGINE", fileKeys: ["engine"], type: "string", placeholder: "NAME",
    help: "force an engine: tfjs, llama.cpp, openai or dump; auto chooses from --model", default: () => "auto", defaultText: "auto",
  },
  ...engineStudyOptions(""),
  {
    key: "concurrency", flag: "concurrency", env: "CONCURRENCY", fileKeys: ["concurrency"], type: "integer", placeholder: "N", min: 1, max: 256,
    help: "generations in flight at once (for a server engine; results do not depend on it)", default: () => 1, defaultText: "1",
  },
  {
    key: "prompts", flag: "prompts", env: "PROMPTS", fileKeys: ["prompts", "num_prompts"], type: "integer", placeholder: "N", min: 1,
    help: "prompts per dataset, the first N rows (original: 100)", default: () => D.prompts, defaultText: `${D.prompts} (miniature; see CORRELATION_DEFAULTS)`,
  },
  {
    key: "maxTokens", flag: "max-tokens", env: "MAX_TOKENS", fileKeys: ["max_tokens"], type: "integer", placeholder: "N", min: 1,
    help: "new tokens per prompt at most (original: 100)", default: () => D.maxTokens, defaultText: `${D.maxTokens} (miniature)`,
  },
  {
    key: "topP", flag: "top-p", env: "TOP_P", fileKeys: ["top_p"], type: "number", placeholder: "P", min: 0, minExclusive: true, max: 1,
    help: "nucleus mass for sampling, entropy and cosine", default: () => D.topP, defaultText: String(D.topP),
  },
  {
    key: "seed", flag: "seed", env: "SEED", fileKeys: ["seed"], type: "integer", placeholder: "N", min: 0,
    help: "prompt k samples with seed + k", default: () => D.seed, defaultText: String(D.seed),
  },
  {
    key: "bootstrap", flag: "bootstrap", env: "BOOTSTRAP", fileKeys: ["bootstrap"], type: "integer", placeholder: "N", min: 1,
    help: "bootstrap resamples of whole prompts for the 95% intervals", default: () => D.bootstrap, defaultText: String(D.bootstrap),
  },
  {
    key: "out", flag: "out", env: "RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR",
    noun: "output folder", help: "output folder (replaced as a whole by each run; its cache/ of finished grid cells is kept)",
    default: () => join("results", "correlation"), defaultText: "results/correlation",
  },
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

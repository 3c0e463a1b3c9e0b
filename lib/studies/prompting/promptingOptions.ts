/**
 * promptingOptions: the prompting study's settings, each with its CLI flag, environment variable and
 * config-file keys; the defaults come from `PROMPTING_DEFAULTS` (promptingPresets.ts):
 *
 *   --model M (repeatable)  PROMPTING_MODELS    model: safetensors folder, .gguf, http(s) URL or dump (through openEngine)
 *   --engine E              PROMPTING_ENGINE    force an engine (auto: from --model)
 *   --gpu CHOICE            PROMPTING_LLAMA_GPU llama.cpp backend (default cpu; `engineStudyOptions`)
 *   --embeddings DIR        PROMPTING_EMBEDDINGS_DIR  safetensors folder of input embeddings
 *   --concurrency N         PROMPTING_CONCURRENCY  generations in flight at once per model
 *   --data FILE             PROMPTING_DATA      GSM8K-style JSON Lines problems
 *   --prompts FILE          PROMPTING_PROMPTS   exemplars and instructions (readPromptsFile)
 *   --shots N               PROMPTING_SHOTS     exemplars in each prompt
 *   --questions N           PROMPTING_QUESTIONS problems used, the first N (0 = all)
 *   --techniques LIST       PROMPTING_TECHNIQUES  comma-separated subset of baseline,cot,cod
 *   --baseline-tokens N, --cot-tokens N, --cod-tokens N   token budgets
 *   --top-p P               PROMPTING_TOP_P     nucleus of sampling and of the scores
 *   --seed N                PROMPTING_SEED
 *   --out DIR               PROMPTING_RESULTS_DIR
 *
 * @example
 * promptingOptions.map((o) => o.flag).join(" ")
 * // => "model engine gpu embeddings concurrency data prompts shots questions techniques baseline-tokens cot-tokens cod-tokens top-p seed out"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";
import { engineStudyOptions } from "../engineStudyOptions.js";
import { PROMPTING_DEFAULTS as D } from "./promptingPresets.js";

const bundled = (path: string) => shown(join(packageInfo().root, "data", path));
const budget = (technique: "baseline" | "cot" | "cod", original: number): StudyOption => ({
  key: `${technique}Tokens`, flag: `${technique}-tokens`, env: `PROMPTING_${technique.toUpperCase()}_TOKENS`, fileKeys: [`${technique}_tokens`],
  type: "integer", min: 1, placeholder: "N", help: `most tokens generated for ${technique} (the original: ${original})`,
  default: () => D.budgets[technique], defaultText: String(D.budgets[technique]),
});

export const promptingOptions: readonly StudyOption[] = [
  {
    key: "model", flag: "model", env: "PROMPTING_MODELS", fileKeys: ["models"], type: "paths", placeholder: "M", noun: "model",
    help: "a safetensors folder, a .gguf file, an OpenAI-compatible http(s) URL or a dump; repeatable (environment: comma-separated)",
    default: () => D.models.map(bundled), defaultText: D.models.map((m) => `bundled data/${m}`).join(", "),
  },
  {
    key: "engine", flag: "engine", env: "PROMPTING_ENGINE", fileKeys: ["engine"], type: "string", placeholder: "E", noun: "engine",
    help: "force the engine: tfjs, llama.cpp, openai or dump (auto: chosen from --model)", default: () => "auto", defaultText: "auto",
  },
  ...engineStudyOptions("PROMPTING_"),
  {
    key: "concurrency", flag: "concurrency", env: "PROMPTING_CONCURRENCY", fileKeys: ["concurrency"], type: "integer", min: 1, max: 256, placeholder: "N",
    help: "generations in flight at once per model (helps a server engine; results do not depend on it)", default: () => 1, defaultText: "1",
  },
  {
    key: "data", flag: "data", env: "PROMPTING_DATA", fileKeys: ["data_file"], type: "path", placeholder: "FILE", noun: "problems file",
    help: "GSM8K-style JSON Lines, one {\"question\", \"answer\"} a line, answers ending in \"#### n\" (openai/gsm8k main/test.jsonl)",
    default: () => bundled(D.data), defaultText: `bundled data/${D.data}`,
  },
  {
    key: "prompts", flag: "prompts", env: "PROMPTING_PROMPTS", fileKeys: ["prompts_file"], type: "path", placeholder: "FILE", noun: "prompts file",
    help: "JSON with the exemplars and each technique's instruction, used exactly as written (format: see data/README.md)",
    default: () => bundled(D.prompts), defaultText: `bundled data/${D.prompts}`,
  },
  {
    key: "shots", flag: "shots", env: "PROMPTING_SHOTS", fileKeys: ["shots"], type: "integer", min: 0, placeholder: "N",
    help: "exemplars in each prompt, the first N of the prompts file (the original: 8)", default: () => D.shots, defaultText: String(D.shots),
  },
  {
    key: "questions", flag: "questions", env: "PROMPTING_QUESTIONS", fileKeys: ["questions"], type: "integer", min: 0, placeholder: "N",
    help: "problems used, the first N of the file; 0 = all (the original: all 1,319)", default: () => D.questions, defaultText: String(D.questions),
  },
  {
    key: "techniques", flag: "techniques", env: "PROMPTING_TECHNIQUES", fileKeys: ["techniques"], type: "string", placeholder: "LIST", noun: "technique list",
    help: "comma-separated techniques to run: baseline, cot, cod", default: () => "baseline,cot,cod", defaultText: "baseline,cot,cod",
  },
  budget("baseline", 30),
  budget("cot", 1200),
  budget("cod", 800),
  {
    key: "topP", flag: "top-p", env: "PROMPTING_TOP_P", fileKeys: ["top_p"], type: "number", min: 0, minExclusive: true, max: 1, placeholder: "P",
    help: "nucleus p of sampling and of the uncertainty scores (the original: 0.95)", default: () => D.topP, defaultText: String(D.topP),
  },
  {
    key: "seed", flag: "seed", env: "PROMPTING_SEED", fileKeys: ["seed"], type: "integer", min: 0, max: 2 ** 32 - 1, placeholder: "N",
    help: "seed of the sampler (each sample's own seed is derived from it)", default: () => 0, defaultText: "0",
  },
  {
    key: "out", flag: "out", env: "PROMPTING_RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR", noun: "output folder",
    help: "output folder (replaced as a whole by each run; --rerun-buggy reads the previous results from it first)",
    default: () => join("results", "prompting"), defaultText: "results/prompting",
  },
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

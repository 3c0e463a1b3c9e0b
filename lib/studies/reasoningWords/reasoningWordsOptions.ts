/**
 * reasoningWordsOptions: the reasoning-words study's settings, each with its CLI flag, environment
 * variable and config-file keys:
 *
 *   --model ROLE=PATH (repeatable)  REASONING_MODELS  roles and models       default baseline=tiny-llama-256, sft=tiny-llama-256-sft
 *   --data FILE                     REASONING_DATA    JSON Lines samples      default data/reasoning-words/sample.jsonl
 *   --engine NAME                   ENGINE            tfjs | llama.cpp | openai | dump | auto
 *   --gpu CHOICE                    LLAMA_GPU         llama.cpp backend (default cpu; `engineStudyOptions`)
 *   --propensity MODE               PROPENSITY_MODE   exact | firstTokenOnly  default exact (first-token-only is always added)
 *   --judge                         JUDGE             label by each model's own sampled answer
 *   --judge-tokens N                JUDGE_TOKENS      token budget of a judged answer (default 64)
 *   --temperature T                 JUDGE_TEMPERATURE sampling temperature of the judge (default 0.7)
 *   --seed N                        SEED              the judge's seed (default 0)
 *   --labels-from ROLE              LABELS_FROM       one role's judge labels for every model (the original's way); default own
 *   --out DIR                       RESULTS_DIR       output folder (default results/reasoning-words)
 *
 * @example
 * reasoningWordsOptions.map((o) => o.flag).join(" ")
 * // => "model data engine gpu propensity judge judge-tokens temperature seed labels-from out"
 */
import { isAbsolute, join, relative } from "node:path";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyOption } from "../Study.js";
import { engineStudyOptions } from "../engineStudyOptions.js";

const bundled = (...parts: string[]) => shown(join(packageInfo().root, "data", ...parts));

export const reasoningWordsOptions: readonly StudyOption[] = [
  {
    key: "model", flag: "model", env: "REASONING_MODELS", fileKeys: ["models"], type: "paths", placeholder: "ROLE=PATH",
    noun: "model", help: "a role and its model (a checkpoint folder, a .gguf file, a server URL), repeatable; a bare PATH takes its file name as the role (environment: comma-separated)",
    default: () => [`baseline=${bundled("models", "tiny-llama-256")}`, `sft=${bundled("models", "tiny-llama-256-sft")}`],
    defaultText: "baseline=data/models/tiny-llama-256, sft=data/models/tiny-llama-256-sft (bundled stand-ins)",
  },
  {
    key: "data", flag: "data", env: "REASONING_DATA", fileKeys: ["data_file"], type: "path", placeholder: "FILE",
    noun: "data file", help: 'JSON Lines, one {"query", "answer", "level" 1–5, "correct"?, "reference"?} per line',
    default: () => bundled("reasoning-words", "sample.jsonl"), defaultText: "bundled data/reasoning-words/sample.jsonl",
  },
  {
    key: "engine", flag: "engine", env: "ENGINE", fileKeys: ["engine"], type: "string", placeholder: "NAME",
    noun: "engine", help: "force an engine (tfjs, llama.cpp, openai, dump); auto picks it from each --model",
    default: () => "auto", defaultText: "auto",
  },
  ...engineStudyOptions("", { embeddings: false }),
  {
    key: "propensity", flag: "propensity", env: "PROPENSITY_MODE", fileKeys: ["propensity_mode"], type: "string", placeholder: "MODE",
    noun: "propensity mode", help: "exact (chain rule with cached branches) or firstTokenOnly (cheaper approximation); the first-token-only values are always recorded too",
    default: () => "exact", defaultText: "exact",
  },
  {
    key: "judge", flag: "judge", env: "JUDGE", fileKeys: ["judge"], type: "boolean", placeholder: "",
    help: "label correctness by each model's own sampled answer (last \\boxed{} vs the reference) instead of the data's \"correct\" field",
    default: () => false, defaultText: "off",
  },
  {
    key: "judgeTokens", flag: "judge-tokens", env: "JUDGE_TOKENS", fileKeys: ["judge_tokens"], type: "integer", placeholder: "N",
    help: "token budget of each judged answer", default: () => 64, defaultText: "64", min: 1, max: 100_000,
  },
  {
    key: "temperature", flag: "temperature", env: "JUDGE_TEMPERATURE", fileKeys: ["judge_temperature"], type: "number", placeholder: "T",
    help: "sampling temperature of the judged answers", default: () => 0.7, defaultText: "0.7", min: 0, max: 10,
  },
  {
    key: "seed", flag: "seed", env: "SEED", fileKeys: ["seed"], type: "integer", placeholder: "N",
    help: "seed of the judged answers (sample i uses seed + i)", default: () => 0, defaultText: "0", min: 0,
  },
  {
    key: "labelsFrom", flag: "labels-from", env: "LABELS_FROM", fileKeys: ["labels_from"], type: "string", placeholder: "ROLE",
    noun: "role", help: "with --judge: apply this role's labels to every model (the original's shared labels); own = each model's own",
    default: () => "own", defaultText: "own",
  },
  {
    key: "out", flag: "out", env: "RESULTS_DIR", fileKeys: ["results_dir"], type: "path", placeholder: "DIR",
    noun: "output folder", help: "output folder (replaced as a whole by each run; its cache/ is kept)",
    default: () => join("results", "reasoning-words"), defaultText: "results/reasoning-words",
  },
];

/** An absolute path as the shorter relative one when it is below or beside the working directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !isAbsolute(rel) ? rel : path;
}

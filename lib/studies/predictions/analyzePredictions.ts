/**
 * analyzePredictions: the token-predictions study's analysis. Reads the text, tokenizes it with the
 * first model's tokenizer (no special tokens added; every other model must give the same ids, since
 * the study compares models of one family), runs each model once over the whole text and scores every
 * token (`scoreEngineTokens`: log-probability, rank and entropy of the prediction made at t − 1, in
 * float64 on the host from the engine's rows). Each `--model` runs on the engine `openEngine` picks
 * (a safetensors folder on tfjs, a .gguf on llama.cpp, a dump; `config.engine` forces one), and the
 * provenance lists every model's EngineInfo under `engines`.
 *
 * Context: the text must fit every model's context (`info.contextLength`); a longer text is one
 * error naming the limit, never silently truncated. No chunking: a chunked text would change what the
 * model saw before each token.
 *
 * Type: (PredictionsConfig) → Promise<PredictionsAnalysis>; models are disposed before it returns.
 *
 * @example
 * const a = await analyzePredictions(resolvePredictionsConfig({}));
 * [a.models.length, a.ids.length === a.tokens.length, Number.isNaN(a.models[0].logProbs[0])]
 * // => [2, true, true]
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { backendInfo, ready } from "../../backend/backend.js";
import type { EngineInfo } from "../../engines/Engine.js";
import { openEngine } from "../../engines/openEngine.js";
import { LogitlabError } from "../../util/errors.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyProvenance } from "../StudyProvenance.js";
import type { PredictionsConfig } from "./resolvePredictionsConfig.js";
import { scoreEngineTokens } from "./scoreEngineTokens.js";
import type { TokenScores } from "./scoreTokens.js";

export interface ModelPredictions extends TokenScores {
  /** Short name: the folder's last part. */
  name: string;
  dir: string;
  /** sha256 of the folder's config.json; null for a model that has none (a GGUF file, a dump). */
  configSha256: string | null;
  maxPositions: number;
  /** The engine that ran it. */
  engine: EngineInfo;
  /** Rows that were truncated top-N lists (entropy unknown there). */
  truncatedRows: number;
}

export interface PredictionsAnalysis {
  text: string;
  ids: number[];
  /** Each token's own text (decode([id])). */
  tokens: string[];
  models: ModelPredictions[];
  provenance: StudyProvenance;
}

const CONTEXT = "predictions";

export async function analyzePredictions(config: PredictionsConfig): Promise<PredictionsAnalysis> {
  const started = Date.now();
  await ready();
  let text: string;
  try {
    text = readFileSync(config.textFile, "utf8");
  } catch (error) {
    throw new LogitlabError(`cannot read the text file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { context: CONTEXT, file: config.textFile });
  }
  if (text.trim() === "") throw new LogitlabError("the text file is empty", { context: CONTEXT, file: config.textFile });

  const names = config.modelDirs.map((dir) => dir.replace(/[/\\]+$/, "").split(/[/\\]/).pop() || dir);
  const models: ModelPredictions[] = [];
  let ids: number[] = [];
  let tokens: string[] = [];
  for (const [k, dir] of config.modelDirs.entries()) {
    const engine = await openEngine(dir, { engine: config.engine === "auto" ? undefined : config.engine, gpu: config.gpu });
    try {
      const tokenizer = engine.tokenizer;
      const encoded = tokenizer.encode(text, { addSpecialTokens: false });
      if (k === 0) {
        ids = encoded;
        tokens = tokenizer.tokenTexts(ids);
      } else if (encoded.length !== ids.length || encoded.some((id, i) => id !== ids[i])) {
        throw new LogitlabError(
          `its tokenizer splits the text differently from ${config.modelDirs[0]}'s (${encoded.length} vs ${ids.length} tokens); compare models that share one tokenizer`,
          { context: CONTEXT, file: dir },
        );
      }
      if (ids.length < 2) throw new LogitlabError(`the text is ${ids.length} token(s); at least 2 are needed for one prediction`, { context: CONTEXT, file: config.textFile });
      const limit = engine.info.contextLength;
      if (ids.length > limit) {
        throw new LogitlabError(
          `the text is ${ids.length} tokens but ${names[k]} has a context of ${limit} tokens; shorten the text to at most ${limit} tokens`,
          { context: CONTEXT, file: config.textFile },
        );
      }
      const configPath = join(dir, "config.json");
      const configSha256 = existsSync(configPath) ? createHash("sha256").update(readFileSync(configPath)).digest("hex") : null;
      const { truncated, ...scores } = await scoreEngineTokens(engine, ids);
      models.push({ name: names[k], dir, configSha256, maxPositions: limit, engine: engine.info, truncatedRows: truncated, ...scores });
    } finally {
      await engine.dispose();
    }
  }

  const info = packageInfo();
  const backend = backendInfo();
  const provenance: StudyProvenance = {
    study: "predictions",
    library: info.name,
    library_version: info.version,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    backend: models.every((m) => m.engine.engine === "tfjs") ? `${backend.name} (tfjs ${backend.tfjsVersion}), float32` : models.map((m) => m.engine.device).join("; "),
    model: { dir: models[0].dir, config_sha256: models[0].configSha256 },
    seed: null,
    engines: models.map((m) => m.engine),
    settings: { model_dirs: config.modelDirs, engine: config.engine, gpu: config.gpu ?? "cpu", text_file: config.textFile, add_special_tokens: false, log_base: "e" },
    inputs: {
      text_file: config.textFile,
      text_bytes: statSync(config.textFile).size,
      text_sha256: createHash("sha256").update(text).digest("hex"),
      tokens: ids.length,
      models: models.map((m) => ({ dir: m.dir, config_sha256: m.configSha256, context: m.maxPositions, engine: m.engine.engine, truncated_rows: m.truncatedRows })),
    },
    created: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
  };
  return { text, ids, tokens, models, provenance };
}

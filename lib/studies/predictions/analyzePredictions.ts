/**
 * analyzePredictions: the token-predictions study's analysis. Reads the text, tokenizes it with the
 * first model's tokenizer (no special tokens added; every other model must give the same ids, since
 * the study compares models of one family), runs each model once over the whole text and scores every
 * token (`scoreTokens`: log-probability, rank and entropy of the prediction made at t − 1).
 *
 * Context: the text must fit every model's context (`config.maxPositions`); a longer text is one
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
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { backendInfo, ready } from "../../backend/backend.js";
import { loadModel } from "../../models/load.js";
import { LogitlabError } from "../../util/errors.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyProvenance } from "../StudyProvenance.js";
import type { PredictionsConfig } from "./resolvePredictionsConfig.js";
import { scoreTokens, type TokenScores } from "./scoreTokens.js";

export interface ModelPredictions extends TokenScores {
  /** Short name: the folder's last part. */
  name: string;
  dir: string;
  configSha256: string;
  maxPositions: number;
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
    const model = await loadModel(dir);
    try {
      const tokenizer = model.requireTokenizer();
      const encoded = tokenizer.encode(text, { addSpecialTokens: false }).ids;
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
      const limit = model.config.maxPositions;
      if (ids.length > limit) {
        throw new LogitlabError(
          `the text is ${ids.length} tokens but ${names[k]} has a context of ${limit} tokens; shorten the text to at most ${limit} tokens`,
          { context: CONTEXT, file: config.textFile },
        );
      }
      const configSha256 = createHash("sha256").update(readFileSync(join(dir, "config.json"))).digest("hex");
      models.push({ name: names[k], dir, configSha256, maxPositions: limit, ...scoreTokens(model, ids) });
    } finally {
      model.dispose();
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
    backend: `${backend.name} (tfjs ${backend.tfjsVersion}), float32`,
    model: { dir: models[0].dir, config_sha256: models[0].configSha256 },
    seed: null,
    settings: { model_dirs: config.modelDirs, text_file: config.textFile, add_special_tokens: false, log_base: "e" },
    inputs: {
      text_file: config.textFile,
      text_bytes: statSync(config.textFile).size,
      text_sha256: createHash("sha256").update(text).digest("hex"),
      tokens: ids.length,
      models: models.map((m) => ({ dir: m.dir, config_sha256: m.configSha256, context: m.maxPositions })),
    },
    created: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
  };
  return { text, ids, tokens, models, provenance };
}

/**
 * analyzeInterpret: the interpretability study's analysis — loads the model, tokenizes the text (no
 * special tokens added, as the predictions study), checks it fits the context (a longer text is one
 * error naming the limit, never cut), and looks inside (`interpretView`: next-token distribution,
 * attention, saliency, logit lens). The model is disposed before it returns.
 *
 * Type: (InterpretConfig) → Promise<InterpretAnalysis>.
 *
 * @example
 * const a = await analyzeInterpret(resolveInterpretConfig({ text: "In the beginning" }));
 * [a.view.ids.length > 0, a.layers, a.provenance.study]
 * // => [true, 4, "interpret"]
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { backendInfo, ready } from "../../backend/backend.js";
import { loadModel } from "../../models/load.js";
import { LogitlabError } from "../../util/errors.js";
import { packageInfo } from "../../util/packageInfo.js";
import type { StudyProvenance } from "../StudyProvenance.js";
import { interpretView, type InterpretView } from "./interpretView.js";
import type { InterpretConfig } from "./resolveInterpretConfig.js";

export interface InterpretAnalysis {
  text: string;
  /** The model folder's last part. */
  modelName: string;
  layers: number;
  heads: number;
  view: InterpretView;
  provenance: StudyProvenance;
}

export async function analyzeInterpret(config: InterpretConfig): Promise<InterpretAnalysis> {
  const started = Date.now();
  await ready();
  if (config.text.trim() === "") throw new LogitlabError("the text is empty", { context: "interpret", field: "text" });
  const model = await loadModel(config.modelDir);
  try {
    const ids = model.requireTokenizer().encode(config.text, { addSpecialTokens: false }).ids;
    const limit = model.config.maxPositions;
    if (ids.length > limit) {
      throw new LogitlabError(`the text is ${ids.length} tokens but the model's context is ${limit}; shorten it`, { context: "interpret", field: "text" });
    }
    const view = interpretView(model, ids, { topK: config.topK });
    const info = packageInfo();
    const backend = backendInfo();
    const configSha256 = createHash("sha256").update(readFileSync(join(config.modelDir, "config.json"))).digest("hex");
    const provenance: StudyProvenance = {
      study: "interpret",
      library: info.name,
      library_version: info.version,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      backend: `${backend.name} (tfjs ${backend.tfjsVersion}), float32`,
      model: { dir: config.modelDir, config_sha256: configSha256 },
      seed: null,
      settings: { model_dir: config.modelDir, text: config.text, top_k: config.topK, add_special_tokens: false },
      inputs: { text_sha256: createHash("sha256").update(config.text).digest("hex"), tokens: ids.length },
      created: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
    };
    const modelName = config.modelDir.replace(/[/\\]+$/, "").split(/[/\\]/).pop() || config.modelDir;
    return { text: config.text, modelName, layers: model.config.numLayers, heads: model.config.numHeads, view, provenance };
  } finally {
    model.dispose();
  }
}

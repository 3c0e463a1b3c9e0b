/**
 * engineGenerate: autoregressive generation on any {@link Engine}, with logitlab's own seeded sampler
 * applied to the engine's raw rows — the same rules, options and step records as `generate` (lib/models;
 * read its comment for the sampling and stopping semantics), so that with the same logits every engine
 * picks the same tokens as the tfjs runtime.
 *
 * Rows: a full row of logits is sampled as `generate` samples it (`drawToken`); a truncated "top" row
 * (an OpenAI-compatible server's top-N) is sampled over the listed tokens only, their log-probabilities
 * standing in for logits (the unlisted mass 1 − coveredMass cannot be drawn) and every step record says
 * `truncated: true` with its covered mass. Each step is a {@link StepRecord} (`rowStepRecord`) plus
 * `samplingProb`. Stop reasons: "maxNewTokens", "eos" (the tokenizer's eosIds, unless `stopAtEos` is
 * false), "stop" (ids or strings), "context" (prompt + generated fill `info.contextLength`; the warning
 * says so). A prompt longer than the context is a LogitlabError naming the engine's model.
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const result = await engineGenerate(engine, [1, 2, 3], { maxNewTokens: 4, temperature: 0 });
 * await engine.dispose();
 * result.ids.length
 * // => 4
 */
import { generateSettings } from "../models/generateSettings.js";
import type { GenerateOptions, GenerationResult, GenerationStep } from "../models/generate.js";
import { drawToken } from "../models/drawToken.js";
import { LogitlabError } from "../util/errors.js";
import { seededRandom } from "../util/seededRandom.js";
import type { Engine, EngineRow } from "./Engine.js";
import { rowStepRecord } from "./rowStepRecord.js";

/** The logits to sample from: the row itself, or the listed tokens' log-probabilities (others −Infinity). */
function samplingLogits(row: EngineRow, vocabSize: number): Float32Array {
  if (row.kind === "logits") return row.logits;
  const logits = new Float32Array(Math.max(vocabSize, ...Array.from(row.ids, (id) => id + 1))).fill(-Infinity);
  row.ids.forEach((id, i) => (logits[id] = row.logProbs[i]));
  return logits;
}

export async function engineGenerate(engine: Engine, prompt: string | readonly number[], options: GenerateOptions = {}): Promise<GenerationResult> {
  const { maxNewTokens, temperature, topK, topP, recordTopP } = generateSettings(options);
  const check = (ok: boolean, field: string, reason: string): void => {
    if (!ok) throw new LogitlabError(reason, { context: "generate", field });
  };

  const { tokenizer, info } = engine;
  const promptIds = typeof prompt === "string" ? tokenizer.encode(prompt, { addSpecialTokens: options.addSpecialTokens ?? true }) : [...prompt];
  check(promptIds.length > 0, "prompt", "prompt is empty");
  const context = info.contextLength;
  check(promptIds.length <= context, "prompt", `the prompt has ${promptIds.length} tokens but ${info.model} holds ${context}; shorten the prompt`);
  const stopIds = new Set((options.stop ?? []).filter((s): s is number => typeof s === "number"));
  const stopStrings = (options.stop ?? []).filter((s): s is string => typeof s === "string");
  const eosIds = options.stopAtEos === false ? new Set<number>() : tokenizer.eosIds;
  const random = seededRandom(options.seed ?? 0);

  const ids = [...promptIds];
  const steps: GenerationStep[] = [];
  const warnings: string[] = [];
  let stopReason: GenerationResult["stopReason"] = "maxNewTokens";
  const session = await engine.session();
  try {
    let input: number[] = promptIds;
    for (let step = 0; step < maxNewTokens; step++) {
      if (ids.length >= context) {
        stopReason = "context";
        warnings.push(`stopped after ${step} of ${maxNewTokens} new tokens: prompt (${promptIds.length}) + generated tokens fill the context of ${context}`);
        break;
      }
      const row = await session.append(input);
      const { id, samplingProb } = drawToken(samplingLogits(row, info.vocabSize), { temperature, topK, topP }, random);
      const record = rowStepRecord(row, id, { recordTopP, step, ...(tokenizer.hasText ? { token: tokenizer.decode([id]) } : {}), keepLogits: options.keepLogits });
      steps.push({ ...record, entropy: record.entropy ?? NaN, samplingProb });
      ids.push(id);
      input = [id];
      if (eosIds.has(id)) {
        stopReason = "eos";
        break;
      }
      if (stopIds.has(id)) {
        stopReason = "stop";
        break;
      }
      if (stopStrings.length > 0 && stopStrings.some((s) => tokenizer.decode(ids.slice(promptIds.length)).includes(s))) {
        stopReason = "stop";
        break;
      }
    }
  } finally {
    await session.dispose();
  }
  const generated = ids.slice(promptIds.length);
  return { promptIds, ids: generated, ...(tokenizer.hasText ? { text: tokenizer.decode(generated, { skipSpecialTokens: true }) } : {}), steps, stopReason, warnings };
}

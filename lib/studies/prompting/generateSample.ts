/**
 * generateSample: one answer of the prompting study — the prompt through `engineGenerate` (any engine:
 * tfjs, llama.cpp, an OpenAI-compatible server, a dump) with nucleus sampling at `topP` (0.95 in the
 * original), temperature 1, the sample's own seed, at most `maxNewTokens` tokens, stopping at EOS —
 * and the original's per-sample uncertainty (`stepScores`), with additions beside it:
 *
 *   originalEntropy = mean over the answer's tokens of H(nucleus)/ln K (`normalizedNucleusEntropy`;
 *                     0 at a one-token nucleus) — the original study's score;
 *   nucleusEntropy  = mean H(nucleus) in nats, not divided by ln K;
 *   fullEntropy     = mean entropy of the full distribution (NaN when the engine gives truncated rows);
 *   cosine          = mean over tokens of the nucleus tokens' mean pairwise input-embedding cosine
 *                     (`meanRowCosine`; 1 at a one-token nucleus);
 *   nucleusSize     = mean K.
 * The nucleus of each step is the one the token was sampled from (recorded with recordTopP = topP).
 * "The answer's tokens" are the generated tokens; an EOS token ends the answer and is not counted (as
 * study A records no EOS step). No token → the means are NaN.
 *
 * Context: a prompt longer than the engine's context is not generated (stopReason "prompt-too-long",
 * empty output); a generation that fills the context stops there (stopReason "context", the warning
 * says how many of the budget's tokens were made): neither loses steps silently — the study counts both.
 * Memory: the step records of one answer (the nucleus ids and probabilities of each step), never a [T, V] row set.
 *
 * Type: (engine, prompt text, { maxNewTokens, topP, seed }) → Promise<SampleGeneration>.
 *
 * @example
 * const engine = await openEngine("data/models/tiny-llama");
 * const s = await generateSample(engine, "What is 2 + 2?\n", { maxNewTokens: 3, topP: 0.95, seed: 1 });
 * await engine.dispose();
 * [s.tokens, s.stopReason, s.originalEntropy >= 0 && s.originalEntropy <= 1]
 * // => [3, "maxNewTokens", true]
 */
import type { Engine } from "../../engines/Engine.js";
import { engineGenerate } from "../../engines/engineGenerate.js";
import { stepScores } from "./stepScores.js";

export interface SampleGeneration {
  output: string;
  promptTokens: number;
  /** Tokens generated (an EOS token included). */
  tokens: number;
  /** Tokens the scores average over (the generated ones without a final EOS). */
  scoredTokens: number;
  stopReason: "maxNewTokens" | "eos" | "stop" | "context" | "prompt-too-long";
  warnings: string[];
  originalEntropy: number;
  nucleusEntropy: number;
  fullEntropy: number;
  cosine: number;
  nucleusSize: number;
  /** Steps whose row was a truncated top-N list (an OpenAI-compatible server). */
  truncatedSteps: number;
}

export interface GenerateSampleOptions {
  maxNewTokens: number;
  topP: number;
  seed: number;
}

export async function generateSample(engine: Engine, prompt: string, options: GenerateSampleOptions): Promise<SampleGeneration> {
  const promptIds = engine.tokenizer.encode(prompt, { addSpecialTokens: true });
  const context = engine.info.contextLength;
  if (promptIds.length > context) {
    return {
      output: "", promptTokens: promptIds.length, tokens: 0, scoredTokens: 0, stopReason: "prompt-too-long",
      warnings: [`the prompt has ${promptIds.length} tokens but ${engine.info.name} holds ${context}; not generated`],
      originalEntropy: NaN, nucleusEntropy: NaN, fullEntropy: NaN, cosine: NaN, nucleusSize: NaN, truncatedSteps: 0,
    };
  }
  const result = await engineGenerate(engine, promptIds, {
    maxNewTokens: options.maxNewTokens, temperature: 1, topP: options.topP, recordTopP: options.topP, seed: options.seed,
  });
  const steps = result.stopReason === "eos" ? result.steps.slice(0, -1) : result.steps;
  const scores = await stepScores(steps, (ids) => engine.embeddingRows(ids));
  return {
    output: result.text ?? "",
    promptTokens: promptIds.length,
    tokens: result.ids.length,
    stopReason: result.stopReason,
    warnings: result.warnings,
    scoredTokens: steps.length,
    ...scores,
  };
}

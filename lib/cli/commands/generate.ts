import { writeFileAtomicSync } from "../../io/atomicWrite.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";
import { jsonText } from "../../io/jsonText.js";
import { parseModelInputArgs } from "../parseModelInputArgs.js";
import { parseLlamaGpu } from "../../engines/llamaCpp/parseLlamaGpu.js";

const USAGE = `usage: logitlab generate --model MODEL (--prompt "..." | --ids 1,2,3) [options]

Generates a continuation with the KV cache and prints it; --json writes the result with every step's
record (the canonical StepRecord: chosen id and probability, entropy of the full distribution, the
top-p 0.9 nucleus as topIds/topProbs, plus samplingProb). Sampling follows Hugging Face: temperature,
then top-k (tokens tied with the k-th stay), then top-p. It stops at the model's end-of-sequence ids
(generation_config.json's eos_token_id when given), a stop string, or the context length.
MODEL picks the engine (a checkpoint folder: tfjs; a .gguf file: llama.cpp; a dump: replays its
recorded steps); sampling is always logitlab's, on the engine's raw distribution, so every engine
picks the same tokens for the same logits. --json records the engine (info) with the result.

options:
  --model MODEL        checkpoint folder (e.g. data/models/tiny-llama), .gguf file or dump
  --engine NAME        force the engine: tfjs, llama.cpp, openai or dump
  --gpu CHOICE         llama.cpp backend for a .gguf: auto, cuda, vulkan, metal or cpu (default cpu;
                       a GPU build that cannot load falls back to the CPU with one line on stderr)
  --prompt TEXT        prompt text (needs tokenizer.json in the folder)
  --ids LIST           prompt as comma-separated token ids
  --max-new-tokens N   integer ≥ 0 (default 32)
  --temperature T      ≥ 0; 0 = greedy (default 1)
  --top-k K            integer ≥ 0; 0 = all (default 0)
  --top-p P            in (0, 1] (default 1)
  --seed N             integer (default 0)
  --stop TEXT          stop string, repeatable
  --json FILE          write the full result (steps included) as JSON, atomically

examples:
  logitlab generate --model data/models/tiny-gpt2-small --prompt "And God said" --temperature 0
  logitlab generate --model data/models/tiny-llama --prompt "Question: 12 + 7 =" --top-p 0.9 --seed 1 --json run.json`;

/** \`logitlab generate\`: sample a continuation and optionally save per-step records. */
export const generate: Command = {
  name: "generate",
  summary: "generate a continuation of a prompt with a model (per-step records with --json)",
  usage: USAGE,
  async run(args) {
    const values = parseModelInputArgs("generate", attachNegativeValues(args), {
      model: { type: "string" },
      prompt: { type: "string" },
      ids: { type: "string" },
      "max-new-tokens": { type: "string", default: "32" },
      temperature: { type: "string", default: "1" },
      "top-k": { type: "string", default: "0" },
      "top-p": { type: "string", default: "1" },
      seed: { type: "string", default: "0" },
      stop: { type: "string", multiple: true },
      json: { type: "string" },
      engine: { type: "string" },
      gpu: { type: "string" },
    }, ["prompt", "ids"]);
    const gpu = parseLlamaGpu(values.gpu);
    const settings = {
      maxNewTokens: flagValue("--max-new-tokens", values["max-new-tokens"]!, "an integer ≥ 0", (x) => Number.isInteger(x) && x >= 0),
      temperature: flagValue("--temperature", values.temperature!, "a number ≥ 0 (0 = greedy)", (x) => x >= 0),
      topK: flagValue("--top-k", values["top-k"]!, "an integer ≥ 0 (0 = all)", (x) => Number.isInteger(x) && x >= 0),
      topP: flagValue("--top-p", values["top-p"]!, "a number in (0, 1]", (x) => x > 0 && x <= 1),
      seed: flagValue("--seed", values.seed!, "an integer", (x) => Number.isSafeInteger(x)),
    };
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const [{ openEngine }, { engineGenerate }, { TfjsEngine }, { generate: generateTokens }] = await Promise.all([
      import("../../engines/openEngine.js"), import("../../engines/engineGenerate.js"), import("../../engines/tfjs/TfjsEngine.js"), import("../../models/generate.js"),
    ]);
    const engine = await openEngine(values.model, { engine: values.engine, gpu });
    try {
      const prompt = values.ids !== undefined ? values.ids.split(",").map((s, i) => {
        if (!/^\s*\d+\s*$/.test(s)) throw new LogitlabError(`"${s}" is not a token id`, { field: "--ids", position: `item ${i + 1}` });
        return Number(s);
      }) : values.prompt!;
      // tfjs: the model's own generate (the records it has always written); other engines: the same
      // sampler on their rows (same tokens for the same logits: test/engines/tfjsEngine.test.ts).
      const options = { ...settings, stop: values.stop };
      const result = engine instanceof TfjsEngine ? generateTokens(engine.model, prompt, options) : await engineGenerate(engine, prompt, options);
      if (values.json) writeFileAtomicSync(values.json, jsonText({ ...result, engine: engine.info }));
      for (const warning of result.warnings) console.error(`logitlab generate: warning: ${warning}`);
      if (result.text !== undefined) console.log((typeof prompt === "string" ? prompt : "") + result.text);
      else console.log(result.ids.join(","));
      const meanEntropy = result.steps.reduce((s, x) => s + x.entropy, 0) / Math.max(1, result.steps.length);
      console.error(`${result.ids.length} tokens, stop: ${result.stopReason}, mean entropy ${meanEntropy.toFixed(3)} nats (${engine.info.engine})`);
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

/** A numeric flag's value, or one line naming the flag, what it got and the allowed range. */
function flagValue(flag: string, text: string, allowed: string, ok: (x: number) => boolean): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new LogitlabError(`"${text}" is not a number; allowed: ${allowed}`, { field: flag });
  if (!ok(value)) throw new LogitlabError(`${text} is out of range; allowed: ${allowed}`, { field: flag });
  return value;
}

const NUMERIC_FLAGS = new Set(["--max-new-tokens", "--temperature", "--top-k", "--top-p", "--seed"]);

/**
 * `--temperature -1` → `--temperature=-1`, so that a negative value reaches the range check (and its
 * one-line message) instead of util.parseArgs' "argument is ambiguous".
 */
function attachNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (NUMERIC_FLAGS.has(args[i]) && i + 1 < args.length && /^-(\d|\.\d|Infinity)/.test(args[i + 1])) {
      out.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

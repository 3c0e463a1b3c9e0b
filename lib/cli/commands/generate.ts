import { writeFileAtomicSync } from "../../io/atomicWrite.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";
import { parseModelInputArgs } from "../parseModelInputArgs.js";

const USAGE = `usage: logitlab generate --model DIR (--prompt "..." | --ids 1,2,3) [options]

Generates a continuation with the KV cache and prints it; --json writes every step's record (chosen id
and probability, entropy of the full distribution, top-p nucleus ids and probabilities).

options:
  --model DIR          checkpoint folder (e.g. data/models/tiny-llama)
  --prompt TEXT        prompt text (needs tokenizer.json in the folder)
  --ids LIST           prompt as comma-separated token ids
  --max-new-tokens N   default 32
  --temperature T      0 = greedy (default 1)
  --top-k K            default 0 (all)
  --top-p P            default 1
  --seed N             default 0
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
    const values = parseModelInputArgs("generate", args, {
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
    }, ["prompt", "ids"]);
    const number = (flag: string, text: string): number => {
      const value = Number(text);
      if (!Number.isFinite(value)) throw new LogitlabError(`"${text}" is not a number`, { field: flag });
      return value;
    };
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const [{ loadModel }, { generate: generateTokens }] = await Promise.all([import("../../models/load.js"), import("../../models/generate.js")]);
    const model = await loadModel(values.model);
    try {
      const prompt = values.ids !== undefined ? values.ids.split(",").map((s, i) => {
        if (!/^\s*\d+\s*$/.test(s)) throw new LogitlabError(`"${s}" is not a token id`, { field: "--ids", position: `item ${i + 1}` });
        return Number(s);
      }) : values.prompt!;
      const result = generateTokens(model, prompt, {
        maxNewTokens: number("--max-new-tokens", values["max-new-tokens"]!),
        temperature: number("--temperature", values.temperature!),
        topK: number("--top-k", values["top-k"]!),
        topP: number("--top-p", values["top-p"]!),
        seed: number("--seed", values.seed!),
        stop: values.stop,
      });
      if (values.json) writeFileAtomicSync(values.json, JSON.stringify(result, null, 1) + "\n");
      if (result.text !== undefined) console.log((typeof prompt === "string" ? prompt : "") + result.text);
      else console.log(result.ids.join(","));
      const meanEntropy = result.steps.reduce((s, x) => s + x.entropy, 0) / Math.max(1, result.steps.length);
      console.error(`${result.ids.length} tokens, stop: ${result.stopReason}, mean entropy ${meanEntropy.toFixed(3)} nats`);
      return 0;
    } finally {
      model.dispose();
    }
  },
};

import { writeNpy } from "../../io/writeNpy.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";
import { parseModelInputArgs } from "../parseModelInputArgs.js";
import { parseLlamaGpu, type LlamaGpuChoice } from "../../engines/llamaCpp/parseLlamaGpu.js";

const USAGE = `usage: logitlab forward --model MODEL (--ids 1,2,3 | --text "...") [--out logits.npy]

Runs one forward pass of a model and writes the rows [T, V] (row t: the next-token distribution after
tokens 0..t) as a float32 NumPy .npy file (atomically). Prints a one-line JSON summary: shape, the ids,
the top next token, the engine and what the values are. MODEL picks the engine: a Hugging Face
checkpoint folder (config.json, model.safetensors or sharded model.safetensors.index.json,
tokenizer.json for --text) runs on tfjs and writes logits; a .gguf file runs on llama.cpp and writes
log-probabilities (llama.cpp gives probabilities: logits up to a constant per row); a dump writes its
recorded rows. Engines that give top-N lists only (openai) cannot fill [T, V]: one error.

options:
  --model MODEL        checkpoint folder (e.g. data/models/tiny-gpt2-small), .gguf file or dump
  --engine NAME        force the engine: tfjs, llama.cpp, openai or dump
  --gpu CHOICE         llama.cpp backend for a .gguf: auto, cuda, vulkan, metal or cpu (default cpu;
                       a GPU build that cannot load falls back to the CPU with one line on stderr)
  --ids LIST           comma-separated token ids
  --text TEXT          text, tokenized with the folder's tokenizer.json
  --no-special-tokens  do not add BOS/special tokens to --text
  --out FILE           output .npy file (default logits.npy)

examples:
  logitlab forward --model data/models/tiny-gpt2-small --text "And God said" --out logits.npy
  logitlab forward --model ~/models/gpt2 --ids 464,3290,318 --out /tmp/gpt2.npy
  logitlab forward --model qwen3-0.6b-f16.gguf --text "The capital of France is" --out qwen.npy`;

/** \`logitlab forward\`: logits of one prompt to a .npy file. */
export const forward: Command = {
  name: "forward",
  summary: "write a model's logits [T, V] for one prompt to a .npy file",
  usage: USAGE,
  async run(args) {
    const values = parseModelInputArgs("forward", args, {
      model: { type: "string" },
      ids: { type: "string" },
      text: { type: "string" },
      out: { type: "string", default: "logits.npy" },
      "no-special-tokens": { type: "boolean", default: false },
      engine: { type: "string" },
      gpu: { type: "string" },
    }, ["ids", "text"]);
    const gpu = parseLlamaGpu(values.gpu);
    const { engineKindOf } = await import("../../engines/engineKindOf.js");
    if (engineKindOf(values.model, values.engine) !== "tfjs") return forwardOnEngine({ ...values, gpu });
    // Loaded on use: tfjs costs every other command (`logitlab stability`) ~25 MB of memory.
    const { loadModel } = await import("../../models/load.js");
    const model = await loadModel(values.model);
    try {
      const ids = values.ids !== undefined ? parseIds(values.ids) : model.encode(values.text!, { addSpecialTokens: !values["no-special-tokens"] });
      const { logits } = model.forward(ids);
      const data = logits.dataSync() as Float32Array;
      const shape = logits.shape;
      logits.dispose();
      writeNpy(values.out!, data, shape);
      const V = shape[shape.length - 1] as number;
      const last = data.subarray(data.length - V);
      let top = 0;
      for (let v = 1; v < V; v++) if (last[v] > last[top]) top = v;
      console.log(JSON.stringify({ out: values.out, shape, ids, nextTokenArgmax: top, ...(model.tokenizer ? { nextToken: model.decode([top]) } : {}), engine: "tfjs", values: "logits" }));
      return 0;
    } finally {
      model.dispose();
    }
  },
};

/** forward on a non-tfjs engine: the teacher-forced rows of `engine.score(ids)`, stacked into [T, V]. */
async function forwardOnEngine(values: { model: string; engine?: string; gpu: LlamaGpuChoice; ids?: string; text?: string; out?: string; "no-special-tokens"?: boolean }): Promise<number> {
  const { openEngine } = await import("../../engines/openEngine.js");
  const engine = await openEngine(values.model, { engine: values.engine, gpu: values.gpu });
  try {
    const ids = values.ids !== undefined ? parseIds(values.ids) : engine.tokenizer.encode(values.text!, { addSpecialTokens: !values["no-special-tokens"] });
    const V = engine.info.vocabSize;
    const data = new Float32Array(ids.length * V);
    let t = 0;
    for await (const row of engine.score(ids)) {
      if (row.kind !== "logits") {
        throw new LogitlabError(`the ${engine.info.engine} engine gives top-N lists, not full rows; forward writes [T, V] rows only from tfjs, llama.cpp or a dump of full rows`, { context: "forward", file: values.model });
      }
      data.set(row.logits, t * V);
      t++;
    }
    writeNpy(values.out!, data, [ids.length, V]);
    const last = data.subarray(data.length - V);
    let top = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[top]) top = v;
    const what = engine.info.engine === "llama.cpp" ? "log-probabilities" : "logits";
    console.log(JSON.stringify({ out: values.out, shape: [ids.length, V], ids, nextTokenArgmax: top, ...(engine.tokenizer.hasText ? { nextToken: engine.tokenizer.decode([top]) } : {}), engine: engine.info.engine, device: engine.info.device, values: what }));
    return 0;
  } finally {
    await engine.dispose();
  }
}

function parseIds(text: string): number[] {
  const parts = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new LogitlabError("--ids is empty", { field: "--ids" });
  return parts.map((part, i) => {
    if (!/^\d+$/.test(part)) throw new LogitlabError(`"${part}" is not a token id`, { field: "--ids", position: `item ${i + 1}` });
    return Number(part);
  });
}

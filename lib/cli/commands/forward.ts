import { writeNpy } from "../../io/writeNpy.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";
import { parseModelInputArgs } from "../parseModelInputArgs.js";

const USAGE = `usage: logitlab forward --model DIR (--ids 1,2,3 | --text "...") [--out logits.npy]

Runs one forward pass of a Hugging Face checkpoint folder (config.json, model.safetensors or sharded
model.safetensors.index.json, tokenizer.json for --text) and writes the logits [T, V] as a float32
NumPy .npy file (atomically). Prints a one-line JSON summary: shape, the ids, and the top next token.

options:
  --model DIR          checkpoint folder (e.g. data/models/tiny-gpt2-small)
  --ids LIST           comma-separated token ids
  --text TEXT          text, tokenized with the folder's tokenizer.json
  --no-special-tokens  do not add BOS/special tokens to --text
  --out FILE           output .npy file (default logits.npy)

examples:
  logitlab forward --model data/models/tiny-gpt2-small --text "And God said" --out logits.npy
  logitlab forward --model ~/models/gpt2 --ids 464,3290,318 --out /tmp/gpt2.npy`;

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
    }, ["ids", "text"]);
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
      console.log(JSON.stringify({ out: values.out, shape, ids, nextTokenArgmax: top, ...(model.tokenizer ? { nextToken: model.decode([top]) } : {}) }));
      return 0;
    } finally {
      model.dispose();
    }
  },
};

function parseIds(text: string): number[] {
  const parts = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new LogitlabError("--ids is empty", { field: "--ids" });
  return parts.map((part, i) => {
    if (!/^\d+$/.test(part)) throw new LogitlabError(`"${part}" is not a token id`, { field: "--ids", position: `item ${i + 1}` });
    return Number(part);
  });
}

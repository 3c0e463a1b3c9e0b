import { parseArgs } from "node:util";
import { convertToGguf } from "../../io/gguf/convertToGguf.js";
import { LogitlabError } from "../../util/errors.js";
import type { Command } from "../command.js";

const USAGE = `usage: logitlab convert --to gguf SRC_DIR OUT.gguf [--dtype f32|f16]

Writes a GGUF file (for llama.cpp) from a Hugging Face safetensors checkpoint folder of a supported
family (GPT-2, Llama 2/3/3.1, Mistral, Qwen2, Qwen3), tokenizer metadata included, atomically.

options:
  --to gguf            the output format (only gguf)
  --dtype f32|f16      storage of the 2-D weights (default f32; norms and biases stay f32)

examples:
  logitlab convert --to gguf data/models/tiny-gpt2-small tiny-gpt2-small.gguf
  logitlab convert --to gguf ~/models/Qwen3-0.6B qwen3-0.6b-f16.gguf --dtype f16`;

/** `logitlab convert`: a Hugging Face checkpoint folder → GGUF. */
export const convert: Command = {
  name: "convert",
  summary: "convert a Hugging Face checkpoint folder to GGUF for llama.cpp",
  usage: USAGE,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { to: { type: "string" }, dtype: { type: "string", default: "f32" } } });
    } catch (error) {
      throw new LogitlabError(`${(error as Error).message}; see \`logitlab convert --help\``);
    }
    const { values, positionals } = parsed;
    if (values.to !== "gguf") {
      throw new LogitlabError(`--to ${JSON.stringify(values.to ?? null)}: the only output format is gguf (--to gguf)`, { field: "--to" });
    }
    if (positionals.length !== 2) {
      throw new LogitlabError(`needs SRC_DIR and OUT.gguf, got ${positionals.length} path(s); see \`logitlab convert --help\``);
    }
    if (values.dtype !== "f32" && values.dtype !== "f16") {
      throw new LogitlabError(`--dtype ${JSON.stringify(values.dtype)} is not f32 or f16`, { field: "--dtype" });
    }
    const [source, out] = positionals;
    const written = convertToGguf(source, out, { dtype: values.dtype });
    for (const warning of written.warnings) console.error(`convert: warning: ${warning}`);
    console.log(`wrote ${written.path}: ${written.architecture}, ${written.tensors} tensors, ${written.dtype}, ${written.bytes} bytes`);
    return 0;
  },
};

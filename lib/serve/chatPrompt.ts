/**
 * chatPrompt: the prompt text of a chat request. When the model has a chat template (the
 * `chat_template` of its tokenizer_config.json, a Jinja text) it is rendered as Hugging Face does,
 * with `messages`, `add_generation_prompt: true`, `bos_token` and `eos_token` (by @huggingface/jinja,
 * the renderer transformers.js uses). Without a template the message contents are concatenated, one
 * per line, with nothing added — the bundled tiny models are plain language models and have none, so a
 * chat request to them is a plain completion of that text.
 *
 * @example
 * [chatPrompt([{ role: "user", content: "And God said" }]),
 *  chatPrompt([{ role: "user", content: "hi" }], { template: "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}" })]
 * // => ["And God said", "<user>hi<assistant>"]
 */
import { Template } from "@huggingface/jinja";
import { LogitlabError } from "../util/errors.js";

export function chatPrompt(messages: readonly { role: string; content: string }[], options: { template?: string; bosToken?: string; eosToken?: string } = {}): string {
  if (options.template === undefined) return messages.map((m) => m.content).join("\n");
  try {
    return new Template(options.template).render({ messages: messages.map((m) => ({ ...m })), add_generation_prompt: true, bos_token: options.bosToken ?? "", eos_token: options.eosToken ?? "" });
  } catch (error) {
    throw new LogitlabError(`the model's chat template failed: ${(error as Error).message.split("\n")[0].slice(0, 200)}`, { context: "chat", field: "messages" });
  }
}

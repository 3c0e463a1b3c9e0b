/**
 * promptText: the text the correlation study gives a model for one dataset row, as the original builds it:
 *   gsm8k: the question; writingprompts: the prompt; xsum: `XSUM_INSTRUCTION` + "\n" + the document.
 * (The issue gives the xsum prompt as "summarize the following text" + document; the separator, a newline,
 * is our choice.) The original script ignored its --dataset_name and always used writingprompts prompts;
 * here each dataset gives its own.
 *
 * @example
 * promptText("xsum", { document: "In the beginning." })
 * // => "summarize the following text\nIn the beginning."
 */
import type { PromptDatasetKind } from "./types.js";

export const XSUM_INSTRUCTION = "summarize the following text";

export function promptText(kind: PromptDatasetKind, row: Readonly<Record<string, string>>): string {
  switch (kind) {
    case "gsm8k":
      return row.question;
    case "writingprompts":
      return row.prompt;
    case "xsum":
      return `${XSUM_INSTRUCTION}\n${row.document}`;
  }
}

/**
 * Types shared by the correlation study (issue #10, study A).
 */

/** The three prompt datasets of the original study, told apart by their Hugging Face columns. */
export type PromptDatasetKind = "gsm8k" | "writingprompts" | "xsum";

/** One prompt of a dataset, as the study feeds it to a model. */
export interface PromptItem {
  /** 0-based position of the row in the dataset (every non-blank row counts, rejected ones too; a folder's files in name order). */
  index: number;
  /** The dataset's own id where it has one (xsum "id"), else the row as a string. */
  id: string;
  /** The text given to the model (gsm8k: the question; writingprompts: the prompt; xsum: the instruction + the document). */
  text: string;
  /** The reference (gsm8k answer, writingprompts story, xsum summary), kept for traceability. */
  reference: string;
}

/** A dataset read from local files, with the rows it rejected. */
export interface PromptDataset {
  /** Short name: the folder's name (`gsm8k`), or the file's name without extension. */
  name: string;
  kind: PromptDatasetKind;
  /** The files read, in order. */
  files: string[];
  items: PromptItem[];
  /** One line per rejected row: file, row and field, and why. */
  rejected: string[];
}

/**
 * PUBLISHED_CORRELATION: the original study's published Pearson r / Spearman ρ (100 prompts × 100
 * tokens, p = 0.9, fp16), as issue #10 quotes them — the paper's numbers, shown beside a run, never
 * computed here. Its per-dataset columns all used writingprompts prompts (the original ignored its
 * --dataset_name). Its unimodal fits gave R² from 0.855 to 0.953 with b ≈ 1.26–1.41.
 *
 * @example
 * PUBLISHED_CORRELATION.find((row) => row.model === "Qwen3-8B").writingprompts
 * // => [-0.38, -0.41]
 */
export const PUBLISHED_CORRELATION: readonly { model: string; gsm8k: [number, number]; writingprompts: [number, number]; xsum: [number, number] }[] = [
  { model: "Llama-3.1-8B", gsm8k: [-0.617, -0.756], writingprompts: [-0.615, -0.752], xsum: [-0.625, -0.757] },
  { model: "Llama-3.1-8B-Instruct", gsm8k: [-0.57, -0.701], writingprompts: [-0.576, -0.705], xsum: [-0.571, -0.693] },
  { model: "Mistral-7B-v0.1", gsm8k: [-0.503, -0.667], writingprompts: [-0.494, -0.662], xsum: [-0.512, -0.666] },
  { model: "deepseek-llm-7b-base", gsm8k: [-0.425, -0.648], writingprompts: [-0.433, -0.672], xsum: [-0.449, -0.666] },
  { model: "Qwen3-8B", gsm8k: [-0.365, -0.392], writingprompts: [-0.38, -0.41], xsum: [-0.373, -0.429] },
];

/** The published unimodal fits' ranges (R² and b), as the issue quotes them. */
export const PUBLISHED_FIT_RANGES = { r2: [0.855, 0.953], b: [1.26, 1.41] } as const;

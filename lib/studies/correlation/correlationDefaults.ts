/**
 * CORRELATION_DEFAULTS: the correlation study's bundled defaults, in one place to switch.
 *
 * The original: 100 prompts per dataset × up to 100 new tokens, p = 0.9, on 7–8B models. The bundled
 * tiny models (data/models/tiny-llama, tiny-gpt2-small) hold 64 tokens, and the bundled prompts are
 * 18–45 tokens with special tokens (the first 8 of each; xsum rows 9, 19, … are longer; see data/README.md), so the defaults are a documented miniature that
 * keeps the method intact: `prompts` prompts per dataset (the first ones) × `maxTokens` new tokens,
 * which fits the context for every default prompt, so no default generation stops early. A generation
 * that does stop at the context limit says so (steps.csv's prompts file and the report), never silently.
 * When a longer-context bundled model lands (data/models/tiny-llama-256, context 256), switch `models`
 * and raise `prompts` / `maxTokens` here; nothing else changes.
 *
 * @example
 * [CORRELATION_DEFAULTS.topP, CORRELATION_DEFAULTS.bins, CORRELATION_DEFAULTS.datasets.length]
 * // => [0.9, 50, 3]
 */
export const CORRELATION_DEFAULTS = {
  /** Bundled model folders under data/models/ (the grid's rows). */
  models: ["tiny-llama", "tiny-gpt2-small"],
  /** Bundled prompt datasets under data/prompts/ (the grid's columns). */
  datasets: ["gsm8k", "writingprompts", "xsum"],
  /** Prompts per dataset (original: 100). */
  prompts: 8,
  /** New tokens per prompt at most (original: 100). */
  maxTokens: 20,
  /** Nucleus mass (original: 0.9). */
  topP: 0.9,
  /** Seed of prompt k's sampling stream: seed + k (the original set none). */
  seed: 0,
  /** Bootstrap resamples of the prompt-level intervals (ours). */
  bootstrap: 1000,
  /** Equal-width entropy bins of the median curve (original: 50). */
  bins: 50,
} as const;

/**
 * configNumber: one number of a checkpoint's config.json, checked against what a model can be, so that
 * a hand-edited or hostile config is one clear line instead of a heap exhausted by `n_layer: 1e9`, a
 * model that silently runs zero layers (`n_layer: 0` or `-3`) or all-NaN logits from
 * `layer_norm_epsilon: -1`.
 *
 * Rules (`CONFIG_LIMITS` holds the caps; every real checkpoint we know is far inside them):
 *   - "size": a whole number in [1, cap]. Caps: layers 1,000; hidden width, heads and head width
 *     65,536; MLP width 2^20 (1,048,576); vocabulary 2^22 (4,194,304; the largest real ones are about
 *     2^18); positions 2^24 (16,777,216).
 *   - "epsilon": a finite number in (0, 1] (norm epsilons are 1e-5 or 1e-6 in practice).
 *   - "positive": a finite number > 0 (RoPE θ, scaling factors).
 * A missing key (or `null`) takes `fallback` when one is given, else it is an error. Every failure is a
 * LogitlabError naming the file and the key (or `field`, for a key inside a nested object).
 *
 * @example
 * [configNumber({ n_layer: 2 }, "n_layer", "layers", "config.json"),
 *  (() => { try { configNumber({ n_layer: 0 }, "n_layer", "layers", "config.json"); } catch (error) { return error.message; } })()]
 * // => [2, "loadModel: config.json field \"n_layer\": 0 is not a whole number in [1, 1000]"]
 */
import { LogitlabError } from "../../util/errors.js";

/** Upper bounds of the config sizes, by kind (see the module comment). */
export const CONFIG_LIMITS = {
  layers: 1000,
  hidden: 65_536,
  heads: 65_536,
  intermediate: 1 << 20,
  vocab: 1 << 22,
  positions: 1 << 24,
} as const;

/** What a config number must be: a size of one of the capped kinds, an epsilon or a positive number. */
export type ConfigNumberKind = keyof typeof CONFIG_LIMITS | "epsilon" | "positive";

export function configNumber(raw: Record<string, unknown>, key: string, kind: ConfigNumberKind, file: string, fallback?: number, field = key): number {
  const value = raw[key] ?? fallback;
  const fail = (reason: string): never => {
    throw new LogitlabError(reason, { context: "loadModel", file, field });
  };
  if (value === undefined) return fail(`missing ${key}`);
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${JSON.stringify(value)} is not a finite number`);
  if (kind === "epsilon") {
    if (!(value > 0 && value <= 1)) fail(`${value} is not an epsilon in (0, 1]`);
  } else if (kind === "positive") {
    if (!(value > 0)) fail(`${value} is not a positive number`);
  } else {
    const cap = CONFIG_LIMITS[kind];
    if (!Number.isInteger(value) || value < 1 || value > cap) fail(`${value} is not a whole number in [1, ${cap}]`);
  }
  return value;
}

/**
 * modelLabel: the short name of a `--model` argument used in the prompting study's tables (the `model`
 * column, by which `--rerun-buggy` finds a sample's model again): an http(s) URL as given (without
 * credentials or query), otherwise the last part of the path without a `.gguf` / dump extension.
 * The study makes repeated labels unique with `_2`, `_3` … (`uniqueNames`).
 *
 * Type: (model argument) → string.
 *
 * @example
 * [modelLabel("data/models/tiny-llama/"), modelLabel("/m/qwen3-8b.Q4_K_M.gguf"), modelLabel("http://user:key@127.0.0.1:8000/v1?x=1")]
 * // => ["tiny-llama", "qwen3-8b.Q4_K_M", "http://127.0.0.1:8000/v1"]
 */
export function modelLabel(model: string): string {
  if (/^https?:\/\//i.test(model)) {
    try {
      const url = new URL(model);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return model;
    }
  }
  const last = model.replace(/[/\\]+$/, "").split(/[/\\]/).pop() || model;
  return last.replace(/\.(gguf|jsonl|npy|safetensors|parquet)$/i, "");
}

/**
 * jsonText: JSON text of a value whose fields may hold typed arrays (the canonical StepRecord's
 * `topIds: Int32Array`, `topProbs: Float64Array`, `logits: Float32Array`), written as plain JSON
 * arrays. `JSON.stringify` alone writes a typed array as an object keyed "0", "1", …; this replacer
 * turns every ArrayBuffer view except a DataView into an array of its numbers (each number as
 * JavaScript prints it, so a float32 value keeps its exact float64 expansion; non-finite → null, as
 * JSON.stringify does). Ends with a newline.
 *
 * @example
 * jsonText({ topIds: Int32Array.of(3, 1), topProbs: Float64Array.of(0.5, 0.25) }, 0)
 * // => "{\"topIds\":[3,1],\"topProbs\":[0.5,0.25]}\n"
 */
export function jsonText(value: unknown, indent = 1): string {
  return JSON.stringify(value, (_key, item: unknown) => (ArrayBuffer.isView(item) && !(item instanceof DataView) ? Array.from(item as unknown as ArrayLike<number>) : item), indent) + "\n";
}

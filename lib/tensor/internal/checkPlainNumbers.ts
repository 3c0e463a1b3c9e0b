/**
 * Internal: checks a plain (non-tensor) numeric argument before tf.tensor converts it to float32, where
 * bad input would otherwise become a silent NaN or Infinity: tf.tensor([["a", "b"]]) gives [NaN, NaN],
 * [[1e300, 0]] gives [Infinity, 0], [[true, null]] gives [1, 0]. Every leaf must be a number (a nested
 * array or typed array of numbers) and a finite one must fit float32 (|x| ≤ 3.4028234663852886e38 after
 * rounding); NaN and ±Infinity pass, as they would in a tensor, and each function documents what they
 * give. Throws LogitlabError naming the op, the argument and the position (`item [0, 1]`).
 */
import { LogitlabError } from "../../util/errors.js";

/** Deepest nesting accepted (a tensor of rank 64 is already far beyond any use here). */
const MAX_DEPTH = 64;

export function checkPlainNumbers(input: unknown, op: string, field: string): void {
  const fail = (reason: string, path: number[]): never => {
    throw new LogitlabError(reason, { context: op, field, position: path.length > 0 ? `item [${path.join(", ")}]` : undefined });
  };
  const visit = (value: unknown, path: number[]): void => {
    if (typeof value === "number") {
      if (Number.isFinite(value) && !Number.isFinite(Math.fround(value))) {
        fail(`${value} does not fit float32 (largest magnitude 3.4028234663852886e38); scale the values or pass a float32 tensor`, path);
      }
      return;
    }
    if (path.length >= MAX_DEPTH) fail(`is nested more than ${MAX_DEPTH} levels deep`, path);
    if (value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array || value instanceof Int16Array ||
      value instanceof Uint16Array || value instanceof Int8Array || value instanceof Uint8ClampedArray) {
      return; // every value of these fits float32
    }
    if (Array.isArray(value) || value instanceof Float64Array) {
      const list = value as ArrayLike<unknown>;
      for (let i = 0; i < list.length; i++) {
        path.push(i);
        visit(list[i], path);
        path.pop();
      }
      return;
    }
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? `a ${value.constructor?.name ?? "object"}` : `a ${typeof value}`;
    const shown = typeof value === "string" ? `${JSON.stringify(value.length > 20 ? value.slice(0, 17) + "..." : value)} is ${kind}` : `${kind} value`;
    fail(`${shown}, not a number`, path);
  };
  visit(input, []);
}

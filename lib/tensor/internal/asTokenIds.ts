/**
 * Internal: validates token ids against logits of shape [...lead, V]: ids must have shape `lead`
 * (a single number for one step [V]) and hold integers in [0, V). Returns them flat, row-major.
 * A tensor argument is downloaded (it holds one id per step).
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";

export function asTokenIds(ids: tf.Tensor | tf.TensorLike, lead: number[], vocab: number, op: string): Int32Array {
  let shape: number[];
  let values: ArrayLike<number>;
  if (ids instanceof tf.Tensor) {
    shape = ids.shape;
    values = ids.dataSync() as ArrayLike<number>;
  } else if (typeof ids === "number") {
    shape = [];
    values = [ids];
  } else {
    try {
      values = tf.util.flatten(ids as number[]) as number[];
      shape = nestedShape(ids);
      if (shape.reduce((a, b) => a * b, 1) !== values.length) throw new Error("the nested arrays are ragged");
    } catch (error) {
      throw new LogitlabError(`ids is not a numeric array: ${(error as Error).message}`, { context: op, field: "ids" });
    }
  }
  const same = shape.length === lead.length && shape.every((d, i) => d === lead[i]);
  if (!same) {
    throw new LogitlabError(
      `ids has shape [${shape.join(", ")}] but the logits need one id per step, shape [${lead.join(", ")}]`,
      { context: op, field: "ids" },
    );
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const id = values[i];
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= vocab) {
      throw new LogitlabError(`ids[${i}] = ${id} is not a token id in [0, ${vocab})`, {
        context: op,
        field: "ids",
        position: `step ${unravel(i, lead)}`,
      });
    }
    out[i] = id;
  }
  return out;
}

/** Row-major flat index → "3" for one axis, "[1, 3]" for several. */
function unravel(flat: number, shape: number[]): string {
  if (shape.length <= 1) return String(flat);
  const index: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(flat % shape[axis]);
    flat = Math.floor(flat / shape[axis]);
  }
  return `[${index.join(", ")}]`;
}

/** Shape of a nested array, read along the first elements. */
function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  while (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = value as ArrayLike<unknown>;
    shape.push(list.length);
    value = list[0];
  }
  return shape;
}

/**
 * Internal: turns a logits argument (tf.Tensor or nested number array) into a float32 tensor of
 * shape [..., V] with V ≥ 1, or throws LogitlabError naming the op. A plain array must hold numbers that
 * fit float32 (checkPlainNumbers: no silent NaN from a string, no Infinity from 1e300). Always returns a new tensor
 * handle (never the caller's object), so callers may dispose what it returns. Call inside tf.tidy.
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import { checkPlainNumbers } from "./checkPlainNumbers.js";

export function asLogits(input: tf.Tensor | tf.TensorLike, op: string, field = "logits"): tf.Tensor {
  let x: tf.Tensor;
  if (input instanceof tf.Tensor) {
    x = input;
  } else {
    checkPlainNumbers(input, op, field);
    try {
      x = tf.tensor(input as tf.TensorLike, undefined, "float32");
    } catch (error) {
      throw new LogitlabError(`${field} is not a numeric array: ${(error as Error).message}`, { context: op, field });
    }
  }
  if (x.rank === 0) throw new LogitlabError(`needs ${field} of shape [..., V], got a scalar`, { context: op, field });
  if (x.dtype !== "float32" && x.dtype !== "int32" && x.dtype !== "bool") {
    throw new LogitlabError(`needs numeric ${field}, got dtype ${x.dtype}`, { context: op, field });
  }
  const vocab = x.shape[x.rank - 1];
  if (vocab < 1) throw new LogitlabError(`needs a vocabulary of at least 1, got ${field} of shape [${x.shape.join(", ")}]`, { context: op, field });
  return x.dtype === "float32" ? tf.reshape(x, x.shape) : tf.cast(x, "float32");
}

import { tf } from "../../backend/backend.js";
import { asLogits } from "./asLogits.js";
import { asTokenIds } from "./asTokenIds.js";

/**
 * pickTargets: validate `logits [..., V]` and `ids [...]` and pick each step's logit at its id, by one
 * flat gather at the row-major positions i·V + id_i (no [..., V] one-hot or log-softmax is built).
 * Returns the logits tensor, the leading shape and the picked logits shaped like `lead`.
 * Call inside tf.tidy.
 */
export function pickTargets(
  logits: tf.Tensor | tf.TensorLike,
  ids: tf.Tensor | tf.TensorLike,
  op: string,
): { x: tf.Tensor; lead: number[]; picked: tf.Tensor } {
  const x = asLogits(logits, op);
  const lead = x.shape.slice(0, -1);
  const vocab = x.shape[x.rank - 1];
  const flatIds = asTokenIds(ids, lead, vocab, op);
  const at = new Int32Array(flatIds.length);
  for (let i = 0; i < flatIds.length; i++) at[i] = i * vocab + flatIds[i]; // row-major position in x
  const picked = tf.reshape(tf.gather(tf.reshape(x, [-1]), tf.tensor1d(at, "int32")), lead);
  return { x, lead, picked };
}

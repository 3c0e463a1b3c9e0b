/**
 * Internal: the body of `nucleus` and `nucleusAsync` as reads (./readBack.ts), so that one code path
 * serves the synchronous op (dataSync) and the asynchronous one (await data(), the webgpu backend).
 * See lib/tensor/nucleus.ts for what it computes.
 */
import { tf } from "../../backend/backend.js";
import { LogitlabError } from "../../util/errors.js";
import type { EntropyOptions } from "../entropy.js";
import type { NucleusResult } from "../nucleus.js";
import { asLogits } from "./asLogits.js";
import { nucleusPrefixReads, type NucleusPrefix } from "./nucleusPrefix.js";
import type { Reads } from "./readBack.js";

export function* nucleusReads(logits: tf.Tensor | tf.TensorLike, p: number, options: EntropyOptions = {}): Reads<NucleusResult> {
  const unit = options.unit ?? "nats";
  if (unit !== "nats" && unit !== "bits") {
    throw new LogitlabError(`unit "${String(unit)}" is not "nats" or "bits"`, { context: "nucleus", field: "unit" });
  }
  const x = tf.tidy(() => {
    const t = asLogits(logits, "nucleus");
    if (t.rank > 2) {
      throw new LogitlabError(`takes logits [T, V] or [V], got [${t.shape.join(", ")}]; flatten a batch with reshape([-1, V])`, {
        context: "nucleus",
        field: "logits",
      });
    }
    return tf.reshape(t, [-1, t.shape[t.rank - 1]]) as tf.Tensor2D;
  });
  let prefix: NucleusPrefix;
  try {
    prefix = yield* nucleusPrefixReads(x, p, "nucleus");
  } finally {
    x.dispose();
  }
  const result: NucleusResult = { sizes: Array.from(prefix.sizes), ids: [], probs: [], renormalized: [], entropy: [] };
  const scale = unit === "bits" ? 1 / Math.LN2 : 1;
  for (let t = 0; t < prefix.sizes.length; t++) {
    const start = prefix.offsets[t];
    const size = prefix.sizes[t];
    const max = prefix.logits[start];
    const weights = new Float64Array(size);
    let sum = 0; // ≥ 1
    for (let i = 0; i < size; i++) {
      weights[i] = Math.exp(prefix.logits[start + i] - max); // z = x − max ≤ 0, z_0 = 0
      sum += weights[i];
    }
    const renormalized = new Array<number>(size);
    let cross = 0;
    for (let i = 0; i < size; i++) {
      const q = weights[i] / sum;
      renormalized[i] = q;
      if (q > 0) cross += q * (prefix.logits[start + i] - max);
    }
    result.ids.push(Array.from(prefix.ids.subarray(start, start + size)));
    result.probs.push(Array.from(prefix.probs.subarray(start, start + size)));
    result.renormalized.push(renormalized);
    result.entropy.push((Math.log(sum) - cross) * scale);
  }
  return result;
}

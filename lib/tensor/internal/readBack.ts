/**
 * Internal: one computation that reads tensors back to the host, written once as a generator that
 * yields each tensor to read and receives its values, then driven either synchronously
 * (`readSync`, with dataSync: the wasm, cpu and tensorflow backends) or asynchronously (`readAsync`,
 * with `await data()`: every backend, and the only read that works on webgpu in Node, where
 * dataSync needs an OffscreenCanvas that Node lacks). The generator owns the tensors it yields (it
 * disposes them after the read); an error in a read is thrown into the generator, so its `finally`
 * blocks still free what it holds.
 */
import type { tf } from "../../backend/backend.js";

/** Values of a read tensor (float32 or int32 data). */
export type ReadValues = Float32Array | Int32Array | Uint8Array;

/** A computation that yields tensors to read and returns T. */
export type Reads<T> = Generator<tf.Tensor, T, ReadValues>;

/** Runs `reads`, reading each yielded tensor with dataSync. */
export function readSync<T>(reads: Reads<T>): T {
  let step = reads.next();
  while (!step.done) {
    let values: ReadValues;
    try {
      values = step.value.dataSync() as ReadValues;
    } catch (error) {
      step = reads.throw(error);
      continue;
    }
    step = reads.next(values);
  }
  return step.value;
}

/** Runs `reads`, reading each yielded tensor with `await data()`. */
export async function readAsync<T>(reads: Reads<T>): Promise<T> {
  let step = reads.next();
  while (!step.done) {
    let values: ReadValues;
    try {
      values = (await step.value.data()) as ReadValues;
    } catch (error) {
      step = reads.throw(error);
      continue;
    }
    step = reads.next(values);
  }
  return step.value;
}

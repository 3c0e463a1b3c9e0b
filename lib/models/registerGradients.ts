/**
 * registerGradients: register the backward functions of the tfjs kernels the model forward passes
 * use, so that `tf.grad` works through them (needed by `saliency`).
 *
 * Why: the Node (CommonJS) build of tfjs-core does not register kernel gradients — in the browser the
 * `@tensorflow/tfjs` bundle imports `register_all_gradients`, whose ES module files Node cannot load
 * (extensionless imports). So the gradients of the ~30 kernels a transformer forward pass runs are
 * written here from their definitions (the same rules as tfjs-core's `src/gradients/*_grad.ts`).
 * A kernel that already has a gradient (e.g. when a full tfjs bundle is loaded) is left alone.
 * Broadcasting binary ops sum the incoming gradient over the broadcast axes.
 *
 * @example
 * registerGradients();
 * tf.grad((x) => tf.sum(tf.mul(tf.tanh(x), 2)))(tf.tensor1d([0])).arraySync() // => [2]
 */
import { tf } from "../backend/backend.js";

type Grad = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: Record<string, unknown>) => Record<string, () => tf.Tensor> | (() => tf.Tensor)[];
interface Config {
  kernelName: string;
  inputsToSave?: string[];
  outputsToSave?: boolean[];
  saveAllInputs?: boolean;
  gradFunc: Grad;
}

/** Sum a broadcast gradient back to an input's shape. */
function reduceTo(grad: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, grad.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(grad, axes) : grad, shape);
}

/** The shape of a reduction's result with the reduced axes kept (no-op when they already are). */
const keptShape = (dy: tf.Tensor, x: tf.Tensor, axes: number[]): number[] =>
  dy.rank === x.rank ? dy.shape : tf.backend_util.expandShapeToKeepDim(dy.shape, axes);

const one = (dy: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(dy) ? dy[0] : dy);
const list = (dy: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(dy) ? dy : [dy]);
const axisOf = (attrs: Record<string, unknown>, key: string, rank: number): number => {
  const axis = Number(attrs[key] ?? 0);
  return axis < 0 ? axis + rank : axis;
};

const configs: Config[] = [
  { kernelName: "Add", inputsToSave: ["a", "b"], gradFunc: (dy, [a, b]) => ({ a: () => reduceTo(one(dy), a.shape), b: () => reduceTo(one(dy), b.shape) }) },
  { kernelName: "Sub", inputsToSave: ["a", "b"], gradFunc: (dy, [a, b]) => ({ a: () => reduceTo(one(dy), a.shape), b: () => reduceTo(tf.neg(one(dy)), b.shape) }) },
  {
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b]) => ({
      a: () => reduceTo(tf.mul(one(dy), tf.cast(b, "float32")), a.shape),
      b: () => reduceTo(tf.mul(one(dy), tf.cast(a, "float32")), b.shape),
    }),
  },
  {
    kernelName: "RealDiv",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b]) => ({
      a: () => reduceTo(tf.div(one(dy), b), a.shape),
      b: () => reduceTo(tf.neg(tf.div(tf.mul(one(dy), a), tf.square(b))), b.shape),
    }),
  },
  {
    kernelName: "Pow",
    inputsToSave: ["a", "b"],
    outputsToSave: [true],
    gradFunc: (dy, [a, b, y]) => ({
      a: () => reduceTo(tf.mul(one(dy), tf.mul(b, tf.pow(a, tf.sub(b, 1)))), a.shape),
      b: () => reduceTo(tf.mul(one(dy), tf.mul(y, tf.where(tf.greater(a, 0), tf.log(a), tf.zerosLike(a)))), b.shape),
    }),
  },
  {
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b], attrs) => {
      // dA = dY·Bᵀ, dB = Aᵀ·dY (and the transposed variants). Transposes are explicit so every product
      // is a plain matMul — the fast path of the wasm backend.
      const g = one(dy);
      const tA = attrs.transposeA === true;
      const tB = attrs.transposeB === true;
      const T = (x: tf.Tensor): tf.Tensor => (x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [...Array.from({ length: x.rank - 2 }, (_, i) => i), x.rank - 1, x.rank - 2]));
      const mm = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D);
      const fit = (x: tf.Tensor, shape: number[]): tf.Tensor =>
        x.shape.length === shape.length ? x : tf.reshape(tf.sum(x, Array.from({ length: x.rank - shape.length }, (_, i) => i)), shape);
      if (!tA && !tB) return { a: () => fit(mm(g, T(b)), a.shape), b: () => fit(mm(T(a), g), b.shape) };
      if (!tA && tB) return { a: () => fit(mm(g, b), a.shape), b: () => fit(mm(T(g), a), b.shape) };
      if (tA && !tB) return { a: () => fit(mm(b, T(g)), a.shape), b: () => fit(mm(a, g), b.shape) };
      return { a: () => fit(mm(T(b), T(g)), a.shape), b: () => fit(mm(T(g), T(a)), b.shape) };
    },
  },
  {
    kernelName: "GatherV2",
    inputsToSave: ["x", "indices"],
    gradFunc: (dy, [x, indices], attrs) => {
      // Rows (axis 0) or columns (axis 1) of a matrix picked by 1-D indices: scatter-add dy back
      // (ScatterNd sums duplicate indices; the wasm backend has no UnsortedSegmentSum).
      const axis = axisOf(attrs, "axis", x.rank);
      const where = tf.reshape(tf.cast(indices, "int32"), [-1, 1]);
      return {
        x: () => (axis === 0 ? tf.scatterND(where, one(dy), x.shape) : tf.transpose(tf.scatterND(where, tf.transpose(one(dy)), [x.shape[1] as number, x.shape[0] as number]))),
        indices: () => tf.zeros(indices.shape, "float32"),
      };
    },
  },
  { kernelName: "Cast", gradFunc: (dy) => ({ x: () => tf.clone(one(dy)) }) },
  { kernelName: "Identity", gradFunc: (dy) => ({ x: () => tf.cast(one(dy), "float32") }) },
  { kernelName: "Neg", gradFunc: (dy) => ({ x: () => tf.neg(one(dy)) }) },
  { kernelName: "Exp", outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => tf.mul(one(dy), y) }) },
  { kernelName: "Log", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.div(one(dy), tf.cast(x, "float32")) }) },
  { kernelName: "Square", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.mul(one(dy), tf.mul(tf.cast(x, "float32"), 2)) }) },
  { kernelName: "Sqrt", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.div(one(dy), tf.mul(tf.sqrt(tf.cast(x, "float32")), 2)) }) },
  { kernelName: "Rsqrt", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.neg(tf.div(one(dy), tf.mul(tf.pow(x, 1.5), 2))) }) },
  { kernelName: "Tanh", outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => tf.mul(one(dy), tf.sub(1, tf.square(y))) }) },
  { kernelName: "Sigmoid", outputsToSave: [true], gradFunc: (dy, [y]) => ({ x: () => tf.mul(one(dy), tf.mul(y, tf.sub(1, y))) }) },
  { kernelName: "Relu", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.mul(one(dy), tf.step(tf.cast(x, "float32"))) }) },
  {
    kernelName: "Erf",
    inputsToSave: ["x"],
    gradFunc: (dy, [x]) => ({ x: () => tf.mul(one(dy), tf.mul(tf.exp(tf.neg(tf.square(x))), 2 / Math.sqrt(Math.PI))) }),
  },
  {
    kernelName: "Sum",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
      return { x: () => tf.mul(tf.reshape(one(dy), keptShape(one(dy), x, axes)), tf.ones(x.shape, "float32")) };
    },
  },
  {
    kernelName: "Mean",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
      const kept = keptShape(one(dy), x, axes);
      const count = axes.reduce((n, axis) => n * x.shape[axis], 1);
      return { x: () => tf.div(tf.mul(tf.reshape(one(dy), kept), tf.ones(x.shape, "float32")), count) };
    },
  },
  {
    kernelName: "Max",
    inputsToSave: ["x"],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => {
      const axes = tf.util.parseAxisParam(attrs.reductionIndices as number | number[], x.shape);
      return { x: () => tf.mul(tf.reshape(one(dy), keptShape(one(dy), x, axes)), tf.cast(tf.equal(x, tf.reshape(y, keptShape(y, x, axes))), "float32")) };
    },
  },
  {
    kernelName: "Softmax",
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => {
      const dim = attrs.dim as number;
      return { logits: () => tf.mul(tf.sub(one(dy), tf.sum(tf.mul(one(dy), y), [dim], true)), y) };
    },
  },
  { kernelName: "Reshape", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(one(dy), x.shape) }) },
  { kernelName: "ExpandDims", inputsToSave: ["input"], gradFunc: (dy, [input]) => ({ input: () => tf.reshape(one(dy), input.shape) }) },
  { kernelName: "Squeeze", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(one(dy), x.shape) }) },
  {
    kernelName: "Transpose",
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => (inverse[p] = i));
      return { x: () => tf.transpose(one(dy), inverse) };
    },
  },
  {
    kernelName: "Slice",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[], attrs.size as number[]);
      const paddings = x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]);
      return { x: () => tf.pad(one(dy), paddings) };
    },
  },
  {
    kernelName: "SplitV",
    gradFunc: (dy, _saved, attrs) => ({ x: () => tf.concat(list(dy), Number(attrs.axis)) }),
  },
  {
    kernelName: "Concat",
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = axisOf(attrs, "axis", saved[0].rank);
      const parts = tf.split(one(dy), saved.map((t) => t.shape[axis]), axis);
      return parts.map((part) => () => part);
    },
  },
  {
    kernelName: "Pack",
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = axisOf(attrs, "axis", saved[0].rank + 1);
      return tf.unstack(one(dy), axis).map((part) => () => part);
    },
  },
  {
    kernelName: "Unpack",
    gradFunc: (dy, _saved, attrs) => ({ value: () => tf.stack(list(dy), Number(attrs.axis)) }),
  },
];

let registered = false;

export function registerGradients(): void {
  if (registered) return;
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config as unknown as tf.GradConfig);
  }
  registered = true;
}

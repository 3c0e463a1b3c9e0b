// webgpu (tfjs through Dawn) against wasm and against the float64 references, on a machine with a GPU.
// Not in the default test list (scripts/run-tests.mjs runs test/gpu/ only with LOGITLAB_GPU_TESTS=1
// or when named): where it runs, a missing adapter FAILS here, never a skip, since the caller asked
// for the GPU. scripts/gpu-check.sh runs it on the GPU machine.
//
// Every tensor op on the same inputs on both backends, within float32 tolerance of each other and of
// test/fixtures/tensor/gen.py's float64 values; every architecture's forward pass against
// test/fixtures/models/gen.py's float64 logits on both backends; dataSync of a GPU tensor is one
// LogitlabError; a script on webgpu exits by itself.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tf } from "../../lib/backend/backend.js";
import { startWebGpu, webGpuAdapter } from "../../lib/backend/webgpu.js";
import { loadModel } from "../../lib/models/load.js";
import { entropy } from "../../lib/tensor/entropy.js";
import { logSoftmax } from "../../lib/tensor/logSoftmax.js";
import { meanPairwiseCosine } from "../../lib/tensor/meanPairwiseCosine.js";
import { nucleusAsync } from "../../lib/tensor/nucleusAsync.js";
import { nucleusCosineAsync } from "../../lib/tensor/nucleusCosineAsync.js";
import { perplexity } from "../../lib/tensor/perplexity.js";
import { softmax } from "../../lib/tensor/softmax.js";
import { tokenLogProbs } from "../../lib/tensor/tokenLogProbs.js";
import { tokenRanks } from "../../lib/tensor/tokenRanks.js";
import { topK } from "../../lib/tensor/topK.js";
import { LogitlabError } from "../../lib/util/errors.js";
import { FLOAT32, MODEL_LOGITS_RELATIVE, assertAllClose, assertScaledClose } from "../tolerances.js";
import { reference } from "../tensor/support.js";

const root = join(import.meta.dirname, "..", "..");

before(async () => {
  const reason = await startWebGpu();
  assert.equal(reason, undefined, `webgpu did not start: ${reason}`);
  const adapter = webGpuAdapter();
  console.log(`# webgpu adapter: ${JSON.stringify(adapter)}`);
  assert.ok(await tf.setBackend("wasm"), "wasm starts beside webgpu");
});

/** Runs `f` with tfjs on `backend`; `f` creates its own tensors there and returns plain values. */
async function on<T>(backend: string, f: () => Promise<T>): Promise<T> {
  assert.ok(await tf.setBackend(backend), `backend ${backend}`);
  const before = tf.memory().numTensors;
  const out = await f();
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors leaked`);
  return out;
}

/** Reads a tensor (or a list) asynchronously and disposes it. */
async function read(t: tf.Tensor | tf.Tensor[]): Promise<unknown> {
  const list = Array.isArray(t) ? t : [t];
  const values = await Promise.all(list.map((x) => x.array()));
  tf.dispose(list);
  return Array.isArray(t) ? values : values[0];
}

/** Every tensor op of lib/tensor on one logits case, as plain values. */
async function allOps(c: (typeof reference.logits)[number]): Promise<Record<string, unknown>> {
  const x = tf.tensor(c.logits as number[][]);
  const ids = tf.tensor(c.ids as number[], undefined, "int32");
  try {
    const top = topK(x, c.topK.k);
    const out: Record<string, unknown> = {
      logSoftmax: await read(logSoftmax(x)),
      softmax: await read(softmax(x)),
      entropyNats: await read(entropy(x)),
      entropyBits: await read(entropy(x, { unit: "bits" })),
      topKProbs: await read(top.probs),
      topKLogProbs: await read(top.logProbs),
      topKIds: await read(top.ids),
      tokenLogProbs: await read(tokenLogProbs(x, c.ids as number[])),
      tokenRanks: await read(tokenRanks(x, c.ids as number[])),
      perplexity: await read(perplexity(x, c.ids as number[])),
    };
    for (const ref of c.nucleus ?? []) out[`nucleus ${ref.p}`] = await nucleusAsync(x, ref.p);
    for (const ref of c.nucleusCosine ?? []) {
      const e = tf.tensor2d(c.embeddings as number[][]);
      out[`nucleusCosine ${ref.p}`] = await nucleusCosineAsync(x, e, ref.p);
      e.dispose();
    }
    return out;
  } finally {
    tf.dispose([x, ids]);
  }
}

test("every tensor op gives the same results on webgpu as on wasm, and both match the float64 reference", async () => {
  for (const c of reference.logits) {
    const wasm = await on("wasm", () => allOps(c));
    const gpu = await on("webgpu", () => allOps(c));
    for (const [key, value] of Object.entries(wasm)) {
      if (key === "topKIds" || key === "tokenRanks" || key.startsWith("nucleus ")) {
        // discrete results: equal, except where the float64 reference itself has exact ties
        if (key.startsWith("nucleus ")) assert.deepEqual((gpu[key] as { sizes: number[] }).sizes, (value as { sizes: number[] }).sizes, `${c.name} ${key} sizes`);
        else assert.deepEqual(gpu[key], value, `${c.name} ${key}`);
      } else {
        assertAllClose(gpu[key], value, FLOAT32, `${c.name} ${key} webgpu vs wasm`);
      }
    }
    assertAllClose(gpu.logSoftmax, c.logSoftmax, FLOAT32, `${c.name} logSoftmax vs float64`);
    assertAllClose(gpu.entropyNats, c.entropyNats, FLOAT32, `${c.name} entropy vs float64`);
    assertAllClose(gpu.tokenLogProbs, c.tokenLogProbs, FLOAT32, `${c.name} tokenLogProbs vs float64`);
    assertAllClose(gpu.perplexity, c.perplexity, FLOAT32, `${c.name} perplexity vs float64`);
    for (const ref of c.nucleus ?? []) {
      const got = gpu[`nucleus ${ref.p}`] as { sizes: number[]; ids: number[][]; entropy: number[] };
      assert.deepEqual(got.ids, ref.ids, `${c.name} nucleus ${ref.p} ids vs float64`);
      assertAllClose(got.entropy, ref.entropy, FLOAT32, `${c.name} nucleus ${ref.p} entropy vs float64`);
    }
    for (const ref of c.nucleusCosine ?? []) {
      assertAllClose((gpu[`nucleusCosine ${ref.p}`] as { meanCosine: number[] }).meanCosine, ref.meanCosine, FLOAT32, `${c.name} nucleusCosine vs float64`);
    }
  }
  for (const c of reference.meanPairwiseCosine) {
    const run = async () => read(meanPairwiseCosine(c.vectors));
    assertAllClose(await on("webgpu", run), c.mean, { rtol: 0, atol: 1e-6 * Math.sqrt(c.vectors[0].length) }, `${c.name} meanPairwiseCosine vs float64`);
  }
});

test("entropy, nucleus and nucleus cosine agree on webgpu and wasm at [64, 50,257] (random peaked logits)", async () => {
  const run = async () => {
    const x = tf.add(tf.randomNormal([64, 50257], 0, 1, "float32", 21), tf.mul(16, tf.cast(tf.greater(tf.randomUniform([64, 50257], 0, 1, "float32", 22), 0.9995), "float32")));
    const e = tf.randomNormal([50257, 256], 0, 1, "float32", 23);
    const h = await read(entropy(x));
    const n = await nucleusAsync(x, 0.9);
    const cos = await nucleusCosineAsync(x, e, 0.9);
    tf.dispose([x, e]);
    return { h, sizes: n.sizes, cos: cos.meanCosine };
  };
  const wasm = await on("wasm", run);
  const gpu = await on("webgpu", run);
  assertAllClose(gpu.h, wasm.h, FLOAT32, "entropy");
  assert.deepEqual(gpu.sizes, wasm.sizes, "nucleus sizes");
  assertAllClose(gpu.cos, wasm.cos, { rtol: 0, atol: 1e-6 * Math.sqrt(256) }, "nucleus cosine");
});

const models = JSON.parse(readFileSync(join(root, "test", "fixtures", "models", "reference.json"), "utf8")) as {
  prompts: number[][];
  cases: Record<string, { dir: string; logits: number[][][] }>;
};

test("the forward pass of every architecture gives the float64 reference logits on webgpu, as on wasm", async () => {
  for (const [name, expected] of Object.entries(models.cases)) {
    const run = async () => {
      const model = await loadModel(join(root, "test", "fixtures", "models", expected.dir));
      const out: unknown[] = [];
      for (const prompt of models.prompts.slice(0, 2)) {
        const { logits } = model.forward(prompt);
        out.push(await read(logits));
      }
      model.dispose();
      return out;
    };
    const wasm = await on("wasm", run);
    const gpu = await on("webgpu", run);
    gpu.forEach((logits, k) => {
      assertScaledClose(logits, expected.logits[k], MODEL_LOGITS_RELATIVE, `${name} prompt ${k} webgpu vs float64`);
      assertScaledClose(logits, wasm[k], MODEL_LOGITS_RELATIVE, `${name} prompt ${k} webgpu vs wasm`);
    });
  }
});

test("dataSync() of a tensor on the GPU is one LogitlabError that says what to use instead", async () => {
  await tf.setBackend("webgpu");
  const t = tf.exp(tf.tensor1d([0, 1]));
  assert.throws(() => t.dataSync(), (e: unknown) => e instanceof LogitlabError && /await tensor\.data\(\)/.test(e.message));
  assertAllClose(Array.from(await t.data()), [1, Math.E], FLOAT32, "exp on webgpu, read with await data()");
  t.dispose();
  await tf.setBackend("wasm");
});

test("a script that uses webgpu exits by itself (Dawn's GPU object is released at exit)", () => {
  const script = `import { ready, tf } from ${JSON.stringify(join(root, "lib", "backend", "backend.ts"))};
    const info = await ready(); const x = tf.exp(tf.ones([4])); console.log(info.name, (await x.data())[0]);`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root, encoding: "utf8", timeout: 60_000, env: { ...process.env, LOGITLAB_BACKEND: "webgpu" },
  });
  assert.notEqual(run.signal, "SIGTERM", "the process did not exit within 60 s");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^webgpu 2\.718/m);
});

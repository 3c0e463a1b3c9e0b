// `--gpu` and `--embeddings` on the model-running commands:
// 1. every model-running command and study documents --gpu in --help (and --embeddings where embedding
//    rows are used: correlation, prompting);
// 2. a bad --gpu value is a usage error: exit status 2 and one line naming the flag and the choices;
// 3. `--gpu cpu` runs a converted tiny GGUF end to end and the engine info says "llama.cpp cpu";
// 4. `--gpu cuda` on a machine without a usable CUDA build falls back to the CPU build with exactly one
//    stderr line, and the device records the fallback (on a machine whose CUDA build loads, the device
//    says cuda and there is no fallback line);
// 5. `--embeddings DIR` reaches the engine: correlation on a GGUF with --embeddings pointing to a folder
//    whose embedding rows are all equal gives cosine 1 at every step (without it, the GGUF's own rows
//    give cosines below 1), and the provenance records both settings.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertToGguf } from "../../lib/io/gguf/convertToGguf.js";
import { writeSafetensors } from "../../lib/models/writeSafetensors.js";
import { cli } from "./support.js";

const root = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "logitlab-cli-gpu-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const gguf = join(scratch, "tiny-llama.gguf");
convertToGguf(join(root, "data", "models", "tiny-llama"), gguf);
const CHOICES = "use one of auto, cuda, vulkan, metal, cpu";

test("--help of every model-running command and study documents --gpu (and --embeddings where embedding rows are read)", async () => {
  for (const command of ["forward", "generate", "serve", "predictions", "correlation", "prompting", "reasoning-words"]) {
    const { code, out, err } = await cli([command, "--help"]);
    const text = out + err;
    assert.equal(code, 0, command);
    assert.match(text, /--gpu/, `${command} --help`);
    assert.match(text, /auto.*cuda.*vulkan.*metal.*cpu/s, `${command} --help lists the choices`);
    assert.equal(/--embeddings/.test(text), command === "correlation" || command === "prompting", `${command}: --embeddings only where embedding rows are read`);
  }
});

test("a bad --gpu value is a usage error: exit 2, one line naming the flag and the choices", async () => {
  const cases: [string[], string][] = [
    [["forward", "--model", gguf, "--ids", "1,2", "--gpu", "opencl"], `logitlab forward: field "--gpu": unknown GPU choice "opencl"; ${CHOICES}`],
    [["generate", "--model", gguf, "--ids", "1,2", "--gpu", "CUDA"], `logitlab generate: field "--gpu": unknown GPU choice "CUDA"; ${CHOICES}`],
    [["serve", "--model", gguf, "--gpu", "rocm"], `logitlab serve: field "--gpu": unknown GPU choice "rocm"; ${CHOICES}`],
    [["correlation", "--model", gguf, "--gpu", "tpu", "--ignore-env"], `logitlab correlation: field "LLAMA_GPU": unknown GPU choice "tpu"; ${CHOICES}`],
    [["predictions", "--model", gguf, "--gpu", "Cpu", "--ignore-env"], `logitlab predictions: field "LLAMA_GPU": unknown GPU choice "Cpu"; ${CHOICES}`],
    [["prompting", "--model", gguf, "--gpu", "gpu", "--ignore-env"], `logitlab prompting: field "PROMPTING_LLAMA_GPU": unknown GPU choice "gpu"; ${CHOICES}`],
    [["reasoning-words", "--model", gguf, "--gpu", "opencl", "--ignore-env"], `logitlab reasoning-words: field "LLAMA_GPU": unknown GPU choice "opencl"; ${CHOICES}`],
  ];
  for (const [args, line] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.err}`);
    assert.equal(run.err, line);
    assert.equal(run.out, "");
  }
});

test("logitlab forward --gpu cpu runs a converted GGUF on llama.cpp's CPU build and says so", async () => {
  const out = join(scratch, "cpu.npy");
  const run = await cli(["forward", "--model", gguf, "--text", "And God said", "--gpu", "cpu", "--out", out]);
  assert.equal(run.code, 0, run.err);
  const summary = JSON.parse(run.out);
  assert.equal(summary.engine, "llama.cpp");
  assert.equal(summary.device, "llama.cpp cpu");
  assert.equal(summary.shape[1], 1024);
});

test("logitlab generate --gpu cuda without a usable CUDA build falls back to the CPU build with one stderr line", () => {
  const json = join(scratch, "cuda.json");
  // A child process: the fallback line goes to process.stderr, and node-llama-cpp's binary probing
  // must not share state with the other tests' CPU binding.
  const script = join(scratch, "run.mts");
  writeFileSync(script, `import { main } from ${JSON.stringify(join(root, "lib", "cli", "main.ts"))};
process.exitCode = await main(${JSON.stringify(["generate", "--model", gguf, "--ids", "1,2,3", "--max-new-tokens", "3", "--temperature", "0", "--gpu", "cuda", "--json", json])});`);
  const child = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  const device = JSON.parse(readFileSync(json, "utf8")).engine.device as string;
  const lines = child.stderr.split("\n").filter((l) => l.startsWith("logitlab:"));
  if (device.startsWith("llama.cpp cuda")) {
    assert.deepEqual(lines, [], "the CUDA build loaded: no fallback line");
    return;
  }
  assert.equal(device, "llama.cpp cpu (--gpu cuda fell back to the CPU build)");
  assert.equal(lines.length, 1, child.stderr);
  assert.match(lines[0], /^logitlab: --gpu cuda: llama\.cpp's cuda build could not load \(.+\); using the CPU build$/);
});

test("correlation --embeddings DIR takes the embedding rows from that folder (all rows equal: cosine 1), and the provenance records --gpu and --embeddings", { timeout: 240_000 }, async () => {
  const flat = join(scratch, "flat-embeddings");
  const V = 1024;
  const D = 96;
  mkdirSync(flat);
  writeSafetensors(join(flat, "model.safetensors"), { "model.embed_tokens.weight": { shape: [V, D], values: new Float32Array(V * D).fill(0.5) } });
  const common = ["correlation", "--model", gguf, "--dataset", join(root, "data", "prompts", "gsm8k"), "--prompts", "2", "--max-tokens", "6", "--bootstrap", "20", "--no-figures", "--ignore-env", "--quiet"];
  const cosines = (out: string): number[] => {
    const [header, ...rows] = readFileSync(join(out, "tiny-llama.gguf", "gsm8k", "steps.csv"), "utf8").trim().split("\n");
    const column = header.split(",").indexOf("cosine");
    return rows.map((row) => Number(row.split(",")[column]));
  };
  const own = join(scratch, "own");
  const first = await cli([...common, "--out", own]);
  assert.equal(first.code, 0, first.err);
  assert.ok(cosines(own).some((c) => c < 0.999), "the GGUF's own rows: some nucleus has cosine below 1");
  const viaFlag = join(scratch, "flag");
  const second = await cli([...common, "--out", viaFlag, "--embeddings", flat, "--gpu", "cpu"]);
  assert.equal(second.code, 0, second.err);
  const values = cosines(viaFlag);
  assert.equal(values.length, 12);
  for (const c of values) assert.ok(Math.abs(c - 1) < 1e-6, `cosine ${c} with equal rows`);
  const summary = JSON.parse(readFileSync(join(viaFlag, "summary.json"), "utf8"));
  assert.equal(summary.provenance.settings.gpu, "cpu");
  assert.equal(summary.provenance.settings.embeddings, flat);
  assert.equal(summary.provenance.inputs.engines[0].device, "llama.cpp cpu");
});

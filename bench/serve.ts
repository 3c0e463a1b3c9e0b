// Throughput of the openai engine through `logitlab serve`, against the tfjs engine run directly on
// the same model in the same run: teacher-forced scoring (every position's top-N row and the record
// of the next token, as the correlation study reads them) of --sequences random sequences of
// --length tokens.
//
//   npm run bench:serve -- [--model data/models/tiny-gpt2-large] [--sequences 32] [--length 63]
//                          [--top 20] [--concurrency 1,8]
//
// The server is `node bin/logitlab.js serve --port 0` in its own process (as a remote vLLM would be);
// the client has no response cache, so every sequence is one HTTP request. Reports, per setting,
// seconds (best of --repeat), scored positions per second and the ratio to the tfjs engine in this
// process, plus the largest |log p| difference between the two paths (they must agree: the same
// model, float64 log-softmax on both sides). The 1-minute load average is printed: figures are
// comparable only on an idle machine.
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { openEngine } from "../lib/engines/openEngine.js";
import { OpenAiEngine } from "../lib/engines/openai/OpenAiEngine.js";
import { rowStepRecord } from "../lib/engines/rowStepRecord.js";
import type { Engine } from "../lib/engines/Engine.js";
import { seededRandom } from "../lib/util/seededRandom.js";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "data/models/tiny-gpt2-large" },
    sequences: { type: "string", default: "32" },
    length: { type: "string", default: "63" },
    top: { type: "string", default: "20" },
    concurrency: { type: "string", default: "1,8" },
    repeat: { type: "string", default: "2" },
  },
});
const model = values.model!;
const [count, length, top, repeat] = [values.sequences, values.length, values.top, values.repeat].map(Number);
const levels = values.concurrency!.split(",").map(Number);

const direct = await openEngine(model);
const random = seededRandom(1);
const V = direct.info.vocabSize;
// At most context − 1 tokens: the server needs room for the one generated token whose row is the last.
const sequences = Array.from({ length: count }, () => Array.from({ length: Math.min(length, direct.info.contextLength - 1) }, () => Math.floor(random() * V)));
const positions = sequences.reduce((n, s) => n + s.length, 0);

/** Scores every sequence (at most `concurrency` at once); returns seconds and each record's logProb. */
async function run(engine: Engine, concurrency: number): Promise<{ seconds: number; logProbs: number[][] }> {
  const logProbs: number[][] = new Array(sequences.length);
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < sequences.length) {
      const index = next++;
      const ids = sequences[index];
      const out: number[] = [];
      let t = 0;
      for await (const row of engine.score(ids)) {
        const record = rowStepRecord(row, t + 1 < ids.length ? ids[t + 1] : 0);
        if (t + 1 < ids.length) out.push(record.logProb);
        t++;
      }
      logProbs[index] = out;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - start) / 1000, logProbs };
}

async function best(engine: Engine, concurrency: number) {
  let result = await run(engine, concurrency);
  for (let i = 1; i < repeat; i++) {
    const again = await run(engine, concurrency);
    if (again.seconds < result.seconds) result = again;
  }
  return result;
}

console.log(`bench:serve  model ${model} (V = ${V}), ${count} sequences × ${sequences[0].length} tokens = ${positions} scored positions, top-${top}, best of ${repeat}`);
console.log(`machine: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} before`);
const baseline = await best(direct, 1);
const rows: [string, number, number][] = [["tfjs engine, in process", baseline.seconds, 1]];

const child = spawn(process.execPath, ["bin/logitlab.js", "serve", "--model", model, "--port", "0", "--max-logprobs", String(top)], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  child.stdout!.on("data", (chunk) => {
    out += chunk;
    const match = /at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
    if (match) resolve(match[1]);
  });
  child.on("exit", (code) => reject(new Error(`logitlab serve exited with ${code}`)));
});
let disagreement = 0;
try {
  for (const concurrency of levels) {
    const engine = await OpenAiEngine.open(url, { cacheDir: false, topLogprobs: top, concurrency });
    const result = await best(engine, concurrency);
    result.logProbs.forEach((list, i) => list.forEach((lp, t) => (disagreement = Math.max(disagreement, Math.abs(lp - baseline.logProbs[i][t])))));
    rows.push([`openai engine → logitlab serve, concurrency ${concurrency}`, result.seconds, baseline.seconds / result.seconds]);
  }
} finally {
  child.kill("SIGTERM");
  await direct.dispose();
}
for (const [name, seconds, speed] of rows) {
  console.log(`${name.padEnd(48)} ${seconds.toFixed(3).padStart(8)} s  ${(positions / seconds).toFixed(0).padStart(8)} positions/s  ${speed.toFixed(2)}x the tfjs engine`);
}
if (levels.length >= 2) {
  const [a, b] = [rows[1], rows[rows.length - 1]];
  console.log(`concurrency ${levels.at(-1)} vs ${levels[0]}: ${(a[1] / b[1]).toFixed(2)}x`);
}
console.log(`largest |log p(http) − log p(tfjs)| over ${positions - count} teacher-forced tokens: ${disagreement.toExponential(2)}`);
console.log(`load average ${loadavg()[0].toFixed(2)} after`);
if (!(disagreement < 1e-5)) {
  console.error("the two paths disagree: the figures above are not comparable");
  process.exit(1);
}

// Without node-llama-cpp installed, the library still loads and a .gguf model is one line with the
// install command. Simulated in a child process whose module resolver refuses "node-llama-cpp" (as
// Node does when the package is absent: ERR_MODULE_NOT_FOUND).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "node-llama-cpp") { const error = new Error("Cannot find package 'node-llama-cpp'"); error.code = "ERR_MODULE_NOT_FOUND"; throw error; }
  return next(specifier, context);
}`;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`)}`;

test("a missing node-llama-cpp is one line naming the install command; the library loads without it", () => {
  const script = `import { openEngine } from "logitlab";
try { await openEngine("model.Q4_K_M.gguf"); console.log("no error"); } catch (error) { console.log(error.name + ": " + error.message); }`;
  const child = spawnSync(process.execPath, ["--import", register, "--input-type=module", "-e", script], { encoding: "utf8", cwd: process.cwd() });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), "LogitlabError: llama.cpp engine: node-llama-cpp is not installed; run `npm i -E node-llama-cpp@3.21.1` to run .gguf models");
});

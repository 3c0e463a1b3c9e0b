#!/usr/bin/env node
// Packs what scripts/gpu-check.sh needs on the GPU machine, which has no network and (as far as we
// know) no Node: run here, after `npm ci`, from the repository root. Writes, under .gpu/ (which it
// adds to .git/info/exclude):
//   .gpu/a/node.xz               this machine's Node binary (x86-64 Linux), xz-compressed;
//   .gpu/a/modules.tar.xz        the node_modules that the GPU tests and bench:gpu import: the
//                                 production dependencies less the browser/kernel ones (Chromium,
//                                 Playwright, tslab, zeromq), tsx, node-llama-cpp with its CPU and
//                                 Vulkan builds, webgpu (linux-x64 Dawn only) and tfjs-backend-webgpu;
//   .gpu/a/cuda.part-NN, .gpu/b/…  @node-llama-cpp/linux-x64-cuda (CUDA 13 llama.cpp, 181 MB, ~124 MB
//                                 as xz: the fatbins are already compressed), split so that each call
//                                 stays under the device tool's 64 MiB (the repository's own files count).
//   .gl/*.deb                    the Vulkan loader (libvulkan1) for Dawn, fetched with apt-get download
//                                 as the device tool's README says (.gl is added to .git/info/exclude);
// Prints the sizes and the calls to make (DEVELOPERS.md "GPU machine" says the same).
//
//   node scripts/gpu-pack.mjs [--budget-mib 64] [--no-cuda]
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "budget-mib": { type: "string", default: "64" }, "no-cuda": { type: "boolean", default: false } } });
const MiB = 2 ** 20;

const out = join(root, ".gpu");
const exclude = resolve(root, execFileSync("git", ["rev-parse", "--git-path", "info/exclude"], { cwd: root }).toString().trim());
if (existsSync(exclude) && !readFileSync(exclude, "utf8").split("\n").includes("/.gpu/")) appendFileSync(exclude, "\n/.gpu/\n");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "a"), { recursive: true });

// --- the Vulkan loader, for Dawn on the GPU machine ----------------------------------------------
if (existsSync(exclude) && !readFileSync(exclude, "utf8").split("\n").includes("/.gl/")) appendFileSync(exclude, "\n/.gl/\n");
mkdirSync(join(root, ".gl"), { recursive: true });
try {
  const apt = "-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64";
  execFileSync("sh", ["-c", `mkdir -p /tmp/amd64/partial && apt-get ${apt} update -qq && cd .gl && apt-get ${apt} download libvulkan1`], { cwd: root, stdio: "inherit" });
} catch (error) {
  console.log(`gpu-pack: could not fetch libvulkan1 into .gl (${error.message.split("\n")[0]}); the GPU machine may already have it`);
}

// --- node_modules closure -------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const SKIP = new Set(["@sparticuz/chromium", "playwright-core", "tslab", "zeromq", "plotly.js-dist-min"]);
const EXTRA = ["tsx", "node-llama-cpp", "webgpu", "@tensorflow/tfjs-backend-webgpu", "@node-llama-cpp/linux-x64", "@node-llama-cpp/linux-x64-vulkan"];
const roots = [...Object.keys(pkg.dependencies).filter((d) => !SKIP.has(d)), ...EXTRA];

/** Resolves `name` from `from` (a package folder) the way Node does: nearest node_modules upwards. */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === root || dir === dirname(dir)) return undefined;
  }
}

const folders = new Set();
const queue = roots.map((name) => [name, root]);
while (queue.length) {
  const [name, from] = queue.pop();
  const folder = locate(name, from);
  if (!folder) continue; // optional and not installed
  if (folders.has(folder)) continue;
  folders.add(folder);
  const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  for (const dep of Object.keys({ ...meta.dependencies, ...meta.peerDependencies })) queue.push([dep, folder]);
  for (const dep of Object.keys(meta.optionalDependencies ?? {})) {
    if (dep.startsWith("@node-llama-cpp/")) continue; // only the builds named in EXTRA (and CUDA below)
    queue.push([dep, folder]);
  }
}

const stage = join(out, "stage");
for (const folder of folders) {
  const target = join(stage, folder.slice(root.length + 1));
  cpSync(folder, target, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      const rel = source.slice(folder.length);
      if (rel.startsWith("/node_modules/")) return false; // nested packages are copied as folders of their own
      if (folder.endsWith("/node_modules/webgpu") && rel.startsWith("/dist/") && !rel.startsWith("/dist/linux-x64")) return rel === "/dist";
      if (folder.endsWith("/node-llama-cpp") && rel.startsWith("/llama/gitRelease.bundle")) return false; // llama.cpp source, for builds only
      return true;
    },
  });
}
execFileSync("sh", ["-c", `tar -C "${stage}" -cf - node_modules | xz -T2 -6 > "${join(out, "a", "modules.tar.xz")}"`], { stdio: "inherit" });
rmSync(stage, { recursive: true, force: true });
execFileSync("sh", ["-c", `xz -T2 -6 -c "${process.execPath}" > "${join(out, "a", "node.xz")}"`], { stdio: "inherit" });

// --- CUDA build of llama.cpp, in parts ---------------------------------------------------------
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root }).toString().split("\0").filter(Boolean)
  .reduce((sum, file) => sum + (existsSync(join(root, file)) ? statSync(join(root, file)).size : 0), 0);
const budget = Number(values["budget-mib"]) * MiB - tracked - 2 * MiB; // 2 MiB margin for untracked files
const size = (dir) => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
let callRoom = budget - size(join(out, "a"));
const calls = ["a"];
if (!values["no-cuda"]) {
  const cuda = locate("@node-llama-cpp/linux-x64-cuda", root);
  if (!cuda) throw new Error("@node-llama-cpp/linux-x64-cuda is not installed here (npm ci on x86-64 Linux installs it)");
  const whole = join(out, "cuda.tar.xz");
  execFileSync("sh", ["-c", `tar -C "${dirname(dirname(cuda))}" -cf - node_modules/@node-llama-cpp/linux-x64-cuda | xz -T2 -6 > "${whole}"`], { stdio: "inherit" });
  const bytes = readFileSync(whole);
  rmSync(whole);
  let offset = 0;
  let part = 0;
  while (offset < bytes.length) {
    if (callRoom < 4 * MiB) {
      calls.push(String.fromCharCode(calls.at(-1).charCodeAt(0) + 1));
      mkdirSync(join(out, calls.at(-1)));
      callRoom = budget;
    }
    const take = Math.min(callRoom, bytes.length - offset);
    writeFileSync(join(out, calls.at(-1), `cuda.part-${String(part).padStart(2, "0")}`), bytes.subarray(offset, offset + take));
    offset += take;
    callRoom -= take;
    part++;
  }
  writeFileSync(join(out, calls.at(-1), "cuda.parts"), `${part}\n`);
}

console.log(`repository files: ${(tracked / MiB).toFixed(1)} MiB; room per call: ${(budget / MiB).toFixed(1)} MiB`);
for (const call of calls) {
  const files = readdirSync(join(out, call));
  console.log(`call ${call}: carry .gpu/${call} (${(size(join(out, call)) / MiB).toFixed(1)} MiB: ${files.join(", ")})`);
}
console.log(`Run the calls back to back (the machine stays warm only ~30 s between them): each is`);
console.log(`  run(command="bash scripts/gpu-check.sh", carry=[".gpu/<call>", ".gl"], timeout_s=540)`);

#!/usr/bin/env node
// Packs what scripts/gpu-check.sh needs on the GPU machine, which has no network and (as far as we
// know) no Node: run here, after `npm ci`, from the repository root. Writes, under .gpu/ (which it
// adds to .git/info/exclude):
//   .gpu/a/node.xz               this machine's Node binary (x86-64 Linux), xz-compressed;
//   .gpu/a/modules.tar.xz        the node_modules that test/gpu/webgpu.test.ts and bench:gpu's tfjs
//                                 sections import: the production dependencies less the browser and
//                                 kernel ones (Chromium, Playwright, tslab, zeromq, Plotly), tsx, webgpu
//                                 (linux-x64 Dawn only) and tfjs-backend-webgpu; tfjs trimmed to its Node
//                                 bundles and .wasm files;
//   .gpu/a/llama.part-NN, .gpu/b/…  node-llama-cpp with its dependencies, its CPU build and its CUDA
//                                 build (@node-llama-cpp/linux-x64-cuda, CUDA 13, 181 MB; ~124 MB as xz,
//                                 its fatbins are already compressed), one xz tar split so that each
//                                 call stays under the device tool's 64 MiB (the repository's files
//                                 count); the Vulkan build (81 MB) is left out for room;
//   .gl/*.deb                    the Vulkan loader (libvulkan1) for Dawn, fetched with apt-get download
//                                 as the device tool's README says (.gl is added to .git/info/exclude);
// Prints the sizes and the calls to make (DEVELOPERS.md "GPU machine" says the same).
//
//   node scripts/gpu-pack.mjs [--budget-mib 64] [--no-llama] [--reuse-a]   (--reuse-a keeps .gpu/a's Node and modules)
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "budget-mib": { type: "string", default: "64" }, "no-llama": { type: "boolean", default: false }, "reuse-a": { type: "boolean", default: false } } });
const MiB = 2 ** 20;

const out = join(root, ".gpu");
const exclude = resolve(root, execFileSync("git", ["rev-parse", "--git-path", "info/exclude"], { cwd: root }).toString().trim());
/** Adds `pattern` to the repository's .git/info/exclude (created if missing), so the carry never travels as untracked files. */
function excludeFromGit(pattern) {
  mkdirSync(dirname(exclude), { recursive: true });
  if (!existsSync(exclude) || !readFileSync(exclude, "utf8").split("\n").includes(pattern)) appendFileSync(exclude, `\n${pattern}\n`);
}
excludeFromGit("/.gpu/");
const reuse = values["reuse-a"] && existsSync(join(out, "a", "node.xz")) && existsSync(join(out, "a", "modules.tar.xz"));
if (reuse) {
  for (const entry of readdirSync(out)) if (entry !== "a") rmSync(join(out, entry), { recursive: true, force: true });
  for (const entry of readdirSync(join(out, "a"))) if (entry.startsWith("llama.")) rmSync(join(out, "a", entry));
} else {
  rmSync(out, { recursive: true, force: true });
}
mkdirSync(join(out, "a"), { recursive: true });

// --- the Vulkan loader, for Dawn on the GPU machine ----------------------------------------------
excludeFromGit("/.gl/");
mkdirSync(join(root, ".gl"), { recursive: true });
try {
  const apt = "-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64";
  execFileSync("sh", ["-c", `mkdir -p /tmp/amd64/partial && apt-get ${apt} update -qq && cd .gl && apt-get ${apt} download libvulkan1`], { cwd: root, stdio: "inherit" });
} catch (error) {
  console.log(`gpu-pack: could not fetch libvulkan1 into .gl (${error.message.split("\n")[0]}); the GPU machine may already have it`);
}

// --- node_modules closures ------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const SKIP = new Set(["@sparticuz/chromium", "playwright-core", "tslab", "zeromq", "plotly.js-dist-min"]);
const BASE = [...Object.keys(pkg.dependencies).filter((d) => !SKIP.has(d)), "tsx", "webgpu", "@tensorflow/tfjs-backend-webgpu"];
const LLAMA = ["node-llama-cpp", "@node-llama-cpp/linux-x64", "@node-llama-cpp/linux-x64-cuda"];

/** Resolves `name` from `from` (a package folder) the way Node does: nearest node_modules upwards. */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === root || dir === dirname(dir)) return undefined;
  }
}

/** Package folders needed by `names` (dependencies and required peers), less those in `have`. */
function closure(names, have = new Set()) {
  const folders = new Set();
  const queue = names.map((name) => [name, root]);
  while (queue.length) {
    const [name, from] = queue.pop();
    const folder = locate(name, from);
    if (!folder || folders.has(folder) || have.has(folder)) continue; // optional and not installed, or seen
    folders.add(folder);
    const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const optionalPeers = new Set(Object.entries(meta.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.peerDependencies })) if (!optionalPeers.has(dep)) queue.push([dep, folder]);
    for (const dep of Object.keys(meta.optionalDependencies ?? {})) if (!dep.startsWith("@node-llama-cpp/")) queue.push([dep, folder]);
  }
  return folders;
}

/** Copies the folders (each without its nested node_modules, which are folders of their own) into a fresh stage. */
function stageOf(folders) {
  const stage = join(out, "stage");
  rmSync(stage, { recursive: true, force: true });
  for (const folder of folders) {
    cpSync(folder, join(stage, folder.slice(root.length + 1)), {
      recursive: true,
      dereference: true,
      filter: (source) => {
        const rel = source.slice(folder.length);
        if (rel.startsWith("/node_modules/")) return false;
        if (folder.endsWith("/node_modules/webgpu") && rel.startsWith("/dist/") && !rel.startsWith("/dist/linux-x64")) return false;
        if (folder.endsWith("/node-llama-cpp") && rel.startsWith("/llama/gitRelease.bundle")) return false; // llama.cpp source, for builds only
        if (/\/@tensorflow\/tfjs-[a-z-]+$/.test(folder) && rel.startsWith("/dist/")) {
          return !rel.slice(6).includes("/") && (rel.endsWith(".node.js") || rel.endsWith(".wasm") || rel.endsWith(".worker.js"));
        }
        if (/\.(map|d\.ts|md)$/.test(rel)) return false;
        return true;
      },
    });
  }
  return stage;
}

const base = closure(BASE);
let stage;
if (!reuse) {
  stage = stageOf(base);
  execFileSync("sh", ["-c", `tar -C "${stage}" -cf - node_modules | xz -T2 -6 > "${join(out, "a", "modules.tar.xz")}"`], { stdio: "inherit" });
  execFileSync("sh", ["-c", `xz -T2 -6 -c "${process.execPath}" > "${join(out, "a", "node.xz")}"`], { stdio: "inherit" });
}

// --- node-llama-cpp with its CPU and CUDA builds, in parts -------------------------------------
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root }).toString().split("\0").filter(Boolean)
  .reduce((sum, file) => sum + (existsSync(join(root, file)) ? statSync(join(root, file)).size : 0), 0);
const budget = Number(values["budget-mib"]) * MiB - tracked - 2 * MiB; // 2 MiB margin for untracked files
const size = (dir) => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
let callRoom = budget - size(join(out, "a"));
const calls = ["a"];
if (!values["no-llama"]) {
  if (!locate("@node-llama-cpp/linux-x64-cuda", root)) throw new Error("@node-llama-cpp/linux-x64-cuda is not installed here (npm ci on x86-64 Linux installs it)");
  stage = stageOf(closure(LLAMA, base));
  const whole = join(out, "llama.tar.xz");
  execFileSync("sh", ["-c", `tar -C "${stage}" -cf - node_modules | xz -T2 -1 > "${whole}"`], { stdio: "inherit" });
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
    writeFileSync(join(out, calls.at(-1), `llama.part-${String(part).padStart(2, "0")}`), bytes.subarray(offset, offset + take));
    offset += take;
    callRoom -= take;
    part++;
  }
  writeFileSync(join(out, calls.at(-1), "llama.parts"), `${part}\n`);
}
rmSync(join(out, "stage"), { recursive: true, force: true });

console.log(`repository files: ${(tracked / MiB).toFixed(1)} MiB; room per call: ${(budget / MiB).toFixed(1)} MiB`);
for (const call of calls) {
  const files = readdirSync(join(out, call));
  console.log(`call ${call}: carry .gpu/${call} (${(size(join(out, call)) / MiB).toFixed(1)} MiB: ${files.join(", ")})`);
}
console.log(`Run the calls back to back (the machine stays warm only ~30 s between them): each is`);
console.log(`  run(command="bash scripts/gpu-check.sh", carry=[".gpu/<call>", ".gl"], timeout_s=420)`);

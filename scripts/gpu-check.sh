#!/usr/bin/env bash
# Every GPU check of issue 14 in one script, for the GPU machine (DEVELOPERS.md, "GPU machine"):
#   test/gpu/webgpu.test.ts     tfjs webgpu (Dawn, Vulkan) vs wasm vs the float64 references;
#   test/gpu/llamaCuda.test.ts  llama.cpp CUDA vs CPU on the bundled models as GGUF;
#   bench:gpu --scale gpu       every bench figure, with speed-ups (webgpu vs wasm, llama.cpp CUDA vs CPU).
# Results go to $OUT (the device tool brings back at most 8 files): gpu.txt (GPU, driver, Node),
# webgpu-test.log, llama-cuda-test.log, bench.log, bench.json, bench-cuda.log, bench-cuda.json.
#
# The machine has no network and no Node: scripts/gpu-pack.mjs, run beforehand on a developer
# machine, packs Node, the node_modules the checks import, and node-llama-cpp with llama.cpp's CPU and
# CUDA builds (in parts) into .gpu/<call> folders, each under the tool's 64 MiB. Each call runs this script with its folder (and .gl, the
# Vulkan loader .deb) carried; the script unpacks what the call carried into $STAGE, which survives
# between calls only while the machine is warm, then runs every check whose inputs are complete and
# that has not run yet. So: call a (Node, modules: the webgpu test and the tfjs bench sections), then
# the other calls back to back; the one that completes node-llama-cpp runs the CUDA test and the
# llama.cpp section of the bench (CUDA vs CPU).
#
#   bash scripts/gpu-check.sh            (on the GPU machine)
#   LOGITLAB_GPU_CHECK_SCALE=quick bash scripts/gpu-check.sh   (a dry run on a developer machine, in a
#                                         clone without node_modules: checks the carry is complete)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/logitlab-gpu-out}
STAGE=${LOGITLAB_GPU_STAGE:-/tmp/logitlab-gpu}
mkdir -p "$OUT" "$STAGE/parts"
log() { echo "gpu-check: $*" | tee -a "$OUT/gpu.txt"; }
started=$SECONDS

# --- system: the Vulkan loader (carried .debs) and the NVIDIA ICD -----------------------------
# (only where an NVIDIA GPU is: a dry run on a developer machine leaves its system alone)
if command -v nvidia-smi >/dev/null && compgen -G ".gl/*.deb" >/dev/null && ! ldconfig -p | grep -q libvulkan.so.1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && [ -z "${VK_DRIVER_FILES:-}" ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi

# --- unpack what this call carried -----------------------------------------------------------
for d in .gpu/*/; do
  [ -d "$d" ] || continue
  if [ -f "$d/node.xz" ] && [ ! -x "$STAGE/bin/node" ]; then
    mkdir -p "$STAGE/bin" && xz -dc "$d/node.xz" > "$STAGE/bin/node" && chmod +x "$STAGE/bin/node"
  fi
  if [ -f "$d/modules.tar.xz" ] && [ ! -d "$STAGE/modules/node_modules" ]; then
    mkdir -p "$STAGE/modules" && xz -dc "$d/modules.tar.xz" | tar -C "$STAGE/modules" -xf -
  fi
  cp "$d"/llama.part-* "$d"/llama.parts "$STAGE/parts/" 2>/dev/null
done
if [ ! -d "$STAGE/modules/node_modules/@node-llama-cpp/linux-x64-cuda" ] && compgen -G "$STAGE/parts/llama.part-*" >/dev/null; then
  have=$(ls "$STAGE"/parts/llama.part-* | wc -l)
  want=$(cat "$STAGE/parts/llama.parts" 2>/dev/null || echo "more than $have")
  if [ "$have" = "$want" ] && [ -d "$STAGE/modules" ]; then
    cat "$STAGE"/parts/llama.part-* | xz -dc | tar -C "$STAGE/modules" -xf - && log "node-llama-cpp with its CPU and CUDA builds unpacked ($have parts)"
  else
    log "node-llama-cpp + CUDA build: $have of $want parts here so far"
  fi
fi

# --- Node and node_modules ---------------------------------------------------------------------
if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  export PATH="$STAGE/bin:$PATH"
fi
if [ ! -d node_modules ] && [ -d "$STAGE/modules/node_modules" ]; then
  ln -s "$STAGE/modules/node_modules" node_modules
fi
if ! command -v node >/dev/null || [ ! -d node_modules ]; then
  log "no Node or node_modules here: carry .gpu/a (made by scripts/gpu-pack.mjs) in this call; if it was carried in an earlier call, the machine went cold in between"
  exit 1
fi
[ -e node_modules/logitlab ] || ln -s "$PWD" node_modules/logitlab 2>/dev/null # the package imports itself by name

# CUDA runtime for llama.cpp's CUDA 13 build: the image's Python wheels hold libcudart/libcublas 13.
for lib in libcudart.so.13 libcublas.so.13 libcublasLt.so.13; do
  found=$(find /usr/local/cuda*/ /opt /usr/lib/x86_64-linux-gnu -name "$lib" -print -quit 2>/dev/null)
  [ -n "$found" ] && export LD_LIBRARY_PATH="$(dirname "$found")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
done
[ -d /usr/local/nvidia/lib64 ] && export LD_LIBRARY_PATH="/usr/local/nvidia/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

if [ ! -f "$STAGE/done-info" ]; then
  log "$(date -u +%FT%TZ) node $(node --version), $(nproc) cores"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | sed 's/^/gpu: /' | tee -a "$OUT/gpu.txt"
  nvidia-smi 2>/dev/null | grep -m1 "CUDA Version" | tee -a "$OUT/gpu.txt"
  ldconfig -p | grep -m1 libvulkan.so.1 | sed 's/^/vulkan loader: /' | tee -a "$OUT/gpu.txt"
  touch "$STAGE/done-info"
fi

run_step() { # name, time limit (s), log file, command...
  local name=$1 limit=$2 file=$3; shift 3
  if [ -f "$STAGE/done-$name" ]; then log "$name: done in an earlier call"; return; fi
  local t=$SECONDS
  timeout "$limit" "$@" > "$OUT/$file" 2>&1
  local status=$?
  log "$name: exit $status in $(( SECONDS - t )) s ($file)"
  touch "$STAGE/done-$name"
}

# --- route 2: tfjs on webgpu ------------------------------------------------------------------
export LOGITLAB_BENCH_WORK="$STAGE/bench-work"
run_step webgpu-test 100 webgpu-test.log env LOGITLAB_GPU_TESTS=1 node scripts/run-tests.mjs test/gpu/webgpu.test.ts
SCALE=${LOGITLAB_GPU_CHECK_SCALE:-gpu} # quick for a dry run on a developer machine
run_step bench 210 bench.log node --import tsx bench/gpu.ts --scale "$SCALE" --sections ops,forward,corr --budget-s 150 --json "$OUT/bench.json"

# --- route 1: llama.cpp CUDA (once its build is unpacked) ---------------------------------------
if [ -d node_modules/@node-llama-cpp/linux-x64-cuda ]; then
  run_step llama-cuda-test 100 llama-cuda-test.log env LOGITLAB_GPU_TESTS=1 node scripts/run-tests.mjs test/gpu/llamaCuda.test.ts
  run_step bench-cuda 150 bench-cuda.log node --import tsx bench/gpu.ts --scale "$SCALE" --sections llama --llama-gpus cuda,cpu --budget-s 100 --json "$OUT/bench-cuda.json"
else
  log "llama.cpp CUDA: not run in this call (its build is not here yet)"
fi
log "this call took $(( SECONDS - started )) s"
tail -n 40 "$OUT"/bench*.log 2>/dev/null
grep -hE "^# (pass|fail)|^not ok" "$OUT"/*test.log 2>/dev/null

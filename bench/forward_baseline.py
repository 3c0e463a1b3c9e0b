#!/usr/bin/env python3
"""Baseline for bench/forward.ts: a plain numpy float32 GPT-2 forward pass on the same checkpoint.

    python3 bench/forward_baseline.py CHECKPOINT_DIR --ids 1,2,3 --new-tokens 64 --repeat 3 --logits OUT.npy

Reads model.safetensors by hand (numpy.memmap, no safetensors package), keeps weights in float32 and
runs (1) one forward pass over the prompt (best of --repeat) and (2) greedy generation of
--new-tokens tokens with a key/value cache. Prints one JSON line with the seconds of each and the
generated ids; writes the prompt's logits [T, V] to --logits for the bench's agreement check.
"""
import argparse
import json
import os
import struct
import time

import numpy as np


def load(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    weights = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32"
        begin, end = entry["data_offsets"]
        weights[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
    return {k.removeprefix("transformer."): np.ascontiguousarray(v) for k, v in weights.items()}


def layer_norm(x, w, b, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(np.float32(np.sqrt(2.0 / np.pi)) * (x + np.float32(0.044715) * x * x * x)))


def softmax(x):
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def forward(w, cfg, ids, start, cache):
    """ids: new tokens at positions start…; cache: per layer (k, v) [H, Tpast, hd] or None. Returns logits, cache."""
    D, H, L = cfg["n_embd"], cfg["n_head"], cfg["n_layer"]
    hd = D // H
    T = len(ids)
    x = w["wte.weight"][ids] + w["wpe.weight"][start:start + T]
    new_cache = []
    for i in range(L):
        p = f"h.{i}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"])
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = (a.reshape(T, H, hd).transpose(1, 0, 2) for a in np.split(qkv, 3, axis=-1))
        if cache is not None:
            k = np.concatenate([cache[i][0], k], axis=1)
            v = np.concatenate([cache[i][1], v], axis=1)
        new_cache.append((k, v))
        Tk = k.shape[1]
        scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(hd))
        mask = np.arange(Tk)[None, :] > (np.arange(T)[:, None] + Tk - T)
        scores = np.where(mask, np.float32(-1e9), scores)
        z = (softmax(scores) @ v).transpose(1, 0, 2).reshape(T, D)
        x = x + z @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"])
        x = x + gelu_new(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
    x = layer_norm(x, w["ln_f.weight"], w["ln_f.bias"])
    return x @ w["wte_T"], new_cache


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("--ids", required=True)
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--logits")
    args = parser.parse_args()
    cfg = json.load(open(os.path.join(args.checkpoint, "config.json")))
    started = time.perf_counter()
    w = load(os.path.join(args.checkpoint, "model.safetensors"))
    w["wte_T"] = np.ascontiguousarray(w["wte.weight"].T)  # same pre-transposed head as the runtime
    load_seconds = time.perf_counter() - started
    ids = [int(s) for s in args.ids.split(",")]

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        logits, _ = forward(w, cfg, ids, 0, None)
        best = min(best, time.perf_counter() - t0)
    if args.logits:
        np.save(args.logits, logits.astype(np.float32))

    t0 = time.perf_counter()
    out, cache, position = [], None, 0
    step_ids = ids
    for _ in range(args.new_tokens):
        step_logits, cache = forward(w, cfg, step_ids, position, cache)
        position += len(step_ids)
        nxt = int(np.argmax(step_logits[-1]))
        out.append(nxt)
        step_ids = [nxt]
    generate_seconds = time.perf_counter() - t0
    print(json.dumps({"load_seconds": load_seconds, "forward_seconds": best, "generate_seconds": generate_seconds, "generated": out,
                      "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Baseline for bench/rowStats.ts: the correlation study's per-step quantities in numpy float64, written
the way the original study computes them (full descending sort, cumsum, searchsorted).

    python3 bench/rowstats_baseline.py ROWS.npy TABLE.npy --p 0.9 --repeat 3

ROWS.npy: float32 logits [R, V]; TABLE.npy: float32 embedding table [M, D] (token v's row is v mod M).
For every row: p = softmax(x) (float64), order = argsort(-p) (stable), nucleus = order[:searchsorted(cumsum,
p) + 1], nucleus entropy -sum q log(q + 1e-12) with q = p / (sum p + 1e-12), full entropy -sum p log p,
cosine = mean of the upper triangle of E_n E_n^T over the L2-normalised nucleus rows (1 for one token).
Prints one JSON line: best seconds over --repeat passes over all rows, the same without the cosine
(rowSeconds: softmax, sort, nucleus and entropies only), and each row's results.
"""
import argparse
import json
import time

import numpy as np


def step(x, table, p, with_cosine=True):
    x = x.astype(np.float64)
    z = x - x.max()
    e = np.exp(z)
    probs = e / e.sum()
    order = np.argsort(-probs, kind="stable")
    sorted_probs = probs[order]
    k = int(np.searchsorted(np.cumsum(sorted_probs), p)) + 1
    nucleus = order[:k]
    top = sorted_probs[:k]
    q = top / (top.sum() + 1e-12)
    nucleus_entropy = 0.0 if k == 1 else float(-(q * np.log(q + 1e-12)).sum())
    nz = probs[probs > 0]
    full_entropy = float(-(nz * np.log(nz)).sum())
    if k == 1 or not with_cosine:
        cosine = 1.0
    else:
        emb = table[nucleus % table.shape[0]].astype(np.float64)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        sim = emb @ emb.T
        i, j = np.triu_indices(k, 1)
        cosine = float(sim[i, j].mean())
    return {"size": k, "nucleusEntropy": nucleus_entropy, "fullEntropy": full_entropy, "cosine": cosine}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("table")
    parser.add_argument("--p", type=float, default=0.9)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = np.load(args.rows)
    table = np.load(args.table)
    best = float("inf")
    results = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        results = [step(row, table, args.p) for row in rows]
        best = min(best, time.perf_counter() - start)
    row_only = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for row in rows:
            step(row, table, args.p, with_cosine=False)
        row_only = min(row_only, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "rowSeconds": row_only, "results": results, "numpy": np.__version__}))


if __name__ == "__main__":
    main()

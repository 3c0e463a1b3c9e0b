#!/usr/bin/env python3
"""Baseline for bench/stability.ts: a straightforward Python/numpy implementation of the stability
metrics, as a researcher's script would do it (json.load per file, loops per step, numpy for the
percentiles, scipy's rankdata for the midrank AUC), with the same outputs: per-step CSV and summary.

    python3 bench/stability_baseline.py REF_DIR [REF_DIR ...] --check CHECK_DIR --out OUT_DIR [--k 5 --m 5 --cutoff 0.9]

Prints one JSON line: {"seconds": ..., "cpu_seconds": ..., "max_rss_mb": ..., "summary": {...}}.
"""
import argparse
import csv
import json
import os
import resource
import time

import numpy as np
from scipy.stats import rankdata


def sorted_list(step):
    entries = sorted(step["top_k"], key=lambda e: (-e["prob"], e["id"]))
    return [e["id"] for e in entries], [e["prob"] for e in entries]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reference", nargs="+")
    parser.add_argument("--check", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--m", type=int, default=5)
    parser.add_argument("--cutoff", type=float, default=0.9)
    args = parser.parse_args()
    k, m, cutoff = args.k, args.m, args.cutoff
    started = time.perf_counter()
    cpu_started = time.process_time()

    references = {}
    for folder in args.reference:
        for name in os.listdir(folder):
            if name.endswith(".json"):
                references.setdefault(name, []).append(os.path.join(folder, name))
    pairs = []
    for name in sorted(os.listdir(args.check)):
        if name.startswith("check_machine_") and name.endswith(".json"):
            ref = references.get(name[len("check_machine_"):])
            if ref and len(ref) == 1:
                pairs.append((name[len("check_machine_"):], ref[0], os.path.join(args.check, name)))

    os.makedirs(args.out, exist_ok=True)
    eps, rel, overlaps, margins, changed_flags = [], [], [], [], []
    ppl_ref, ppl_chk = [], []
    compared = agreeing = set_ok = order_ok = swaps = 0
    with open(os.path.join(args.out, "per_step_baseline.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "step", "reference_id", "check_id", "agree", "p_reference", "p_check", "epsilon",
                         "relative_epsilon", "topk_length", "set_preserved", "order_preserved", "overlap", "eligible",
                         "margin", "changed", "boundary_swap"])
        for name, ref_path, chk_path in pairs:
            with open(ref_path) as fr:
                ref = json.load(fr)["execution_data"]
            with open(chk_path) as fc:
                chk = json.load(fc)["check_data"]
            if len(ref) != len(chk):
                continue
            log_r, log_c = [], []
            for t, (r, c) in enumerate(zip(ref, chk)):
                compared += 1
                if r["id"] != c["id"]:
                    writer.writerow([name, t, r["id"], c["id"], 0, r["prob"], c["prob"]] + [""] * 10)
                    continue
                agreeing += 1
                e = abs(r["prob"] - c["prob"])
                re_ = e / r["prob"]
                eps.append(e)
                rel.append(re_)
                log_r.append(np.log(r["prob"]))
                log_c.append(np.log(c["prob"]))
                a_ids, a_probs = sorted_list(r)
                b_ids, _ = sorted_list(c)
                length = min(k, len(a_ids), len(b_ids))
                a, b = a_ids[:length], b_ids[:length]
                same_set = set(a) == set(b)
                same_order = a == b
                overlap = len(set(a) & set(b)) / length
                overlaps.append(overlap)
                set_ok += same_set
                order_ok += same_order
                eligible = a_probs[0] < cutoff and len(a_ids) >= k + 1
                margin = changed = swap = ""
                if eligible:
                    margin = a_probs[k - 1] - a_probs[k]
                    changed = not same_set
                    margins.append(margin)
                    changed_flags.append(changed)
                    if changed:
                        window = set(a_ids[: k + m])
                        swap = all(i in window for i in set(b) - set(a))
                        swaps += swap
                writer.writerow([name, t, r["id"], c["id"], 1, r["prob"], c["prob"], e, re_, length, int(same_set),
                                 int(same_order), overlap, int(eligible), margin,
                                 "" if changed == "" else int(changed), "" if swap == "" else int(swap)])
            ppl_ref.append(float(np.exp(-np.mean(log_r))))
            ppl_chk.append(float(np.exp(-np.mean(log_c))))

    eps_a, rel_a = np.array(eps), np.array(rel)
    margins_a, flags = np.array(margins), np.array(changed_flags, dtype=bool)
    ranks = rankdata(-margins_a)
    n_pos, n_neg = int(flags.sum()), int((~flags).sum())
    auc = (ranks[flags].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    pr, pc = np.array(ppl_ref), np.array(ppl_chk)

    def describe(v):
        return {"mean": float(v.mean()), "median": float(np.percentile(v, 50)), "p95": float(np.percentile(v, 95)),
                "p99": float(np.percentile(v, 99)), "max": float(v.max())}

    summary = {
        "steps": {"compared": compared, "token_agreement": agreeing / compared},
        "epsilon": {**describe(eps_a), "relative": describe(rel_a)},
        "perplexity": {"reference_mean": float(pr.mean()), "check_mean": float(pc.mean()),
                       "ratio_mean": float((pc / pr).mean()), "abs_diff_mean": float(np.abs(pc - pr).mean())},
        "topk": {"set_preservation_rate": set_ok / agreeing, "order_preservation_rate": order_ok / agreeing,
                 "mean_overlap": float(np.mean(overlaps))},
        "margin": {"eligible_steps": len(margins), "changed_steps": n_pos,
                   "boundary_swap_fraction": swaps / n_pos if n_pos else None,
                   "median_margin_preserved": float(np.median(margins_a[~flags])),
                   "median_margin_changed": float(np.median(margins_a[flags])) if n_pos else None,
                   "auc": float(auc)},
    }
    with open(os.path.join(args.out, "summary_baseline.json"), "w") as f:
        json.dump(summary, f, indent=1)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "max_rss_mb": rss_mb, "summary": summary}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Executes one notebook in a Jupyter kernel with nbclient; called by scripts/run-notebooks.mjs.

    python3 scripts/execute-notebook.py NOTEBOOK --kernel NAME --output EXECUTED.ipynb --report REPORT.json
                                        [--timeout 1200] [--settle-ms 300]

Why not `jupyter nbconvert --execute --allow-errors`: the tslab kernel reports a failed cell only in its
execute_reply (status "error") and as stderr text, never as an `error` output, so nbconvert's copy of a
broken notebook looks like a good one; and tslab sends no execute_input, so nbconvert leaves every
execution count empty (`In [ ]`). This driver
  - runs the code cells in order and stops at the first cell whose execute_reply status is not "ok"
    (later cells stay unexecuted, as in the kernel);
  - sets each executed cell's execution_count from its execute_reply;
  - records every iopub message and appends output that arrived after its cell had finished (a timer that
    throws, a promise nobody awaited) to that cell, then runs a short settling cell so such late output
    has a chance to arrive before the kernel is shut down;
  - writes the executed notebook and a report {kernel, cells: [{cell, status, execution_count}], stopped}.
The decision whether the notebook passed is made in run-notebooks.mjs (`notebookFailures`) from these
two files. Exit status: 0 when the notebook was executed (whether or not a cell failed), 2 on bad
arguments or when the kernel could not be started, with one line on stderr.
"""
import argparse
import asyncio
import json
import os
import queue
import sys

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
except ImportError as missing:  # pragma: no cover - reported by the caller as the Jupyter hint
    print(f"execute-notebook: {missing}", file=sys.stderr)
    sys.exit(2)

try:  # nbclient 0.7 defines it; later versions re-export jupyter_core's
    from nbclient.util import ensure_async
except ImportError:  # pragma: no cover
    from jupyter_core.utils import ensure_async

SETTLE_CODE = "await new Promise((resolve) => setTimeout(resolve, {ms}));"


async def execute(args):
    nb = nbformat.read(args.notebook, as_version=4)
    replies = {}  # cell index -> execute_reply message

    def on_cell_executed(cell, cell_index, execute_reply):
        replies[cell_index] = execute_reply

    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
        on_cell_executed=on_cell_executed,
    )
    report = {"kernel": args.kernel, "cells": [], "stopped": None}
    iopub = []  # every iopub message, in arrival order
    async with client.async_setup_kernel():
        channel = client.kc.iopub_channel
        get_msg = channel.get_msg

        async def recording_get_msg(*a, **k):
            msg = await ensure_async(get_msg(*a, **k))
            iopub.append(msg)
            return msg

        channel.get_msg = recording_get_msg
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        counter = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            try:
                await client.async_execute_cell(cell, index, execution_count=counter + 1)
            except CellTimeoutError:
                report["cells"].append({"cell": index + 1, "status": "timeout", "execution_count": None})
                report["stopped"] = f"cell {index + 1} ran past the {args.timeout} s timeout"
                break
            except DeadKernelError:
                report["cells"].append({"cell": index + 1, "status": "dead", "execution_count": None})
                report["stopped"] = f"the kernel died while running cell {index + 1}"
                break
            reply = replies.get(index)
            content = reply["content"] if reply else {}
            status = content.get("status", "missing")
            count = content.get("execution_count")
            counter = count if isinstance(count, int) and count > 0 else counter + 1
            cell.execution_count = counter
            report["cells"].append({"cell": index + 1, "status": status, "execution_count": counter,
                                    "msg_id": reply["parent_header"].get("msg_id") if reply else None})
            if status != "ok":
                break
        if report["stopped"] is None:
            settle_id = await ensure_async(client.kc.execute(SETTLE_CODE.format(ms=args.settle_ms), store_history=False))
            await client.async_wait_for_reply(settle_id)
            report["settle_msg_id"] = settle_id
            while True:  # drain: everything the kernel sent up to now
                try:
                    await channel.get_msg(timeout=0.2)
                except queue.Empty:
                    break
    attach_late_output(nb, report, iopub)
    nbformat.write(nb, args.output)
    with open(args.report, "w", encoding="utf8") as f:
        json.dump(report, f, indent=1)


def attach_late_output(nb, report, iopub):
    """Appends to its cell the stream output that nbclient dropped because it arrived after the cell's idle
    status (tslab writes a late error to the stream of the request it is serving, or of the last one);
    output sent during the settling cell goes to the last executed cell."""
    owner = {entry.get("msg_id"): entry["cell"] - 1 for entry in report["cells"] if entry.get("msg_id")}
    if report.get("settle_msg_id") and report["cells"]:
        owner[report["settle_msg_id"]] = report["cells"][-1]["cell"] - 1
    idle = set()  # requests whose idle status has been seen: their later output was dropped by nbclient
    late = []
    for msg in iopub:
        parent = msg["parent_header"].get("msg_id")
        if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            idle.add(parent)
            continue
        index = owner.get(parent)
        if msg["msg_type"] != "stream" or index is None:
            continue
        if parent in idle or parent == report.get("settle_msg_id"):
            late.append(index + 1)
            nb.cells[index].outputs.append(nbformat.v4.new_output(
                "stream", name=msg["content"]["name"], text=msg["content"]["text"]))
    report["late_output_cells"] = sorted(set(late))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook")
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--timeout", type=int, default=1200)
    parser.add_argument("--settle-ms", type=int, default=300)
    args = parser.parse_args()
    try:
        asyncio.run(execute(args))
    except Exception as problem:  # kernel not found, kernel failed to start, unreadable notebook
        text = str(problem).strip().split("\n")[0] or type(problem).__name__
        print(f"execute-notebook: {args.notebook}: {type(problem).__name__}: {text}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerate the SCALE-Sim v2 golden reports under grid/.

Usage:
  python3 generate.py --scalesim /path/to/scale-sim-v2 [--out grid] [--jobs 2] [--timeout 120]

--scalesim is the root of an extracted SCALE-Sim v2 source tree (the directory
holding scalesim/scale.py).  For every grid point this script writes a .cfg and a
topology CSV, runs
    python3 <scalesim>/scalesim/scale.py -c config.cfg -t topology.csv [-i gemm] -p <tmp>
with PYTHONPATH=<scalesim>, copies COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv and
DETAILED_ACCESS_REPORT.csv (written by SCALE-Sim to <tmp>/<run_name>/) next to the
inputs in <out>/<point>/, and writes <out>/index.csv.  scale.py runs with
save_disk_space=True, so no per-cycle traces are written.
This file contains no SCALE-Sim code; it only drives the simulator.
"""
import argparse
import concurrent.futures as cf
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time

LAYERS = {
    # name: (type, dims)
    "gemm_m32_n64_k128": ("gemm", dict(M=32, N=64, K=128)),
    "gemm_m1_n64_k128": ("gemm", dict(M=1, N=64, K=128)),
    "conv_14x14_3x3_c16_f32_s1": ("conv", dict(H=14, W=14, R=3, S=3, C=16, F=32, stride=1)),
}
DATAFLOWS = ["ws", "os", "is"]
REPORTS = ["COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv"]


def grid():
    """Yields (mode, df, rows, cols, sram_kb, bw) tuples; bw is None in CALC mode."""
    pts = []
    # CALC mode: every array size at 64 kB, plus 2 kB on 8x8 and 32x32.
    for df in DATAFLOWS:
        for (r, c) in [(8, 8), (16, 16), (32, 32), (8, 32)]:
            pts.append(("CALC", df, r, c, 64, None))
        for (r, c) in [(8, 8), (32, 32)]:
            pts.append(("CALC", df, r, c, 2, None))
    # USER mode: full bandwidth sweep on three (array, SRAM) corners.
    for df in DATAFLOWS:
        for (r, c, s) in [(8, 8, 2), (16, 16, 8), (32, 32, 64)]:
            for bw in [1, 4, 10, 64]:
                pts.append(("USER", df, r, c, s, bw))
        # non-square array
        for bw in [1, 10]:
            pts.append(("USER", df, 8, 32, 8, bw))
        # SRAM sweep at 16x16, bandwidth 4 (8 kB is in the corner sweep above)
        for s in [2, 64]:
            pts.append(("USER", df, 16, 16, s, 4))
    for p in pts:
        for layer in LAYERS:
            yield p + (layer,)


def point_name(mode, df, r, c, s, bw, layer):
    bws = "calc" if bw is None else "bw%d" % bw
    return "%s_%s_%dx%d_s%d_%s_%s" % (mode.lower(), df, r, c, s, bws, layer)


def cfg_text(name, mode, df, r, c, s, bw):
    return (
        "[general]\n"
        "run_name = %s\n\n"
        "[architecture_presets]\n"
        "ArrayHeight:    %d\n"
        "ArrayWidth:     %d\n"
        "IfmapSramSzkB:   %d\n"
        "FilterSramSzkB:  %d\n"
        "OfmapSramSzkB:   %d\n"
        "IfmapOffset:    0\n"
        "FilterOffset:   10000000\n"
        "OfmapOffset:    20000000\n"
        "Bandwidth : %d\n"
        "Dataflow : %s\n"
        "MemoryBanks:   1\n\n"
        "[run_presets]\n"
        "InterfaceBandwidth: %s\n" % (name, r, c, s, s, s, 10 if bw is None else bw, df, mode)
    )


def topo_text(layer):
    kind, d = LAYERS[layer]
    # SCALE-Sim drops the last comma-separated field of every row, so rows end with ','.
    if kind == "gemm":
        return "Layer, M, N, K,\n%s, %d, %d, %d,\n" % (layer, d["M"], d["N"], d["K"])
    return ("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
            "%s, %d, %d, %d, %d, %d, %d, %d,\n" % (layer, d["H"], d["W"], d["R"], d["S"], d["C"], d["F"], d["stride"]))


def run_point(args, pt):
    mode, df, r, c, s, bw, layer = pt
    name = point_name(*pt)
    dst = os.path.join(args.out, name)
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "config.cfg"), "w") as f:
        f.write(cfg_text(name, mode, df, r, c, s, bw))
    with open(os.path.join(dst, "topology.csv"), "w") as f:
        f.write(topo_text(layer))
    cmd = [args.python, os.path.join(args.scalesim, "scalesim", "scale.py"),
           "-c", "config.cfg", "-t", "topology.csv"]
    if LAYERS[layer][0] == "gemm":
        cmd += ["-i", "gemm"]
    env = dict(os.environ, PYTHONPATH=os.path.abspath(args.scalesim))
    status = "ok"
    t0 = time.time()
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        shutil.copy(os.path.join(dst, "config.cfg"), tmp)
        shutil.copy(os.path.join(dst, "topology.csv"), tmp)
        try:
            p = subprocess.run(cmd + ["-p", os.path.join(tmp, "out")], cwd=tmp, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=args.timeout)
            if p.returncode != 0:
                status = "error rc=%d" % p.returncode
                sys.stderr.write(p.stdout.decode(errors="replace")[-2000:])
        except subprocess.TimeoutExpired:
            status = "timeout"
        if status == "ok":
            for rep in REPORTS:
                src = os.path.join(tmp, "out", name, rep)
                if not os.path.exists(src):
                    status = "missing " + rep
                    break
                shutil.copy(src, os.path.join(dst, rep))
    secs = time.time() - t0
    if status != "ok":
        shutil.rmtree(dst, ignore_errors=True)
    kind, d = LAYERS[layer]
    if kind == "gemm":
        dims = dict(M=d["M"], N=d["N"], K=d["K"])
    else:
        dims = dict(ifmap_h=d["H"], ifmap_w=d["W"], filter_h=d["R"], filter_w=d["S"],
                    channels=d["C"], num_filters=d["F"], stride=d["stride"])
    row = dict(point=name if status == "ok" else "", mode=mode, dataflow=df, array_rows=r, array_cols=c,
               ifmap_sram_kb=s, filter_sram_kb=s, ofmap_sram_kb=s,
               bandwidth="" if bw is None else bw, layer=layer, layer_type=kind,
               status=status, seconds="%.1f" % secs, command=" ".join(
                   ["python3", "<scalesim>/scalesim/scale.py", "-c", "config.cfg", "-t", "topology.csv"]
                   + (["-i", "gemm"] if kind == "gemm" else []) + ["-p", "<tmp>"]))
    row.update(dims)
    print("%-60s %-8s %6.1fs" % (name, status, secs), flush=True)
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scalesim", required=True)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "grid"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--tmp", default=None)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pts = list(grid())
    t0 = time.time()
    with cf.ThreadPoolExecutor(args.jobs) as ex:
        rows = list(ex.map(lambda p: run_point(args, p), pts))
    cols = ["point", "mode", "dataflow", "array_rows", "array_cols", "ifmap_sram_kb", "filter_sram_kb",
            "ofmap_sram_kb", "bandwidth", "layer", "layer_type", "M", "N", "K", "ifmap_h", "ifmap_w",
            "filter_h", "filter_w", "channels", "num_filters", "stride", "status", "seconds", "command"]
    with open(os.path.join(args.out, "index.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for row in rows:
            w.writerow(row)
    print("%d points, %d ok, %.0f s wall" % (len(rows), sum(r["status"] == "ok" for r in rows), time.time() - t0))


if __name__ == "__main__":
    main()

"""What ``--resume`` costs before it scores again: reading which rows an earlier
run finished from its CSV table (ids in order, a partial last record cut off)
and its errors file, against a plain scan of the ids into a set (what resume did
before it matched input positions). Also the time a batch's write spends on its
resume point. Medians of several runs.

    python bench/resume_scan.py               # 100,000 rows, 7 runs
    python bench/resume_scan.py --rows 20000 --runs 5

The table is built from the bundled samples scored once (features only), its rows
repeated; everything goes to a temporary folder.
"""
from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from scoring.io.corpus import prepare
from scoring.run import resume, run_local
from scoring.run.chunks import output_columns
from scoring.run.local import Output

ROOT = Path(__file__).resolve().parents[1]


def _table(folder: Path, rows: int) -> Path:
    small = folder / "small.csv"
    run_local(prepare([ROOT / "notebooks" / "data" / "samples"]), small)
    df = pd.read_csv(small)
    big = pd.concat([df] * (rows // len(df) + 1), ignore_index=True).iloc[:rows]
    big["id"] = [f"a{i}" for i in range(rows)]
    out = folder / "big.csv"
    big.to_csv(out, index=False)
    return out


def _set_scan(out: Path) -> int:
    with open(out, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        i = next(reader).index("id")
        return len({row[i] for row in reader if row})


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = _table(Path(tmp), args.rows)
        size = out.stat().st_size
        old = _median(lambda: _set_scan(out), args.runs)
        new = _median(lambda: resume.prepare_resume(out, "csv", None, None), args.runs)
        assert out.stat().st_size == size  # a whole table is never cut
        frame = pd.read_csv(out, nrows=256)
        cols = output_columns(False)
        o = Output(Path(tmp) / "w.csv", Path(tmp) / "w.jsonl", Path(tmp) / "w.errors.jsonl", True, cols,
                   resume.ResumeState())
        write = _median(lambda: o.write(frame, [], []), args.runs * 5)
        ckpt = _median(o._checkpoint, args.runs * 5)
        o.close()
    print(f"{args.rows} rows ({size / 1e6:.0f} MB CSV), {os.cpu_count()} cores, median of {args.runs}:")
    print(f"  ids into a set (before): {old:.2f} s; prepare_resume (ids in order, tail checked): {new:.2f} s")
    print(f"  one batch of 256 rows written: {write * 1e3:.1f} ms, of which its resume point {ckpt * 1e3:.2f} ms")


if __name__ == "__main__":
    main()

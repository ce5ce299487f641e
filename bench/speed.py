"""Time `relscore score` on real AllSides articles: articles per second and peak
memory, median of several runs, on one core.

    python bench/speed.py                 # 2,000 articles, 3 runs
    python bench/speed.py -n 500 -n 2000  # also shows whether memory grows with size

Needs ../shared/data/allsides/articles.parquet. Writes its inputs and outputs
to a temporary folder, never into the project.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"


def write_corpus(n: int, path: Path, seed: int = 0) -> None:
    """A seeded sample of n AllSides articles as JSON Lines."""
    import pandas as pd

    df = pd.read_parquet(ALLSIDES, columns=["ID", "title", "content_original", "source", "date", "url"])
    df = df[df["content_original"].fillna("").str.strip() != ""].sample(n=n, random_state=seed)
    with path.open("w", encoding="utf-8") as f:
        for r in df.itertuples(index=False):
            f.write(json.dumps({"id": r.ID, "title": r.title, "text": r.content_original,
                                "outlet": r.source, "date": r.date, "url": r.url}) + "\n")


def run_once(corpus: Path, out: Path, extra: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `relscore score` process.

    The command runs through a one-child wrapper so that RUSAGE_CHILDREN
    measures exactly this run.
    """
    exe = Path(sys.executable).with_name("relscore")
    cmd = [str(exe) if exe.exists() else "relscore", "score", str(corpus), "--out", str(out),
           "--spans", str(out.with_suffix(".spans.jsonl")), *extra]
    if hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", "0", *cmd]
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "dt = time.perf_counter() - t\n"
        "print(json.dumps([rc, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    res = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    rc, dt, maxrss_kib = json.loads(res.stdout.strip().splitlines()[-1])
    if rc != 0:
        raise SystemExit(f"relscore score failed with exit code {rc}: {' '.join(cmd)}")
    return dt, maxrss_kib / 1024


def feature_pass_rate(corpus: Path) -> float:
    """Articles per second of features.analyze alone, in this process."""
    from features import analyze

    from features import style

    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    analyze(rows[0]["text"], rows[0]["title"])  # load lexicons and models once
    # Sentence scores are cached; a rerun over the same corpus would hit that cache
    # and look faster than a first pass over new articles.
    style._compound.cache_clear()
    t = time.perf_counter()
    for r in rows:
        analyze(r["text"], r["title"])
    return len(rows) / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, action="append", help="corpus size (repeatable); default 2000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found", file=sys.stderr)
        return 0
    sizes = args.n or [2000]
    print(f"cores: {os.cpu_count()}  (relscore score pinned to one core with taskset)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"allsides_{n}.jsonl"
            write_corpus(n, corpus)
            times, mems = [], []
            for i in range(args.runs):
                dt, mb = run_once(corpus, Path(tmp) / f"out_{n}_{i}.csv", [])
                times.append(dt)
                mems.append(mb)
            med = statistics.median(times)
            print(f"n={n}: relscore score median {med:.1f}s over {args.runs} runs "
                  f"-> {n / med:.0f} articles/s end to end; peak RSS median {statistics.median(mems):.0f} MiB "
                  f"(runs: {', '.join(f'{t:.1f}s' for t in times)})")
            rates = [feature_pass_rate(corpus) for _ in range(args.runs)]
            print(f"n={n}: feature pass alone (features.analyze) median {statistics.median(rates):.0f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time `relscore score` on real AllSides articles: articles per second with one
and with several worker processes, peak memory at two corpus sizes, the whole
37.5k-article corpus, and the feature pass alone. Medians of several runs.

    python bench/speed.py                    # all of it (about 30 minutes on 2 cores)
    python bench/speed.py --only rate        # --jobs 1 vs --jobs 2 on 5,000 articles
    python bench/speed.py --only memory      # peak memory, 5,000 vs 50,000 articles
    python bench/speed.py --only full        # the whole AllSides corpus (its own Parquet file)
    python bench/speed.py --only features    # features.analyze alone, one core, 2,000 articles

Memory is sampled every 0.2 s over the whole process tree (the command and its
workers) with psutil: the sum of proportional set sizes (PSS: pages shared by
forked workers counted once) and, as an upper bound, the sum of resident sizes
(RSS: shared pages counted in every process). Needs
../shared/data/allsides/articles.parquet and psutil (`pip install -e '.[bench]'`).
Inputs and outputs go to a temporary folder, never into the project.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"


def _allsides():
    import pandas as pd

    df = pd.read_parquet(ALLSIDES, columns=["ID", "title", "content_original", "source", "date", "url"])
    return df[df["content_original"].fillna("").str.strip() != ""]


def write_corpus(n: int, path: Path, seed: int = 0) -> None:
    """n AllSides articles as JSON Lines: a seeded sample, or the corpus repeated
    (with new ids) when n is larger than it."""
    df = _allsides()
    if n <= len(df):
        rows = df.sample(n=n, random_state=seed)
    else:
        import pandas as pd

        reps = -(-n // len(df))
        rows = pd.concat([df.assign(ID=df["ID"] + f"-r{r}") for r in range(reps)]).head(n)
    with path.open("w", encoding="utf-8") as f:
        for r in rows.itertuples(index=False):
            f.write(json.dumps({"id": r.ID, "title": r.title, "text": r.content_original,
                                "outlet": r.source, "date": r.date, "url": r.url}) + "\n")


@dataclass
class Run:
    seconds: float
    pss_mib: float
    rss_mib: float


def _tree_memory(proc) -> tuple[float, float]:
    import psutil

    pss = rss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            m = p.memory_full_info()
            pss += m.pss
            rss += m.rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return pss / 2**20, rss / 2**20


def run_once(cmd: list[str]) -> Run:
    """Wall time and peak tree memory of one command."""
    import psutil

    peak = [0.0, 0.0]
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = _tree_memory(proc)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
            done.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    dt = time.perf_counter() - t0
    done.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return Run(dt, peak[0], peak[1])


def score_cmd(corpus: Path, out: Path, jobs: int) -> list[str]:
    exe = Path(sys.executable).with_name("relscore")
    return [str(exe) if exe.exists() else "relscore", "score", str(corpus), "--out", str(out),
            "--spans", str(out.with_suffix(".spans.jsonl")), "--jobs", str(jobs), "-q"]


def median_runs(corpus: Path, tmp: Path, jobs: int, runs: int) -> list[Run]:
    return [run_once(score_cmd(corpus, tmp / f"out_{corpus.stem}_{jobs}_{i}.parquet", jobs)) for i in range(runs)]


def _report(label: str, n: int, rs: list[Run]) -> None:
    med = statistics.median(r.seconds for r in rs)
    print(f"{label}: {n:,} articles, median {med:.1f} s over {len(rs)} runs -> {n / med:.0f} articles/s; "
          f"peak memory median PSS {statistics.median(r.pss_mib for r in rs):.0f} MiB "
          f"(RSS sum {statistics.median(r.rss_mib for r in rs):.0f} MiB); "
          f"runs: {', '.join(f'{r.seconds:.1f}s' for r in rs)}", flush=True)


def feature_pass_rate(corpus: Path) -> float:
    """Articles per second of features.analyze alone, in this process (one core)."""
    from features import analyze, style

    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    analyze(rows[0]["text"], rows[0]["title"])  # load lexicons and models once
    # Sentence scores are cached; a rerun over the same corpus would hit that cache.
    style._compound.cache_clear()
    t = time.perf_counter()
    for r in rows:
        analyze(r["text"], r["title"])
    return len(rows) / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("rate", "memory", "full", "features"), action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--full-runs", type=int, default=1, help="runs of the whole corpus (default 1)")
    args = ap.parse_args(argv)
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found", file=sys.stderr)
        return 0
    parts = args.only or ["features", "rate", "memory", "full"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"machine: {cores} cores, {os.cpu_count()} CPUs; python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "features" in parts:
            corpus = tmp / "allsides_2000.jsonl"
            write_corpus(2000, corpus)
            rates = [feature_pass_rate(corpus) for _ in range(args.runs)]
            print(f"feature pass (features.analyze, one process): median {statistics.median(rates):.0f} "
                  f"articles/s over {args.runs} runs ({', '.join(f'{r:.0f}' for r in rates)})", flush=True)
        if "rate" in parts:
            corpus = tmp / "allsides_5000.jsonl"
            write_corpus(5000, corpus)
            for jobs in (1, 2):
                _report(f"relscore score --jobs {jobs}", 5000, median_runs(corpus, tmp, jobs, args.runs))
        if "memory" in parts:
            for n in (5000, 50000):
                corpus = tmp / f"allsides_{n}.jsonl"
                if not corpus.exists():
                    write_corpus(n, corpus)
                _report(f"memory, --jobs 2, n={n:,}", n, median_runs(corpus, tmp, 2, 1 if n > 10000 else args.runs))
        if "full" in parts:
            import pyarrow.parquet as pq

            n = pq.ParquetFile(ALLSIDES).metadata.num_rows  # every row read; empty ones go to the errors file
            rs = [run_once(score_cmd(ALLSIDES, tmp / f"full_{i}.parquet", cores or 1)) for i in range(args.full_runs)]
            _report(f"whole AllSides corpus (its Parquet file), --jobs {cores}", n, rs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

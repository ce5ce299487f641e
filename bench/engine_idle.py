"""How much of a `relscore score --jobs N` run its worker processes wait for work: each
batch's start and end in its worker are recorded, and the idle share is the worker-seconds
when fewer than N batches were being scored, between the first batch's start and the last
one's end. It is what the engine's batching and worker replacement cost, and depends little
on the machine's load (CPU time and wall time do).

    python bench/engine_idle.py --articles 3000 --runs 2 --against /tmp/before

Each tree (this one, and the tree of ``--against``) runs in turn in its own process, so both
see the same load. AllSides articles from ../shared, as bench/speed.py samples them.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_chunk(*args, **kwargs):
    """``score_chunk`` with its start and end time on the result (module level: workers unpickle it)."""
    from scoring.run import chunks

    t = time.time()
    result = chunks.score_chunk(*args, **kwargs)
    result.timing = (t, time.time())
    return result


def probe(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """One in-process run of this tree's `relscore score`, its batches timed in the workers."""
    from relscore.cli import main
    from scoring.run import local, workers

    workers.score_chunk = timed_chunk  # the workers are forked after this, so they run it
    marks: list[tuple[float, float]] = []
    write = local.LocalRun._write

    def recording(self, batch, result):
        marks.append(getattr(result, "timing", (0.0, 0.0)))
        return write(self, batch, result)

    local.LocalRun._write = recording
    t0 = time.time()
    main(["score", str(corpus), "--out", str(out), "--spans", str(out.with_suffix(".spans.jsonl")),
          "--jobs", str(jobs), "-q"])
    wall = time.time() - t0
    events = sorted([(s, 1) for s, _ in marks] + [(e, -1) for _, e in marks])
    running, prev, idle = 0, events[0][0], 0.0
    for t, step in events:
        idle += (t - prev) * max(0, jobs - running)
        running, prev = running + step, t
    span = events[-1][0] - events[0][0]
    return {"wall": wall, "span": span, "idle_share": idle / (jobs * span), "batches": len(marks),
            "load": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--against", metavar="DIR", help="a tree of the code before")
    ap.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)  # internal: CORPUS OUT, JSON out
    args = ap.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(Path(args.probe[0]), Path(args.probe[1]), args.jobs)))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from speed import ALLSIDES, write_corpus

    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found", file=sys.stderr)
        return 0
    trees = {"this tree": ROOT, **({"before": Path(args.against).resolve()} if args.against else {})}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp_name:
        corpus = Path(tmp_name) / "corpus.jsonl"
        write_corpus(args.articles, corpus)
        for i in range(args.runs):
            for name, tree in trees.items():
                out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--jobs", str(args.jobs),
                                      "--probe", str(corpus), str(Path(tmp_name) / f"o{i}.parquet")],
                                     env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree, check=True,
                                     capture_output=True, text=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                results[name].append(r)
                print(f"  {name}: idle {100 * r['idle_share']:.1f}% of {args.jobs} x {r['span']:.1f} s, "
                      f"{r['batches']:.0f} batches, wall {r['wall']:.1f} s, load {r['load']:.1f}", flush=True)
    for name, rs in results.items():
        print(f"{name}: workers idle, median {100 * statistics.median(r['idle_share'] for r in rs):.1f}% "
              f"of the run ({args.articles:,} articles, --jobs {args.jobs}, {args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

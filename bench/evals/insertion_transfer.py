"""Insertion figures on outlets the rules had not seen: each fresh dev batch of the real-news corpus
scored by the tree that stood when it arrived, and by every later one (issue 18).

    python -m bench.evals.insertion_transfer [--misses DIR]

A batch is the dev rows that one commit added to ``articles.csv`` (``BATCHES``: that commit and the
tree that scored the batch before any rule was tuned on it). Each tree is checked out with
``git archive`` into a temporary directory, given today's gold, and run with
``python -m bench.evals.realnews --split dev --ids``; the current tree is run as it is. A tree is
fresh on a batch that arrived at or after it: its figure there is a transfer figure, the others
are fits. ``--misses DIR`` also writes each batch's missed lines under its arrival tree
(``bench.evals.insertion_misses``), for classifying by form. The test half is never read.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scoring.model.datasets import shared_dir

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = "tests/regression/realnews"
#: (batch, the commit that added its rows to articles.csv, the tree that scored it on arrival), oldest
#: first; the ninth batch's rows came with 27960d2 and its gold with 045794f, the tenth's with a6568fe and 4a9da2e.
BATCHES = (("5", "b7b42f9", "878eaf8"), ("6", "15ceca4", "15ceca4"),
           ("7", "0491b72", "99f5c19"), ("8", "6bea5c0", "d14c958"), ("9", "27960d2", "27960d2"),
           ("10", "a6568fe", "a6568fe"))
FIGURES = ("insertion_line_recall", "insertion_char_precision", "insertion_n_gold")


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _dev_ids(commit: str) -> set[str]:
    rows = csv.DictReader(io.StringIO(_git("show", f"{commit}:{GOLD_DIR}/articles.csv")))
    return {r["id"] for r in rows if r["split"] == "dev"}


def batch_ids() -> dict[str, list[str]]:
    """The dev ids each batch's commit added."""
    return {b: sorted(_dev_ids(c) - _dev_ids(f"{c}~1")) for b, c, _ in BATCHES}


def _checkout(commit: str, into: Path) -> Path:
    """``commit``'s tree under ``into`` with today's gold (older gold lacks later batches)."""
    tree = into / commit
    tree.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    shutil.rmtree(tree / GOLD_DIR)
    shutil.copytree(ROOT / GOLD_DIR, tree / GOLD_DIR)
    return tree


def _run(tree: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree), "RELSCORE_SHARED": str(shared_dir())}
    return subprocess.run([sys.executable, "-m", *args], cwd=tree, env=env, check=True,
                          capture_output=True, text=True).stdout


def figures(tree: Path, ids: Path) -> dict[str, float]:
    """Insertion line recall, character precision and gold line count of ``tree`` on the ids in ``ids``."""
    out = {}
    for line in _run(tree, "bench.evals.realnews", "--split", "dev", "--ids", str(ids)).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in FIGURES:
            out[parts[0]] = float(parts[1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=Path, help="write each batch's missed lines under its arrival tree here")
    args = ap.parse_args()
    ids = batch_ids()
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        for b, rows in ids.items():
            (tmpd / f"b{b}.ids").write_text("\n".join(rows) + "\n", encoding="utf-8")
        trees = [(c, _checkout(c, tmpd), i) for i, (_, _, c) in enumerate(BATCHES)] + [("current", ROOT, len(BATCHES))]
        print(f"{'tree':9} " + "".join(f"  {f'batch {b} ({len(r)} articles)':20}" for b, r in ids.items()) + "  fresh pooled")
        for name, tree, first_fresh in trees:
            cells, found, gold = [], 0.0, 0.0
            for k, (b, _, _) in enumerate(BATCHES):
                f = figures(tree, tmpd / f"b{b}.ids")
                fresh = k >= first_fresh
                if fresh:
                    found += f["insertion_line_recall"] * f["insertion_n_gold"]
                    gold += f["insertion_n_gold"]
                cells.append(f"{f['insertion_line_recall']:.3f} / {f['insertion_char_precision']:.3f}{'*' if fresh else ' '}")
            pooled = f"{found / gold:.3f}" if gold else "-"
            print(f"{name:9} " + "".join(f"  {c:20}" for c in cells) + f"  {pooled}")
        print("line recall / character precision; * = the tree had not seen the batch (a transfer figure)")
        if args.misses:
            args.misses.mkdir(parents=True, exist_ok=True)
            for (b, _, commit), (_, tree, _) in zip(BATCHES, trees):
                shutil.copy(ROOT / "bench" / "evals" / "insertion_misses.py", tree / "bench" / "evals")
                text = _run(tree, "bench.evals.insertion_misses", "--ids", str(tmpd / f"b{b}.ids"))
                (args.misses / f"batch{b}_{commit}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""A/B of the feature stages of two trees in one process: this tree's ``features`` package and another
tree's, loaded side by side, time segment (``parse``), hedging, sourcing and loaded on the same articles
in interleaved rounds, and check that both give the same output.

On a machine shared with other jobs a stage's time moves by 5-10% between fresh processes of the same
code (see bench/RESULTS.md, stop 42). Here both trees run the same inputs in alternating rounds of one
process, so they see the same load over time, and their outputs are checked equal each round; identical
code still read 0.89-1.17x a stage over 6-8 rounds at load 3-4, so run it once with ``--against`` this
tree itself to read the spread before reading a change.

    python bench/ab_features.py --against /tmp/before --corpus /tmp/c500.jsonl --rounds 8

The corpus is JSON lines with "text" (and optionally "title"), e.g. ``bench.speed.write_corpus``'s.
The other tree's ``features`` must import only itself and the standard library's or installed packages
(true of every tree so far); the loaded model's type cache is emptied before each round, as in a fresh
run.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import importlib
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

#: (stage, module of ``features``, function) in the order a run calls them.
STAGES = (("segment", "text", "parse"), ("hedging", "hedging", "extract_hedging"),
          ("sourcing", "sourcing", "extract_sourcing"), ("loaded", "loaded", "extract_loaded"))


def load_features(root: Path, name: str) -> ModuleType:
    """The ``features`` package of the tree at ``root``, imported under the module name ``name``."""
    if name in sys.modules:
        return sys.modules[name]
    init = root / "features" / "__init__.py"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        raise SystemExit(f"no features package in {root}")
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package


def _module(package: ModuleType, module: str) -> ModuleType:
    return importlib.import_module(f"{package.__name__}.{module}")


def prepared(package: ModuleType, records: list[dict[str, Any]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per article, the text the extractors read and the inserted ranges ``parse`` blanks (as ``analyze``)."""
    # the pipeline's own name for the repair, wherever a tree defines it
    repair_marks = _module(package, "pipeline").repair_marks
    insertions = _module(package, "insertions")
    out = []
    for r in records:
        read = repair_marks(r["text"])
        _, spans = insertions.clean_doc(read, r.get("title"))
        out.append((read, [(s.start, s.end) for s in spans]))
    return out


def one_round(package: ModuleType, inputs: list[tuple[str, list[tuple[int, int]]]],
              clock: Callable[[], float] = time.process_time) -> tuple[dict[str, float], str]:
    """Seconds of each stage over ``inputs`` and a digest of everything the stages returned."""
    _module(package, "loaded_model").load_model()._clear_cache()
    times: dict[str, float] = {}
    parse = getattr(_module(package, "text"), "parse")
    t = clock()
    docs = [parse(read, exclude) for read, exclude in inputs]
    times["segment"] = clock() - t
    digest = hashlib.sha1(repr([(d.tokens, d.sentences, [(q.start, q.end, q.label) for q in d.quotes])
                                for d in docs]).encode())
    for stage, module, name in STAGES[1:]:
        extract = getattr(_module(package, module), name)
        t = clock()
        done = [extract(d) for d in docs]
        times[stage] = clock() - t
        digest.update(repr([(e.features, [(s.start, s.end, s.kind, s.label, s.voice, s.score) for s in e.spans])
                            for e in done]).encode())
    return times, digest.hexdigest()


def compare(packages: dict[str, ModuleType], inputs: list[tuple[str, list[tuple[int, int]]]],
            rounds: int) -> dict[str, dict[str, list[float]]]:
    """Each stage's seconds per round for each package, the packages' order alternating by round;
    raises ValueError when two packages' outputs differ."""
    times: dict[str, dict[str, list[float]]] = {tag: {s: [] for s, _, _ in STAGES} for tag in packages}
    tags = list(packages)
    enabled = gc.isenabled()
    gc.disable()  # a collection lands in whichever stage allocates: collected between rounds instead
    try:
        for k in range(rounds):
            digests = {}
            for tag in (tags if k % 2 == 0 else tags[::-1]):
                got, digests[tag] = one_round(packages[tag], inputs)
                for stage, seconds in got.items():
                    times[tag][stage].append(seconds)
                gc.collect()
            if len(set(digests.values())) > 1:
                raise ValueError(f"outputs differ in round {k}: {digests}")
    finally:
        if enabled:
            gc.enable()
    return times


def table(times: dict[str, dict[str, list[float]]], before: str, after: str) -> list[str]:
    """Lines of a Markdown table: each stage's median and min, before -> after, and the ratio of the medians."""
    lines = ["| stage | before (median, min) | this tree (median, min) | before / this tree |", "| --- | ---: | ---: | ---: |"]
    for stage, _, _ in STAGES:
        b, a = times[before][stage], times[after][stage]
        lines.append(f"| {stage} | {statistics.median(b):.3f}, {min(b):.3f} | {statistics.median(a):.3f}, {min(a):.3f} "
                     f"| {statistics.median(b) / max(statistics.median(a), 1e-9):.2f}x |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, required=True, help="the other tree (the 'before')")
    ap.add_argument("--corpus", type=Path, required=True, help="JSON lines with 'text' and 'title'")
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    packages = {"before": load_features(args.against.resolve(), "features_before"),
                "this tree": importlib.import_module("features")}
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    inputs = prepared(packages["before"], records)
    times = compare(packages, inputs, args.rounds)
    print(f"{len(records)} articles, {args.rounds} interleaved rounds in one process, CPU seconds; outputs equal")
    print("\n".join(table(times, "before", "this tree")))


if __name__ == "__main__":
    main()

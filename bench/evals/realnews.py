"""Every extractor on the real-news regression corpus (tests/regression/realnews), per half.

Scored through the public pipeline (``features.analyze`` with each article's title), with the
definitions of ``../shared/METRICS.md`` as implemented in ``scoring.gold.realnews``. Rules are tuned on
the ``dev`` half; ``test`` is the number to report.

The regression guard (tests/regression/test_realnews.py) holds the pipeline to the figures in
``tests/regression/realnews/baseline.json``; ``--write-baseline`` records the current ones there (for the halves scored)
after a deliberate change (say why in the commit).

``--ci`` adds each guarded figure's 95% interval from a bootstrap over outlets
(``bench.evals.outlet_bootstrap``): how far the figure could move with another draw of outlets.

Run: ``python -m bench.evals.realnews [--split test] [--ids FILE] [--write-baseline] [--ci]``
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.evals.outlet_bootstrap import outlet_intervals
from features import analyze
from scoring.gold.realnews import GoldDoc, load_corpus
from scoring.gold.realnews import evaluate as score_spans

HERE = Path(__file__).resolve().parents[2] / "tests" / "regression" / "realnews"
CORPUS = HERE / "gold.jsonl"
BASELINE = HERE / "baseline.json"
#: Figures the regression guard holds (per half).
GUARDED = ("insertion_line_recall", "insertion_char_precision", "hedge_sentence_f1", "hedge_cue_f1",
           "attribution_cue_f1", "attribution_source_f1")


def predict(docs: list[GoldDoc]) -> dict[str, list]:
    """Spans relscore finds in each article."""
    return {d.id: analyze(d.text, d.title).spans for d in docs}


def scored(split: str | None, ids: frozenset[str] | None = None) -> tuple[list[GoldDoc], dict[str, list]]:
    """One half's articles (or all when ``split`` is None, or only those in ``ids``) and relscore's spans."""
    docs = [d for d in load_corpus(CORPUS, split=split) if ids is None or d.id in ids]
    return docs, predict(docs)


def run(split: str | None, ids: frozenset[str] | None = None) -> dict[str, float]:
    """Figures on one half (or all articles when ``split`` is None), optionally only the articles in ``ids``."""
    return score_spans(*scored(split, ids))


def evaluate(shared: Path | None = None, limit: int | None = None) -> dict[str, float]:
    """Test-half figures with the guarded ones' outlet-bootstrap intervals (``_low``/``_high``), and the dev
    half's guarded figures with a ``dev_`` prefix (for bench/eval_extractors.py)."""
    docs, predicted = scored("test")
    out = score_spans(docs, predicted)
    for k, (_, low, high) in outlet_intervals(docs, predicted).items():
        out[f"{k}_low"], out[f"{k}_high"] = low, high
    out.update({f"dev_{k}": v for k, v in run("dev").items() if k in GUARDED})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", choices=["dev", "test", "samples"],
                    help="half to score (repeatable; default: test, dev and samples)")
    ap.add_argument("--write-baseline", action="store_true", help=f"record the guarded figures in {BASELINE.name}")
    ap.add_argument("--ids", type=Path, help="score only the article ids listed in this file (one per line)")
    ap.add_argument("--ci", action="store_true", help="print the guarded figures' 95%% outlet-bootstrap intervals")
    args = ap.parse_args()
    splits = args.split or ["test", "dev", "samples"]
    ids = frozenset(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    if ids is not None and args.write_baseline:
        ap.error("--write-baseline records whole halves; leave out --ids")
    halves = {s: scored(s, ids) for s in splits}
    results = {s: score_spans(*halves[s]) for s in splits}
    if args.write_baseline:
        # halves not scored in this run keep their recorded figures
        recorded = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
        recorded.update({s: {k: round(results[s][k], 4) for k in GUARDED} for s in splits})
        BASELINE.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
    keys = [k for k in results[splits[0]] if not k.startswith("insertion_recall_")]
    print(f"{'metric':34s}" + "".join(f"{s:>10s}" for s in splits))
    for k in keys:
        print(f"{k:34s}" + "".join(f"{results[s].get(k, float('nan')):10.3f}" for s in splits))
    if args.ci:
        print("\n95% interval, bootstrap over outlets (2,000 draws, seed 0)")
        for s in splits:
            for k, (value, low, high) in outlet_intervals(*halves[s]).items():
                print(f"{s:8s} {k:28s} {value:7.3f}  [{low:.3f}, {high:.3f}]")


if __name__ == "__main__":
    main()

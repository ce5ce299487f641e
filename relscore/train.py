"""``relscore train`` and ``relscore evaluate``: fit a score model on labelled corpora, and
validate it (grouped by outlet, plus a time split) against baselines. What each takes is
said in :data:`CORPORA_AND_LABELS`, the plain-text description both commands print; the
lean target (``--target lean``) has its own labels (:data:`LEAN_LABELS`)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

from relscore.cli import UsageError
from scoring.model.bundled import build_bundled, rewrite_card, update_validity
from scoring.model.evaluate import format_report
from scoring.model.files import LEAN_TARGET, MODEL_TARGETS, load_model, model_target, save_model
from scoring.model.lean_eval import format_lean_report, lean_metrics
from scoring.model.lean_training import LeanTrainError, evaluate_lean_frame, lean_frame, train_lean
from scoring.model.training import TrainError, evaluate_models, evaluate_targets, gather, jsonable, train_target


#: The help description of ``train`` and ``evaluate`` (plain text: argparse prints it as written).
CORPORA_AND_LABELS = """\
Corpora: anything 'relscore score' reads, a precomputed feature table (a .parquet holding
every feature column, such as the output of 'relscore score --out x.parquet'; add a text
column for the wording component), and/or the shared training corpora with
--shared-data ../shared.
Labels: MBFC snapshots, domain,label CSVs, continuous domain,score CSVs (Lin et al. 2023)
and article-level id,label CSVs (such as hyperpartisan true/false)."""
LEAN_LABELS = """\
Lean (--target lean): the shared AllSides articles' own left/center/right labels, and/or
--corpus inputs with --labels: id,label CSVs (left/center/right or -1/0/1) or outlet ratings
(domain,label CSVs such as AllSides' or MBFC's bias categories, read as left of centre,
centre, right of centre). Articles need an outlet: every split is by outlet."""
TRAIN_DESCRIPTION = ("Fit a reliability, bias or lean model on labelled corpora and save it as a skops file.\n\n"
                     + CORPORA_AND_LABELS + "\n" + LEAN_LABELS + "\n\n'relscore train --bundled --shared-data ../shared --out "
                     "scoring/models' rebuilds the\nbundled models, their evaluation.json and MODEL_CARD.md.")
EVALUATE_DESCRIPTION = ("Validate the model recipe grouped by outlet (plus a time split) against\n"
                        "baselines, or score given model files on labelled data.\n\n" + CORPORA_AND_LABELS + "\n"
                        + LEAN_LABELS)


def _gather(args: argparse.Namespace) -> tuple[Any, list[str]]:
    if not args.corpus and not args.shared_data:
        raise UsageError("give --corpus INPUT... and/or --shared-data DIR")
    return gather(args.corpus or (), args.shared_data, args.labels or (), args.allsides_cap, args.seed, args.limit)


def run_bundled(args: argparse.Namespace) -> int:
    """``relscore train --bundled``: rebuild the bundled models (or only their card)."""
    out = Path(args.out)
    if args.card_only:
        print(f"wrote {rewrite_card(out)}", file=sys.stderr)
        return 0
    if not args.shared_data:
        raise UsageError("--bundled needs --shared-data DIR (the shared training corpora)")
    if args.validity_only:
        logging.getLogger("scoring").setLevel(logging.INFO)
        card = update_validity(Path(args.shared_data), out, args.allsides_cap, args.seed, args.folds, args.limit)
        print(f"wrote the criteria validity into {out / 'evaluation.json'} and {card}", file=sys.stderr)
        return 0
    if args.corpus or args.labels:
        raise UsageError("--bundled builds from the shared data alone: drop --corpus/--labels")
    out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("scoring").setLevel(logging.INFO)
    build_bundled(Path(args.shared_data), out, args.allsides_cap, args.seed, args.folds, not args.no_eval,
                  args.check_folds, args.limit, targets=(args.target,) if args.target else MODEL_TARGETS)
    print(f"wrote the bundled models to {out}" + ("" if args.no_eval else " with evaluation.json and MODEL_CARD.md"),
          file=sys.stderr)
    return 0


def run_train(args: argparse.Namespace) -> int:
    """``relscore train``: see ``relscore train --help``."""
    if args.bundled or args.card_only or args.validity_only:
        return run_bundled(args)
    if not args.target:
        raise UsageError("give --target reliability|bias|lean (or --bundled)")
    if args.target == LEAN_TARGET:
        return _train_lean(args)
    df, sources = _gather(args)
    model = train_target(df, args.target, seed=args.seed, use_text=not args.no_text, sources=sources)
    path = save_model(model, args.out)
    print(f"trained {args.target} on {model.meta_['n_train']} articles from {model.meta_['n_outlets']} outlets "
          f"(classes {model.meta_['classes']}); wrote {path}", file=sys.stderr)
    return 0


def _lean_data(args: argparse.Namespace) -> tuple[Any, list[str]]:
    if not args.corpus and not args.shared_data:
        raise UsageError("give --corpus INPUT... and/or --shared-data DIR")
    return lean_frame(args.corpus or (), args.shared_data, args.labels or (), args.allsides_cap, args.seed, args.limit)


def _train_lean(args: argparse.Namespace) -> int:
    df, sources = _lean_data(args)
    model = train_lean(df, args.seed, sources)
    path = save_model(model, args.out)
    print(f"trained lean on {model.meta_['n_train']} articles from {model.meta_['n_outlets']} outlets "
          f"(left/centre/right {model.meta_['class_counts']}); wrote {path}", file=sys.stderr)
    return 0


def _evaluate_lean(args: argparse.Namespace) -> dict[str, Any]:
    df, sources = _lean_data(args)
    labels_dir = Path(args.shared_data) / "data" / "labels" if args.shared_data else None
    # the shipped settings were tuned on a fifth of the AllSides outlets: those are left out of its figures
    res = evaluate_lean_frame(df, args.folds, args.seed, exclude_dev=bool(args.shared_data),
                              **({"labels_dir": labels_dir} if labels_dir else {}))
    print(format_lean_report(res))
    return {"sources": sources, LEAN_TARGET: res}


def _score_lean_models(args: argparse.Namespace, models: dict[str, Any]) -> dict[str, Any]:
    df, _ = _lean_data(args)
    out = {}
    for p, model in models.items():
        res = {"model": p, "n_articles": len(df), "n_outlets": int(df["outlet"].nunique()),
               **lean_metrics(df["y"].to_numpy(), model.predict_proba(df))}
        print(f"lean ({p}): " + json.dumps(res, default=str))
        out[p] = res
    return out


def run_evaluate(args: argparse.Namespace) -> int:
    """``relscore evaluate``: see ``relscore evaluate --help``."""
    loaded = {p: load_model(p) for p in args.model or ()}
    lean_models = {p: m for p, m in loaded.items() if model_target(m) == LEAN_TARGET}
    if args.target == LEAN_TARGET or (lean_models and len(lean_models) == len(args.model)):
        results = {LEAN_TARGET: _score_lean_models(args, lean_models)} if args.model else _evaluate_lean(args)
        _write_json(args, results)
        return 0
    if lean_models:
        raise UsageError(f"evaluate lean model files apart from the others ({', '.join(lean_models)}): "
                         "their labels differ")
    df, sources = _gather(args)
    results: dict[str, Any] = {"sources": sources}
    if args.model:
        results["models"] = evaluate_models(df, args.model)
        for target, res in results["models"].items():
            print(f"{target} ({res['model']}): " + json.dumps({k: v for k, v in res.items()
                                                               if not k.endswith("calibration")}, default=str))
    else:
        for target, res in evaluate_targets(df, args.target, args.folds, args.seed, not args.no_text).items():
            results[target] = res
            print(format_report(res))
            print()
    _write_json(args, results)
    return 0


def _write_json(args: argparse.Namespace, results: dict[str, Any]) -> None:
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1, default=jsonable))
        print(f"wrote {args.json}", file=sys.stderr)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", nargs="+", action="extend", metavar="INPUT",
                   help="corpora (any input 'relscore score' reads, or a .parquet feature table)")
    p.add_argument("--shared-data", metavar="DIR", help="also use the shared training corpora in DIR (../shared)")
    p.add_argument("--labels", nargs="+", action="extend", metavar="FILE",
                   help="label files: MBFC snapshots, domain,label, domain,score or id,label CSV "
                        "(default with --shared-data: MBFC snapshots + Lin et al. 2023)")
    p.add_argument("--allsides-cap", type=int, default=60, metavar="N",
                   help="with --shared-data: at most N AllSides articles per outlet (default 60; 0 = all)")
    p.add_argument("--limit", type=int, metavar="N",
                   help="read at most N rows per --corpus input, and per shared corpus with --shared-data")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--no-text", action="store_true", help="features only: no TF-IDF wording component")


def register(subparsers: Any) -> None:
    """Add ``train`` and ``evaluate`` to the relscore command."""
    t = subparsers.add_parser("train", help="fit a reliability, bias or lean model on labelled corpora",
                              description=TRAIN_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(t)
    t.add_argument("--target", choices=MODEL_TARGETS,
                   help="the score to train (required without --bundled; with --bundled, rebuild only this model "
                        "and keep the others' entries in evaluation.json)")
    t.add_argument("--out", required=True, metavar="MODEL.skops|DIR",
                   help="the model file; with --bundled, the folder of the bundled models (scoring/models)")
    b = t.add_argument_group("the bundled models")
    b.add_argument("--bundled", action="store_true",
                   help="build the three bundled models from --shared-data with fixed seeds, validate them and "
                        "write evaluation.json and MODEL_CARD.md into --out (~1-1.5 h on 2 cores)")
    b.add_argument("--card-only", action="store_true",
                   help="only rewrite OUT/MODEL_CARD.md from OUT/evaluation.json (after editing the card's prose)")
    b.add_argument("--validity-only", action="store_true",
                   help="only measure the journalistic criteria's outlet-level validity (and the full score's, "
                        "out of fold) into OUT/evaluation.json and rewrite the card; needs --shared-data")
    b.add_argument("--no-eval", action="store_true", help="with --bundled: only fit and save the models")
    b.add_argument("--folds", type=int, default=5, help="with --bundled: outlet-grouped folds (default 5)")
    b.add_argument("--check-folds", type=int, default=10,
                   help="with --bundled: also validate bias with this many folds (0: skip), nearer the shipped "
                        "model's data size (default 10)")
    t.set_defaults(func=_guard(run_train))
    e = subparsers.add_parser("evaluate", help="grouped-by-outlet validation against baselines",
                              description=EVALUATE_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(e)
    e.add_argument("--target", default="both", choices=(*MODEL_TARGETS, "both"),
                   help="the score to validate (default: both, reliability and bias)")
    e.add_argument("--model", nargs="+", action="extend", metavar="MODEL.skops",
                   help="score these model files on the corpus instead of cross-validating the recipe")
    e.add_argument("--folds", type=int, default=5, help="outlet-grouped folds (default 5)")
    e.add_argument("--json", metavar="OUT.json", help="also write every number to this JSON file")
    e.set_defaults(func=_guard(run_evaluate))


def _guard(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        if getattr(args, "allsides_cap", None) == 0:
            args.allsides_cap = None
        try:
            return func(args)
        except (TrainError, LeanTrainError, FileNotFoundError) as e:
            raise UsageError(str(e)) from e
    return run

"""The bundled models: built from the shared corpora with fixed seeds, validated, described.

For each target (reliability, bias, lean): grouped-by-outlet cross-validation and a time split
of the shipped recipe against the baselines, then the final fit on every labelled article
(``<target>.skops``); the report goes to ``evaluation.json`` and the model card
(``MODEL_CARD.md``) is written from it. A full build takes ~1-1.5 h on 2 cores.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any, Sequence

from features import FEATURE_NAMES
from features.criteria import CRITERIA
from scoring.model.card import write_card
from scoring.model.datasets import feature_version
from scoring.model.calibration import pipeline_parts
from scoring.model.estimator import CRITERIA_FAMILY, TARGETS, ScoreModel
from scoring.model.evaluate import Prepared, evaluate_prepared, format_report, model_runners
from scoring.model.files import BUILD_COMMAND, LEAN_TARGET, MODEL_TARGETS, save_model
from scoring.model.lean_eval import EVAL_CAP
from scoring.model.lean_training import BUNDLED_CAP, evaluate_lean_frame, lean_frame, train_lean
from scoring.model.training import apply_label_files, class_summary, load_shared, prepared, shared_labels, train_target
from scoring.model.validity import criteria_validity, full_score_oof

log = logging.getLogger(__name__)

REPORT_FILE = "evaluation.json"
CARD_FILE = "MODEL_CARD.md"


def _label_summary(prep: Prepared) -> dict[str, Any]:
    d = prep.data
    if prep.target == "reliability":
        by_label = d["rel3"].astype(object).where(d["rel3"].notna(), "Lin et al. only")
    else:
        by_label = d["corpus"].astype(str) + " y=" + d["y"].astype(int).astype(str)
    return {"classes": class_summary(prep),
            "by_label": {str(k): {"articles": int(len(g)), "outlets": int(g["outlet"].nunique())}
                         for k, g in d.groupby(by_label.to_numpy())},
            "corpora": {str(k): int(v) for k, v in d["corpus"].value_counts().items()}}


def _evaluation(prep: Prepared, folds: int, seed: int, check_folds: int) -> dict[str, Any]:
    t0 = time.time()
    res = evaluate_prepared(prep, n_splits=folds, seed=seed)
    log.info("%s evaluated in %.0fs\n%s", prep.target, time.time() - t0, format_report(res))
    entry: dict[str, Any] = {"evaluation": res}
    if prep.target == "bias" and check_folds:
        # the shipped model trains on every outlet, a 5-fold model on 80% of them: more folds
        # (each on 90%) show how much the score still grows with training outlets
        t0 = time.time()
        runners = {k: v for k, v in model_runners(seed=seed).items() if k in ("relscore", "tfidf_lr")}
        more = evaluate_prepared(prep, n_splits=check_folds, seed=seed, runners=runners, time_split=False)
        log.info("%s %d-fold check in %.0fs", prep.target, check_folds, time.time() - t0)
        entry["evaluation_more_folds"] = {"split": more["split"], "mean": more["mean"], "folds": more["folds"]}
    return entry


def build_bundled(shared: Path, out: Path, allsides_cap: int | None = 60, seed: int = 0, folds: int = 5,
                  evaluate: bool = True, check_folds: int = 10, limit: int | None = None,
                  targets: Sequence[str] = MODEL_TARGETS) -> dict[str, Any]:
    """Build the bundled models of ``targets`` (default all three) into ``out`` and return the build
    report; with ``evaluate`` also write ``evaluation.json`` and ``MODEL_CARD.md`` there (a build of
    some targets keeps the others' entries of the existing report). ``limit`` (at most that many
    articles per shared corpus) makes a small build for checking the machinery, not a model to ship."""
    unknown = sorted(set(targets) - set(MODEL_TARGETS))
    if unknown or not targets:
        raise ValueError(f"targets must be among {MODEL_TARGETS}, got {list(targets)}")
    report: dict[str, Any] = {}
    if evaluate and set(targets) != set(MODEL_TARGETS):
        if (out / REPORT_FILE).is_file():  # the other models' entries stay as built
            report = json.loads((out / REPORT_FILE).read_text())
        elif not set(TARGETS) <= set(targets):  # the card needs both score models' entries
            raise FileNotFoundError(f"{out / REPORT_FILE} not found: a build of {list(targets)} alone joins the "
                                    "report of a full build")
    report.update({"command": BUILD_COMMAND, "allsides_cap": allsides_cap, "seed": seed,
                   "feature_version": feature_version(), "n_features": len(FEATURE_NAMES)})
    if limit:
        report["limit"] = limit
    if LEAN_TARGET in targets:
        report[LEAN_TARGET] = lean_entry(shared, out, seed, folds, evaluate, limit)
    scored = [t for t in targets if t in TARGETS]
    if scored:
        _build_scores(report, shared, out, allsides_cap, seed, folds, evaluate, check_folds, limit, scored)
    if evaluate:
        (out / REPORT_FILE).write_text(json.dumps(report, indent=1, default=str))
        write_card(report, out / CARD_FILE)
    return report


def _build_scores(report: dict[str, Any], shared: Path, out: Path, allsides_cap: int | None, seed: int, folds: int,
                  evaluate: bool, check_folds: int, limit: int | None, targets: Sequence[str]) -> None:
    """The reliability and bias models of ``targets`` and their entries of ``report``."""
    df, described = _labelled(shared, allsides_cap, seed, limit)
    sources = ["shared corpora: allsides, hyperpartisan (by-article train), fakenews_sample"] + described
    for target in targets:
        prep = prepared(df, target)
        entry = _label_summary(prep)
        if evaluate:
            entry.update(_evaluation(prep, folds, seed, check_folds))
        t0 = time.time()
        model = train_target(df, target, seed=seed, sources=sources)
        path = save_model(model, out / f"{target}.skops")
        log.info("%s trained in %.0fs -> %s (%.1f MB)", target, time.time() - t0, path, path.stat().st_size / 1e6)
        entry["meta"] = model.meta_
        entry["feature_version"] = report["feature_version"]
        if CRITERIA_FAMILY in model.families_:
            entry["criteria_weights"] = criteria_weights(model)
        entry["file_mb"] = round(path.stat().st_size / 1e6, 2)
        report[target] = entry
    if evaluate and "reliability" in targets:
        report["criteria_validity"] = criteria_entry(df, seed, folds)


def lean_entry(shared: Path, out: Path, seed: int, folds: int, evaluate: bool, limit: int | None) -> dict[str, Any]:
    """Validate the lean recipe (grouped CV on at most ``EVAL_CAP`` articles per AllSides outlet),
    fit the shipped lean model (at most ``BUNDLED_CAP`` per outlet) into ``out`` and describe both."""
    entry: dict[str, Any] = {}
    if evaluate:
        t0 = time.time()
        d, _ = lean_frame(shared_data=shared, cap=EVAL_CAP, seed=seed, limit=limit)
        entry["evaluation"] = evaluate_lean_frame(d, folds, seed, labels_dir=shared / "data" / "labels")
        entry["evaluation"]["seconds"] = round(time.time() - t0)
        log.info("lean evaluated in %.0fs", time.time() - t0)
    t0 = time.time()
    d, sources = lean_frame(shared_data=shared, cap=BUNDLED_CAP, seed=seed, limit=limit)
    model = train_lean(d, seed, sources)
    path = save_model(model, out / f"{LEAN_TARGET}.skops")
    log.info("lean trained in %.0fs -> %s (%.1f MB)", time.time() - t0, path, path.stat().st_size / 1e6)
    entry.update(meta=model.meta_, params={k: v for k, v in model.get_params().items() if k != "processes"},
                 cap=BUNDLED_CAP, eval_cap=EVAL_CAP, fit_seconds=round(time.time() - t0),
                 file_mb=round(path.stat().st_size / 1e6, 2), feature_version=feature_version())
    return entry


def criteria_weights(model: ScoreModel) -> dict[str, float]:
    """The fitted weight (log-odds per unit of the scaled column, never negative) of each criterion."""
    coef = pipeline_parts(model.pipeline_)[1].coef_[0]
    return {c: round(float(coef[model.columns_.index(c)]), 4) for c in model.families_.get(CRITERIA_FAMILY, ())}


def _labelled(shared: Path, allsides_cap: int | None, seed: int, limit: int | None) -> tuple[Any, list[str]]:
    df = load_shared(shared, allsides_cap, seed, limit=limit)
    return apply_label_files(df, shared_labels(shared))


def criteria_entry(df: Any, seed: int, folds: int) -> dict[str, Any]:
    """The criteria's outlet-level validity on the reliability target, beside the full score's
    (``df`` carries the CRITERIA columns, made by the same analysis as its features)."""
    t0 = time.time()
    prep = prepared(df, "reliability")
    crit = prep.data[list(CRITERIA)]
    entry = criteria_validity(prep, crit, full_score_oof(prep, folds, seed), folds, seed)
    log.info("criteria validity in %.0fs", time.time() - t0)
    return entry


def update_validity(shared: Path, out: Path, allsides_cap: int | None = 60, seed: int = 0, folds: int = 5,
                    limit: int | None = None) -> Path:
    """Measure the criteria's validity into ``out``'s ``evaluation.json`` and rewrite the card, leaving
    the models and their evaluation as built."""
    report_path = out / REPORT_FILE
    if not report_path.is_file():
        raise FileNotFoundError(f"{report_path} not found: the validity joins a build's report")
    report = json.loads(report_path.read_text())
    df, _ = _labelled(shared, allsides_cap, seed, limit)
    report["criteria_validity"] = criteria_entry(df, seed, folds)
    report_path.write_text(json.dumps(report, indent=1, default=str))
    return write_card(report, out / CARD_FILE)


def rewrite_card(out: Path) -> Path:
    """Rewrite ``MODEL_CARD.md`` in ``out`` from its ``evaluation.json`` (after editing the card's prose)."""
    report_path = out / REPORT_FILE
    if not report_path.is_file():
        raise FileNotFoundError(f"{report_path} not found: the card is written from a build's report")
    return write_card(json.loads(report_path.read_text()), out / CARD_FILE)

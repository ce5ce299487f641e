"""The model card's ``lean`` section, written from the build report's ``lean`` entry.

Every number comes from the report; only the prose is typed here.
"""
from __future__ import annotations

from typing import Any

NAMES = {"lean": "lean (shipped)", "tfidf_lr": "TF-IDF + LR baseline", "majority": "majority class (prior)"}
MEANING = ("`lean` = 100 x (P(right) - P(left)), from -100 (left) through 0 to +100 (right), with the calibrated "
           "probabilities `lean_left`, `lean_centre`, `lean_right`. It is the political lean of the article's "
           "*language*, learned from AllSides editors' left / center / right labels of 37.5k articles: which words "
           "and phrases the author uses, with every quotation blanked first (a quoted phrase is the speaker's). "
           "It is not a verdict on an article's honesty or accuracy, and it is a different axis from `bias` "
           "(how one-sided and charged an article is, whichever side).")


def fmt3(x: Any) -> str:
    """A figure with three decimals for the card; '-' when missing."""
    return "-" if x is None or x != x else f"{x:.3f}"


def _row(name: str, v: dict[str, Any]) -> str:
    sd = lambda k: f" ± {v[k + '_sd']:.3f}" if k + "_sd" in v else ""  # noqa: E731
    return (f"| {NAMES.get(name, name)} | {fmt3(v.get('macro_f1'))}{sd('macro_f1')} | {fmt3(v.get('accuracy'))}"
            f"{sd('accuracy')} | {fmt3(v.get('mae'))} | {fmt3(v.get('mae_expected'))} | {fmt3(v.get('log_loss'))} | "
            f"{fmt3(v.get('brier'))} | {fmt3(v.get('ece'))} |")


HEAD = ["| model | macro-F1 | accuracy | MAE (class) | MAE (expected position) | log-loss | Brier | ECE |",
        "|---|---|---|---|---|---|---|---|"]


def _fold_lines(ev: dict[str, Any]) -> list[str]:
    models = list(ev["mean"])
    out = ["| fold | " + " | ".join(f"{NAMES.get(m, m)} macro-F1" for m in models) + " |",
           "|---|" + "---|" * len(models)]
    for i, f in enumerate(ev["folds"], 1):
        out.append(f"| {i} | " + " | ".join(fmt3(f[m]["macro_f1"]) for m in models) + " |")
    return out


def _time_lines(ts: dict[str, Any] | None) -> list[str]:
    if not ts:
        return []
    out = ["", f"**Time split** (train before {ts['cutoff']}: {ts['n_train']} articles; test on or after: "
           f"{ts['n_test']}, of which {ts['n_test_unseen_outlets']} from outlets absent before):", "", *HEAD]
    for m in (k for k in ts if isinstance(ts[k], dict)):
        if "skipped" in ts[m]:
            out.append(f"| {NAMES.get(m, m)}: not fitted before the cutoff ({ts[m]['skipped']}) | - | - | - | - |")
            continue
        for part in ("all", "unseen_outlets"):
            if ts[m][part].get("n"):
                out.append(_row(f"{NAMES.get(m, m)}, {part.replace('_', ' ')}", ts[m][part]))
    return out


def _outlet_lines(oc: dict[str, Any] | None) -> list[str]:
    if not oc:
        return []
    names = {"allsides": "AllSides outlet rating", "mbfc": "MBFC bias (date-matched)", "baly2018": "Baly et al. 2018",
             "baly2020": "Baly et al. 2020"}
    out = ["", f"**Outlet level** ({oc['n_outlets']} held-out outlets with at least {oc['min_articles']} articles; "
           "each outlet's mean out-of-fold lean against its rating as a position on a left-right scale):", "",
           "| rating | outlets | Spearman |", "|---|---|---|"]
    out += [f"| {names[k]} | {oc[k]['n_outlets']} | {fmt3(oc[k]['spearman'])} |" for k in names if k in oc]
    return out


def lean_card_lines(entry: dict[str, Any] | None, notes: str = "") -> list[str]:
    """The ``lean`` section of the model card (nothing without a lean entry)."""
    if not entry:
        return []
    meta = entry.get("meta", {})
    L = ["## `lean`", "", MEANING, "",
         f"Trained on {meta.get('n_train')} AllSides articles from {meta.get('n_outlets')} outlets (at most "
         f"{entry.get('cap')} per outlet; left / centre / right {meta.get('class_counts')}); {meta.get('n_terms')} "
         f"terms; base lean (the average training article) {meta.get('base_lean')}; file {entry.get('file_mb')} MB, "
         f"fitted in {entry.get('fit_seconds')} s. Parameters: `{entry.get('params')}`.", ""]
    ev = entry.get("evaluation")
    if ev:
        dev = ev.get("dev_outlets_excluded", 0)
        held = (f"; the {dev} outlets the model's settings were tuned on (a fixed fifth of the outlets, chosen by a "
                "hash of the name: `lean_eval.dev_outlets`) are left out of every figure here") if dev else ""
        L += [f"**Validation on outlets never seen**: {ev['split']}, {ev['n_articles']} articles of "
              f"{ev['n_outlets']} outlets (at most {entry.get('eval_cap')} per outlet){held}. Mean over folds ± sd; "
              "every model in the same folds. Log-loss, Brier (summed over the three classes) and ECE (the most "
              "probable class's probability against its hit rate, in tenths) say how far the probabilities can be "
              "taken at their word:", "", *HEAD]
        L += [_row(m, v) for m, v in ev["mean"].items()]
        if "random_split" in ev:
            L += ["", f"**The same models split by article** ({ev['random_split']['split']}), which lets a model "
                  "learn each outlet's own words and overstates what it does on an outlet it has not seen:", "", *HEAD]
            L += [_row(m, v) for m, v in ev["random_split"]["mean"].items()]
        L += ["", "Per fold:", "", *_fold_lines(ev)]
        L += _time_lines(ev.get("time_split")) + _outlet_lines(ev.get("outlet_check"))
    if notes:
        L += ["", notes]
    return L + [""]

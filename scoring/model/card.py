"""MODEL_CARD.md of the bundled models, written from the build report (evaluation.json).

Every number in the card comes from the report; only the prose is typed here.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from scoring.model.estimator import TARGETS
from scoring.model.files import BUILD_COMMAND
from scoring.model.lean_card import fmt3, lean_card_lines

MODEL_NAMES = {"relscore": "relscore (shipped)", "features_only": "features only", "tfidf_lr": "TF-IDF + LR baseline",
               "majority": "majority (prior) baseline"}
MEANING = {
    "reliability": "calibrated probability (x100) that the article's outlet is rated *reliable* "
                   "(date-matched MBFC factual reporting very-high/high; Lin et al. 2023 score where MBFC has no rating), "
                   "judged from how the article is written. 50 = undecided; it is not a fact-check of the article.",
    "bias": "calibrated probability (x100) that the article is *hyperpartisan* (one-sided, charged), learned from "
            "SemEval-2019 hand labels plus outlet-level MBFC bias ratings as weaker labels. Both classes weigh the "
            "same in training (inside each label source) and in the calibration, which is fitted on the "
            "hand-labelled articles, so 50 means the evidence is balanced between the two, "
            "whatever the share of hyperpartisan articles in a collection; >= 50 reads as hyperpartisan. On a "
            "collection with fewer hyperpartisan articles than others, accuracy at 50 is lower than balanced "
            "accuracy (reported below).",
}


@lru_cache(maxsize=1)
def _notes() -> dict[str, str]:
    """The card's measured prose by section (``scoring/models/CARD_NOTES.md``: ``## name`` headings)."""
    text = resources.files("scoring.models").joinpath("CARD_NOTES.md").read_text(encoding="utf-8")
    parts = text.split("\n## ")[1:]
    return {head.strip(): body.strip() for head, _, body in (p.partition("\n") for p in parts)}


def _metric_table(ev: dict[str, Any], group: str) -> list[str]:
    models = list(ev["mean"])
    head = "| fold | " + " | ".join(f"{MODEL_NAMES.get(m, m)} AUC / F1 / acc / Brier" for m in models) + " |"
    lines = [head, "|---" * (len(models) + 1) + "|"]
    for f in ev["folds"]:
        cells = [" / ".join(fmt3(f[m].get(group, {}).get(k)) for k in ("roc_auc", "macro_f1", "accuracy", "brier"))
                 for m in models]
        lines.append(f"| {f['fold']} (test: {f['test_outlets']} outlets) | " + " | ".join(cells) + " |")
    cells = [" / ".join(fmt3(ev["mean"][m][group].get(k)) for k in ("roc_auc", "macro_f1", "accuracy", "brier"))
             for m in models]
    lines.append("| **mean** | " + " | ".join(f"**{c}**" for c in cells) + " |")
    return lines


NOTES = {
    "reliability": "`reliable_vs_unreliable` pools all corpora; because the corpora differ in format and label mix "
                   "(the FakeNewsCorpus sample is nearly all unreliable), the `..._within_<corpus>` rows score "
                   "reliable vs unreliable outlets inside one corpus only, where telling corpora apart cannot help. "
                   "The time split trains on older articles only; the FakeNewsCorpus sample (dated by its early-2018 "
                   "scrape) then falls entirely on the test side.",
    "bias": "Scored on the hand-labelled SemEval articles only (the outlet-level labels are used for training, "
            "never for scoring).",
}
BARS = {"reliability": ("reliable_vs_unreliable", {"roc_auc": 0.80}),
        "bias": ("hyperpartisan_hand", {"roc_auc": 0.87, "accuracy": 0.78})}


def _bar_summary(target: str, ev: dict[str, Any]) -> list[str]:
    group, bars = BARS[target]
    got = ev["mean"]["relscore"][group]
    def shown(x: float, bar: float) -> str:  # four places where three would round a miss up to the bar
        return f"{x:.4f}" if x < bar <= round(x, 3) else f"{x:.3f}"

    parts = [f"{k} {shown(got[k], v)} (bar {v:.2f}: {'met' if got[k] >= v else 'NOT met'})" for k, v in bars.items()]
    base = ev["mean"]["tfidf_lr"][group]
    extra = ""
    if target == "bias" and "balanced_accuracy" in got:
        extra = (f" Balanced accuracy (accuracy on a 50/50 set such as the SemEval test half): relscore "
                 f"{got['balanced_accuracy']:.3f}, TF-IDF + LR baseline {base.get('balanced_accuracy', float('nan')):.3f}.")
    return [f"**Against the issue's bar** (mean over held-out-outlet folds, {group}): " + ", ".join(parts)
            + f"; TF-IDF + LR baseline {', '.join(f'{k} {base[k]:.3f}' for k in bars)}." + extra]


def _training_lines(target: str, r: dict[str, Any]) -> list[str]:
    meta = r["meta"]
    L = [f"## `{target}`", "", f"**Meaning.** {MEANING[target]}", "",
         f"**Training data.** {meta['n_train']} articles from {meta['n_outlets']} outlets "
         f"(corpora: {', '.join(f'{k} {v}' for k, v in r['corpora'].items())}; "
         f"dates {meta['date_range'][0]} to {meta['date_range'][1]}).", "",
         "| class | articles | outlets |", "|---|---|---|"]
    names = {"reliability": {"0": "not reliable (mixed/unreliable, or Lin < 0.45)", "1": "reliable"},
             "bias": {"0": "not hyperpartisan / centre outlet", "1": "hyperpartisan / partisan outlet"}}[target]
    for k, v in r["classes"].items():
        L.append(f"| {names.get(str(int(float(k))), k)} | {v['articles']} | {v['outlets']} |")
    L += ["", "By label source: " + "; ".join(f"{k}: {v['articles']} articles / {v['outlets']} outlets"
                                           for k, v in r["by_label"].items()) + "."]
    L += ["", f"Base score (the average training article; explanations are points relative to it): "
              f"{meta['base_score']}. File size {r['file_mb']} MB.", ""]
    return L + _criteria_weight_lines(r.get("criteria_weights"))


def _criteria_weight_lines(weights: dict[str, float] | None) -> list[str]:
    if not weights:
        return []
    return ["**Reads the criteria card.** The journalistic criteria (`criterion_*`, below) are inputs of this "
            "model, each with a weight fixed to be zero or positive (a logistic regression fitted under that bound "
            "after a monotone scaling, and a calibration that rises with the log-odds): a criterion better met never "
            "lowers the score, and `reliability_why` shows their sum as the `criteria` family. A criterion the text "
            "cannot tell counts as the average training article's. Where a criterion adds nothing beyond the "
            "other inputs, or would have taken a negative weight, its weight is 0: it stays on the card and out of "
            "the score.", "", "| criterion | weight (log-odds per standard-normal unit) |", "|---|---|",
            *(f"| {k} | {v:+.3f} |" for k, v in weights.items()), ""]


def _more_folds_lines(target: str, more: dict[str, Any]) -> list[str]:
    grp = BARS[target][0]
    cells = {m: more["mean"][m][grp] for m in ("relscore", "tfidf_lr")}
    return [f"*More training outlets per fold* ({more['split']}; each fold trains on 90% of the outlets, "
            f"nearer the shipped model, which trains on all of them), {grp}, mean over folds: "
            + "; ".join(f"{MODEL_NAMES[m]} AUC {fmt3(c['roc_auc'])} / accuracy {fmt3(c['accuracy'])}"
                        + (f" / balanced accuracy {fmt3(c['balanced_accuracy'])}" if "balanced_accuracy" in c
                           else "") for m, c in cells.items())
            + f". Per-fold AUC (relscore): {', '.join(fmt3(f['relscore'][grp]['roc_auc']) for f in more['folds'])}.",
            ""]


def _time_split_lines(ev: dict[str, Any]) -> list[str]:
    ts = ev.get("time_split")
    if not ts or "skipped" in ts:
        return []
    L = [f"*Time split* (train before {ts['cutoff']}: {ts['n_train']} articles; test after: {ts['n_test']}, "
         f"{ts['n_test_unseen_outlets']} of them from outlets absent before the cutoff), ROC AUC:", "",
         "| model | " + " | ".join(f"{g} (all / unseen outlets)" for g in ts["relscore"]["all"]
                                   if isinstance(ts["relscore"]["all"][g], dict)) + " |",
         "|---" * (1 + sum(isinstance(v, dict) for v in ts["relscore"]["all"].values())) + "|"]
    for m in ev["mean"]:
        cells = [f"{fmt3(ts[m]['all'][g].get('roc_auc'))} / {fmt3(ts[m]['unseen_outlets'].get(g, {}).get('roc_auc'))}"
                 for g in ts[m]["all"] if isinstance(ts[m]["all"][g], dict)]
        L.append(f"| {MODEL_NAMES.get(m, m)} | " + " | ".join(cells) + " |")
    L.append("")
    return L


def _validation_lines(target: str, r: dict[str, Any]) -> list[str]:
    ev = r.get("evaluation")
    if not ev:
        return []
    L = [f"**Validation.** {ev['split']}: no outlet is on both sides of any fold. "
         "Each fold compares the shipped recipe with its features-only variant and both baselines "
         "on the same held-out articles. " + NOTES[target], ""]
    L += _bar_summary(target, ev) + ["", f"**This rebuild.** {_notes()[f'trades: {target}']}", ""]
    if r.get("evaluation_more_folds"):
        L += _more_folds_lines(target, r["evaluation_more_folds"])
    for group in ev["mean"]["relscore"]:
        val = ev["mean"]["relscore"][group]
        if not isinstance(val, dict):
            L += [f"Mean {group} (held-out outlets): " + ", ".join(
                f"{MODEL_NAMES.get(m, m)} {fmt3(ev['mean'][m].get(group))}" for m in ev["mean"]), ""]
            continue
        L += [f"*{group}* (held-out outlets):", ""] + _metric_table(ev, group) + [""]
    L += _time_split_lines(ev)
    cal = ev["calibration"]["relscore"]
    g0 = next(iter(cal))
    L += [f"*Calibration* (pooled out-of-fold predictions, {g0}):", "",
          "| predicted bin | n | mean predicted | observed |", "|---|---|---|---|"]
    L += [f"| {row['bin']} | {row['n']} | {row['mean_predicted']:.2f} | {row['observed_rate']:.2f} |" for row in cal[g0]]
    L.append("")
    return L


def _closing_lines(report: dict[str, Any]) -> list[str]:
    L = ["## How the models work", "",
          "Pipeline per target: the relscore feature columns the score models read (`scoring.model.estimator."
          "SCORE_FEATURES`, five families: insertions (inserted content: READ ALSO teasers inside the body, "
          "promotions, social calls, off-topic paragraphs), hedging, sourcing, loaded, style; the sixth family, "
          "furniture (page furniture: captions, credits, bylines, share and navigation lines), is measured and "
          "reported but read by no score model, since it records a page's template or an export's layout rather "
          "than the writing) plus one stacked column `wording_logit` -> quantile scaling to a normal "
          "shape -> `CalibratedClassifierCV(LogisticRegression, method='sigmoid', ensemble=False)`. "
          "The `reliability` model also reads the five journalistic criteria (`criterion_*`) as its `criteria` family, "
          "through `SignedLogisticRegression` (the same penalised logistic regression with the criteria's weights "
          "bounded at zero from below), so its score never falls when a criterion rises. "
          "`wording_logit` is the out-of-fold log-odds of a TF-IDF (word 1-2-grams used by at least 3 outlets, "
          "first 8,000 characters) + logistic regression model; the restriction to words shared by several outlets "
          "keeps outlet signatures out. The `bias` model stacks a second column, `headline_wording_logit`: the "
          "same kind of model over the headline's character 2-5-grams (case kept, used by at least 3 outlets), "
          "which reads cues such as 'STUNNING:' or scare quotes; an article without a headline gets the average "
          "value. It also stacks `cluster_wording_logit`: the same kind of model over the body written as "
          "distributional word-cluster ids and pairs of ids (1,024 clusters of 40,000 news words, "
          "`features/lexicons/loaded_clusters_v1.json`, built from AllSides text by `bench/train_loaded.py`), so that "
          "what it learns from one outlet's words carries to words of like use it never saw in training. "
          "These columns all belong to the `wording` family in the explanations. "
          "The `bias` model also stacks `url_wording_logit`, the same kind of model over the words of the "
          "article's URL path (scheme, host, query and digits dropped; words used by at least 3 outlets), which "
          "reads the section an article was filed under (\"/opinion/\", \"/news/\", \"/commentary/\"). It learns "
          "from the hand-labelled articles alone (an outlet rated as a whole files its news and its opinion "
          "under one label); it is its own `url` family in the explanations, and an article without a URL gets "
          "the average value. "
          "Last, the `bias` model's log-odds are blended with those of a plain TF-IDF + logistic regression "
          "model of the whole text (the baseline's recipe: word 1-2-grams, no outlet restriction, fitted on the "
          "same rows and weights): 0.7 x the classifier's log-odds + 0.3 x the full-text model's, the calibration "
          "fitted on the out-of-fold blend; its points count in the `wording` family. "
          "Every internal split (stacking, calibration) is grouped by outlet. "
          "Sample weights give every outlet the same total weight, then every class; for `bias`, the classes are "
          "balanced inside each label source (hand labels; outlet labels) and outlet-level labels weigh 0.3 of a "
          "hand label. The `bias` calibration (the sigmoid from log-odds to score) is then refitted on the "
          "hand-labelled articles' out-of-fold log-odds alone, both classes weighing the same: the outlet-level "
          "labels help rank articles but do not decide where 50 lies.", "",
          "Explanations (`reliability_why`, `bias_why`): the linear log-odds contribution of each family "
          "(and `wording`, and for bias `url`) times the slope of the calibration curve between the average "
          "training article and this one, so the signed points add up to *score - base score*.", ""]
    return L + _sources_and_limits(report)


def _sources_and_limits(report: dict[str, Any]) -> list[str]:
    return ["## Label sources", "",
          "- Media Bias/Fact Check ratings, 8 dated snapshots 2017-12-10 ... 2026-08-19 (history of drmikecrowe/mbfcext): "
          "each article gets the first snapshot on/after its date that rates its outlet (nearest one otherwise, flagged). "
          "very-high/high = reliable; mostly-factual/mixed = mixed; low/very-low/fake = unreliable; satire unrated.",
          "- Lin et al. 2023 (PNAS Nexus) domain quality pc1 (0-1), for outlets MBFC does not rate (>= 0.75 reliable, "
          "<= 0.45 not reliable, grey zone unlabelled) and as a check (Spearman).",
          "- SemEval-2019 Task 4 by-article training half (Kiesel et al. 2019): 645 hand-labelled articles.",
          "- Corpora: AllSides articles (Baly et al. 2020, at most 60 per outlet), FakeNewsCorpus sample (250 articles).",
          "", "## Known limits", "", *_notes()["known limits"].splitlines(), "",
          "## Rebuild", "", f"```\n{BUILD_COMMAND}\n```", "",
          f"(seed {report['seed']}, AllSides capped at {report['allsides_cap']} articles per outlet; "
          f"{report['n_features']} features, feature code version {report['feature_version']}, cached in "
          "/tmp/relscore_cache). `relscore train --shared-data ../shared --target reliability --out reliability.skops` "
          "fits one target alone (`--target lean` likewise); `relscore evaluate --shared-data ../shared --json eval.json` "
          "re-runs the validation (`--target lean` the lean one). `relscore train --bundled --target lean --shared-data "
          "../shared --out scoring/models` rebuilds one bundled model and keeps the others' entries.", ""]


def card_text(report: dict[str, Any]) -> str:
    """The model card's Markdown (numbers are never typed by hand)."""
    lean = report.get("lean")
    files = "`reliability.skops`, `bias.skops`" + (", `lean.skops`" if lean else "")
    L: list[str] = ["# relscore score models", "",
                    f"{'Three' if lean else 'Two'} scikit-learn models ship here, one per score, saved with skops and "
                    f"loaded with an explicit type allowlist (never pickle): {files}. "
                    f"Generated by `{BUILD_COMMAND}`; every number below comes from that run.", ""]
    for target in TARGETS:
        L += _training_lines(target, report[target]) + _validation_lines(target, report[target])
    L += lean_card_lines(lean, _notes().get("lean", ""))
    return "\n".join(L + _criteria_lines(report.get("criteria_validity")) + _closing_lines(report))


def _criteria_lines(validity: dict[str, Any] | None) -> list[str]:
    """The journalistic criteria, each alone, against the outlets' reliability ratings."""
    if not validity:
        return []
    L = ["## The journalistic criteria, each alone", "",
         "Each criterion of the card (`criterion_*` columns of `relscore score`) as the mean over an outlet's "
         "measured articles, against the outlet's date-matched MBFC rating (reliable vs unreliable; mixed left "
         "out) and Lin et al.'s domain quality score. The criteria are fixed formulas, fitted to no label, so "
         f"every outlet is held out from them; the full score is out of fold. {validity['split']}.", "",
         "| signal | outlet AUC | AUC per fold (min - max) | outlets (reliable / unreliable) | Spearman with Lin (outlets) |",
         "|---|---|---|---|---|"]
    for name, v in validity["criteria"].items():
        folds = [a for a in v["fold_aucs"] if a == a]
        spread = f"{min(folds):.3f} - {max(folds):.3f}" if folds else "-"
        L.append(f"| {name} | {fmt3(v['outlet_auc'])} | {spread} | {v['n_outlets']['reliable']} / "
                 f"{v['n_outlets']['unreliable']} | {fmt3(v['spearman_lin'])} ({v['n_lin_outlets']}) |")
    return L + _article_validity_lines(validity.get("articles")) + [
        "", _notes()["criteria"], "", "Made by `relscore train --bundled --validity-only --shared-data "
                "../shared --out scoring/models` (also part of every bundled build).", ""]


def _article_validity_lines(articles: dict[str, Any] | None) -> list[str]:
    if not articles:
        return []
    scopes = list(next(iter(articles.values())))
    L = ["", "Per article (each article labelled by its outlet's date-matched rating; reliable vs unreliable), "
         "AUC and in brackets the mean value on reliable / unreliable articles, over all rated articles and "
         "within each corpus holding both classes (most unreliable articles come from the fakenews and "
         "hyperpartisan corpora, so the pooled figure also tells corpora apart):", "",
         "| signal | " + " | ".join(f"{s} (articles reliable / unreliable)" for s in scopes) + " |",
         "|---" * (1 + len(scopes)) + "|"]
    for name, by_scope in articles.items():
        cells = [f"{fmt3(v['auc'])} [{v['mean_reliable']:.1f} / {v['mean_unreliable']:.1f}] "
                 f"({v['reliable']} / {v['unreliable']})" for v in by_scope.values()]
        L.append(f"| {name} | " + " | ".join(cells) + " |")
    return L


def write_card(report: dict[str, Any], path: Path) -> Path:
    """Write MODEL_CARD.md from the build report."""
    path.write_text(card_text(report))
    return path

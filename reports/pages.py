"""Template contexts for each page: numbers and charts, no HTML strings
except the charts and the highlighted text (both built escaped)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from . import card, lean, plots, stats
from . import confidence
from .highlight import KINDS, highlight, kind_counts
from .labels import family_label, feature_label
from .prepare import UNKNOWN_OUTLET, Corpus, date_str, finite, parse_why
from .select import Selection, outlet_extremes

log = logging.getLogger(__name__)

SCORE_LABELS = {"reliability": "Reliability", "bias": "Bias", "lean": lean.LABEL}
SCORE_HELP = {
    "reliability": "0\u2013100; higher means the writing and sourcing look more like those of outlets rated reliable.",
    "bias": "0\u2013100; higher means more one-sided, partisan writing (50 or more: likely hyperpartisan).",
    "lean": lean.HELP,
}
#: Each score's scale, for the axes of its charts.
SCORE_RANGE = {"reliability": (0.0, 100.0), "bias": (0.0, 100.0), "lean": (-100.0, 100.0)}
#: Axis labels where the column name would not say the scale.
SCORE_AXIS = {"lean": lean.AXIS}
N_SIGNALS = 3  # signals listed per outlet in the league table
COMPARE_DEFAULT = 4
SHIFT_WINDOW, SHIFT_MIN_N = 3, 10
#: A signal profile shows signals at least this far from the corpus median (in corpus SDs), the largest first.
PROFILE_MIN_Z, PROFILE_TOP = 0.1, 15
#: Article pages listed on the overview.
OVERVIEW_ARTICLES = 10
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.I)


@dataclass
class Summary:
    """Per-outlet numbers shared by several pages (computed once)."""

    n: pd.Series
    ci: dict[str, dict[str, dict[str, float]]]  # score -> outlet -> {mean, lo, hi}
    z_mean: pd.DataFrame  # outlet x feature: standardised mean difference
    med: pd.DataFrame  # outlet x feature medians
    corpus_med: pd.Series
    corpus_sd: pd.Series
    card: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # criterion -> outlet -> {mean, lo, hi, n}


def summarise(c: Corpus) -> Summary:
    df = c.df
    feats = c.features
    n = df["_outlet"].value_counts()
    ci = {s: card.outlet_intervals(df, s) for s in c.scores}
    if feats:
        z = stats.standardised_differences(df, "_outlet", feats)
        med = df.groupby("_outlet", sort=False)[feats].median()
        cmed = df[feats].median()
        csd = df[feats].std(ddof=0)
    else:
        z = med = pd.DataFrame(index=n.index)
        cmed = csd = pd.Series(dtype=float)
    return Summary(n, ci, z, med, cmed, csd, card.outlet_means(c))


def corpus_facts(c: Corpus, n_pages: int) -> dict[str, Any]:
    d = c.df["_date"].dropna()
    rng = f"{date_str(d.min())} \u2013 {date_str(d.max())}" if len(d) else "no dates"
    return {
        "n_articles": len(c.df), "n_outlets": int(c.df["_outlet"].nunique()), "date_range": rng,
        "has_outlets": c.has_outlets, "has_dates": c.has_dates,
        "n_undated": int(c.df["_date"].isna().sum()), "n_pages": n_pages,
        "n_scored": int(c.df[c.scores].notna().any(axis=1).sum()) if c.scores else 0,
        "has_scores": bool(c.scores), "has_criteria": bool(c.criteria),
    }


def distribution_charts(c: Corpus, outlet: str | None = None) -> list[dict[str, Any]]:
    charts = []
    for s in c.scores:
        corpus = c.df[s].to_numpy(dtype=float)
        vals = c.of_outlet(outlet)[s].to_numpy(dtype=float) if outlet is not None else None
        label = outlet if outlet is not None else "this outlet"
        title = f"{SCORE_LABELS[s]} scores" + (f": {outlet} vs corpus" if outlet else " across the corpus")
        lo, hi = SCORE_RANGE[s]
        svg = plots.histogram(vals, corpus, title, SCORE_AXIS.get(s, f"{s} (0\u2013100)"), lo, hi, label=label)
        med = np.nanmedian(vals if vals is not None and np.isfinite(vals).any() else corpus) if np.isfinite(corpus).any() else np.nan
        note = f"{SCORE_HELP[s]} Median {med:.0f}." if np.isfinite(med) else SCORE_HELP[s]
        if s == "lean":
            note += _split_note(c.of_outlet(outlet) if outlet is not None else c.df)
        charts.append({"heading": SCORE_LABELS[s], "svg": svg, "note": note})
    return charts


def _split_note(rows: pd.DataFrame) -> str:
    """How the articles split by their most probable lean class ('' without the probabilities)."""
    split = lean.class_shares(rows)
    if split is None:
        return ""
    parts = ", ".join(f"{x['name']} {x['share']:.0%}" for x in split["shares"])
    return f" Most probable class of the {split['n']} articles: {parts}."


def league(c: Corpus, summ: Summary) -> list[dict[str, Any]]:
    rows = []
    for outlet, n in summ.n.items():
        sig = []
        if outlet in summ.z_mean.index and summ.z_mean.shape[1]:
            z = summ.z_mean.loc[outlet]
            for f in z.abs().sort_values(ascending=False, kind="stable").index[:N_SIGNALS]:
                if abs(z[f]) >= 0.05:
                    sig.append({"name": feature_label(f), "column": f, "z": float(z[f])})
        rows.append({
            "name": outlet, "slug": c.outlet_slugs[outlet], "n": int(n),
            "rel": summ.ci.get("reliability", {}).get(outlet), "bias": summ.ci.get("bias", {}).get(outlet),
            "lean": summ.ci.get("lean", {}).get(outlet), "signals": sig, "criteria": [summ.card[k].get(outlet) for k in c.criteria],
        })
    return rows


def profile(c: Corpus, summ: Summary, outlet: str) -> dict[str, Any]:
    """The outlet's signals against the corpus: only those at least PROFILE_MIN_Z corpus SDs from the
    corpus median, the PROFILE_TOP largest charted (a signal at the median says nothing of the outlet)."""
    if len(summ.n) < 2:
        return {"svg": None, "rows": [], "families": [], "whole_corpus": True, "n_all": len(c.features), "n_hidden": 0}
    rows = []
    sd = summ.corpus_sd.replace(0.0, np.nan)
    for fam, names in c.families.items():
        for f in names:
            o, m = float(summ.med.at[outlet, f]), float(summ.corpus_med[f])
            z = (o - m) / sd[f] if np.isfinite(sd[f]) and np.isfinite(o) and np.isfinite(m) else 0.0
            rows.append({"family": family_label(fam), "name": feature_label(f), "column": f, "outlet": o, "corpus": m,
                         "z": float(z)})
    shown = [r for r in rows if abs(r["z"]) >= PROFILE_MIN_Z]
    top = {id(r) for r in sorted(shown, key=lambda r: -abs(r["z"]))[:PROFILE_TOP]}
    charted = [r for r in shown if id(r) in top]  # family order kept, so the chart groups by family
    out = {"svg": None, "rows": shown, "families": list(dict.fromkeys(r["family"] for r in shown)),
           "whole_corpus": False, "n_all": len(rows), "n_hidden": len(rows) - len(shown), "n_charted": len(charted),
           "min_z": PROFILE_MIN_Z}
    if charted:
        out["svg"] = plots.diverging_bars(
            [(r["name"], r["z"]) for r in charted], f"Signal profile of {outlet} against the corpus median",
            "difference from corpus median, in corpus SDs", note="corpus median", groups=[r["family"] for r in charted],
            limit=max(1.0, max(abs(r["z"]) for r in charted)))
    return out


def outlet_time(c: Corpus, outlet: str, measures: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """Monthly charts of the outlet's ``measures`` ((column, label) on 0-100; default: the scores)."""
    d = c.of_outlet(outlet)
    if d["_date"].isna().all():
        return []
    out = []
    for col, label in measures if measures is not None else [(s, SCORE_LABELS[s]) for s in c.scores]:
        pts = stats.period_series(d, col, "M")
        if not len(pts):
            continue
        svg = plots.timeseries([plots.Series(outlet, pts)], f"Monthly mean {label.lower()} of {outlet}",
                               SCORE_AXIS.get(col, col), "M", ylim=SCORE_RANGE.get(col, (0, 100)))
        out.append({"heading": f"{label} by month", "svg": svg})
    return out


def article_row(c: Corpus, i: int, href: str | None) -> dict[str, Any]:
    r = c.df.iloc[i]
    return {"title": r["_title"], "date": date_str(r["_date"]), "href": href,
            "rel": finite(r["reliability"]) if "reliability" in c.scores else None,
            "bias": finite(r["bias"]) if "bias" in c.scores else None,
            "lean": finite(r["lean"]) if "lean" in c.scores else None}


def outlet_lists(c: Corpus, hrefs: dict[int, str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per outlet: top/bottom articles when scored, else its article pages."""
    out: dict[str, dict[str, list]] = {}
    for outlet, (top, bottom) in outlet_extremes(c, k=5).items():
        if "reliability" in c.scores:
            out[outlet] = {"top": [article_row(c, i, hrefs.get(i)) for i in top],
                           "bottom": [article_row(c, i, hrefs.get(i)) for i in bottom], "some": []}
        else:
            out[outlet] = {"top": [], "bottom": [], "some": []}
    if "reliability" not in c.scores:
        for i, h in hrefs.items():
            o = c.df.at[i, "_outlet"]
            if len(out.setdefault(o, {"top": [], "bottom": [], "some": []})["some"]) < 20:
                out[o]["some"].append(article_row(c, i, h))
    return out


def pick_compare(c: Corpus, compare: list[str] | None, k: int = COMPARE_DEFAULT) -> list[str]:
    """Outlets to compare: those named (matched case-insensitively), else the k with most dated articles."""
    dated = c.df.loc[c.df["_date"].notna(), "_outlet"].value_counts()
    if compare:
        by_lower = {o.lower(): o for o in c.df["_outlet"].unique()}
        chosen, unknown = [], []
        for name in compare:
            o = by_lower.get(str(name).strip().lower())
            (chosen if o else unknown).append(o or name)
        if unknown:
            log.warning("--compare: no outlet named %s; outlets include %s", unknown, list(dated.index[:10]))
        chosen = [o for o in dict.fromkeys(chosen) if o in dated.index]
        if chosen:
            return chosen
        log.warning("--compare matched no outlet with dated articles; comparing the %d largest instead", k)
    return list(dated.index[:k])


def key_signals(c: Corpus, summ: Summary, outlets: list[str]) -> list[tuple[str, str]]:
    """Per family, the signal that differs most between the compared outlets."""
    out = []
    if not outlets or summ.z_mean.shape[1] == 0:
        return out
    z = summ.z_mean.loc[[o for o in outlets if o in summ.z_mean.index]]
    for fam, names in c.families.items():
        spread = z[names].max() - z[names].min()
        if len(spread) and spread.max() > 0:
            out.append((fam, str(spread.idxmax())))
    return out


def comparison(c: Corpus, summ: Summary, compare: list[str] | None) -> dict[str, Any]:
    names = pick_compare(c, compare) if c.has_outlets else []
    d = c.df[c.df["_outlet"].isin(names) & c.df["_date"].notna()]
    if d.empty:
        return {"compare_names": [], "compare_outlets": [], "charts": [], "shifts": [], "freq_label": "", "freq_word": "",
                "period_range": "", "window": SHIFT_WINDOW, "min_n": SHIFT_MIN_N,
                "has_dates": c.has_dates, "has_outlets": c.has_outlets}
    freq = stats.choose_freq(d["_date"])
    start, end = d["_date"].min().to_period(freq), d["_date"].max().to_period(freq)
    measures = [(s, SCORE_LABELS[s], SCORE_RANGE[s]) for s in c.scores]
    measures += [(k, f"Criterion: {label}", (0.0, 100.0)) for k, label in card.measures(c)]
    measures += [(f, f"{family_label(fam)}: {feature_label(f)}", None) for fam, f in key_signals(c, summ, names)]
    charts, shifts = [], []
    groups = {o: g for o, g in d.groupby("_outlet", sort=False)}
    for col, heading, ylim in measures:
        series = []
        for o in names:
            g = groups[o]
            sh = stats.level_shifts(g, col, freq, SHIFT_WINDOW, SHIFT_MIN_N)
            series.append(plots.Series(o, stats.period_series(g, col, freq), sh))
            shifts += [{"outlet": o, "measure": heading, "period": str(x.period), "before": x.before, "after": x.after} for x in sh]
        svg = plots.timeseries(series, f"{heading} over time, {len(names)} outlets", SCORE_AXIS.get(col, col), freq, start, end,
                               ylim=ylim)
        charts.append({"heading": heading, "svg": svg, "note": "" if ylim else "Signal chosen as the one of its family that differs most between these outlets."})
    word = "month" if freq == "M" else "quarter"
    return {
        "compare_names": names,
        "compare_outlets": [{"name": o, "slug": c.outlet_slugs[o], "n": len(groups[o])} for o in names],
        "charts": charts, "shifts": shifts, "freq_label": "monthly" if freq == "M" else "quarterly", "freq_word": word,
        "period_range": f"{start} to {end}", "window": SHIFT_WINDOW, "min_n": SHIFT_MIN_N,
        "has_dates": True, "has_outlets": c.has_outlets,
    }


_LEGEND_SAMPLES = (
    ("insertion", "READ ALSO \u2026", "related", "author", KINDS["insertion"]),
    ("furniture", "Photo: Getty Images", "credit", "author", KINDS["furniture"]),
    ("quote", "\u201cwe will respond\u201d", "direct", "quoted", KINDS["quote"]),
    ("attribution", "said", "", "author", KINDS["attribution"]),
    ("source", "the minister", "named", "author", "Named source (labelled \u201cnamed source\u201d, solid outline)"),
    ("source", "a source in Ankara", "anonymous", "author", "Anonymous source (labelled \u201canonymous source\u201d, dashed outline)"),
    ("hedge", "may", "", "author", KINDS["hedge"]),
    ("loaded", "merciless", "", "author", confidence.SHOWN_LEGEND.format(t=confidence.LOADED_SHOWN_FROM)),
    ("loaded", "advantage", "low", "author", confidence.LOW_LEGEND.format(t=confidence.LOADED_SHOWN_FROM)),
    ("qualifier", "about 300", "approximator", "author", KINDS["qualifier"]),
)
_LEAN_SAMPLES = (
    ("lean", "undocumented immigrants", "left", "author", "Term that moved the lean left (labelled \u201c\u25c0 left\u201d, solid overline)"),
    ("lean", "illegal aliens", "right", "author", "Term that moved the lean right (labelled \u201cright \u25b6\u201d, dashed overline)"),
)


def legend(spans: list[dict], with_lean: bool = False, n_low: int = 0) -> list[dict[str, Any]]:
    """The evidence legend: a marked sample of each kind and how often it occurs in ``spans``
    (lean terms only when the table has lean; ``n_low`` of the loaded spans are low-confidence)."""
    counts = kind_counts(spans)
    counts["loaded_low"] = n_low
    counts["loaded"] -= n_low
    out = []
    for kind, sample, label, voice, text in _LEGEND_SAMPLES + (_LEAN_SAMPLES if with_lean else ()):
        key = f"{kind}_{label}" if kind in ("source", "lean") or label == "low" else kind
        span_kind = "insertion" if kind == "furniture" else kind  # furniture is an insertion span's label
        # the low-confidence sample is scored below the line (0), so it is drawn as the text draws such terms
        span = {"start": 0, "end": len(sample), "kind": span_kind, "label": label, "voice": voice,
                "score": 0.0 if label == "low" else None}
        out.append({"sample": highlight(sample, [span]), "text": text, "count": counts.get(key, 0)})
    return out


def article(c: Corpus, summ: Summary, i: int, text: str | None, spans: list[dict]) -> dict[str, Any]:
    r = c.df.iloc[i].to_dict()  # one row as a dict: per-cell pandas lookups are slow at 37k articles
    url = r.get("url")
    url = "" if url is None or (isinstance(url, float) and url != url) else str(url)
    scores = []
    for s in ("reliability", "bias"):
        v = finite(r[s]) if s in c.scores else None
        why = parse_why(r.get(f"{s}_why")) if v is not None else None
        svg = None
        if why:
            fams = [f for f in c.families if f in why] + [k for k in why if k not in c.families]
            svg = plots.diverging_bars([(f, why[f]) for f in fams], f"Why {s} is {v:.0f}: points by feature family",
                                       "points", note="model baseline")
        scores.append({"label": SCORE_LABELS[s], "value": v, "svg": svg, "help": SCORE_HELP[s]})
    outlet = r["_outlet"]
    omed = summ.med.loc[outlet].to_dict() if outlet in summ.med.index else {}
    cmed = summ.corpus_med.to_dict()
    signals = []
    for fam, names in c.families.items():
        for f in names:
            signals.append({"family": family_label(fam), "name": feature_label(f), "column": f, "value": r[f],
                            "outlet": omed.get(f, np.nan), "corpus": cmed.get(f, np.nan)})
    body: Markup = highlight(text, spans) if text is not None else Markup("<em>(text not available)</em>")
    low = confidence.low_confidence(text, spans) if text is not None else []
    return {
        "article": {"title": r["_title"], "outlet": outlet, "outlet_slug": c.outlet_slugs[outlet],
                    "outlet_known": outlet != UNKNOWN_OUTLET, "date": date_str(r["_date"]),
                    "dated": not pd.isna(r["_date"]), "url": url, "href_ok": bool(_SAFE_URL.match(url)), "id": r["_id"]},
        "outlet_pages": c.has_outlets, "several_outlets": len(summ.n) > 1,
        "scores": scores, "lean": lean.article_lean(c, r), "card": card.article_card(c, r),
        "legend": legend(spans, c.has_lean, len(low)), "body": body, "signals": signals,
        "low_loaded": low, "low_from": f"{confidence.LOADED_SHOWN_FROM:.1f}",
    }


def article_list(c: Corpus, sel: Selection, hrefs: dict[int, str]) -> list[dict[str, Any]]:
    out = []
    for i in sel.rows:
        row = article_row(c, i, hrefs[i])
        row.update({"outlet": c.df.at[i, "_outlet"], "n_ins": int(c.n_ins[i]), "why": sel.reasons.get(i, [])})
        out.append(row)
    return out

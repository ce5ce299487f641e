"""The journalistic-criteria card in the report (``criterion_*`` columns and ``criteria_why`` from
``features.criteria``): each article's card, each outlet's means with bootstrap intervals, and
the columns and measures the league table, the outlet pages and the comparison page draw from.

A criterion's NaN means "not measurable here" (no headline given, no byline in a body-only
corpus): such articles are left out of the means, and the number measured is shown beside them.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import stats
from .prepare import Corpus, finite, parse_criteria_why

NOT_MEASURABLE = "not measurable here"
LABELS = {
    "criterion_sourcing": "Sourcing",
    "criterion_news_opinion": "News vs opinion",
    "criterion_headline": "Headline",
    "criterion_ads": "Ads labelled",
    "criterion_creators": "Creators named",
}
#: NewsGuard's wording of each criterion, and what the text shows of it.
HELP = {
    "criterion_sourcing": "Gathers and presents information responsibly: claims attributed to sources, "
                          "named rather than anonymous, documents cited.",
    "criterion_news_opinion": "Handles the difference between news and opinion responsibly: little "
                              "evaluative language in the author's own voice, or the piece labelled as opinion.",
    "criterion_headline": "Avoids deceptive headlines: the headline's terms and numbers are borne out by the "
                          "body, no clickbait form.",
    "criterion_ads": "Clearly labels advertising: no unlabelled promotional or \u201cREAD ALSO\u201d lines "
                     "inside the body.",
    "criterion_creators": "Names content creators: a byline naming the author.",
}
SCALE_NOTE = "0\u2013100, higher = the criterion is better met"


def columns(c: Corpus) -> list[dict[str, str]]:
    """The criteria the table has, as {name, label, help}, in the card's order."""
    return [{"name": k, "label": LABELS[k], "help": HELP[k]} for k in c.criteria]


def measures(c: Corpus) -> list[tuple[str, str]]:
    """(column, label) of the criteria that have at least one measured article (for charts over time)."""
    return [(k, LABELS[k]) for k in c.criteria if c.df[k].notna().any()]


def outlet_intervals(df: pd.DataFrame, col: str) -> dict[str, dict[str, float]]:
    """Per outlet: mean of ``col`` with its 95% bootstrap interval and the n of values (NaN left out);
    outlets without a value are absent."""
    out: dict[str, dict[str, float]] = {}
    for outlet, v in df.groupby("_outlet", sort=False)[col]:
        vals = v.to_numpy(dtype=float)
        vals = vals[~np.isnan(vals)]
        if vals.size:
            m, lo, hi = stats.bootstrap_ci(vals)
            out[str(outlet)] = {"mean": m, "lo": lo, "hi": hi, "n": int(vals.size)}
    return out


def outlet_means(c: Corpus) -> dict[str, dict[str, dict[str, float]]]:
    """criterion -> outlet -> {mean, lo, hi, n} over the outlet's measured articles."""
    return {k: outlet_intervals(c.df, k) for k in c.criteria}


def outlet_card(c: Corpus, means: dict[str, dict[str, dict[str, float]]], outlet: str, n: int) -> list[dict[str, Any]]:
    """The outlet's card: per criterion its mean and interval (None when no article is measurable)."""
    return [{**col, "ci": means.get(col["name"], {}).get(outlet), "n_total": n} for col in columns(c)]


def article_card(c: Corpus, row: dict[str, Any]) -> list[dict[str, Any]]:
    """One article's card: per criterion its score (None = not measurable here) and its one-line reason."""
    reasons = parse_criteria_why(row.get("criteria_why"))
    return [{**col, "value": finite(row.get(col["name"])), "why": reasons.get(col["name"], "")} for col in columns(c)]

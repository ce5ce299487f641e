"""Outlet ratings joined to articles by domain (and, for dated MBFC snapshots, by date).

Three label-file shapes are read (:func:`read_labels` detects which):

- dated Media Bias/Fact Check snapshots (columns ``snapshot, domain, reporting, bias``):
  an article gets the snapshot *in force* at its date, i.e. the first snapshot on or
  after the date that rates its outlet; when none does (article newer than every
  snapshot rating the outlet) or the date is missing, the nearest snapshot is used
  and ``label_fell_back`` is set, so nothing is labelled silently from the future/past;
- a plain categorical ``domain,label`` CSV;
- a continuous score CSV such as Lin et al. 2023 (``domain,pc1`` or ``domain,score``).

Domains are normalised (lower-case host, ``www.``/``m.``/``amp.`` stripped, a small
alias table) and unknown hosts fall back to their parent domains.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from scoring.io import outlets as _outlets

log = logging.getLogger(__name__)

#: MBFC factual-reporting grade -> 3-class reliability (as in the shared label files).
REPORTING_TO_REL3: dict[str, str] = {
    "very-high": "reliable",
    "high": "reliable",
    "mostly-factual": "mixed",
    "mixed": "mixed",
    "low": "unreliable",
    "very-low": "unreliable",
    "fake": "unreliable",
}
#: MBFC bias categories that mark a partisan outlet (for the auxiliary bias target).
PARTISAN_BIAS = frozenset({"left", "right", "extreme-left", "extreme-right", "fake-news", "conspiracy",
                           "conspiracy-pseudoscience"})
CENTRE_BIAS = frozenset({"center", "left-center", "leftcenter", "right-center", "rightcenter",
                         "least-biased", "pro-science"})



def normalize_domain(value: str | None) -> str:
    """Canonical outlet domain of a host or URL ('' when there is none); see scoring.io.outlets."""
    if not isinstance(value, str):
        return ""
    return _outlets.normalize_domain(value) or ""


def candidate_domains(domain: str | None) -> list[str]:
    """The normalised domain, then its parent domains (scoring.io.outlets rules)."""
    return list(_outlets.candidate_domains(domain)) if isinstance(domain, str) else []


@dataclass(frozen=True)
class LabelTable:
    """A label file, normalised: ``kind`` is 'mbfc', 'categorical' or 'continuous'."""

    kind: str
    data: pd.DataFrame  # mbfc: domain, snapshot, reporting, bias, rel3; others: domain, label
    source: str = ""

    @property
    def domains(self) -> set[str]:
        return set(self.data["domain"])


def read_labels(path: str | Path) -> LabelTable:
    """Read an outlet label CSV/TSV, detecting MBFC snapshots, categorical or continuous labels."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"label file {path} not found; pass e.g. ../shared/data/labels/mbfc_snapshots.csv")
    sep = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""])
    cols = {c.lower(): c for c in df.columns}
    dom_col = next((cols[c] for c in ("domain", "source_url_normalized", "source", "outlet", "url") if c in cols), None)
    if dom_col is None:
        raise ValueError(f"label file {path} has no domain column; columns are {list(df.columns)}; "
                         "expected one named 'domain' (or 'source', 'outlet', 'url')")
    domains = df[dom_col].map(normalize_domain)
    if "snapshot" in cols and "reporting" in cols:
        out = pd.DataFrame({
            "domain": domains,
            "snapshot": pd.to_datetime(df[cols["snapshot"]], errors="coerce"),
            "reporting": df[cols["reporting"]].str.strip().str.lower(),
            "bias": df[cols["bias"]].str.strip().str.lower() if "bias" in cols else np.nan,
        })
        out = out[(out["domain"] != "") & out["snapshot"].notna()]
        out["rel3"] = out["reporting"].map(REPORTING_TO_REL3)
        # satire is not a factuality rating, whatever its reporting grade says
        out.loc[out["bias"].eq("satire"), "rel3"] = np.nan
        out = out.drop_duplicates(["domain", "snapshot"], keep="first")
        return LabelTable("mbfc", out.sort_values(["domain", "snapshot"]).reset_index(drop=True), str(path))
    label_col = next((cols[c] for c in ("label", "pc1", "score", "rel3", "fact", "factual_reporting", "rating")
                      if c in cols and cols[c] != dom_col), None)
    if label_col is None:
        others = [c for c in df.columns if c != dom_col]
        if len(others) != 1:
            raise ValueError(f"label file {path}: cannot tell which column is the label among {others}; "
                             "name it 'label' (categorical) or 'score' (continuous)")
        label_col = others[0]
    values = df[label_col]
    numeric = pd.to_numeric(values, errors="coerce")
    is_cont = values.notna().sum() > 0 and numeric.notna().sum() == values.notna().sum()
    # "mostly factual" and "mostly-factual" are the same grade in different files
    labels = numeric if is_cont else values.str.strip().str.lower().str.replace(r"\s+", "-", regex=True)
    out = pd.DataFrame({"domain": domains, "label": labels})
    out = out[(out["domain"] != "") & out["label"].notna()].drop_duplicates("domain", keep="first")
    return LabelTable("continuous" if is_cont else "categorical", out.reset_index(drop=True), str(path))


def _match_domain(domain: str, known: set[str]) -> str | None:
    for cand in candidate_domains(domain):
        if cand in known:
            return cand
    return None


def join_labels(outlets: Sequence[str], dates: Iterable | None, table: LabelTable) -> pd.DataFrame:
    """Label each article (outlet domain or URL, date) from ``table``.

    Returns one row per article (same order, RangeIndex) with ``label_domain`` (the
    domain matched, '' if none), ``label`` (rel3 for MBFC, else the file's label) and,
    for MBFC, ``snapshot``, ``reporting``, ``mbfc_bias`` and ``label_fell_back``.
    """
    outlets = list(outlets)
    n = len(outlets)
    dts = pd.to_datetime(pd.Series(list(dates) if dates is not None else [None] * n, dtype=object),
                         errors="coerce", utc=True).dt.tz_localize(None)
    if len(dts) != n:
        raise ValueError(f"join_labels: {n} outlets but {len(dts)} dates")
    known = table.domains
    matched = [_match_domain(o, known) or "" for o in outlets]
    res = pd.DataFrame({"label_domain": matched})
    if table.kind != "mbfc":
        lab = table.data.set_index("domain")["label"]
        res["label"] = res["label_domain"].map(lab)
        return res
    res["snapshot"] = pd.NaT
    res["reporting"] = None
    res["mbfc_bias"] = None
    res["label"] = None
    res["label_fell_back"] = False
    data = table.data
    groups = {d: g for d, g in data.groupby("domain", sort=False)}
    for dom, idx in res.groupby("label_domain").groups.items():
        if not dom:
            continue
        g = groups[dom]
        snaps = g["snapshot"].to_numpy(dtype="datetime64[ns]")
        when = dts.iloc[idx].to_numpy(dtype="datetime64[ns]")
        pos = np.searchsorted(snaps, when, side="left")
        missing = np.isnat(when)
        after_all = pos >= len(snaps)
        pick = np.where(after_all | missing, len(snaps) - 1, pos)
        # a missing date or one after the last rating: nearest snapshot, flagged
        fell_back = after_all | missing
        rows = g.iloc[pick]
        res.loc[idx, "snapshot"] = rows["snapshot"].to_numpy()
        res.loc[idx, "reporting"] = rows["reporting"].to_numpy()
        res.loc[idx, "mbfc_bias"] = rows["bias"].to_numpy()
        res.loc[idx, "label"] = rows["rel3"].to_numpy()
        res.loc[idx, "label_fell_back"] = fell_back
    n_fb = int(res["label_fell_back"].sum())
    if n_fb:
        log.info("%d of %d articles labelled from a snapshot not in force at their date (fallback)", n_fb, n)
    return res


def reliability_target(rel3: pd.Series, lin_pc1: pd.Series | None = None,
                       lin_reliable: float = 0.75, lin_unreliable: float = 0.45) -> pd.Series:
    """Binary target 'outlet rated reliable' (1.0/0.0, NaN when unknown).

    Date-matched MBFC rel3 decides where present (mixed counts as not reliable);
    otherwise the Lin et al. 2023 score, with a grey zone left unlabelled.
    """
    y = rel3.map({"reliable": 1.0, "mixed": 0.0, "unreliable": 0.0}).astype(float)
    if lin_pc1 is not None:
        pc = pd.to_numeric(lin_pc1, errors="coerce")
        from_lin = pd.Series(np.where(pc >= lin_reliable, 1.0, np.where(pc <= lin_unreliable, 0.0, np.nan)),
                             index=rel3.index)
        y = y.fillna(from_lin)
    return y


def partisan_outlet(mbfc_bias: pd.Series) -> pd.Series:
    """1.0 for outlets MBFC rates left/right/extreme/questionable, 0.0 for centre-ish, NaN otherwise."""
    b = mbfc_bias.astype(object).where(mbfc_bias.notna(), "").str.lower()
    return pd.Series(np.where(b.isin(PARTISAN_BIAS), 1.0, np.where(b.isin(CENTRE_BIAS), 0.0, np.nan)),
                     index=mbfc_bias.index)

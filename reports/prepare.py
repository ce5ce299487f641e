"""Normalise the report inputs: one row per article with known column names,
parsed dates, safe file names, and the spans grouped per article."""
from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from features import FAMILIES
from features.criteria import CRITERIA
from features.insertions import is_furniture

from scoring.io.dates import parse_dates

log = logging.getLogger(__name__)

SCORES = ("reliability", "bias", "lean")
#: The lean model's calibrated probabilities of left, centre and right (0-1).
LEAN_PROBS = ("lean_left", "lean_centre", "lean_right")
#: The outlet of an article whose input gave neither an outlet nor a URL.
UNKNOWN_OUTLET = "unknown outlet"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass
class Corpus:
    """Scored articles ready for rendering."""

    df: pd.DataFrame  # columns _id, _outlet, _title, _date (datetime), _slug, features, scores
    families: dict[str, list[str]]  # feature columns present, by family
    scores: list[str]  # score columns with at least one value
    outlet_slugs: dict[str, str]
    n_ins: pd.Series  # insertion spans per row (index aligned with df)
    criteria: list[str] = field(default_factory=list)  # criterion columns the table has (values may be all NaN)
    _rows: dict | None = None
    _last: tuple[str, pd.DataFrame] | None = None

    @property
    def has_outlets(self) -> bool:
        """Whether any article names its outlet (else outlet tables and pages have nothing to show)."""
        return bool((self.df["_outlet"] != UNKNOWN_OUTLET).any())

    @property
    def has_dates(self) -> bool:
        """Whether any article has a usable date (else nothing can be charted over time)."""
        return bool(self.df["_date"].notna().any())

    @property
    def has_lean(self) -> bool:
        """Whether the table carries the lean score (tables from before it do not)."""
        return "lean" in self.scores

    @property
    def features(self) -> list[str]:
        return [f for names in self.families.values() for f in names]

    def of_outlet(self, outlet: str) -> pd.DataFrame:
        """The outlet's rows (positions computed once for all outlets; the last outlet's rows kept,
        as its page asks for them several times and copying wide rows dominates the render time)."""
        if self._rows is None:
            self._rows = self.df.groupby("_outlet", sort=False).indices
        if self._last is None or self._last[0] != outlet:
            self._last = (outlet, self.df.iloc[self._rows.get(outlet, [])])
        return self._last[1]


def slugify(names: list[str], max_len: int = 60) -> list[str]:
    """File-name-safe, unique (also case-insensitively) slugs for ``names``.

    A name that is already safe keeps its spelling; others get a short hash
    so two names that clean to the same string never share a page.
    """
    out, used = [], set()
    for name in names:
        safe = _UNSAFE.sub("-", name).strip("-")[:max_len] or "x"
        if safe != name or safe.lower() in used:
            safe = f"{safe}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        used.add(safe.lower())
        out.append(safe)
    return out


def _text_col(df: pd.DataFrame, col: str, default: str) -> pd.Series:
    if col not in df:
        return pd.Series(default, index=df.index, dtype=object)
    s = df[col].astype(object).where(df[col].notna(), default)
    return s.map(lambda v: str(v).strip() or default)


def prepare(scored: pd.DataFrame, spans: pd.DataFrame) -> Corpus:
    """Check and normalise the inputs of :func:`reports.render_site`."""
    if not isinstance(scored, pd.DataFrame):
        raise TypeError(f"scored must be a pandas DataFrame, got {type(scored).__name__}")
    if "id" not in scored:
        raise ValueError(f"scored has no 'id' column; columns are {list(scored.columns)[:20]}")
    df = scored.reset_index(drop=True).copy()
    df["_id"] = df["id"].astype(str)
    dup = df["_id"].duplicated()
    if dup.any():
        log.warning("%d duplicate article ids in scored; keeping the first of each", int(dup.sum()))
        df = df[~dup].reset_index(drop=True)
    df["_outlet"] = _text_col(df, "outlet", UNKNOWN_OUTLET)
    df["_title"] = _text_col(df, "title", "(untitled)")
    df["_date"] = parse_dates(df["date"]) if "date" in df else pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    df["_slug"] = slugify(df["_id"].tolist())
    families = {fam: [f for f in names if f in df] for fam, names in FAMILIES.items()}
    families = {k: v for k, v in families.items() if v}
    for f in (f for names in families.values() for f in names):
        df[f] = pd.to_numeric(df[f], errors="coerce").astype(float)
    scores = []
    for s in SCORES:
        if s in df:
            df[s] = pd.to_numeric(df[s], errors="coerce").astype(float)
            if df[s].notna().any():
                scores.append(s)
    for k in LEAN_PROBS:
        if k in df:
            df[k] = pd.to_numeric(df[k], errors="coerce").astype(float)
    criteria = [k for k in CRITERIA if k in df]
    for k in criteria:
        df[k] = pd.to_numeric(df[k], errors="coerce").astype(float)
    outlets = sorted(df["_outlet"].unique())
    outlet_slugs = dict(zip(outlets, slugify(outlets)))
    # One definition of the insertion count: inserted-content lines (spam), as ``insertion_count``;
    # page furniture is not counted. From the spans when the table lacks the column.
    n_ins = pd.Series(0, index=df.index, dtype=int)
    if "insertion_count" in df:
        n_ins = pd.to_numeric(df["insertion_count"], errors="coerce").fillna(0).astype(int)
    elif spans is not None and len(spans) and {"id", "kind"} <= set(spans.columns):
        labels = spans["label"].fillna("").astype(str) if "label" in spans else pd.Series("", index=spans.index)
        inserted = (spans["kind"] == "insertion") & ~labels.map(is_furniture)
        counts = spans.loc[inserted, "id"].astype(str).value_counts()
        n_ins = df["_id"].map(counts).fillna(0).astype(int)
    return Corpus(df, families, scores, outlet_slugs, n_ins, criteria)


def spans_by_id(spans: pd.DataFrame | None, ids: set[str]) -> dict[str, list[dict]]:
    """Span records of the given articles, grouped by article id."""
    if spans is None or not len(spans):
        return {}
    missing = {"id", "start", "end", "kind"} - set(spans.columns)
    if missing:
        raise ValueError(f"spans is missing column(s) {sorted(missing)}; columns are {list(spans.columns)}")
    sid = spans["id"].astype(str)
    keep = sid.isin(ids).to_numpy()
    sub = spans.loc[keep]
    sid = sid[keep].to_numpy()
    cols = [c for c in ("start", "end", "kind", "label", "voice", "score") if c in sub]
    # Plain lists and one sort beat a pandas groupby + to_dict per article.
    order = np.argsort(sid, kind="stable")
    sid = sid[order]
    data = [sub[c].to_numpy()[order].tolist() for c in cols]
    out: dict[str, list[dict]] = {}
    for k, row in zip(sid.tolist(), zip(*data)):
        out.setdefault(k, []).append(dict(zip(cols, row)))
    return out


def parse_why(v: object) -> dict[str, float] | None:
    """A ``*_why`` cell ({family: signed points}, JSON or dict) as a dict; None if unusable."""
    if isinstance(v, dict):
        d = v
    elif isinstance(v, str) and v.strip():
        try:
            d = json.loads(v)
        except ValueError:
            return None
    else:
        return None
    if not isinstance(d, dict):
        return None
    out = {}
    for k, x in d.items():
        try:
            f = float(x)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out[str(k)] = f
    return out or None


def parse_criteria_why(v: object) -> dict[str, str]:
    """A ``criteria_why`` cell ({"sourcing": {"score", "why", "evidence"}, ...}) as {criterion column: reason};
    {} when missing or unreadable, and a reason that is not a string is left out."""
    if isinstance(v, str) and v.strip():
        try:
            v = json.loads(v)
        except ValueError:
            return {}
    if not isinstance(v, dict):
        return {}
    out = {}
    for k, entry in v.items():
        why = entry.get("why") if isinstance(entry, dict) else None
        if isinstance(why, str) and why.strip():
            name = str(k) if str(k).startswith("criterion_") else f"criterion_{k}"
            out[name] = why.strip()
    return out


def date_str(d: object) -> str:
    return d.strftime("%Y-%m-%d") if isinstance(d, pd.Timestamp) and not pd.isna(d) else "undated"


def finite(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if np.isfinite(f) else None

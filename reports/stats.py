"""Summary statistics behind the report: bootstrap intervals, per-period
series, how outlets differ from the corpus, and level shifts over time."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SEED = 20240501
N_BOOT = 1000


def bootstrap_ci(values: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval of ``values`` (NaNs dropped).

    Returns (mean, low, high); all NaN when there is no value. The seed makes
    a report reproducible byte for byte.
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    n = v.size
    if n == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(v.mean())
    if n == 1:
        return (mean, mean, mean)
    rng = np.random.default_rng(seed)
    # Resample in chunks so a huge outlet never allocates n_boot * n at once.
    chunk = max(1, min(n_boot, 4_000_000 // n))
    means = np.empty(n_boot)
    for i in range(0, n_boot, chunk):
        k = min(chunk, n_boot - i)
        means[i : i + k] = v[rng.integers(0, n, size=(k, n))].mean(axis=1)
    a = (1 - level) / 2
    lo, hi = np.quantile(means, [a, 1 - a])
    return (mean, float(lo), float(hi))


def period_series(df: pd.DataFrame, col: str, freq: str = "M", min_n: int = 1, n_boot: int = 400) -> pd.DataFrame:
    """Mean of ``col`` per calendar period with bootstrap interval and n.

    ``df`` needs a datetime column ``_date``. Periods without articles are
    absent from the result (plots draw them as gaps).
    """
    groups = _by_period(df, col, freq)
    rows = []
    for p, v in groups.items():
        if v.size < min_n:
            continue
        m, lo, hi = bootstrap_ci(v, n_boot=n_boot)
        rows.append((p, m, lo, hi, v.size))
    return pd.DataFrame(rows, columns=["period", "mean", "lo", "hi", "n"])


def _by_period(df: pd.DataFrame, col: str, freq: str) -> dict[pd.Period, np.ndarray]:
    """Values of ``col`` per period, in time order (numpy split: groupby is slow for many small groups)."""
    dates, vals = df["_date"].to_numpy(dtype="datetime64[ns]"), df[col].to_numpy(dtype=float)
    keep = ~np.isnat(dates) & ~np.isnan(vals)
    if not keep.any():
        return {}
    codes = _period_codes(dates[keep], freq)
    order = np.argsort(codes, kind="stable")
    codes, vals = codes[order], vals[keep][order]
    uniq, first = np.unique(codes, return_index=True)
    return {pd.Period(ordinal=int(c), freq=freq): v for c, v in zip(uniq, np.split(vals, first[1:]))}


def _period_codes(dates: np.ndarray, freq: str) -> np.ndarray:
    """pandas Period ordinals of ``dates`` (datetime64) for monthly or quarterly ``freq``, computed in
    numpy: months since 1970-01 (and quarters, their floor third), as ``Period.ordinal`` counts them.
    Other frequencies go through pandas."""
    months = dates.astype("datetime64[M]").astype(np.int64)
    if freq == "M":
        return months
    if freq == "Q":
        return months // 3
    return pd.DatetimeIndex(dates).to_period(freq).asi8


@dataclass(frozen=True, slots=True)
class Shift:
    """A level shift: mean before vs after ``period``, intervals not overlapping."""

    period: pd.Period
    before: float
    after: float


def level_shifts(df: pd.DataFrame, col: str, freq: str, window: int = 3, min_n: int = 10, n_boot: int = 500,
                 level: float = 0.99) -> list[Shift]:
    """Periods where the level of ``col`` changes beyond its interval.

    For each period t, the articles of the ``window`` periods before t and of
    the ``window`` periods from t on are pooled; t is a shift when both pools
    have ``min_n`` articles and their bootstrap intervals (99% by default:
    a chart tests every period of every outlet, so 95% would mark chance
    wiggles) do not overlap.
    Of a run of consecutive such periods only the one with the largest gap is
    kept, so one change is marked once.
    """
    groups = _by_period(df, col, freq)
    if not groups:
        return []
    periods = pd.period_range(min(groups), max(groups), freq=freq)
    empty = np.empty(0)
    vals = [groups.get(p, empty) for p in periods]
    found: list[tuple[int, float, Shift]] = []
    for t in range(1, len(periods)):
        if vals[t].size == 0:
            continue
        before = np.concatenate(vals[max(0, t - window) : t])
        after = np.concatenate(vals[t : t + window])
        if before.size < min_n or after.size < min_n:
            continue
        mb, lb, hb = bootstrap_ci(before, n_boot=n_boot, seed=SEED + t, level=level)
        ma, la, ha = bootstrap_ci(after, n_boot=n_boot, seed=SEED + t, level=level)
        gap = max(la - hb, lb - ha)
        if gap > 0:
            found.append((t, gap, Shift(periods[t], mb, ma)))
    out: list[Shift] = []
    run: list[tuple[int, float, Shift]] = []
    for item in found + [(10**9, 0.0, None)]:  # sentinel flushes the last run
        if run and item[0] != run[-1][0] + 1:
            out.append(max(run, key=lambda r: r[1])[2])
            run = []
        if item[2] is not None:
            run.append(item)
    return out


def standardised_differences(df: pd.DataFrame, group: str, cols: list[str]) -> pd.DataFrame:
    """Per group, (group mean - corpus mean) / corpus SD for each column.

    A feature that does not vary in the corpus gets 0, not a division error.
    """
    x = df[cols].astype(float)
    mu = x.mean()
    sd = x.std(ddof=0).replace(0.0, np.nan)
    z = (x.groupby(df[group], sort=False).mean() - mu) / sd
    return z.fillna(0.0)


def choose_freq(dates: pd.Series) -> str:
    """Monthly for up to three years of dates, quarterly beyond (so points keep some n)."""
    d = dates.dropna()
    if d.empty:
        return "M"
    months = (d.max().year - d.min().year) * 12 + d.max().month - d.min().month
    return "M" if months <= 36 else "Q"

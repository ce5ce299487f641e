"""Intervals, series over time, level shifts and gaps in the time charts."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from reports import plots, stats


def test_bootstrap_interval_is_seeded_and_covers_the_mean():
    v = np.random.default_rng(1).normal(50, 10, 400)
    m, lo, hi = stats.bootstrap_ci(v)
    assert lo < m < hi
    # Standard error is 10/sqrt(400) = 0.5, so the 95% interval is about +-1.
    assert 0.7 < (hi - lo) / 2 < 1.3
    assert stats.bootstrap_ci(v) == (m, lo, hi)
    assert all(np.isnan(stats.bootstrap_ci(np.array([np.nan]))))
    assert stats.bootstrap_ci(np.array([7.0])) == (7.0, 7.0, 7.0)


def _monthly(values_by_month: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(pd.Timestamp(m + "-15"), v) for m, vs in values_by_month.items() for v in vs]
    return pd.DataFrame(rows, columns=["_date", "x"])


def test_level_shift_found_once_where_the_level_moves():
    rng = np.random.default_rng(3)
    months = pd.period_range("2018-01", "2018-12", freq="M")
    data = {str(p): list(rng.normal(40 if i < 6 else 60, 5, 12)) for i, p in enumerate(months)}
    shifts = stats.level_shifts(_monthly(data), "x", "M")
    assert [str(s.period) for s in shifts] == ["2018-07"]
    assert shifts[0].before < 45 < 55 < shifts[0].after


def test_no_level_shift_in_a_flat_series():
    rng = np.random.default_rng(4)
    months = pd.period_range("2018-01", "2019-12", freq="M")
    data = {str(p): list(rng.normal(50, 5, 12)) for p in months}
    assert stats.level_shifts(_monthly(data), "x", "M") == []


def test_months_without_articles_are_gaps():
    df = _monthly({"2019-01": [1, 2], "2019-02": [3], "2019-05": [2, 2], "2019-06": [4]})
    pts = stats.period_series(df, "x", "M")
    assert [str(p) for p in pts["period"]] == ["2019-01", "2019-02", "2019-05", "2019-06"]
    assert pts["n"].tolist() == [2, 1, 2, 1]
    svg = str(plots.timeseries([plots.Series("A", pts)], "t", "x", "M"))
    # Two separate line pieces (Jan-Feb, May-Jun), not one line across March-April.
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 2 and all(len(ln.split()) == 2 for ln in lines)


def test_chart_text_is_escaped():
    pts = pd.DataFrame({"period": [pd.Period("2019-01", "M")], "mean": [1.0], "lo": [0.5], "hi": [1.5], "n": [3]})
    svg = str(plots.timeseries([plots.Series("<script>x</script>", pts)], "<b>t</b>", "y", "M"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_period_codes_are_pandas_period_ordinals():
    """The numpy month and quarter codes match pandas' Period ordinals, before 1970 and at period edges too."""
    d = pd.to_datetime(["1969-11-30", "1970-01-01", "1999-12-31 23:59", "2020-03-31 23:59:59", "2020-04-01",
                        "1901-02-03", "2038-01-19"], format="mixed").to_numpy()
    for freq in ("M", "Q", "W"):
        assert stats._period_codes(d, freq).tolist() == pd.DatetimeIndex(d).to_period(freq).asi8.tolist(), freq

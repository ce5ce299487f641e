"""Hand-built inline SVG charts.

Built as strings rather than with matplotlib because a large corpus needs
thousands of small charts and string building is ~100x faster. Every chart
has a <title>/<desc> for screen readers, and series differ by dash pattern,
marker shape or hatching as well as colour. All text that comes from data
(outlet names, feature names) is escaped.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from .env import fmt_signed

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle")
_ids = itertools.count()


def _uid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def _f(x: float) -> str:
    return f"{x:.1f}"


def _open_svg(w: int, h: int, title: str, desc: str, cls: str = "") -> tuple[list[str], str]:
    tid = _uid("t")
    return [
        f'<svg class="chart {cls}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{tid} {tid}d" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{tid}">{escape(title)}</title><desc id="{tid}d">{escape(desc)}</desc>',
    ], tid


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw), default=10 * mag)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 1:
        return f"{v:.3g}"
    return f"{v:.2g}"


def histogram(values: np.ndarray | None, corpus: np.ndarray, title: str, xlabel: str,
              lo: float = 0.0, hi: float = 100.0, bins: int = 20, label: str = "this outlet") -> Markup:
    """Share of articles per score bin: corpus as an outlined grey step,
    ``values`` (if given) as hatched bars on the same axes."""
    w, h, ml, mr, mt, mb = 560, 220, 44, 12, 28, 42
    pw, ph = w - ml - mr, h - mt - mb
    edges = np.linspace(lo, hi, bins + 1)
    corpus = np.asarray(corpus, float)
    corpus = corpus[~np.isnan(corpus)]
    ch = np.histogram(np.clip(corpus, lo, hi), edges)[0] / max(1, corpus.size)
    vh = None
    if values is not None:
        values = np.asarray(values, float)
        values = values[~np.isnan(values)]
        vh = np.histogram(np.clip(values, lo, hi), edges)[0] / max(1, values.size)
    top = max(float(ch.max(initial=0)), float(vh.max(initial=0)) if vh is not None else 0.0, 0.01)
    sx = lambda x: ml + (x - lo) / (hi - lo) * pw  # noqa: E731
    sy = lambda y: mt + ph - y / top * ph  # noqa: E731
    desc = f"Histogram of {xlabel}: corpus n={corpus.size}"
    if vh is not None:
        desc += f", {label} n={values.size}, mean {np.mean(values):.1f}" if values.size else f", {label} has no values"
    out, tid = _open_svg(w, h, title, desc)
    pid = _uid("hatch")
    out.append(f'<defs><pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
               f'<rect width="6" height="6" fill="#cfe3f3"/><line x1="0" y1="0" x2="0" y2="6" stroke="{COLOURS[0]}" stroke-width="2.5"/></pattern></defs>')
    out.append(_axes(ml, mt, pw, ph, _nice_ticks(lo, hi), sx, [t for t in _nice_ticks(0, top, 4)], sy,
                     xlabel, "share of articles", yfmt=lambda v: f"{v:.0%}"))
    if vh is not None:
        bw = pw / bins
        for i, v in enumerate(vh):
            if v > 0:
                out.append(f'<rect x="{_f(sx(edges[i]) + 1)}" y="{_f(sy(v))}" width="{_f(bw - 2)}" height="{_f(sy(0) - sy(v))}" '
                           f'fill="url(#{pid})" stroke="{COLOURS[0]}"><title>{edges[i]:.0f}\u2013{edges[i + 1]:.0f}: {v:.1%}</title></rect>')
    if vh is None:  # corpus alone: solid bars read better than an outline
        bw = pw / bins
        for i, v in enumerate(ch):
            if v > 0:
                out.append(f'<rect x="{_f(sx(edges[i]) + 1)}" y="{_f(sy(v))}" width="{_f(bw - 2)}" height="{_f(sy(0) - sy(v))}" '
                           f'fill="#9db7cf"><title>{edges[i]:.0f}\u2013{edges[i + 1]:.0f}: {v:.1%}</title></rect>')
    pts = [f"{_f(sx(edges[0]))},{_f(sy(0))}"]
    for i, v in enumerate(ch):
        pts += [f"{_f(sx(edges[i]))},{_f(sy(v))}", f"{_f(sx(edges[i + 1]))},{_f(sy(v))}"]
    pts.append(f"{_f(sx(edges[-1]))},{_f(sy(0))}")
    out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="#444" stroke-width="2" stroke-dasharray="5 2"/>')
    # Legend: hatched box vs dashed line, so it reads in greyscale too.
    lx = ml + 8
    out.append(f'<line x1="{lx}" y1="14" x2="{lx + 22}" y2="14" stroke="#444" stroke-width="2" stroke-dasharray="5 2"/>'
               f'<text x="{lx + 26}" y="18" class="lg">corpus (n={corpus.size})</text>')
    if vh is not None:
        lx2 = lx + 170
        out.append(f'<rect x="{lx2}" y="8" width="14" height="12" fill="url(#{pid})" stroke="{COLOURS[0]}"/>'
                   f'<text x="{lx2 + 18}" y="18" class="lg">{escape(_short(label, 40))} (n={values.size})</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _short(s: str, n: int) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def _axes(ml: float, mt: float, pw: float, ph: float, xticks: Sequence[float], sx, yticks: Sequence[float], sy,
          xlabel: str, ylabel: str, xfmt=_fmt, yfmt=_fmt, xtick_labels: Sequence[str] | None = None) -> str:
    o = ['<g class="axes">']
    for t in yticks:
        y = sy(t)
        o.append(f'<line x1="{_f(ml)}" x2="{_f(ml + pw)}" y1="{_f(y)}" y2="{_f(y)}" class="grid"/>'
                 f'<text x="{_f(ml - 4)}" y="{_f(y + 4)}" text-anchor="end">{escape(yfmt(t))}</text>')
    labels = xtick_labels or [xfmt(t) for t in xticks]
    for t, lab in zip(xticks, labels):
        x = sx(t)
        o.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(mt + ph)}" y2="{_f(mt + ph + 4)}" stroke="#333"/>'
                 f'<text x="{_f(x)}" y="{_f(mt + ph + 16)}" text-anchor="middle">{escape(lab)}</text>')
    o.append(f'<line x1="{_f(ml)}" x2="{_f(ml + pw)}" y1="{_f(mt + ph)}" y2="{_f(mt + ph)}" stroke="#333"/>'
             f'<line x1="{_f(ml)}" x2="{_f(ml)}" y1="{_f(mt)}" y2="{_f(mt + ph)}" stroke="#333"/>')
    o.append(f'<text x="{_f(ml + pw / 2)}" y="{_f(mt + ph + 34)}" text-anchor="middle" class="al">{escape(xlabel)}</text>')
    o.append(f'<text transform="translate(11 {_f(mt + ph / 2)}) rotate(-90)" text-anchor="middle" class="al">{escape(ylabel)}</text>')
    o.append("</g>")
    return "".join(o)


def diverging_bars(items: Sequence[tuple[str, float]], title: str, unit: str, note: str = "",
                   groups: Sequence[str] | None = None, limit: float | None = None) -> Markup:
    """Horizontal bars left/right of zero, one per item, value printed beside
    each bar (sign spelled out) so the chart does not rely on colour."""
    n = len(items)
    row = 20
    ml, mr, mt = 310, 70, 26
    w = 700
    h = mt + row * max(n, 1) + 34
    pw = w - ml - mr
    vals = [v for _, v in items if math.isfinite(v)]
    m = limit or max([abs(v) for v in vals] + [1e-9])
    sx = lambda v: ml + pw / 2 + max(-m, min(m, v)) / m * pw / 2  # noqa: E731
    out, _ = _open_svg(w, h, title, f"{n} bars, {unit}. " + "; ".join(f"{k}: {v:+.2f}" for k, v in items), "bars")
    x0 = sx(0)
    prev_group = None
    for i, (name, v) in enumerate(items):
        y = mt + i * row
        if groups is not None and groups[i] != prev_group:
            prev_group = groups[i]
            if i:
                out.append(f'<line x1="4" x2="{w - 4}" y1="{y}" y2="{y}" class="grid"/>')
        if not math.isfinite(v):
            v = 0.0
        pos = v >= 0
        a, b = sorted((x0, sx(v)))
        fill = COLOURS[0] if pos else COLOURS[1]
        # Negative bars also get a dashed outline: the sign is not carried by colour alone.
        neg_style = "" if pos else 'stroke="#000" stroke-dasharray="2 1"'
        out.append(f'<text x="{ml - 6}" y="{y + 14}" text-anchor="end">{escape(_short(name, 48))}</text>')
        out.append(f'<rect x="{_f(a)}" y="{y + 3}" width="{_f(max(b - a, 1))}" height="{row - 6}" fill="{fill}" '
                   f'{neg_style}><title>{escape(name)}: {v:+.3g} {escape(unit)}</title></rect>')
        tx = b + 4 if pos else a - 4
        anchor = "start" if pos else "end"
        if not pos and tx < ml + 30:
            tx, anchor = x0 + 4, "start"
        if pos and tx > w - 40:
            tx, anchor = x0 - 4, "end"
        out.append(f'<text x="{_f(tx)}" y="{y + 14}" text-anchor="{anchor}" class="val">{v:+.2f}</text>')
    out.append(f'<line x1="{_f(x0)}" x2="{_f(x0)}" y1="{mt - 4}" y2="{mt + row * n}" stroke="#333"/>')
    out.append(f'<text x="{_f(x0)}" y="14" text-anchor="middle" class="al">{escape(note or "0")}</text>')
    out.append(f'<text x="{_f(ml + pw / 2)}" y="{h - 8}" text-anchor="middle" class="al">{escape(unit)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


@dataclass
class Series:
    """One line of a time chart: per-period mean, interval and n."""

    name: str
    points: pd.DataFrame  # columns period (pd.Period), mean, lo, hi, n
    shifts: list = field(default_factory=list)  # stats.Shift


def timeseries(series: Sequence[Series], title: str, ylabel: str, freq: str,
               start: pd.Period | None = None, end: pd.Period | None = None,
               ylim: tuple[float, float] | None = None, show_n: bool = True) -> Markup:
    """Means over time with interval whiskers; consecutive periods are joined,
    a period without articles leaves a gap. Level shifts get a labelled
    vertical marker. With ``show_n`` a strip below shows articles per period."""
    w = 900
    ml, mr, mt = 52, 16, 30
    ph = 220
    legend_h = 18 * ((len(series) + 2) // 3)
    nstrip = 16 * len(series) + 10 if show_n else 0
    h = mt + ph + 40 + nstrip + legend_h
    pw = w - ml - mr
    allp = [p for s in series for p in s.points["period"]] if series else []
    if start is None:
        start = min(allp) if allp else pd.Period("2000-01", freq)
    if end is None:
        end = max(allp) if allp else start
    start, end = start.asfreq(freq), end.asfreq(freq)
    span = max(1, (end - start).n)
    sx = lambda p: ml + ((p.asfreq(freq) - start).n + 0.5) / (span + 1) * pw  # noqa: E731
    ylo, yhi = ylim if ylim is not None else _padded_range(series)
    sy = lambda v: mt + ph - (max(ylo, min(yhi, v)) - ylo) / (yhi - ylo) * ph  # noqa: E731
    years = list(range(start.year, end.year + 1))
    step = max(1, len(years) // 10)
    xt = [pd.Period(f"{y}-01", "M") for y in years[::step]]
    xt = [p for p in xt if start.asfreq("M") <= p <= end.asfreq("M")] or [start.asfreq("M")]
    desc = "; ".join(f"{s.name}: {len(s.points)} periods, {int(s.points['n'].sum()) if len(s.points) else 0} articles"
                     + (f", {len(s.shifts)} level shift(s)" if s.shifts else "") for s in series)
    out, _ = _open_svg(w, h, title, desc or "no data")
    out.append(_axes(ml, mt, pw, ph, xt, sx, _nice_ticks(ylo, yhi, 5), sy, "", ylabel,
                     xtick_labels=[str(p.year) for p in xt]))
    for i, s in enumerate(series):
        out.extend(_series_marks(s, i, sx, sy, freq, mt, ph))
    y0 = mt + ph + 30
    if show_n and series:
        out.extend(_n_strip(series, sx, ml, max(1.0, pw / (span + 1) - 1), y0))
        y0 += nstrip
    out.extend(_legend(series, ml, y0))
    out.append("</svg>")
    return Markup("".join(out))


def _padded_range(series: Sequence[Series]) -> tuple[float, float]:
    """The y range of every interval, padded by 8% (0..1 when there is none)."""
    lows = [v for s in series for v in s.points["lo"] if math.isfinite(v)]
    highs = [v for s in series for v in s.points["hi"] if math.isfinite(v)]
    ylo, yhi = (min(lows), max(highs)) if lows else (0.0, 1.0)
    pad = (yhi - ylo) * 0.08 or abs(yhi) * 0.1 or 1.0
    return (ylo - pad, yhi + pad)


def _series_marks(s: Series, i: int, sx, sy, freq: str, mt: float, ph: float) -> list[str]:
    """One series' whiskers, markers, lines (broken at empty periods) and shift markers."""
    c, d, mk = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]
    out: list[str] = []
    pts = s.points.sort_values("period")
    seg: list[str] = []
    prev = None
    lines: list[list[str]] = []
    for p, m, lo, hi, n in zip(*(pts[k].tolist() for k in ("period", "mean", "lo", "hi", "n"))):
        x, y = sx(p), sy(m)
        if prev is not None and (p.asfreq(freq) - prev).n != 1:
            lines.append(seg)
            seg = []
        seg.append(f"{_f(x)},{_f(y)}")
        prev = p.asfreq(freq)
        out.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(sy(lo))}" y2="{_f(sy(hi))}" stroke="{c}" stroke-opacity="0.55" stroke-width="1.5"/>')
        out.append(_marker(mk, x, y, c, f"{s.name} {p}: {m:.3g} (95% CI {lo:.3g}\u2013{hi:.3g}), n={n}"))
    lines.append(seg)
    for ln in lines:
        if len(ln) > 1:
            out.append(f'<polyline points="{" ".join(ln)}" fill="none" stroke="{c}" stroke-width="1.8" stroke-dasharray="{d}"/>')
    for sh in s.shifts:
        x = sx(sh.period)
        out.append(f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{mt}" y2="{mt + ph}" stroke="{c}" stroke-width="2" stroke-dasharray="1 3"/>'
                   f'<text x="{_f(x + 2)}" y="{mt + 10 + 11 * (i % 4)}" class="shift" fill="{c}">\u25b2\u25bc shift {escape(_short(s.name, 14))}'
                   f'<title>Level shift for {escape(s.name)} at {sh.period}: mean '
                   f'{sh.before:.3g} before, {sh.after:.3g} after (intervals do not overlap)</title></text>')
    return out


def _n_strip(series: Sequence[Series], sx, ml: float, bw: float, y0: float) -> list[str]:
    """Articles per period, one row of bars per series, scaled to the largest n."""
    out = [f'<text x="{ml - 4}" y="{y0 + 4}" text-anchor="end" class="al">n</text>']
    nmax = max([int(s.points["n"].max()) for s in series if len(s.points)] + [1])
    for i, s in enumerate(series):
        c = COLOURS[i % len(COLOURS)]
        yb = y0 + 8 + 16 * i
        for p, n in zip(s.points["period"].tolist(), s.points["n"].tolist()):
            hgt = max(1.0, 12 * n / nmax)
            out.append(f'<rect x="{_f(sx(p) - bw / 2)}" y="{_f(yb + 12 - hgt)}" width="{_f(bw)}" height="{_f(hgt)}" fill="{c}">'
                       f'<title>{escape(s.name)} {p}: n={n}</title></rect>')
        out.append(f'<text x="{ml - 4}" y="{yb + 11}" text-anchor="end" class="lg">{nmax if i == 0 else ""}</text>')
    return out


def _legend(series: Sequence[Series], ml: float, y0: float) -> list[str]:
    """Line style, marker and name of each series, three per row."""
    out: list[str] = []
    for i, s in enumerate(series):
        c, d, mk = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]
        lx = ml + (i % 3) * 290
        ly = y0 + 18 * (i // 3) + 4
        out.append(f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{c}" stroke-width="2" stroke-dasharray="{d}"/>'
                   + _marker(mk, lx + 13, ly, c, "")
                   + f'<text x="{lx + 32}" y="{ly + 4}" class="lg">{escape(_short(s.name, 36))}</text>')
    return out


def _marker(kind: str, x: float, y: float, c: str, tip: str) -> str:
    t = f"<title>{escape(tip)}</title>" if tip else ""
    r = 3.2
    if kind == "square":
        el = f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}" fill="{c}">'
        return el + t + "</rect>"
    if kind == "triangle":
        pts = f"{_f(x)},{_f(y - r - 1)} {_f(x - r - 1)},{_f(y + r)} {_f(x + r + 1)},{_f(y + r)}"
        return f'<polygon points="{pts}" fill="{c}">{t}</polygon>'
    if kind == "diamond":
        pts = f"{_f(x)},{_f(y - r - 1)} {_f(x + r + 1)},{_f(y)} {_f(x)},{_f(y + r + 1)} {_f(x - r - 1)},{_f(y)}"
        return f'<polygon points="{pts}" fill="#fff" stroke="{c}" stroke-width="1.6">{t}</polygon>'
    if kind == "cross":
        return (f'<path d="M{_f(x - r)} {_f(y - r)}L{_f(x + r)} {_f(y + r)}M{_f(x - r)} {_f(y + r)}L{_f(x + r)} {_f(y - r)}" '
                f'stroke="{c}" stroke-width="2">{t}</path>')
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{c}">{t}</circle>'


@dataclass(frozen=True, slots=True)
class Point:
    """One labelled point of a two-axis chart: means with their 95% intervals and the count behind them."""

    name: str
    x: float
    x_lo: float
    x_hi: float
    y: float
    y_lo: float
    y_hi: float
    n: int


def _radius(n: int, nmax: int) -> float:
    """Point radius: area grows with the count, so a large outlet does not swamp the chart."""
    return 3.0 + 11.0 * math.sqrt(max(n, 0) / max(nmax, 1))


def scatter(points: Sequence[Point], title: str, xlabel: str, ylabel: str, xlim: tuple[float, float],
            ylim: tuple[float, float], x_ends: tuple[str, str] = ("", ""), max_labels: int = 40,
            xfmt=_fmt) -> Markup:
    """Points with interval whiskers on both axes, sized by count, the largest ``max_labels`` named
    where their label fits (every point names itself on hover). ``x_ends`` label the ends of the x axis;
    a dashed line marks x = 0 when it lies inside ``xlim``."""
    w, h, ml, mr, mt, mb = 900, 566, 56, 20, 40, 62
    pw, ph = w - ml - mr, h - mt - mb
    (xlo, xhi), (ylo, yhi) = xlim, ylim
    sx = lambda v: ml + (min(xhi, max(xlo, v)) - xlo) / (xhi - xlo) * pw  # noqa: E731
    sy = lambda v: mt + ph - (min(yhi, max(ylo, v)) - ylo) / (yhi - ylo) * ph  # noqa: E731
    nmax = max([p.n for p in points] + [1])
    desc = f"{len(points)} points. " + "; ".join(f"{p.name}: x {p.x:.1f}, y {p.y:.1f}, n={p.n}" for p in points[:60])
    out, _ = _open_svg(w, h, title, desc, "scatter")
    out.append(_axes(ml, mt, pw, ph, _nice_ticks(xlo, xhi, 8), sx, _nice_ticks(ylo, yhi, 5), sy, xlabel, ylabel, xfmt=xfmt))
    if xlo < 0 < xhi:
        out.append(f'<line x1="{_f(sx(0))}" x2="{_f(sx(0))}" y1="{mt}" y2="{mt + ph}" stroke="#333" stroke-dasharray="4 3"/>')
    left, right = x_ends
    if left:
        out.append(f'<text x="{ml}" y="{h - 8}" class="al">\u25c0 {escape(left)}</text>')
    if right:
        out.append(f'<text x="{ml + pw}" y="{h - 8}" text-anchor="end" class="al">{escape(right)} \u25b6</text>')
    xf = fmt_signed if xlo < 0 else (lambda v: f"{v:.1f}")  # noqa: E731
    # Largest first, so smaller points are drawn on top and stay visible.
    for p in sorted(points, key=lambda p: -p.n):
        x, y, r = sx(p.x), sy(p.y), _radius(p.n, nmax)
        tip = (f"{p.name}: {xlabel} {xf(p.x)} (95% CI {xf(p.x_lo)} to {xf(p.x_hi)}), "
               f"{ylabel} {p.y:.1f} (95% CI {p.y_lo:.1f} to {p.y_hi:.1f}), n={p.n}")
        out.append(f'<path d="M{_f(sx(p.x_lo))} {_f(y)}H{_f(sx(p.x_hi))}M{_f(x)} {_f(sy(p.y_lo))}V{_f(sy(p.y_hi))}" '
                   f'stroke="#444" stroke-opacity="0.6" stroke-width="1.2"/>'
                   f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{COLOURS[0]}" fill-opacity="0.35" stroke="{COLOURS[0]}" '
                   f'stroke-width="1.5"><title>{escape(tip)}</title></circle>')
    out.extend(_point_labels(points, sx, sy, nmax, (ml, mt, ml + pw, mt + ph), max_labels))
    out.extend(_size_key(nmax, ml + pw - 150, mt - 20))
    out.append("</svg>")
    return Markup("".join(out))


def _point_labels(points: Sequence[Point], sx, sy, nmax: int, area: tuple[float, float, float, float],
                  max_labels: int) -> list[str]:
    """Names beside the largest points: right, left, above or below, wherever the label overlaps
    neither another label nor a point; a label that fits nowhere is left out."""
    boxes = [(sx(p.x) - _radius(p.n, nmax), sy(p.y) - _radius(p.n, nmax), sx(p.x) + _radius(p.n, nmax),
              sy(p.y) + _radius(p.n, nmax)) for p in points]
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for k, p in sorted(enumerate(points), key=lambda t: -t[1].n)[:max_labels]:
        x, y, r = sx(p.x), sy(p.y), _radius(p.n, nmax)
        name = _short(p.name, 26)
        tw = 6.3 * len(name)  # average width of a character at the chart's 11px
        for tx, ty, anchor, x0 in ((x + r + 3, y + 4, "start", x + r + 3), (x - r - 3, y + 4, "end", x - r - 3 - tw),
                                   (x, y - r - 4, "middle", x - tw / 2), (x, y + r + 12, "middle", x - tw / 2)):
            box = (x0, ty - 10, x0 + tw, ty + 2)
            inside = area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]
            clash = any(_overlap(box, b) for b in placed) or any(_overlap(box, b) for j, b in enumerate(boxes) if j != k)
            if inside and not clash:
                placed.append(box)
                out.append(f'<text x="{_f(tx)}" y="{_f(ty)}" text-anchor="{anchor}" class="lg">{escape(name)}</text>')
                break
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _size_key(nmax: int, x: float, y: float) -> list[str]:
    """What the point sizes mean: the largest count and about a tenth of it."""
    small = max(1, int(round(nmax / 10, -1 if nmax >= 100 else 0)))
    out = [f'<text x="{_f(x)}" y="{_f(y + 4)}" text-anchor="end" class="lg">articles:</text>']
    cx = x + 6
    for n in (small, nmax):
        r = _radius(n, nmax)
        out.append(f'<circle cx="{_f(cx + r)}" cy="{_f(y)}" r="{_f(r)}" fill="{COLOURS[0]}" fill-opacity="0.35" stroke="{COLOURS[0]}"/>'
                   f'<text x="{_f(cx + 2 * r + 3)}" y="{_f(y + 4)}" class="lg">{n}</text>')
        cx += 2 * r + 12 + 7 * len(str(n))
    return out

"""The hand-built SVG charts: the two-axis chart of outlets (labels that never overlap, sizes by count)."""
from __future__ import annotations

import re

from reports.plots import Point, scatter

from .htmlcheck import Page


def _points(k: int) -> list[Point]:
    """k outlets crowded into one corner, so most labels must give way."""
    return [Point(f"Outlet <{i}>", -5 + i % 5, -7 + i % 5, -3 + i % 5, 40 + i // 5, 38 + i // 5, 42 + i // 5, 10 * (k - i))
            for i in range(k)]


def test_scatter_names_points_without_overlapping_labels():
    svg = str(scatter(_points(30), "t", "mean lean", "mean bias", (-20, 20), (30, 60), x_ends=("left", "right"),
                      max_labels=30))
    labels = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)" class="lg">([^<]*)</text>', svg)
    names = [n for *_, n in labels if n.startswith("Outlet")]
    assert 0 < len(names) < 30  # crowded: some names give way rather than overlap
    assert "Outlet &lt;0&gt;" in names  # the largest outlet is always named
    boxes = []
    for x, y, anchor, name in labels:
        if not name.startswith("Outlet"):
            continue
        w = 6.3 * len(Page(name).body)
        x0 = float(x) - {"start": 0, "end": w, "middle": w / 2}[anchor]
        boxes.append((x0, float(y) - 10, x0 + w, float(y) + 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # Every point names itself on hover, with its intervals and count; the size grows with the count.
    tips = re.findall(r'<circle cx="[^"]*" cy="[^"]*" r="([\d.]+)"[^>]*><title>([^<]*)</title>', svg)
    assert len(tips) == 30
    r = {Page(t).body.split(":")[0]: float(rad) for rad, t in tips}
    assert r["Outlet <0>"] > r["Outlet <15>"] > r["Outlet <29>"]
    assert ("Outlet &lt;3&gt;: mean lean \u22122.0 (95% CI \u22124.0 to 0.0), mean bias 40.0 (95% CI 38.0 to 42.0), "
            "n=270") in svg
    assert "\u25c0 left" in svg and "right \u25b6" in svg
    assert "<Outlet" not in svg

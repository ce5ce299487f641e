"""The one Jinja2 environment of the reports: autoescape on, strict undefined,
templates loaded from the installed package (works from a wheel too)."""
from __future__ import annotations

import base64
import hashlib
import math
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def fmt_number(v: object) -> str:
    """Compact number for tables: 3 significant digits, '–' for missing."""
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "\u2013"
    if not math.isfinite(x):
        return "\u2013"
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared environment (built once)."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fmt"] = fmt_number
    return env


@lru_cache(maxsize=1)
def page_script() -> tuple[Markup, str]:
    """The sort/filter script and its CSP hash: pages allow only this script."""
    js = resources.files("reports.templates").joinpath("sortfilter.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    # The script is our own file; "</" never occurs in it, so it cannot end the <script> element early.
    if "</" in js:
        raise ValueError("sortfilter.js must not contain '</'")
    return Markup(js), f"sha256-{digest}"

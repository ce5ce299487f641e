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


def _finite(v: object) -> float | None:
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def fmt_number(v: object) -> str:
    """Compact number for tables: 3 significant digits, '–' for missing."""
    x = _finite(v)
    if x is None:
        return "\u2013"
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def fmt_signed(v: object, digits: int = 1) -> str:
    """A value that runs either side of 0 (lean) with its sign: '+12.3', '\u221212.3' (a true minus),
    '0.0'; '\u2013' for missing."""
    x = _finite(v)
    if x is None:
        return "\u2013"
    s = f"{x:+.{digits}f}"
    if float(s) == 0:
        return f"{0:.{digits}f}"
    return s.replace("-", "\u2212")


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
    env.filters["signed"] = fmt_signed
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

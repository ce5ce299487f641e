"""relscore HTML reports: an overview, one page per outlet, outlets compared
over time and article pages with the evidence highlighted.

``render_site(scored, spans, texts, out_dir)`` writes the site and returns
the path of its ``index.html``; ``relscore.report.register`` adds ``relscore report``.
"""
from .highlight import highlight
from .site import render_site

__all__ = ["highlight", "render_site"]

"""Write the report site: overview, outlet pages, comparison over time and
article pages, each a self-contained HTML file."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd
from scoring.version import package_version

from . import card, lean, pages
from .env import environment, page_script
from .prepare import Corpus, prepare, spans_by_id
from .select import NO_TEXTS, Selection, select
from .stats import N_BOOT

log = logging.getLogger(__name__)

#: Wraps the pages of one kind as they are written: ``(items, "outlet pages")`` -> the same items.
PageProgress = Callable[[Sequence[Any], str], Iterable[Any]]


def _no_progress(items: Sequence[Any], what: str) -> Iterable[Any]:
    return items


class _Writer:
    """Renders templates with the context every page shares."""

    def __init__(self, out: Path):
        self.out = out
        self.env = environment()
        script, digest = page_script()
        self.common = {"version": package_version(missing="dev"), "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                       "script": script, "script_hash": digest, "n_boot": N_BOOT}

    def write(self, rel: str, template: str, page_title: str, with_script: bool = False, **ctx: Any) -> Path:
        depth = rel.count("/")
        html = self.env.get_template(template).render(
            **self.common, **ctx, page_title=page_title, root="../" * depth, with_script=with_script)
        path = self.out / rel
        path.write_text(html, encoding="utf-8")
        return path


def render_site(scored: pd.DataFrame, spans: pd.DataFrame | None, texts: dict[str, str] | None, out_dir: str | Path,
                articles: str = "flagged", compare: list[str] | None = None,
                page_progress: PageProgress = _no_progress) -> Path:
    """Write the HTML report for ``scored`` articles into ``out_dir``; return index.html's path.

    ``spans`` (id, start, end, kind, label, voice, text) index into ``texts[id]``.
    ``texts=None`` writes no article pages (the pages say what would add them); the
    overview, outlet pages and comparison need only ``scored``.
    ``articles`` chooses the article pages: 'all', 'flagged' or a number;
    ``compare`` names the outlets of the comparison page (default: the largest few);
    ``page_progress`` wraps each kind of page as it is written (the command line draws a bar).
    Score columns ``reliability``/``bias`` and ``*_why`` are optional: without
    them pages say "not scored". So is ``lean`` (with ``lean_left``/``lean_centre``/``lean_right``,
    ``lean_why`` and spans of kind ``lean``): with it, the league table, outlet pages, comparison and
    article pages show lean and the overview places outlets by lean and bias; without it, no page
    mentions lean. So are the criteria card's ``criterion_*`` columns and
    ``criteria_why``: with them, article and outlet pages show the card, the league table and the
    comparison the criteria; without them, no page mentions the card.
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = prepare(scored, spans)
    sel = select(corpus, articles) if texts is not None else Selection([], {}, NO_TEXTS)
    hrefs = {i: f"articles/{corpus.df.at[i, '_slug']}.html" for i in sel.rows}
    summ = pages.summarise(corpus)
    log.info("prepared %d articles, %d outlets in %.1fs", len(corpus.df), len(summ.n), time.perf_counter() - t0)
    w = _Writer(out)
    w.common["has_lean"] = corpus.has_lean  # lean's columns, styles and notes appear only with it
    facts = pages.corpus_facts(corpus, len(sel.rows))
    cmp = pages.comparison(corpus, summ, compare)
    listed = pages.article_list(corpus, sel, hrefs)
    index = w.write("index.html", "overview.html", "Reliability and bias report", with_script=True,
                    corpus=facts, dist_charts=pages.distribution_charts(corpus),
                    league=pages.league(corpus, summ) if corpus.has_outlets else [],
                    criteria=card.columns(corpus), worth_a_look=listed[:pages.OVERVIEW_ARTICLES],
                    compare_names=cmp["compare_names"], selection_note=sel.note,
                    lean_map=lean.outlet_map(corpus, summ.ci, corpus.outlet_slugs))
    w.write("comparison.html", "comparison.html", "Outlets compared over time", with_script=bool(cmp["shifts"]), **cmp)
    w.write("articles.html", "articles.html", "Article pages", with_script=True,
            pages=listed, selection_note=sel.note, outlet_pages=corpus.has_outlets)
    if corpus.has_outlets:
        _outlet_pages(w, corpus, summ, hrefs, page_progress)
    ids = {corpus.df.at[i, "_id"] for i in sel.rows}
    by_id = spans_by_id(spans, ids)
    missing = 0
    if sel.rows:
        (out / "articles").mkdir(exist_ok=True)
    for i in page_progress(sel.rows, "article pages"):
        aid = corpus.df.at[i, "_id"]
        text = texts.get(aid) if texts is not None else None
        missing += text is None
        ctx = pages.article(corpus, summ, i, text, by_id.get(aid, []) if text is not None else [])
        w.write(hrefs[i], "article.html", corpus.df.at[i, "_title"], **ctx)
    if missing:
        log.warning("%d article page(s) have no text in `texts`", missing)
    log.info("report written to %s in %.1fs (%d outlet pages, %d article pages)",
             out, time.perf_counter() - t0, len(summ.n) if corpus.has_outlets else 0, len(sel.rows))
    return index


def _outlet_pages(w: _Writer, corpus: Corpus, summ: pages.Summary, hrefs: dict[int, str],
                  page_progress: PageProgress) -> None:
    """One page per outlet. An outlet that is the whole corpus is not drawn against itself."""
    (w.out / "outlets").mkdir(exist_ok=True)
    lists = pages.outlet_lists(corpus, hrefs)
    card_measures = card.measures(corpus)
    several = len(summ.n) > 1
    for outlet in page_progress(list(summ.n.index), "outlet pages"):
        rows = corpus.of_outlet(outlet)
        d = rows["_date"].dropna()
        rng = f"{pages.date_str(d.min())} \u2013 {pages.date_str(d.max())}" if len(d) else "no dates"
        ol = lists.get(outlet, {"top": [], "bottom": [], "some": []})
        w.write(f"outlets/{corpus.outlet_slugs[outlet]}.html", "outlet.html", outlet,
                outlet={"n": int(summ.n[outlet]), "date_range": rng, "dated": bool(len(d)),
                        "rel": summ.ci.get("reliability", {}).get(outlet), "bias": summ.ci.get("bias", {}).get(outlet),
                        "domains": _domains(rows)},
                lean=lean.outlet_lean(corpus, summ.ci.get("lean", {}).get(outlet), outlet),
                dist_charts=pages.distribution_charts(corpus, outlet if several else None),
                profile=pages.profile(corpus, summ, outlet),
                time_charts=pages.outlet_time(corpus, outlet),
                card=card.outlet_card(corpus, summ.card, outlet, int(summ.n[outlet])),
                card_charts=pages.outlet_time(corpus, outlet, card_measures),
                top_articles=ol["top"], bottom_articles=ol["bottom"], some_articles=ol["some"])


def _domains(rows: pd.DataFrame) -> list[str]:
    if "domain" not in rows:
        return []
    d = rows["domain"].dropna().astype(str)
    return list(d.value_counts().index[:3])

"""Evidence markup: escaping, nesting and overlapping spans, labels."""
from __future__ import annotations

import html
import re
from pathlib import Path

from reports.highlight import highlight, kind_counts, source_kind
from reports.pages import legend

from .htmlcheck import Page


def _span(text: str, piece: str, kind: str, label: str = "", voice: str = "author", nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"start": start, "end": start + len(piece), "kind": kind, "label": label, "voice": voice}


def test_text_is_escaped_and_kept_whole():
    text = 'He said <script>alert("x")</script> & left.\nNext <img src=x onerror=alert(1)> line.'
    html = str(highlight(text, [_span(text, "said", "attribution")]))
    assert "<script>" not in html and "<img" not in html
    page = Page(f"<div>{html}</div>")
    assert page.body == text  # escaping round-trips to exactly the original text
    assert [t for t, _ in page.tags] == ["div", "span"]


def test_overlapping_and_nested_spans_split_at_boundaries():
    text = "“It may well collapse soon,” a senior official said on Monday."
    spans = [
        _span(text, "“It may well collapse soon,”", "quote", "direct", "quoted"),
        _span(text, "may", "hedge", "", "quoted"),
        _span(text, "may well collapse", "loaded", "", "quoted"),  # overlaps the hedge
        _span(text, "a senior official", "source", "anonymous"),
        _span(text, "said", "attribution"),
    ]
    html = str(highlight(text, spans))
    page = Page(f"<div>{html}</div>")
    assert page.body == text
    # Well formed: every opened element is closed again.
    assert html.count("<span") == html.count("</span>")
    # "may" carries quote, loaded and hedge markup at once.
    i = html.index(">may<")
    opened = html[:i]
    last_plain = opened.rfind("</span>")
    assert all(k in opened[last_plain:] for k in ("ev-quote", "ev-loaded", "ev-hedge"))
    assert "anonymous source" in page.labels


def test_insertion_lines_struck_and_labelled():
    text = "Body one.\nREAD ALSO  Some other headline\nBody two may go on."
    spans = [_span(text, "READ ALSO  Some other headline", "insertion", "read-also"), _span(text, "may", "hedge")]
    page = Page(f"<div>{highlight(text, spans)}</div>")
    assert page.is_struck("READ ALSO  Some other headline")
    assert not page.is_struck("Body two")
    assert page.labels == ["inserted: read-also"]


def test_named_and_anonymous_sources_told_apart_by_text():
    assert source_kind("anonymous") == "anonymous"
    assert source_kind("unnamed official") == "anonymous"
    for label in ("named", "media", "document", ""):
        assert source_kind(label) == "named"
    text = "Mr Putin said so, and a source in Ankara said otherwise."
    page = Page(f"<div>{highlight(text, [_span(text, 'Mr Putin', 'source', 'named'), _span(text, 'a source in Ankara', 'source', 'anonymous')])}</div>")
    assert page.labels == ["named source", "anonymous source"]


def test_a_pronoun_source_shows_its_kind_once():
    text = "A source in Ankara said so; later he said it again, and Mr Putin said he agreed."
    he = text.index(" he said") + 1
    spans = [{"start": he, "end": he + 2, "kind": "source", "label": "anonymous pronoun"},
             _span(text, "Mr Putin", "source", "named")]
    page = Page(f"<div>{highlight(text, spans)}</div>")
    assert page.labels == ["anonymous source (pronoun)", "named source"]


def test_bad_spans_are_ignored_not_fatal():
    text = "Short text."
    spans = [{"start": 5, "end": 5, "kind": "hedge"}, {"start": -3, "end": 99, "kind": "quote"},
             {"start": 0, "end": 4, "kind": "unknown"}, {"start": None, "end": 2, "kind": "hedge"}]
    page = Page(f"<div>{highlight(text, spans)}</div>")
    assert page.body == text
    assert highlight("", spans) == ""


def test_furniture_and_spam_are_shown_apart():
    text = "Photo: Getty Images\nREAD ALSO Ten things you missed\nThe talks ended."
    spans = [{"start": 0, "end": 19, "kind": "insertion", "label": "credit", "voice": "author"},
             {"start": 20, "end": 51, "kind": "insertion", "label": "related", "voice": "author"}]
    html = str(highlight(text, spans))
    assert 'class="ev ev-furniture v-author"' in html and "furniture: credit" in html
    assert 'class="ev ev-insertion v-author"' in html and "inserted: related" in html
    counts = kind_counts(spans)
    assert counts["furniture"] == 1 and counts["insertion"] == 1


def test_lean_terms_say_their_side_in_words():
    """A lean span's side is a label before it and a class of its own; a label that is not a side
    stays a plain lean term (labels are data, never class names), and the counts split by side."""
    text = "The undocumented immigrants and the illegal aliens met a loaded reporter."
    spans = [_span(text, "undocumented immigrants", "lean", "left"), _span(text, "illegal aliens", "lean", "Right"),
             _span(text, "loaded", "lean", "x\" onmouseover=\"alert(1)"), _span(text, "illegal", "loaded")]
    html = str(highlight(text, spans))
    page = Page(f"<div>{html}</div>")
    assert page.body == text
    assert page.labels == ["\u25c0 left", "right \u25b6", "lean"]
    assert 'class="ev ev-lean v-author lean-left"' in html and 'class="ev ev-lean v-author lean-right"' in html
    assert 'class="ev ev-lean v-author" title="lean · x&#34; onmouseover=&#34;alert(1)"' in html
    assert all(not any(k.startswith("on") for k in a) for _, a in page.tags)
    counts = kind_counts(spans)
    assert (counts["lean"], counts["lean_left"], counts["lean_right"], counts["loaded"]) == (3, 1, 1, 1)


def test_the_legend_names_each_kind_by_the_tag_the_text_shows():
    items = legend([], with_lean=True)
    tagged = 0
    for item in items:
        tag = re.search(r'class="tag[^"]*">([^<]*)<', str(item["sample"]))
        if tag:
            tagged += 1
            shown = html.unescape(tag.group(1))
            # "inserted: related" is read as "inserted: related" in the legend, not under another word
            head = shown.split(":")[0] if ":" in shown else shown
            assert head in html.unescape(item["text"]), (shown, item["text"])
            if ":" in shown:
                assert shown.split(": ")[1] in item["text"], (shown, item["text"])
    assert tagged >= 5  # inserted, furniture, two sources, two lean sides


def _luminance(hex_colour: str) -> float:
    c = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def test_struck_through_text_stays_readable():
    css = (Path(__file__).resolve().parents[2] / "reports" / "templates" / "_style.html").read_text()
    for kind in ("insertion", "furniture"):
        rule = re.search(r"\.ev-%s \{([^}]*)\}" % kind, css).group(1)
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule).group(1)
        backgrounds = ["#ffffff"] + re.findall(r"#[0-9a-fA-F]{6}", rule.split("background", 1)[1]) \
            if "background" in rule else ["#ffffff"]
        for bg in backgrounds:
            hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
            assert (hi + 0.05) / (lo + 0.05) >= 4.5, (kind, fg, bg)  # WCAG AA for body text


def test_low_confidence_loaded_terms_are_present_but_not_highlighted_by_default():
    text = "A grave injustice, and an advantage down the road."
    spans = [dict(_span(text, "grave injustice", "loaded", "charged"), score=0.88),
             dict(_span(text, "advantage", "loaded", "charged"), score=0.42)]
    out = str(highlight(text, spans))
    high = re.search(r'<span class="([^"]*)" title="([^"]*)">grave injustice<', out)
    low = re.search(r'<span class="([^"]*)" title="([^"]*)">advantage<', out)
    assert high and low
    assert high.group(1).split() == ["ev", "ev-loaded", "v-author"]
    assert "low" in low.group(1).split() and "low confidence (0.42)" in html.unescape(low.group(2))
    assert Page(f"<div>{out}</div>").body == text
    css = (Path(__file__).resolve().parents[2] / "reports" / "templates" / "_style.html").read_text()
    hidden = re.search(r"\.ev-loaded\.low \{([^}]*)\}", css).group(1)
    assert "text-decoration:none" in hidden.replace(" ", "")  # looks like plain text ...
    assert re.search(r"\.show-low:checked ~ \.article-text \.ev-loaded\.low", css)  # ... until the box is ticked


def test_the_legend_states_the_two_loaded_tiers():
    spans = [{"kind": "loaded"}] * 3
    items = {html.unescape(str(i["sample"])): i for i in legend(spans, n_low=2)}
    shown = next(i for s, i in items.items() if "merciless" in s)
    low = next(i for s, i in items.items() if "advantage" in s)
    assert (shown["count"], low["count"]) == (1, 2)
    assert "0.7 or more" in shown["text"] and "charged lexicon" in shown["text"]
    assert "below 0.7" in low["text"] and "show low-confidence loaded terms" in low["text"]
    assert " low" in str(low["sample"]) and " low" not in str(shown["sample"])

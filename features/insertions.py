"""Off-topic insertions: lines that are not part of the article's body.

Scraped news carries lines the author did not write as part of the story:
promotions of other stories ("READ ALSO <headline>"), photo captions and
credits, newsletter and social-media prompts, bullet teasers, page metadata at
the edges (byline, timestamp, dateline, a repeated headline) and whole
paragraphs pasted from unrelated articles. ``find_insertions`` marks each such
line as a ``Span`` (kind ``insertion``, label saying which); ``clean_doc``
parses the article with those lines blanked, so every other extractor measures
the body only.

Marked lines are found by rules over single lines (``features.insertion_rules``) and
over runs of lines (``features.insertion_layout``), native-ad widgets by their block
(``features.insertion_blocks``);
unmarked off-topic paragraphs by a model of their similarity to the rest of the
article (``features.offtopic``). This module combines the two and measures them.
"""
from __future__ import annotations

from .base import ArticleTransformer, Span, safe_div
from .insertion_blocks import chumbox_labels
from .insertion_calls import reader_call_labels, runin_reader_question
from .insertion_bio import bio_tails, label_signed_bios
from .insertion_captions import runin_credits
from .insertion_cards import CARD_LABEL, hover_cards
from .insertion_layout import foot_labels, layout_labels
from .insertion_nav import nav_labels, widget_spans
from .insertion_notes import note_labels, note_tails
from .insertion_pointers import pointer_labels, pointer_tails, runin_pointers
from .insertion_rules import (
    EDIT_TAIL_RE, HEAD_PREFIX_RE, NOTE_PREFIX_RE, SCRIPT_PREFIX_RE, SHARE_RE, Line, line_sizes, mark_edge_lists,
    rule_labels, split_lines, unmark_runin_tweets,
)
from .insertion_teasers import here_pointer_labels, runin_here_pointers
from .offtopic import OFFTOPIC_FEATURES, offtopic_paragraphs
from .text import Doc, parse

__all__ = [
    "EDGE_LABEL_PARTS", "FURNITURE_FEATURES", "FURNITURE_LABELS", "INSERTION_FEATURES", "LABEL_GROUPS",
    "OFFTOPIC_FEATURES", "InsertionFeatures", "clean_doc", "find_insertions", "insertion_features",
    "is_edge_label", "is_furniture",
]


#: Labels of page metadata at the article's edges: removed from the body but,
#: per METRICS.md, not scored as insertions.
EDGE_LABEL_PARTS = ("headline", "title", "byline", "dateline", "timestamp")
#: Label -> feature group.
LABEL_GROUPS = {
    "related": "related", "related_list": "related",
    "caption": "caption", "credit": "caption",
    "promo": "promo", "social": "promo", "teaser": "promo",
    "offtopic": "offtopic",
    "navigation": "edge_meta", "share": "edge_meta", "editor_note": "edge_meta", "bio": "edge_meta",
}
#: Page furniture: lines a site's template adds around or beside the story (captions,
#: credits, share counts, summary bullets, related-link lists at the edges, and the edge
#: metadata). Everything else marked is inserted content: spam inside the body.
FURNITURE_LABELS = frozenset({"caption", "credit", "teaser", "related_list", "share", "navigation", "editor_note", "bio"})
INSERTION_FEATURES: tuple[str, ...] = (
    "insertion_count",
    "insertion_char_share",
    "related_char_share",
    "promo_char_share",
    "offtopic_char_share",
)
FURNITURE_FEATURES: tuple[str, ...] = (
    "furniture_count",
    "furniture_char_share",
    "caption_char_share",
    "edge_meta_char_share",
)


# Lines from the top in which a section label may run into the text after it.
_EDGE_TOP = 8


def _line_spans(lines: list[Line], found: list[tuple[int, int, int]], label: str) -> list[Span]:
    """Spans of ``label`` for (line index, start, end) triples whose offsets are within their line."""
    return [Span(lines[i].start + a, lines[i].start + b, "insertion", label) for i, a, b in found]


def find_insertions(text: str, title: str | None = None) -> list[Span]:
    """Inserted lines of ``text`` as spans (kind 'insertion'); ``title`` helps spot a repeated headline."""
    if not isinstance(text, str):
        raise TypeError(f"find_insertions() expects the article text as str, got {type(text).__name__}")
    lines = split_lines(text)
    if not lines:
        return []
    sizes = line_sizes(lines)  # counted once for every rule and the off-topic model
    texts = [ln.text for ln in lines]
    labels = rule_labels(lines, title, sizes)
    layout_labels(lines, labels, sizes)
    off = offtopic_paragraphs(lines, labels, title, sizes)
    for i in off:
        labels[i] = "offtopic"
    foot_labels(lines, labels, sizes)
    pointer_labels(lines, labels, sizes)
    here_pointer_labels(lines, labels, sizes)
    nav_labels(lines, labels, sizes)
    reader_call_labels(lines, labels, sizes)
    note_labels(lines, labels)  # a column's blurb, an archive's notice
    label_signed_bios(texts, labels, sizes)  # once the foot's other furniture is known
    chumbox_labels(texts, labels)  # ad headlines told by form, hook and block
    unmark_runin_tweets(lines, labels)  # after every rule: a tweet's first word may look like any of them
    mark_edge_lists(labels)
    tails = pointer_tails(lines, labels)  # a link run onto a story's paragraph: only the link is marked
    spans = [Span(ln.start + tails[i][0], ln.start + tails[i][1], "insertion", lab) if i in tails
             else Span(ln.start, ln.end, "insertion", lab, "author", off.get(i))
             for i, (ln, lab) in enumerate(zip(lines, labels)) if lab]
    # A label run into the paragraph after it: "Story highlights" before the first summary point
    # (near the top), a dated "UPDATE:" note or a page script's call anywhere; only the label is the site's.
    prefixes = (runin_pointers(lines, labels) + runin_here_pointers(lines, labels) + runin_reader_question(lines, labels)
                + widget_spans(lines, labels))
    # a bracketed photo credit inside a caption or gallery line: only the bracket
    prefixes += _line_spans(lines, runin_credits(texts, labels), "credit")
    # a status note closing a story's paragraph ("Further coverage to come ..."): only its sentence
    prefixes += _line_spans(lines, note_tails(lines, labels), "editor_note")
    # a writer's biography run onto a paragraph's end, the same writer's biography labelled elsewhere
    prefixes += _line_spans(lines, bio_tails(texts, labels), "bio")
    for i, ln in enumerate(lines):
        if labels[i]:
            continue
        head = (HEAD_PREFIX_RE.match(ln.text) if i < _EDGE_TOP else None) or SCRIPT_PREFIX_RE.match(ln.text)
        m, lab = (head, "navigation") if head else (NOTE_PREFIX_RE.match(ln.text), "editor_note")
        if m:
            prefixes.append(Span(ln.start, ln.start + len(m.group().rstrip()), "insertion", lab))
        # the link's literal word first (a match holds it): the search is slow and most lines lack the word
        elif "edit" in ln.text and (tail := EDIT_TAIL_RE.search(ln.text)):
            prefixes.append(Span(ln.start + tail.start(), ln.start + tail.end(), "insertion", "navigation"))
    # a site's hover card pasted into a sentence: the card, not the sentence around it
    prefixes += [Span(a, b, "insertion", CARD_LABEL) for a, b in hover_cards(text)
                 if not any(s.start <= a < s.end for s in spans)]
    if prefixes:
        spans = sorted(spans + prefixes, key=lambda s: s.start)
    share = SHARE_RE.match(text, lines[0].start)
    if share and not any(s.start <= share.start() < s.end for s in spans):
        spans.insert(0, Span(share.start(), share.end(), "insertion", "share"))
    return spans



def is_edge_label(label: str) -> bool:
    """Page metadata (byline, timestamp, ...): removed from the body, not scored as an insertion."""
    return any(p in label for p in EDGE_LABEL_PARTS)


def is_furniture(label: str) -> bool:
    """True for page furniture (captions, credits, edge metadata, ...), False for inserted content."""
    return label in FURNITURE_LABELS or is_edge_label(label)


def insertion_features(text: str, spans: list[Span]) -> dict[str, float]:
    """Counts and character shares of inserted content (spam) and of page furniture.

    ``insertion_count`` counts inserted-content lines only (READ ALSO teasers inside the
    body, promotions, social calls, off-topic paragraphs); ``furniture_count`` the rest.
    """
    n_chars = len(text)
    groups = dict.fromkeys(("related", "caption", "promo", "offtopic", "edge_meta"), 0)
    counts = {"insertion": 0, "furniture": 0}
    shares = {"insertion": 0, "furniture": 0}
    for s in spans:
        if s.kind != "insertion":
            continue
        size = s.end - s.start
        part = "furniture" if is_furniture(s.label) else "insertion"
        counts[part] += 1
        shares[part] += size
        groups["edge_meta" if is_edge_label(s.label) else LABEL_GROUPS.get(s.label, "promo")] += size
    out = {f"{p}_count": float(c) for p, c in counts.items()}
    out.update({f"{p}_char_share": safe_div(v, n_chars) for p, v in shares.items()})
    for g, v in groups.items():
        out[f"{g}_char_share"] = safe_div(v, n_chars)
    return out


def clean_doc(text: str, title: str | None = None) -> tuple[Doc, list[Span]]:
    """Parse ``text`` with every inserted line blanked (offsets unchanged)."""
    spans = find_insertions(text, title)
    return parse(text, [(s.start, s.end) for s in spans]), spans


class InsertionFeatures(ArticleTransformer):
    """Insertion counts and character shares for an iterable of article texts."""

    feature_names = INSERTION_FEATURES + FURNITURE_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        return insertion_features(text, find_insertions(text))


"""Article text with its evidence spans marked up as HTML.

The text is untrusted: every piece of it goes through ``markupsafe.escape``
and only the tags built here are trusted. Spans may nest or overlap, so the
text is cut at every span boundary and each piece is wrapped in the tags of
all spans covering it; a piece never needs a tag closed across another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from markupsafe import Markup, escape

from features.insertions import is_furniture

from .confidence import loaded_shown

#: Display order (outermost first) and legend text for each span kind. ``furniture`` is
#: not a span kind of its own: it is an ``insertion`` span whose label is page furniture.
KINDS: dict[str, str] = {
    "insertion": "inserted: related (a related-article teaser such as READ ALSO), promo, social or offtopic: "
                 "content inserted into the body (struck through, not scored)",
    "furniture": "furniture: caption, credit, teaser, related_list, share, navigation, editor_note or bio: page "
                 "furniture around the story (greyed, not scored)",
    "quote": "Quotation or reported speech (shaded: quoted voice)",
    "attribution": "Attribution cue (e.g. \u201csaid\u201d)",
    "source": "Source, labelled named or anonymous",
    "hedge": "Hedge (dotted underline)",
    "loaded": "Loaded term (wavy underline)",
    "lean": "Term that moved the article's lean, labelled left or right",
    "qualifier": "Approximation or condition (\u201cabout 300\u201d, \u201cif\u201d): not a hedge",
}

#: The sides a lean span may take; any other label shows as a plain lean term.
LEAN_SIDES = ("left", "right")

# Source labels meaning the source is not identified; anything else counts as named.
_ANON_RE = re.compile(r"anon|unnamed|unidentified|unknown", re.I)


@dataclass(frozen=True, slots=True)
class Mark:
    """One evidence span, clipped to the text."""

    start: int
    end: int
    kind: str
    label: str
    voice: str
    low: bool = False  # a loaded span below the display line (reports.confidence): hidden until asked for
    score: float | None = None


def source_kind(label: str) -> str:
    """'anonymous' or 'named' for a source span label (media/document count as named)."""
    return "anonymous" if _ANON_RE.search(label or "") else "named"


def _tag_text(m: Mark) -> str:
    """Short visible label put before a span, so meaning never rests on colour."""
    if m.kind == "insertion":
        return f"inserted: {m.label}" if m.label else "inserted"
    if m.kind == "furniture":
        return f"furniture: {m.label}" if m.label else "furniture"
    if m.kind == "source":
        sk = source_kind(m.label)
        rest = re.sub(r"^anonymous\s+", "", m.label or "", flags=re.I)  # "anonymous pronoun": the kind says it
        extra = f" ({rest})" if rest and rest.lower() not in ("named", "anonymous") else ""
        return f"{sk} source{extra}"
    if m.kind == "lean":
        side = lean_side(m.label)
        return {"left": "\u25c0 left", "right": "right \u25b6"}.get(side, "lean")
    return ""


def lean_side(label: str) -> str:
    """'left', 'right' or '' for a lean span's label (labels are data: only these two become classes)."""
    side = (label or "").strip().lower()
    return side if side in LEAN_SIDES else ""


def _title(m: Mark) -> str:
    bits = [m.kind]
    if m.label:
        bits.append(m.label)
    if m.voice == "quoted":
        bits.append("quoted voice")
    if m.low:
        bits.append(f"low confidence ({m.score:.2f})" if m.score is not None else "low confidence")
    return " \u00b7 ".join(bits)


def _css(m: Mark) -> str:
    cls = f"ev ev-{m.kind} v-{m.voice}"
    if m.kind == "source":
        cls += f" src-{source_kind(m.label)}"
    elif m.kind == "lean" and lean_side(m.label):
        cls += f" lean-{lean_side(m.label)}"
    elif m.low:
        cls += " low"
    return cls


def _open(m: Mark) -> str:
    tag = "del" if m.kind in ("insertion", "furniture") else "span"
    return f'<{tag} class="{_css(m)}" title="{escape(_title(m))}">'


def _close(m: Mark) -> str:
    return "</del>" if m.kind in ("insertion", "furniture") else "</span>"


_ORDER = {k: i for i, k in enumerate(KINDS)}


def display_kind(kind: str, label: str) -> str:
    """The kind a span is shown as: insertion spans of page furniture show as ``furniture``."""
    return "furniture" if kind == "insertion" and is_furniture(label) else kind


def normalise(spans: Iterable[Mapping], n: int, text: str | None = None) -> list[Mark]:
    """Clip spans to ``[0, n)``, drop empty or unknown-kind ones; with ``text``, loaded spans
    below the display line (``reports.confidence.loaded_shown``) are marked ``low``."""
    out = []
    for s in spans:
        kind = str(s.get("kind", ""))
        if kind not in _ORDER or kind == "furniture":
            continue
        try:
            a, b = max(0, int(s["start"])), min(n, int(s["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        if b <= a:
            continue
        label = s.get("label", "")
        label = "" if label is None or label != label else str(label)
        voice = "quoted" if s.get("voice") == "quoted" else "author"
        low, score = False, None
        if kind == "loaded" and text is not None and not loaded_shown(s.get("score"), text[a:b]):
            low, score = True, float(s["score"])
        out.append(Mark(a, b, display_kind(kind, label), label, voice, low, score))
    return out


def highlight(text: str, spans: Iterable[Mapping]) -> Markup:
    """HTML for ``text`` with every span marked by kind; safe to embed as-is. Loaded spans
    below the display line carry the class ``low`` (the page's style hides them until asked)."""
    marks = normalise(spans, len(text), text)
    if not marks:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    # Order marks so outer (earlier kind, longer) wraps inner.
    key = lambda m: (_ORDER[m.kind], -(m.end - m.start), m.start)  # noqa: E731
    active: list[Mark] = []
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a]
        new = starts.get(a, [])
        if new:
            active.extend(new)
            active.sort(key=key)
            for m in sorted(new, key=key):
                t = _tag_text(m)
                if t:
                    side = f" tag-lean-{lean_side(m.label)}" if m.kind == "lean" and lean_side(m.label) else ""
                    parts.append(f'<span class="tag tag-{m.kind}{side}">{escape(t)}</span>')
        seg = str(escape(text[a:b]))
        if active:
            seg = "".join(_open(m) for m in active) + seg + "".join(_close(m) for m in reversed(active))
        parts.append(seg)
    return Markup("".join(parts))


def kind_counts(spans: Iterable[Mapping]) -> dict[str, int]:
    """How many spans of each kind (legend counts); sources split named/anonymous."""
    counts = {k: 0 for k in KINDS}
    counts["source_named"] = counts["source_anonymous"] = counts["lean_left"] = counts["lean_right"] = 0
    for s in spans:
        k = s.get("kind")
        if k == "insertion":
            k = display_kind(k, str(s.get("label") or ""))
        if k in counts:
            counts[k] += 1
            if k == "source":
                counts[f"source_{source_kind(str(s.get('label') or ''))}"] += 1
            elif k == "lean" and lean_side(str(s.get("label") or "")):
                counts[f"lean_{lean_side(str(s.get('label')))}"] += 1
    return counts

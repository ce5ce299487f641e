"""The word tokens of a text's clips and of its blanked copy's clips from one tokenisation of the text.

The lean model reads the author's voice: the text with its quotations and inserted lines blanked
(``scoring.model.lean.author_voice``: the same length, spaces over the ranges, newlines kept),
while the score models read the text itself, clipped at two lengths; all of them with the same
analyzer (lower case, accents stripped, ``\\w\\w+`` tokens). The blanked copy's tokens are the
tokens of the text's stretches that were not blanked, so the text is cut into pieces at the ends
of the blanked regions and at the clip lengths, each piece tokenised once, and every clip's
tokens put together from its pieces.

Why that is exact: lower-casing and accent stripping (NFKD, then every combining mark dropped)
map a text character by character (NFKD's reordering moves only combining marks, which are
dropped; Python's ``str.lower`` reads its context only for a capital sigma, so a text holding
one is tokenised whole). Where every character maps to one character the preprocessed text keeps
the offsets, and a piece's tokens are found in it by ``findall`` between the piece's ends. Two
pieces' tokens join into the tokens of both unless a run of word characters crosses their
boundary; such pieces are tokenised together.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Callable, Hashable, Sequence

import numpy as np

#: The tokens these clips are made of: scikit-learn's default token pattern, found as ``\w\w+``
#: (``scoring.model.ngrams``: the same tokens).
TOKENS = re.compile(r"\w\w+")
_WORD_CHAR = re.compile(r"\w")
_SPACE, _NEWLINE = ord(" "), ord("\n")
#: Whether a character's preprocessing is one character, by analyzer setting: bounded by the
#: characters of the texts read (a few hundred) and the settings (one in the bundled models).
_ONE_CHAR: dict[Hashable, dict[str, bool]] = {}


def _keeps_offsets(text: str, prep: Callable[[str], str], setting: Hashable) -> bool:
    """Whether ``prep`` (lower-casing and accent stripping) maps each character of ``text`` to one
    character on its own, so that ``prep(text)`` keeps ``text``'s offsets."""
    if text.isascii():
        return True
    if "\u03a3" in text:  # a capital sigma lower-cases by what follows it
        return False
    known = _ONE_CHAR.setdefault(setting, {})
    for c in set(text.encode("utf-8", "surrogatepass").translate(None, bytes(range(128)))
                 .decode("utf-8", "surrogatepass")):
        one = known.get(c)
        if one is None:
            one = known[c] = len(prep(c)) == 1
        if not one:
            return False
    return True


def blanked_regions(text: str, blanked: str) -> list[tuple[int, int]] | None:
    """The regions where ``blanked`` is ``text`` blanked, as sorted (start, end): each a run of
    characters that ``blanked`` holds as spaces or newlines, with at least one that ``text`` does not.
    None when ``blanked`` differs from ``text`` otherwise (another length, or another character)."""
    if len(text) != len(blanked):
        return None
    if text == blanked:
        return []
    x = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    y = np.frombuffer(blanked.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    diff = x != y
    space = (y == _SPACE) | (y == _NEWLINE)
    if not space[diff].all():
        return None
    region = np.concatenate(([False], diff | space, [False]))
    edges = np.flatnonzero(region[1:] != region[:-1])
    starts, ends = edges[0::2], edges[1::2]
    changed = np.concatenate(([0], np.cumsum(diff)))
    keep = changed[ends] > changed[starts]  # a run of spaces the text holds too is no region
    return list(zip(starts[keep].tolist(), ends[keep].tolist()))


def clip_tokens(text: str, blanked: str, text_clips: Sequence[int], blanked_clips: Sequence[int],
                prep: Callable[[str], str], setting: Hashable
                ) -> tuple[dict[str, list[str]], dict[str, tuple[str, np.ndarray]]] | None:
    """The ``\\w\\w+`` tokens of ``prep`` (a lower-casing and accent stripping, named by ``setting``)
    of each ``text[:c]`` (``c`` in ``text_clips``) and each ``blanked[:c]`` (``blanked_clips``),
    keyed by the clip; and for each blanked clip whose tokens are some of a text clip's, that clip and
    the positions of its tokens among the text clip's (so their look-ups can be taken from the text
    clip's). None where the tokens cannot be put together from one tokenisation (see the module
    docstring), so the caller tokenises each clip itself."""
    if len(blanked) != len(text):
        return None
    n = min(len(text), max((*text_clips, *blanked_clips), default=0))
    regions = blanked_regions(text[:n], blanked[:n])
    if regions is None or not _keeps_offsets(text[:n], prep, setting):
        return None
    low = prep(text[:n])
    # the pieces: the stretches between the regions, and the regions, cut where a blanked clip ends
    cuts = sorted({0, n, *(min(c, n) for c in blanked_clips), *(x for r in regions for x in r)})
    at = {b: i for i, b in enumerate(cuts)}
    inside = [False] * (len(cuts) - 1)
    for s, e in regions:
        inside[at[s]:at[e]] = [True] * (at[e] - at[s])
    findall, word = TOKENS.findall, _WORD_CHAR.match
    tokens = [findall(low, s, e) for s, e in zip(cuts, cuts[1:])]
    # a cut inside a run of word characters: the pieces' tokens do not join into the text's there
    joins = [not (word(low, b - 1) and word(low, b)) for b in cuts[1:-1]]
    out: dict[str, list[str]] = {}
    whole = None  # the text clip that is all the pieces' tokens, when one is
    for c in text_clips:
        c = min(c, n)
        k = at.get(c)
        if k is None or not all(joins[:k - 1]):
            out[text[:c]] = findall(low, 0, c)
        else:
            out[text[:c]] = list(chain.from_iterable(tokens[:k]))
            whole = text[:c] if c == n else whole
    kept = np.repeat(np.logical_not(inside), [len(t) for t in tokens])
    positions: dict[str, tuple[str, np.ndarray]] = {}
    for c in blanked_clips:
        k = at[min(c, n)]
        # two stretches meet only at a blanked clip; across a region the blanks keep words apart
        if any(not inside[i] and not inside[i + 1] and not joins[i] for i in range(k - 1)):
            return None
        out[blanked[:c]] = list(chain.from_iterable(t for t, b in zip(tokens[:k], inside) if not b))
        if whole is not None:
            positions[blanked[:c]] = (whole, np.flatnonzero(kept[:sum(map(len, tokens[:k]))]))
    return out, positions

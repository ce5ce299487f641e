"""Word-level cues of loaded language: the lexicons (Recasens et al. 2013 bias lemmas,
relscore's charged words and intensifiers, distributional word clusters, VADER valence,
Pattern's subjectivity of adjectives)
and what a token string contributes to the token model, in its own position and to its
neighbours'.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from .lexicons import lexicon_json, lexicon_lines
from .spelling import is_known_word
from .text import Doc

PAD = "<pad>"

# Adjectives in -est that are not superlatives.
_NOT_SUPERLATIVE = frozenset(
    """arrest behest bequest conquest contest digest divest earnest forest guest harvest
    honest infest inquest interest invest manifest modest molest nest pest priest protest
    request rest suggest test unrest west zest attest detest wrest chest crest quest jest
    lest vest best-seller""".split()
)
IRREGULAR_SUPERLATIVES = frozenset("best worst least utmost uttermost foremost".split())
_EST_RE = re.compile(r"^[a-z]{2,}est$")
FUNCTION_WORDS = frozenset(
    """the a an of to in on at for by with from and or but as is are was were be been
    being that this these those it its he she they we you i his her their our your not
    no than then so if when which who whom whose what there here""".split()
)
_SUFFIXES = ("ingly", "edly", "ness", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "ly", "es", "s")

# ---------------------------------------------------------------------------
# Lexicons (data files, loaded once)

@lru_cache(maxsize=1)
def bias_lexicon() -> frozenset[str]:
    """Recasens et al. (2013) bias-inducing lemmas."""
    return frozenset(w.lower() for w in lexicon_lines("loaded_bias_recasens2013_v1.txt"))


@lru_cache(maxsize=1)
def charged_lexicon() -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str, str], ...]]:
    """relscore's charged/judgmental words: exact entries and '*' prefixes,
    each with its label and an optional context condition."""
    exact: dict[str, tuple[str, str]] = {}
    prefixes: list[tuple[str, str, str]] = []
    for ln in lexicon_lines("loaded_charged_v1.txt"):
        parts = [p.strip() for p in ln.split("\t")]
        word = parts[0].lower()
        label = parts[1] if len(parts) > 1 and parts[1] else "charged"
        cond = parts[2] if len(parts) > 2 else ""
        if not word.rstrip("*"):
            raise ValueError(f"empty entry {ln!r} in loaded_charged_v1.txt; it would match every word")
        if cond not in ("", "after_possessive"):
            raise ValueError(f"unknown condition {cond!r} in loaded_charged_v1.txt; use 'after_possessive' or nothing")
        if word.endswith("*"):
            prefixes.append((word[:-1], label, cond))
        else:
            exact[word] = (label, cond)
    return exact, tuple(prefixes)


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[int, int]]:
    """Distributional clusters (coarse, fine) of news words, built by bench/train_loaded.py."""
    d = lexicon_json("loaded_clusters_v1.json")
    return dict(zip(d["words"].split("\n"), zip(d["c256"], d["c1024"])))


@lru_cache(maxsize=1)
def intensifiers() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon_lines("loaded_intensifiers_v1.txt"))


@lru_cache(maxsize=1)
def subjectivity_lexicon() -> dict[str, tuple[float, float]]:
    """Pattern's (De Smedt & Daelemans 2012) subjectivity and intensity of English adjectives."""
    out: dict[str, tuple[float, float]] = {}
    for ln in lexicon_lines("loaded_subjectivity_v1.txt"):
        word, subj, inten = ln.split("\t")
        out[word] = (float(subj), float(inten))
    return out


def subjectivity(w: str, s: str) -> tuple[float, float] | None:
    """(subjectivity, intensity) of a lower-cased word, of the adjective of an -ly adverb
    ("brutally" -> "brutal", "happily" -> "happy") or of its stem ``s``; None if unlisted."""
    lex = subjectivity_lexicon()
    hit = lex.get(w)
    if hit is None and w.endswith("ly"):
        hit = lex.get(w[:-3] + "y") if w.endswith("ily") else lex.get(w[:-2])
    return hit if hit is not None else lex.get(s)


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """Mean valence (-4..4) of VADER's lexicon, read from the installed package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for ln in text.splitlines():
        parts = ln.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


# ---------------------------------------------------------------------------
# Word-level cues

def stem(w: str) -> str:
    """A crude suffix-stripped form, enough to pool inflections of one word."""
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if not w.endswith(_SUFFIXES):  # one test in C for the many words without a suffix
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


@lru_cache(maxsize=65536)
def charged_entry(w: str) -> tuple[str, str] | None:
    """(label, condition) of a lower-cased word in the charged lexicon, or None."""
    exact, prefixes = charged_lexicon()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    hit = exact.get(w)
    if hit is not None:
        return hit
    if not w.startswith(_charged_prefixes()):  # most words: no prefix entry at all
        return None
    for p, label, cond in prefixes:
        if w.startswith(p):
            return label, cond
    return None


@lru_cache(maxsize=1)
def _charged_prefixes() -> tuple[str, ...]:
    return tuple(p for p, _, _ in charged_lexicon()[1])


def charged_label(w: str) -> str | None:
    """Label of a lower-cased word in the charged lexicon, or None."""
    hit = charged_entry(w)
    return hit[0] if hit else None


def forced_tokens(words: list[str]) -> np.ndarray:
    """Tokens the charged lexicon marks as loaded whatever the model says;
    'after_possessive' entries ("Putin's regime") need a possessive before them."""
    out = np.zeros(len(words), dtype=bool)
    for i, raw in enumerate(words):
        hit = charged_entry(raw.lower())
        if hit is None:
            continue
        if hit[1] == "after_possessive":
            out[i] = i > 0 and words[i - 1].endswith(("'s", "’s", "s'"))
        else:
            out[i] = True
    return out


def valence(w: str, s: str | None = None) -> float | None:
    """VADER valence of the word or of its stem (``s``: ``stem(w)`` when the caller has it)."""
    lex = vader_valence()
    v = lex.get(w)
    if v is None:
        s = stem(w) if s is None else s
        v = lex.get(s)
        if v is None and s + "e" in lex:
            v = lex[s + "e"]
    return v


def is_superlative(w: str) -> bool:
    """'-est' adjectives (greatest, deadliest) and the irregular best/worst/least."""
    if w in IRREGULAR_SUPERLATIVES:
        return True
    if not _EST_RE.match(w) or w in _NOT_SUPERLATIVE:
        return False
    base = w[:-3]
    lex = vader_valence()
    cands = {base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base}
    if w.endswith("iest"):
        cands.add(w[:-4] + "y")
    # Only words whose base is a known adjective-ish form, to keep "forest" out.
    return any(c in lex or c in _COMMON_GRADABLE for c in cands)


_COMMON_GRADABLE = frozenset(
    """big small large great high low long short old new young late early fast slow hard
    strong weak deep wide broad close near far rich poor cheap dear heavy light dark bright
    hot cold warm cool clear tough harsh fierce grave dead deadly bloody busy easy heavy
    loud quick rare safe sharp simple steep tight tall vast wild wealthy mighty""".split()
)


def shape(raw: str) -> str:
    """The case shape of a token string: "upper", "title", "digit" or "lower"."""
    if raw.isupper() and len(raw) > 1:
        return "upper"
    if raw[:1].isupper():
        return "title"
    if not raw.isalpha() and any(c.isdigit() for c in raw):  # no letter is a digit
        return "digit"
    return "lower"


def subjectivity_band(subj: float) -> str:
    """The band of a subjectivity score: "hi" (0.7 and over), "mid" (0.4 and over) or "lo"."""
    return "hi" if subj >= 0.7 else ("mid" if subj >= 0.4 else "lo")


def type_features(raw: str) -> dict[str, float]:
    """Features of a token string in its own position."""
    return token_features_pair(raw)[0]


def context_features(raw: str) -> dict[str, float]:
    """Features a token contributes to its neighbours' scores (a smaller set)."""
    return token_features_pair(raw)[1]


class WordCues(NamedTuple):
    """What the lexicons say of one lower-cased token string, looked up once for the token model."""

    lower: str
    stem: str
    valence: float | None
    charged: tuple[str, str] | None
    superlative: bool
    subjectivity: tuple[float, float] | None


def word_cues(raw: str) -> WordCues:
    """The lexicon cues of a token string (see WordCues)."""
    w = raw.lower()
    s = stem(w)
    return WordCues(w, s, valence(w, s), charged_entry(w), is_superlative(w), subjectivity(w, s))


def token_features_pair(raw: str, cues: WordCues | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """(type_features, context_features) of a token string, sharing the look-ups
    (``cues``: ``word_cues(raw)`` when the caller has them)."""
    if raw == PAD:
        return {"w=" + PAD: 1.0}, {"w=" + PAD: 1.0}
    w, s, v, hit, sup, subj = cues if cues is not None else word_cues(raw)
    f: dict[str, float] = {"w=" + w: 1.0, "s=" + s: 1.0, "x3=" + w[-3:]: 1.0, "x4=" + w[-4:]: 1.0,
                           "shape=" + shape(raw): 1.0, "len=%d" % min(len(w), 12): 1.0}
    ctx: dict[str, float] = {"w=" + w: 1.0}
    if v is None:
        f["v=none"] = 1.0
    else:
        f["v=%d" % round(v)] = 1.0
        f["vabs"] = abs(v) / 4.0
        f["vneg" if v < 0 else "vpos"] = 1.0
        ctx["v=%d" % round(v)] = 1.0
    bias = bias_lexicon()
    if w in bias:
        f["bias_lex"] = 1.0
        ctx["bias_lex"] = 1.0
    elif s in bias:
        f["bias_lex"] = 1.0
    if hit and hit[0]:
        f["charged=" + hit[0]] = 1.0
        ctx["charged"] = 1.0
    if w in intensifiers():
        f["intensifier"] = 1.0
        ctx["intensifier"] = 1.0
    if sup:
        f["superlative"] = 1.0
    if subj is not None:
        # Subjective adjectives judge; Pattern's intensity marks boosters ("very") and softeners.
        band = subjectivity_band(subj[0])
        f["subj=" + band] = 1.0
        f["subj"] = subj[0]
        ctx["subj=" + band] = 1.0
        if subj[1] != 1.0:
            f["boost" if subj[1] > 1.0 else "soften"] = 1.0
            ctx["boost" if subj[1] > 1.0 else "soften"] = 1.0
    if w in FUNCTION_WORDS:
        f["function"] = 1.0
        ctx["function"] = 1.0
    clusters = word_clusters()
    own = clusters.get(w)
    cl = own or clusters.get(s)
    if cl is None:
        f["c=none"] = 1.0
    else:
        f["c256=%d" % cl[0]] = 1.0
        f["c1024=%d" % cl[1]] = 1.0
    if own is not None:
        ctx["c256=%d" % own[0]] = 1.0
    return f, ctx


def token_strings(doc: Doc) -> list[str]:
    """The token strings of ``doc`` (the parser's list when it has one: do not modify it)."""
    if len(doc.words) == len(doc.tokens):
        return doc.words
    t = doc.text
    return [t[s:e] for s, e in doc.tokens]


#: Dense per-token features beyond POSITION_FEATURES: how opinionated the whole

def is_spelling_noise(raw: str) -> bool:
    """A lower-case word (or hyphenated part) that no English word list knows:
    a typo such as "broight". Unknown words carry the model's out-of-vocabulary
    cues (no cluster, no valence), which say nothing about judgment, so they
    never seed or join a loaded span. Capitalised tokens (names) are left alone."""
    if not raw.islower():
        return False
    for part in raw.replace("’", "'").split("-"):
        part = part.split("'", 1)[0]
        if len(part) >= 3 and part.isalpha() and charged_entry(part) is None and not is_known_word(part):
            return True
    return False

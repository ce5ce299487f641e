"""Sign-up and notice boxes run into one line: the box-word test and the repeated-blurb test."""
from __future__ import annotations

import re
from pathlib import Path

from features.insertion_boxes import has_box_word, repeats_a_sentence
from features.insertion_rules import split_lines
from tests.features.insertion_lines import BODY, BODY2, LATER

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"
BLURB = "Get the best of our reporting delivered straight to your inbox every single weekday morning"
BOX_LINES = [
    f"{BLURB}. Enter your email address. {BLURB}. By signing up, you agree to our Privacy Policy.",
    "Please consider a donation to support our independent newsroom. Become a member today.",
    "The E-Mail you provided is not valid. Subscribe to The Daily. Third party cookies may be set.",
    "Editor's note: comments are closed. To respond, write to the letters desk at the address below.",
    "a b c d e f g h a b c d e f g h",  # one run of eight right after the other
    "a a a a a a a a a a a a a a a a",  # a run overlapping its repeat by seven words, then one that does not
    "a a a a a a a a a a a a a a a",  # fifteen: every repeat of a run overlaps it
]


def _lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] + [BODY, BODY2, LATER]
    return [ln.text for t in texts for ln in split_lines(t)] + BOX_LINES


def test_the_box_word_test_finds_what_one_alternation_of_the_words_finds() -> None:
    plain = re.compile(r"sign|inbox|newsletter|subscri|e-?mail|third party|to respond|donat|member|editor")
    lines = _lines()
    assert [has_box_word(t) for t in lines] == [plain.search(t.lower()) is not None for t in lines]
    assert all(has_box_word(t) for t in BOX_LINES[:4])
    # each word alone, in any case
    for word in ("Sign", "INBOX", "Newsletter", "subscribe", "email", "E-mail", "third party", "To respond", "Donate",
                 "members", "Editor"):
        assert has_box_word(f"Read this {word} now") and plain.search(f"read this {word.lower()} now")


def _plain_repeats(line: str) -> bool:
    """A run of eight words occurring twice, eight words apart or more, by the runs alone."""
    words = line.lower().split()
    keys = list(zip(*(words[k:] for k in range(8))))
    first: dict[tuple[str, ...], int] = {}
    for i, key in enumerate(keys):
        if key in first and i - first[key] >= 8:
            return True
        first.setdefault(key, i)
    return False


def test_a_repeated_run_of_eight_words_is_found_as_by_the_runs_alone() -> None:
    lines = _lines()
    assert [repeats_a_sentence(t) for t in lines] == [_plain_repeats(t) for t in lines]
    assert [repeats_a_sentence(t) for t in BOX_LINES] == [True, False, False, False, True, True, False]

"""Sign-up and notice boxes run into one line: the box-word test and the repeated-blurb test."""
from __future__ import annotations

import re
from pathlib import Path

from features.insertion_boxes import has_box_word, picker_words, repeats_a_sentence
from features.insertion_rules import split_lines
from tests.features.insertion_lines import BODY, BODY2, LATER, flagged_lines

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


_COUNTRIES = ("United States of America Afghanistan Albania Algeria American Samoa Andorra Angola Anguilla Antigua and "
              "Barbuda Argentina Armenia Aruba Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus "
              "Belgium Belize Benin Bermuda Bhutan Bolivia Bosnia and Herzegovina Botswana Brazil Cote d'Ivoire Croatia "
              "Cuba Cyprus Czech Republic Denmark Djibouti Dominica Ecuador Egypt Estonia Ethiopia Fiji Finland France")
SIGNUP_BOX = ("Get The Brief. Sign up to receive the top stories you need to know right now. Choose your country "
              f"{_COUNTRIES} {_COUNTRIES} {_COUNTRIES} Please enter a valid email address. Please select your country. "
              "I can confirm I have read and accept the Terms Of Use. Please check to proceed. Sign Up Now You may "
              "unsubscribe from email communication at any time. See our Privacy Policy for further details. Thank "
              "you! For your security, we've sent a confirmation email to the address you entered. Click the link to "
              "confirm your subscription and begin receiving our newsletters. If you don't get the confirmation "
              "within 10 minutes, please check your spam folder.")
# a long paragraph with a list of names and one sign-up word: the story's (stop 44)
SIGNATORIES = ("The letter was signed by " + ", ".join(f"Senator {w}" for w in _COUNTRIES.split()[:60])
               + ", among others, and its authors said more names would follow in the coming weeks.")


def test_a_sign_up_box_with_a_country_list_is_a_box_however_long() -> None:
    assert picker_words(SIGNUP_BOX) >= 90
    assert flagged_lines(f"{BODY}\n\n{SIGNUP_BOX}\n\n{LATER}\n\n{BODY2}").get(SIGNUP_BOX) == "promo"


def test_a_list_of_names_in_a_long_paragraph_is_no_box() -> None:
    assert SIGNATORIES not in flagged_lines(f"{BODY}\n\n{SIGNATORIES}\n\n{LATER}\n\n{BODY2}")

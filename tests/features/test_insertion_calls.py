"""Lines that turn from the story to its reader (a question asking the reader's opinion, a call to
act for a cause), each with an ordinary line of the same shape that stays unmarked."""
from __future__ import annotations

import pytest

from tests.features.insertion_lines import BODY, LATER, marked_spans


def _between(line: str) -> dict[str, str]:
    return marked_spans(f"{BODY}\n\n{line}\n\n{LATER}")


def _at_foot(line: str) -> dict[str, str]:
    return marked_spans(f"{BODY}\n\n{LATER}\n\n{line}")


@pytest.mark.parametrize("line, label", [
    ("What do you think?", "navigation"),
    ("What do YOU think? Should the senator run again if she loses the primary? Sound off in today's poll!",
     "navigation"),
    ("If you agree, and want to have your voice heard, sign the petition to Congress!", "promo"),
    ("You can donate or sign up to volunteer at redcross.org", "promo"),
    ("Please help me spread my message by joining my Liberty Network.", "promo"),
])
def test_reader_questions_and_calls_between_paragraphs(line: str, label: str) -> None:
    assert _between(line) == {line: label}


@pytest.mark.parametrize("line", [
    "Would you follow the doctor's advice?",                           # a rhetorical question, no opinion asked
    "What's $310 billion get you?",                                     # a crosshead in question form
    '"What do you think?" the senator asked the reporters.',            # a question someone voiced
    "Supporters can sign the petition at the county clerk's office.",  # a report of what others may do
])
def test_prose_of_the_same_shape_stays_unmarked(line: str) -> None:
    assert _between(line) == {}


@pytest.mark.parametrize("line", [
    "Joining the campaign in 2015, she quickly rose to become its chief spokeswoman.",
    "Signing the petition were more than 40 members of the movement.",
    "Volunteering for the campaign taught her how politics works.",
])
def test_a_sentence_opening_with_a_gerund_narrates_even_at_the_foot(line: str) -> None:
    assert _at_foot(line) == {}


def test_a_question_in_the_first_person_closing_the_last_paragraph_is_the_authors() -> None:
    para = ("Walsh then brought up the vice president's record on health care, which she called far worse "
            "than anything the president has done. What do you think I should tell her?")
    assert marked_spans(f"{BODY}\n\n{LATER}\n\n{para}") == {}


def test_a_longer_question_between_paragraphs_is_the_authors() -> None:
    line = "Do you think the senators who voted no will pay a price for it in the midterm elections?"
    assert _between(line) == {}
    assert _at_foot(line) == {line: "navigation"}


def test_an_interview_keeps_its_questions() -> None:
    qs = ["Do you think the party can win back the House?", "What do you say to your critics?",
          "Do you agree with the governor?", "What do you think comes next?"]
    last = "Do you think the senators who voted no will pay a price for it?"
    text = "\n\n".join(x for q in qs for x in (q, BODY)) + f"\n\n{LATER}\n\n{last}"
    assert marked_spans(text) == {}
    assert marked_spans(f"{BODY}\n\n{LATER}\n\n{last}") == {last: "navigation"}


def test_a_question_closing_the_last_paragraph_marks_that_sentence_only() -> None:
    para = ("Walsh then brought up the vice president's record on health care, which she called far worse "
            "than anything the president has done. Do you think she is correct about Pence?")
    assert marked_spans(f"{BODY}\n\n{LATER}\n\n{para}") == {"Do you think she is correct about Pence?": "navigation"}
    # the same question inside the paragraph, a sentence after it, is the story's
    assert marked_spans(f"{BODY}\n\n{LATER}\n\n{para} Walsh did not answer.") == {}


def test_a_question_with_a_statement_beside_it_is_the_storys() -> None:
    """A full stop inside the line ends a sentence of the story's: the line holds more than a question."""
    assert _at_foot("What do you think? Should the senator run again?") == {
        "What do you think? Should the senator run again?": "navigation"}
    assert _at_foot("What do you think? The senator decides on Monday. Should she run again?") == {}


def test_a_sites_call_in_the_plural_is_marked_an_authors_question_in_the_singular_is_not() -> None:
    line = "What do you think of the ruling? Tell us below!"
    assert _between(line) == {line: "navigation"}
    assert _between("What media bias do you think I mean?") == {}

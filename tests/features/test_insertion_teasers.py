"""Link pointers (features.insertion_teasers), each firing row with the nearest ordinary text that stays
unmarked."""
from __future__ import annotations

import pytest

from tests.features.insertion_lines import BODY, LATER, marked_spans


@pytest.mark.parametrize("line", [
    "You can read our main story with a summary of what was contained in the documents here.",
    "Find last year's report on the street medicine team here.",
    "(See here and here for how that’s worked out.)",
    "Responses to common arguments for allowing discrimination in foster care are here: https://www.example.org/news/x/",
    "— More on this subject by Dr. Joe Kort:",
])
def test_pointer_lines_are_marked(line: str) -> None:
    assert marked_spans(f"{BODY}\n\n{line}\n\n{LATER}").get(line) == "related"


@pytest.mark.parametrize("line", [
    "The senator voted here in 2016.",                       # a story's sentence ending in "here"
    "You can read the full report here.",                    # a document the story cites: the author's sourcing
    "Our reporters found the documents here in the county archive.",
    "More on this subject later, when the committee reports.",
    "Responses to the survey are here, in the appendix.",
])
def test_story_sentences_are_not_pointers(line: str) -> None:
    assert line not in marked_spans(f"{BODY}\n\n{line}\n\n{LATER}")


@pytest.mark.parametrize("tail", [
    "(See here and here for how that’s worked out.)",
    "(Read more here.)",                                                   # spectator.org
    "Read more on the family's reaction here.",                            # usatoday.com
    "Read the full story here",                                            # thehill.com digest
    "— More on this subject by Dr. Joe Kort:",
])
def test_pointer_closing_a_paragraph_is_marked_alone(tail: str) -> None:
    text = f"{BODY} {tail}\n\n{LATER}"
    assert marked_spans(text).get(tail) == "related"


@pytest.mark.parametrize("tail", [
    "(She first voted here in 2016.)",
    "Voters can read more about the candidates here at the library.",     # the story's sentence, not an imperative
])
def test_sentence_closing_a_paragraph_with_here_stays(tail: str) -> None:
    assert not any(tail in s for s in marked_spans(f"{BODY} {tail}\n\n{LATER}"))


def test_pointer_after_a_short_line_is_left_alone() -> None:
    # a headline-like line before it does not read as the story's paragraph
    line = "Hearings resume. (See here for more.)"
    assert not marked_spans(f"{BODY}\n\n{line}\n\n{LATER}")


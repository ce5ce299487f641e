"""Pointer lines of the insertion detector (a missing player, a "here" link, update status, a
bracketed source credit), each with an ordinary sentence of the same shape that stays unmarked."""
from __future__ import annotations

import pytest

from features.insertions import find_insertions

BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long and bitter debate. "
        "Democrats had argued that her record on voting rights disqualified her from the bench.")
LATER = ("The vote came after weeks of hearings in which the nominee declined to say how she would rule "
         "on cases involving the administration, citing the rules of judicial conduct.")


def _marked(line: str) -> dict[str, str]:
    text = f"{BODY}\n\n{line}\n\n{LATER}"
    return {text[s.start:s.end]: s.label for s in find_insertions(text)}


@pytest.mark.parametrize("line, label", [
    ("Video below…", "navigation"),
    ("Please enable Javascript to watch this video", "navigation"),
    ("Listen to the full radio segment above.", "navigation"),
    ("More on John Kasich here", "related"),
    ("Continuing coverage on the presidential race here", "related"),
    ("Read more about the coronavirus outbreak here.", "related"),
    ("Read the whole article here.", "related"),
    ("You can listen to the governor's full interview here.", "related"),
    ("This story is being updated.", "editor_note"),
    ("This report has been updated to include additional information.", "editor_note"),
    ("Further coverage to come as information arrives.", "editor_note"),
    ("(Source: KWES)", "credit"),
    ("[Photo: Reuters]", "credit"),
])
def test_pointer_lines_are_marked(line: str, label: str) -> None:
    assert _marked(line) == {line: label}


@pytest.mark.parametrize("line", [
    "Temperatures in the valley fell well below freezing overnight.",   # "below" in a report
    "Check out what was reported by Usher's people below…",             # the text it points at follows
    "We answer that and other questions here.",                          # "here" is this page
    "How she got here",                                                  # a crosshead
    "You can read the full report here.",                                # a document the story cites
    "Voters who watch the debate here say the senator won it.",          # "watch ... here" inside a report
    "The story is told by the people who lived it.",                     # a story, not its status
    "The report has been updated every year since 2010.",               # another report's history
    "(Source of the leak remains unclear)",                              # no label and colon
])
def test_prose_of_the_same_shape_stays_unmarked(line: str) -> None:
    assert _marked(line) == {}


def test_player_pointer_run_into_a_paragraph_marks_that_sentence_only() -> None:
    para = ("CBN News' David Brody shares his thoughts on the upcoming contests and how they could "
            "define the race for both parties. Watch below:")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert {text[s.start:s.end]: s.label for s in find_insertions(text)} == {"Watch below:": "navigation"}


def test_paragraph_ending_on_a_reported_below_stays_unmarked() -> None:
    para = ("Forecasters said the storm would weaken over land. Temperatures are expected to stay "
            "well below normal.")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert find_insertions(text) == []

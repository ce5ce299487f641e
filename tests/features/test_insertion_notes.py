"""A site's notes to readers told by their form: a column's blurb, an archive's notice, a status tail."""
from __future__ import annotations

import pytest

from features.insertion_notes import column_note
from features.insertions import find_insertions

BODY = ("The council voted on Tuesday to approve the new budget, which adds money for road repairs and "
        "for the city's two public libraries after a year of cuts.")
LATER = ("Members of the public spoke for more than an hour before the vote, most of them in favour of "
         "the library funding and a few against the higher fees for parking downtown.")


def _marked(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in find_insertions(text)]


def test_a_columns_blurb_at_the_top_is_an_editors_note() -> None:
    blurb = ("A Grain of Salt is a weekly column that digs into some of the biggest issues we face as a nation "
             "in search of reliable data and realistic solutions.")
    text = f"{blurb}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}"
    assert (blurb, "editor_note") in _marked(text)


@pytest.mark.parametrize("line", [
    "Jim Bennett writes a weekly column that looks at the history behind the news.",
    "The Gazette's weekly column that looks at local history ran for forty years.",
    "Smith is a weekly columnist for the paper and has written about the council since 2010.",
])
def test_a_story_about_a_column_is_not_the_columns_blurb(line: str) -> None:
    assert not column_note(line, 0, 10)


def test_a_columns_blurb_in_the_middle_of_the_story_is_left_alone() -> None:
    assert not column_note("Notes From Home is a weekly column that looks at family life in the valley.", 5, 12)


def test_an_archives_notice_on_reuse_is_an_editors_note() -> None:
    notice = ("This archived news story is available only for your personal, non-commercial use. Information in "
              "the story may be outdated or superseded by additional information.")
    text = f"{notice}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}"
    assert (notice, "editor_note") in _marked(text)
    story = "This story is available in print in the Sunday edition, the editors said."
    assert (story, "editor_note") not in _marked(f"{BODY}\n\n{story}\n\n{LATER}")


def test_a_status_note_closing_a_paragraph_is_marked_as_its_own_sentence() -> None:
    line = "There has been no official word from the singer's representatives. Further coverage to come as information arrives."
    text = f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY}"
    assert ("Further coverage to come as information arrives.", "editor_note") in _marked(text)
    assert (line, "editor_note") not in _marked(text)


def test_a_status_sentence_inside_an_embedded_tweet_is_the_tweets() -> None:
    line = "Police have made an arrest at 5th and Pine. More details to follow."
    text = f"{BODY}\n\n{line}\n\n— Seattle Police Dept. (@SeattlePD) August 13, 2017\n\n{LATER}"
    assert all(lab != "editor_note" for _, lab in _marked(text))
    plain = "The coverage of the vote, the editors said, will be more detailed to follow the rules."
    assert all(lab != "editor_note" for _, lab in _marked(f"{BODY}\n\n{plain}\n\n{LATER}"))

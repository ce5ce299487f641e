"""Lines that turn from the story to its reader (a question asking the reader's opinion, a call to
act for a cause), notes on the text itself at the foot, pointers to more on the subject and "via"
picture credits; each with an ordinary line of the same shape that stays unmarked."""
from __future__ import annotations

import pytest

from features.insertions import find_insertions

BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long and bitter debate. "
        "Democrats had argued that her record on voting rights disqualified her from the bench.")
LATER = ("The vote came after weeks of hearings in which the nominee declined to say how she would rule "
         "on cases involving the administration, citing the rules of judicial conduct.")


def _marked(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.label for s in find_insertions(text)}


def _between(line: str) -> dict[str, str]:
    return _marked(f"{BODY}\n\n{line}\n\n{LATER}")


def _at_foot(line: str) -> dict[str, str]:
    return _marked(f"{BODY}\n\n{LATER}\n\n{line}")


@pytest.mark.parametrize("line, label", [
    ("What do you think?", "navigation"),
    ("What do YOU think? Should the senator run again if she loses the primary? Sound off in today's poll!",
     "navigation"),
    ("If you agree, and want to have your voice heard, sign the petition to Congress!", "promo"),
    ("You can donate or sign up to volunteer at redcross.org", "promo"),
    ("Please help me spread my message by joining my Liberty Network.", "promo"),
    ("Learn more about how the daily tracking poll works.", "related"),
    ("For more on the impact of the coronavirus, listen to What Next.", "related"),
    ("To learn more about the study in general, see this project's page on the Open Science Framework",
     "related"),
    ("Featured image via Flickr user Gage Skidmore / CC BY-SA 2.0.", "credit"),
    ("Stats via: heyjackass.com", "credit"),
])
def test_reader_calls_pointers_and_credits_between_paragraphs(line: str, label: str) -> None:
    assert _between(line) == {line: label}


@pytest.mark.parametrize("line", [
    "Would you follow the doctor's advice?",                           # a rhetorical question, no opinion asked
    "What's $310 billion get you?",                                     # a crosshead in question form
    '"What do you think?" the senator asked the reporters.',            # a question someone voiced
    "Supporters can sign the petition at the county clerk's office.",  # a report of what others may do
    "To learn more about the virus, researchers sequenced 500 samples.",  # a purpose clause of the story's
    "Read more than 200 pages of testimony and you find the same story.",  # "read more than", not a pointer
    "Video via satellite link showed the crowd outside the courthouse.",  # a sentence about a video
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
    assert _marked(f"{BODY}\n\n{LATER}\n\n{para}") == {}


def test_a_longer_question_between_paragraphs_is_the_authors() -> None:
    line = "Do you think the senators who voted no will pay a price for it in the midterm elections?"
    assert _between(line) == {}
    assert _at_foot(line) == {line: "navigation"}


def test_an_interview_keeps_its_questions() -> None:
    qs = ["Do you think the party can win back the House?", "What do you say to your critics?",
          "Do you agree with the governor?", "What do you think comes next?"]
    last = "Do you think the senators who voted no will pay a price for it?"
    text = "\n\n".join(x for q in qs for x in (q, BODY)) + f"\n\n{LATER}\n\n{last}"
    assert _marked(text) == {}
    assert _marked(f"{BODY}\n\n{LATER}\n\n{last}") == {last: "navigation"}


def test_a_question_closing_the_last_paragraph_marks_that_sentence_only() -> None:
    para = ("Walsh then brought up the vice president's record on health care, which she called far worse "
            "than anything the president has done. Do you think she is correct about Pence?")
    assert _marked(f"{BODY}\n\n{LATER}\n\n{para}") == {"Do you think she is correct about Pence?": "navigation"}


@pytest.mark.parametrize("line", [
    "This piece is also featured in Axios.",
    "This story is based on an interview from PRI's The Takeaway, a public radio program.",
    ("This article by Richard Briffault, the Joseph P. Chamberlain Professor of Legislation at Columbia "
     "University, first appeared in The Conversation."),
    "This research was supported by the National Science Foundation (Award SES-1248077).",
])
def test_a_note_on_the_text_itself_at_the_foot(line: str) -> None:
    assert _at_foot(line) == {line: "editor_note"}


@pytest.mark.parametrize("text", [
    f"{BODY}\n\nThis story is based on an interview from a public radio program.\n\n{LATER}",  # the story goes on
    f"{BODY}\n\n{LATER}\n\nThis story is far from over.",                   # the author's closing line
    f"{BODY}\n\n{LATER}\n\nThis article was posted: Saturday, October 26, 2013 at 3:06 pm",  # a time stamp
    f"{BODY}\n\n{LATER}\n\nThis project was funded by the state transportation budget and will be finished next year.",
])
def test_the_same_subject_elsewhere_stays_unmarked(text: str) -> None:
    assert not any(s.label == "editor_note" for s in find_insertions(text))


def test_notes_on_the_text_stacked_at_the_foot() -> None:
    based = ("This article is based on the paper, “Red and Blue States of Mind: Partisan Hostility and Voting "
             "in the United States” in Political Research Quarterly.")
    views = ("Note: This article gives the views of the author, and not the position of the blog, nor of the "
             "London School of Economics.")
    assert _marked(f"{BODY}\n\n{LATER}\n\n{based}\n\n{views}") == {based: "editor_note", views: "editor_note"}


def test_a_labelled_note_on_the_text_anywhere() -> None:
    note = "Note: This story was written last week before the Supreme Court's surprise decision not to take up the cases."
    assert _marked(f"{BODY}\n\n{note}\n\n{LATER}") == {note: "editor_note"}
    assert _marked(note) == {}                                  # a text of one line holds the story too


@pytest.mark.parametrize("line", [
    "Note: the figures exclude the territories and are rounded to the nearest thousand.",  # a note on figures
    "The article was based on a false premise, the senator said in a statement on Friday.",  # another article
])
def test_notes_on_other_things_stay_unmarked(line: str) -> None:
    assert _between(line) == {}


@pytest.mark.parametrize("line, label", [
    ("Please read our comments policy before commenting.", "editor_note"),
    ("Shortened URL for this post: http://bit.ly/1I3nUkJ", "navigation"),
])
def test_site_notices_at_the_foot(line: str, label: str) -> None:
    assert _at_foot(line) == {line: label}


def test_a_sites_call_in_the_plural_is_marked_an_authors_question_in_the_singular_is_not() -> None:
    line = "What do you think of the ruling? Tell us below!"
    assert _between(line) == {line: "navigation"}
    assert _between("What media bias do you think I mean?") == {}

"""Pointer lines of the insertion detector (a missing player, a "here" link, a pointer to more on the
subject, update status, a bracketed source credit, a "via" picture credit, a note on the text itself),
each with an ordinary sentence of the same shape that stays unmarked."""
from __future__ import annotations

import pytest

from features.insertions import find_insertions
from tests.features.insertion_lines import BODY, LATER, marked_spans



def _marked(line: str) -> dict[str, str]:
    text = f"{BODY}\n\n{line}\n\n{LATER}"
    return marked_spans(text)


@pytest.mark.parametrize("line, label", [
    ("Video below…", "navigation"),
    ("Please enable Javascript to watch this video", "navigation"),
    ("Listen to the full radio segment above.", "navigation"),
    ("Check out the full interview below…", "navigation"),                    # a medium named before "below"
    ("More on John Kasich here", "related"),
    ("Continuing coverage on the presidential race here", "related"),
    ("Read more about the coronavirus outbreak here.", "related"),
    ("Read the whole article here.", "related"),
    ("You can listen to the governor's full interview here.", "related"),
    ("This story is being updated.", "editor_note"),
    ("This report has been updated to include additional information.", "editor_note"),
    ("Further coverage to come as information arrives.", "editor_note"),
    ("Contact Tiger Sun at tgsun ‘at’ stanford.edu.", "bio"),                          # stanforddaily.com
    ("Reach Joey Garrison at jgarrison@usatoday.com and on Twitter @joeygarrison.", "bio"),  # usatoday.com
    ("Reach Joey Garrison on Twitter @joeygarrison.", "bio"),                                # usatoday.com
    ("(Source: KWES)", "credit"),
    ("[Photo: Reuters]", "credit"),
])
def test_pointer_lines_are_marked(line: str, label: str) -> None:
    assert _marked(line) == {line: label}


@pytest.mark.parametrize("line", [
    "Temperatures in the valley fell well below freezing overnight.",   # "below" in a report
    "Check out what was reported by Usher's people below…",             # the text it points at follows
    "Check out the full list below…",                                    # no medium: the list follows in the text
    "We answer that and other questions here.",                          # "here" is this page
    "How she got here",                                                  # a crosshead
    "You can read the full report here.",                                # a document the story cites
    "Voters who watch the debate here say the senator won it.",          # "watch ... here" inside a report
    "The story is told by the people who lived it.",                     # a story, not its status
    "The report has been updated every year since 2010.",               # another report's history
    "(Source of the leak remains unclear)",                              # no label and colon
    "Contact the county clerk at the courthouse to register before the deadline.",  # no address
    "Reach Out Worldwide at the center handed out 300 meals, volunteers said.",    # a charity, no address
])
def test_prose_of_the_same_shape_stays_unmarked(line: str) -> None:
    assert _marked(line) == {}


def test_player_pointer_run_into_a_paragraph_marks_that_sentence_only() -> None:
    para = ("CBN News' David Brody shares his thoughts on the upcoming contests and how they could "
            "define the race for both parties. Watch below:")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert marked_spans(text) == {"Watch below:": "navigation"}


def test_video_lead_in_run_into_a_paragraph_marks_that_sentence_only() -> None:
    para = ("One self-avowed Trump supporter took to YouTube on Sunday to express his displeasure with the "
            "process and burned his Republican registration on camera. Watch the video:")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert marked_spans(text) == {"Watch the video:": "navigation"}


def test_a_paragraph_ending_on_watching_a_video_stays_unmarked() -> None:
    para = ("Investigators spent two days going through the footage frame by frame. Then they sat down to "
            "watch the video.")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert find_insertions(text) == []


def test_paragraph_ending_on_a_reported_below_stays_unmarked() -> None:
    para = ("Forecasters said the storm would weaken over land. Temperatures are expected to stay "
            "well below normal.")
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert find_insertions(text) == []


@pytest.mark.parametrize("line, label", [
    # notes of more than 40 words: a shorter one is read by the lexicon's cue rules
    ("Editor's note: Peter Bergen is CNN's national security analyst, a vice president at New America "
     "and professor of practice at Arizona State University. He is the author of a book on the ten-year "
     "hunt for bin Laden, which this piece, in part, draws upon.", "editor_note"),
    ("EDITOR’S NOTE: The Nation believes that helping readers stay informed about the impact of the "
     "crisis is a form of public service. For that reason, this article, and all of our coverage of it, "
     "is free. Please subscribe to support our writers and staff.", "editor_note"),
    ("Correction, Feb. 24, 2020: This article originally misstated the share of independents who said "
     "the label made them more likely to support him.", "editor_note"),
    ("CORRECTION (Oct. 1, 12:43 p.m.): An earlier version of this story misidentified her department at "
     "the University of Maryland.", "editor_note"),
    ("Correction, Jan. 31", "editor_note"),
    ("Originally published Oct. 17, 10:28 a.m. PT.", "editor_note"),
    ("—Updated at 1:54 p.m.", "editor_note"),
    ("--This report was updated on Sept. 11 at 2:03 p.m.", "editor_note"),
    ("Updated Wednesday 5/29 at 10:30 a.m. ET", "editor_note"),
    ("Updated at 8:02 a.m. Friday to clarify that the group is praising Democrats", "editor_note"),
    ("This story also appears in E&E Daily.", "editor_note"),
    ("View the original article at www.prisonplanet.com", "editor_note"),
])
def test_labelled_notes_are_marked(line: str, label: str) -> None:
    # opening a page, where the foot's rule for long notices does not reach
    text = f"{line}\n\n" + f"{BODY}\n\n{LATER}\n\n" * 3
    assert marked_spans(text) == {line: label}


@pytest.mark.parametrize("line", [
    "Source: State Department",
    "Sources: Guardian investigation; US census data; American Water Works Association.",
    "Source: Morales A.J., et al. Measuring political polarization on Twitter. CHAOS. 2015.",
])
def test_source_line_mid_story_is_a_credit(line: str) -> None:
    # at the page's edges a short "Source: X" line is read as a byline ("via")
    around = f"{BODY}\n\n{LATER}\n\n" * 2
    text = f"{around}{line}\n\n{around}"
    assert marked_spans(text) == {line: "credit"}


@pytest.mark.parametrize("line", [
    "Disclosure rules don't require companies to say how much they spent lobbying on exclusions.",
    "Correction officers at the state prison walked off the job on Monday, the union said.",
    "Sources say the deal could be announced as early as Friday.",
    "Originally published under the headline “It's Okay to Hate Republicans,” the piece drew wide criticism.",
    "Corrections",                                                       # a crosshead, no note after it
    "Updated figures released on Monday show a rise in claims.",         # "updated" as an adjective
    "Updated at 9:58 p.m. -- First outlet calls race for Handel",         # a live blog's entry heading
    "Updated at 7:18 p.m. ET Deaths In India, China",                    # the same, without a dash
    "This story also explains why the vote was delayed.",                # not a syndication note
    "View the original proposal at the council's site before Tuesday's vote.",
])
def test_prose_opening_with_a_note_word_stays_unmarked(line: str) -> None:
    text = f"{line}\n\n" + f"{BODY}\n\n{LATER}\n\n" * 3
    assert find_insertions(text) == []


def test_a_note_opening_a_text_without_paragraph_breaks_stays_unmarked() -> None:
    text = f"Editor's note: This article has been updated with the final vote count. {BODY} {LATER}"
    assert find_insertions(text) == []


def _spans(text: str) -> dict[str, str]:
    return marked_spans(text)


@pytest.mark.parametrize("line, credit", [
    ("Students from a high school in Rockville march in protest on Wednesday morning. (WTOP/Nick Iannelli) "
     "(WTOP/Nick Iannelli) ( 1 /4)", "(WTOP/Nick Iannelli)"),
    # a line that reports is the story's, its credit the picture's (a scene caption that reports after it is
    # all caption: test_insertion_captions.py)
    ("Obama and FBI Director James Comey have met often since 2013. A spokesman said Obama "
     "trusts him. (Charles Dharapak/AP)", "(Charles Dharapak/AP)"),
    ("A Hobby Lobby store in Denver. (Photo: Ed Andrieski, AP) Story Highlights The administration says it "
     "can ignore the law.", "(Photo: Ed Andrieski, AP)"),
])
def test_bracketed_credit_inside_a_line_is_marked(line: str, credit: str) -> None:
    text = f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY}\n\n{LATER}"
    assert set(_spans(text).items()) == {(credit, "credit")}


@pytest.mark.parametrize("line", [
    "The militants of the Islamic State (ISIS/ISIL) claimed the attack on Friday, officials said.",
    "\"(Williams/Flanagan) had a long series of complaints against co-workers,\" Dennison said.",
    "David Daley, author of a book on the plan (Liveright/W.W. Norton), described it as a scheme.",
])
def test_slashed_brackets_in_prose_stay_unmarked(line: str) -> None:
    text = f"{BODY}\n\n{LATER}\n\n{line}\n\n{BODY}\n\n{LATER}"
    assert _spans(text) == {}


def test_an_update_label_heading_a_paragraph_marks_the_label_only() -> None:
    para = "UPDATE: A smart reader points out this might be a duplicate email found in another inbox."
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert _spans(text) == {"UPDATE:": "editor_note"}


def test_an_update_word_opening_prose_stays_unmarked() -> None:
    para = "Update the records before Friday, the clerk told the county's election workers on Monday."
    text = f"{BODY}\n\n{para}\n\n{LATER}"
    assert _spans(text) == {}


@pytest.mark.parametrize("line, label", [
    ("john.elmes@tesglobal.com", "bio"),
    ("Jim Morrill: 704-358-5059, @jimmorrill", "bio"),
    ("This article originally appeared here.", "editor_note"),
    ("(Correction to my April 27 column: the state is due to receive $96 billion, not $350 billion.)",
     "editor_note"),
])
def test_contact_syndication_and_correction_lines_at_the_foot(line: str, label: str) -> None:
    text = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{line}"
    assert _spans(text) == {line: label}


def test_a_speaker_label_with_a_sentence_stays_unmarked() -> None:
    line = "Washington: 202-555-0100 is the number the agency gave to residents who lost power."
    text = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{line}"
    assert _spans(text) == {}


# A link run onto the end of a story's paragraph (dev batch 7 and the unlabelled pool, issue 18):
# the paragraph is the story's, only the link is the site's.
PLACE = ("As you know, Tiny discussed Burgos during a recent appearance on The Wendy Show, stating that "
         "Bernice stepped out of line and clearly didn’t know her place")
BOMBERS = ("As recently as Monday, two US air force B-1B bombers flew from Guam to join their counterparts "
           "from South Korea and Japan for a mission over the Korean peninsula, about 2,100 miles away.")


@pytest.mark.parametrize("line, tail", [
    (f"{PLACE} (click HERE if you missed that).", "(click HERE if you missed that)"),
    (f"{BOMBERS} Read more", "Read more"),
])
def test_a_link_run_onto_a_storys_paragraph_marks_the_link_only(line: str, tail: str) -> None:
    marked = _marked(line)
    assert tail in marked
    assert line not in marked and line.rstrip(".") not in marked


def test_a_headline_with_its_read_more_link_stays_marked_whole() -> None:
    line = "Operation reopen America: are we about to witness a second failure of leadership? Read more"
    assert _marked(line).get(line) is not None


def test_a_bracketed_aside_in_a_storys_paragraph_stays_unmarked() -> None:
    line = f"{BOMBERS[:-1]} (the base is closer to Korea than to Hawaii)."
    assert _marked(line) == {}


def _at_foot(line: str) -> dict[str, str]:
    return _spans(f"{BODY}\n\n{LATER}\n\n{line}")


@pytest.mark.parametrize("line, label", [
    ("Learn more about how the daily tracking poll works.", "related"),
    ("For more on the impact of the coronavirus, listen to What Next.", "related"),
    ("To learn more about the study in general, see this project's page on the Open Science Framework",
     "related"),
    ("Featured image via Flickr user Gage Skidmore / CC BY-SA 2.0.", "credit"),
    ("Stats via: heyjackass.com", "credit"),
])
def test_pointers_to_more_and_via_credits_between_paragraphs(line: str, label: str) -> None:
    assert _marked(line) == {line: label}


@pytest.mark.parametrize("line", [
    "To learn more about the virus, researchers sequenced 500 samples.",  # a purpose clause of the story's
    "Read more than 200 pages of testimony and you find the same story.",  # "read more than", not a pointer
    "Video via satellite link showed the crowd outside the courthouse.",  # a sentence about a video
])
def test_prose_shaped_like_a_pointer_to_more_or_a_via_credit_stays_unmarked(line: str) -> None:
    assert _marked(line) == {}


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
    assert _spans(f"{BODY}\n\n{LATER}\n\n{based}\n\n{views}") == {based: "editor_note", views: "editor_note"}


def test_a_labelled_note_on_the_text_anywhere() -> None:
    note = "Note: This story was written last week before the Supreme Court's surprise decision not to take up the cases."
    assert _spans(f"{BODY}\n\n{note}\n\n{LATER}") == {note: "editor_note"}
    assert _spans(note) == {}                                  # a text of one line holds the story too


@pytest.mark.parametrize("line", [
    "Note: the figures exclude the territories and are rounded to the nearest thousand.",  # a note on figures
    "The article was based on a false premise, the senator said in a statement on Friday.",  # another article
])
def test_notes_on_other_things_stay_unmarked(line: str) -> None:
    assert _marked(line) == {}


@pytest.mark.parametrize("line, label", [
    ("Please read our comments policy before commenting.", "editor_note"),
    ("Shortened URL for this post: http://bit.ly/1I3nUkJ", "navigation"),
])
def test_site_notices_at_the_foot(line: str, label: str) -> None:
    assert _at_foot(line) == {line: label}

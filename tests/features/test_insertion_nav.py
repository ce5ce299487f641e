"""Navigation widgets told by their form (features.insertion_nav): each firing row has a quiet twin,
the nearest story text that must stay unmarked."""
from __future__ import annotations

import pytest

from tests.features.insertion_lines import BODY, LATER, marked_spans



def _marked(*lines: str) -> dict[str, str]:
    text = "\n\n".join((BODY, *lines, LATER))
    return marked_spans(text)


COMMENTS = ('Vic We Have No Party: "We are missing something from that hospital bill f ..."',
            'LeftCoast Dawg: "What is said at Bruce Ohr\'s behind doors testimony ..."',
            'Case Zzyzx: "Max Kellerman. ESPN still has an asshole to d ..."')


def test_a_recent_comments_widget_is_marked() -> None:  # ace.mu.nu
    assert _marked(*COMMENTS) == dict.fromkeys(COMMENTS, "navigation")


def test_two_cut_off_quotations_are_no_widget() -> None:
    lines = ('Smith: "We will not back down from this fight ..."', 'Jones: "The people have spoken ..."')
    assert _marked(*lines) == {}


@pytest.mark.parametrize("line", [
    "August 2018 M T W T F S S « Jul 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
    "2 pages, 94 KB",                                        # independent.org's download link
    "PDF, 1.2 MB",
    "19 people found this useful",                           # answers.com
    "(Warning: Viewers may find the video below upsetting.)",  # wxii12.com
    "Click the play button above to listen to this story.",  # kalw.org
    "Buy Photo",
])
def test_widget_lines_are_marked(line: str) -> None:
    assert _marked(line) == {line: "navigation"}


@pytest.mark.parametrize("line", [
    "August 2018 was the hottest month on record in the state, forecasters said.",
    "The bill runs to 2 pages, and its sponsors say it will pass.",
    "19 people found this policy useful in a survey of the county's residents.",
    "Warning: the county says roads below the dam may flood overnight.",
    "Press the play button twice and the recorder wipes the tape, the technician testified.",
    "Buy Photos of the parade were on sale at the stand, organisers said.",
])
def test_story_lines_of_the_same_shape_stay_unmarked(line: str) -> None:
    assert _marked(line) == {}


@pytest.mark.parametrize("line, widget", [
    ("Buy Photo The Des Moines Register editorial board endorses Marco Rubio for the Republican nomination.",
     "Buy Photo"),                                           # desmoinesregister.com
    ("ADVERTISEMENT “I Just Asked Her To Take A Walk”", "ADVERTISEMENT"),
    ("Click the play button above to listen to this story. The team parked behind a department store.",
     "Click the play button above to listen to this story."),
    ("Last year, Trilce Ortiz listed eight ways that Latinos perpetuate anti-blackness. 404 File not found this page "
     "does not exist. please check your URL or return to homepage",
     "404 File not found this page does not exist. please check your URL or return to homepage"),  # wearemitu.com
])
def test_a_widget_label_run_into_a_line_marks_the_label_only(line: str, widget: str) -> None:
    assert _marked(line) == {widget: "navigation"}


def test_a_button_label_run_onto_a_caption_end_marks_the_label_only() -> None:
    line = "Marco Rubio speaks in Des Moines on Monday. (Photo: Mark Marturello/Register)Buy Photo"
    assert _marked(line).get("Buy Photo") == "navigation"


@pytest.mark.parametrize("line", [
    "Advertisement revenue fell by a third last year, the company said.",   # the word in a sentence
    "Open this window and the draft comes straight in, the tenants said.",
    "Visitors got a 404 not found error for hours after the site's address changed, the agency said.",
])
def test_a_sentence_opening_with_a_widget_word_stays_unmarked(line: str) -> None:
    assert _marked(line) == {}


@pytest.mark.parametrize("line", [
    "Your subscription to the Atlanta Journal-Constitution funds in-depth reporting and investigations "
    "that keep you informed. Thank you for supporting real journalism.",
    "[You’re smart and curious about the world. So are The Conversation’s authors and editors. "
    "You can get our highlights each weekend.]",
])
def test_subscription_and_newsletter_boxes_are_promo(line: str) -> None:
    assert _marked(line) == {line: "promo"}


@pytest.mark.parametrize("line", [
    "Your subscription to the service funds a share of the rebate, the company said in its filing.",
    "The candidates get our attention each week with a new round of attack ads.",
])
def test_reports_on_subscriptions_stay_unmarked(line: str) -> None:
    assert _marked(line) == {}


def test_a_wire_story_closing_slug_is_marked() -> None:  # religionnews.com, Religion News Service copy
    assert _marked("KRE/AMB END LUPFER") == {"KRE/AMB END LUPFER": "navigation"}


def test_a_capitalised_line_with_end_stays_unmarked() -> None:
    assert _marked("THE END OF THE AFFAIR") == {}


def test_an_embed_code_line_is_share_furniture() -> None:  # norwichbulletin.com
    line = 'Embed &lt;iframe width="590" height="332" src="http://launch.newsinc.com/?type=VideoPlayer/Single"'
    assert _marked(line) == {line: "share"}


def test_a_line_about_embedding_stays_unmarked() -> None:
    assert _marked("Embed reporters travelled with the unit for six weeks, the army said.") == {}


def test_a_lead_in_to_an_embedded_document_is_marked() -> None:  # marijuanamoment.net
    lead = "Read FDA’s draft guidance on cannabis research below:"
    embed = "FDA cannabis research guide… by Marijuana Moment on Scribd"
    marked = _marked(lead, embed, "Photo courtesy of Philip Steffan.")
    assert marked.get(embed) == "caption" and marked.get(lead) == "navigation"


def test_a_lead_in_to_text_the_page_holds_stays_unmarked() -> None:
    lead = "Read the governor's full statement below:"
    statement = ("“Today we took an important step toward protecting the families of this state from the "
                 "rising cost of care,” the governor said in the statement released on Monday evening.")
    assert lead not in _marked(lead, statement)

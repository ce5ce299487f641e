"""The criteria card on real articles: each criterion moves the way its evidence says when the
article is changed, and says "not measurable" (NaN) where the text cannot tell."""
from __future__ import annotations

import json
import math
import re
import pytest

from features import analyze
from features.criteria import CRITERIA, assess, opinion_label
from tests.samples import sample, with_paragraph

def card(text: str, title: str | None, url: str | None = None) -> dict[str, float]:
    return assess(analyze(text, title), title, url).values()


def test_card_has_every_criterion_and_a_reason_for_each() -> None:
    title, text = sample("003")
    c = assess(analyze(text, title), title, None)
    assert list(c.values()) == list(CRITERIA)
    why = json.loads(c.why_json())
    assert set(why) == {n.removeprefix("criterion_") for n in CRITERIA}
    assert all(isinstance(w["why"], str) and w["why"] for w in why.values())


def test_read_also_teasers_lower_the_ads_criterion() -> None:
    title, text = sample("003")
    # inside the body: at the page's edges such lines are related-link furniture, not the story's
    teased = with_paragraph(with_paragraph(text, "READ ALSO: Ten things to know about the summit", after=4),
                            "READ MORE: Why oil prices are falling again", after=7)
    before, after = card(text, title)["criterion_ads"], card(teased, title)["criterion_ads"]
    assert before == 100 and after < before


def test_a_line_labelled_as_advertising_costs_nothing() -> None:
    title, text = sample("003")
    labelled = with_paragraph(text, "Advertisement: Subscribe to our newsletter for the best deals")
    assert card(labelled, title)["criterion_ads"] == 100


def test_an_evaluative_sentence_in_the_author_voice_lowers_news_opinion() -> None:
    title, text = sample("003")
    charged = with_paragraph(text, "This disgraceful, utterly shameful decision is the worst blunder we have "
                                   "ever seen from these incompetent, corrupt officials!")
    assert card(charged, title)["criterion_news_opinion"] < card(text, title)["criterion_news_opinion"] - 10


def test_the_same_words_quoted_belong_to_the_speaker() -> None:
    title, text = sample("003")
    quoted = with_paragraph(text, "“This disgraceful, utterly shameful decision is the worst blunder we have "
                                  "ever seen,” an opposition lawmaker said.")
    charged = with_paragraph(text, "This disgraceful, utterly shameful decision is the worst blunder we have "
                                   "ever seen.")
    assert card(quoted, title)["criterion_news_opinion"] > card(charged, title)["criterion_news_opinion"] + 10


def test_an_opinion_label_earns_the_news_opinion_criterion() -> None:
    title, text = sample("004")
    plain = card(text, title)["criterion_news_opinion"]
    assert plain < 60
    assert card(text, title, "https://example.com/opinion/2020/01/a-piece")["criterion_news_opinion"] >= 90
    assert card(text, f"Opinion: {title}")["criterion_news_opinion"] >= 90
    assert opinion_label(title, "https://example.com/news/world/x", text) is None


def test_a_clickbait_headline_over_the_same_body_lowers_the_headline_criterion() -> None:
    title, text = sample("003")
    fair = card(text, title)["criterion_headline"]
    bait = card(text, "You Won't Believe What Happened Next In Moscow?")["criterion_headline"]
    assert fair >= 90 and bait < fair - 40


def test_a_headline_number_the_body_lacks_costs_points() -> None:
    title, text = sample("003")
    assert card(text, f"{title}, 4,000 dead")["criterion_headline"] < card(text, title)["criterion_headline"]


def test_without_a_headline_the_criterion_is_not_measurable() -> None:
    _, text = sample("003")
    assert math.isnan(card(text, None)["criterion_headline"])


def test_a_named_byline_raises_creators_and_a_staff_credit_earns_half() -> None:
    title, text = sample("002")  # its page header (the repeated headline) was kept
    assert card(text, title)["criterion_creators"] == 0
    assert card("By Jane Doe\n\n" + text, title)["criterion_creators"] == 100
    assert card("By Staff Reporter\n\n" + text, title)["criterion_creators"] == 50


def test_a_body_without_its_page_header_cannot_tell_its_creators() -> None:
    title, text = sample("003")
    assert math.isnan(card(text, title)["criterion_creators"])
    # a dateline opens the story itself: a scraper that dropped the byline keeps it
    assert math.isnan(card("WASHINGTON —\n\n" + text, title)["criterion_creators"])
    assert card("By Jane Doe\n\n" + text, title)["criterion_creators"] == 100


def test_more_attributed_reporting_raises_sourcing() -> None:
    title, text = sample("004")
    sourced = with_paragraph(text, "The ministry said in a statement that 40 people were detained, according to "
                                   "a report published by the interior ministry. Police spokesman Giorgi Kurtanidze "
                                   "told reporters the protest had been peaceful.")
    assert card(sourced, title)["criterion_sourcing"] > card(text, title)["criterion_sourcing"]


@pytest.mark.parametrize("text", ["", "Short.", "Officials said it may rain."])
def test_short_texts_are_not_judged_on_sourcing(text: str) -> None:
    assert math.isnan(card(text, None)["criterion_sourcing"])


def test_first_person_words_are_the_whole_words_only():
    from features.criteria import _FIRST_PERSON_RE

    text = ("I told my editor we would go; it's ours, and ourselves to blame, said me. "
            "Iowa, It, Imagine, myselves, ourself, mine-field, us_ 2us éus ΣI MY WE Mine “I” (we) I’m")
    assert [m.group() for m in _FIRST_PERSON_RE.finditer(text)] == [
        "I", "my", "we", "ours", "ourselves", "me", "mine", "I", "we", "I"]
    for prefix in ("000", "001", "002", "003", "004"):
        body = sample(prefix)[1]
        assert [m.span() for m in _FIRST_PERSON_RE.finditer(body)] == \
            [m.span() for m in re.finditer(r"\b(?:I|me|my|mine|myself|we|us|our|ours|ourselves)\b", body)]

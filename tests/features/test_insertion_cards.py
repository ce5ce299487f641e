"""Hover cards run into a story's prose (issue 18)."""
from __future__ import annotations

import pytest

from features.insertion_cards import CARD_LABEL, hover_cards
from features.insertions import clean_doc, find_insertions

# (text, the card's text): the card holds the full name and the headlines, up to its "MORE"
CARDS = [
    ("Rep. Bill Flores William (Bill) Hose FloresHere are the lawmakers who aren't seeking reelection in 2020 "
     "Wave of GOP retirements threatens 2020 comeback MORE (R-Texas) said in an interview.",
     "William (Bill) Hose FloresHere are the lawmakers who aren't seeking reelection in 2020 "
     "Wave of GOP retirements threatens 2020 comeback MORE"),
    ("Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' to Romney's Social Security plan DC's liaison "
     "to rock 'n' roll MORE (R-Wis.) defended the bill.",
     "Paul Davis Ryan Retirees should say 'no thanks' to Romney's Social Security plan DC's liaison to rock 'n' roll MORE"),
    ("Former Vice President Joe Biden Joe Biden Parnas: U.S. ambassador to Ukraine removed Five takeaways from the "
     "interview MORE, the Democratic front-runner, spoke.",
     "Joe Biden Parnas: U.S. ambassador to Ukraine removed Five takeaways from the interview MORE"),
    ("Justice Stephen BreyerStephen BreyerSupreme Court clears way for second federal execution MORE, a Clinton "
     "appointee, dissented.",
     "Stephen BreyerSupreme Court clears way for second federal execution MORE"),
]
# the nearest prose: a name said twice with no closing "MORE", shouted text, a card's form with "MORE" on another line
QUIET = [
    "Jane Smith met John Smith Jones at the fair, and they talked for more than an hour.",
    "SCHIFF STAFF WENT TO NEW YORK FOUR TIMES TO MEET WITH COHEN FOR MORE THAN 10 HOURS",
    "President Trump Donald John TrumpFederal judge halts California law targeting Trump tax returns\nMORE to come.",
]


@pytest.mark.parametrize("text, card", CARDS)
def test_hover_cards(text: str, card: str) -> None:
    assert [text[a:b] for a, b in hover_cards(text)] == [card]


@pytest.mark.parametrize("text", QUIET)
def test_no_card_without_both_marks(text: str) -> None:
    assert hover_cards(text) == []


def test_a_card_is_furniture_and_the_sentence_around_it_stays() -> None:
    text = ("On Friday, President Trump Donald John TrumpKamala Harris calls for Twitter to suspend Trump account "
            "Clinton jokes she 'never' had to tell Obama MORE said he could meet the leaders next week.")
    card = text[text.index("Donald") : text.index(" said")]
    assert [(text[s.start : s.end], s.label) for s in find_insertions(text)] == [(card, CARD_LABEL)]
    body = clean_doc(text)[0].text
    assert "President Trump" in body and "said he could meet" in body and "Kamala" not in body

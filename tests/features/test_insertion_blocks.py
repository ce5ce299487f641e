"""Native-ad widget headlines between a story's paragraphs: marked on their Title Case form and an
advertiser's hook together, generic teaser hooks only inside a block; each with the nearest line
that stays unmarked."""
from __future__ import annotations

import pytest

from features.insertion_blocks import chumbox_labels, headline_form
from features.insertions import find_insertions
from tests.features.insertion_lines import BODY, LATER, marked_spans

END = ("Republicans said the nominee was among the most qualified candidates ever put forward for the court, "
       "and several of them praised her record as a trial judge.")


def _between(*lines: str) -> dict[str, str]:
    return marked_spans("\n\n".join((BODY, *lines, LATER)))


@pytest.mark.parametrize("line", [
    "Americans In The Dark On Trump's Plan To End The U.S. Dollar",
    "Bathroom Issues? Do This Once A Day",
    "How To Easily Kill All Indoor Odor, Mold, And Bacteria — Without Lifting A Finger",
    "Iconic ‘Caddyshack’ Scene Has One Huge Flaw No One Noticed",
    # three widget headlines run into one line by the scraper
    "How To Easily Kill 98% Of Mold In Your Home Stunning Video Will Make Any Atheist's Jaw Drop How To Easily "
    "Kill All Indoor Odor, Mold, And Bacteria — Without Lifting A Finger",
])
def test_ad_hook_in_headline_form_is_marked(line: str) -> None:
    assert _between(line) == {line: "promo"}


@pytest.mark.parametrize("line", [
    # the same hooks in the story's prose or in a sentence-case sentence
    "Many Americans remain in the dark about the plan, according to a Gallup poll released on Monday.",
    "Officials said residents should do this once a day until the water is declared safe.",
    # Title Case without a hook: a subhead of the story
    "The Long Road To Confirmation For The First Nominee Of The Year",
    # a hook in a shouted headline (a related-story line, not a widget's form)
    "AMERICANS IN THE DARK ON TRUMP'S PLAN, ECONOMISTS SAY",
])
def test_hook_without_headline_form_or_form_without_hook_is_quiet(line: str) -> None:
    assert _between(line) == {}


def test_generic_teaser_repeated_down_the_page_is_marked() -> None:
    bait = "Learn 10 Signs of Alcoholism To Help You Identify An Alcoholic"
    text = "\n\n".join((BODY, bait, LATER, bait, END))
    assert [text[s.start:s.end] for s in find_insertions(text)] == [bait, bait]


def test_generic_teaser_next_to_an_ad_line_is_marked() -> None:
    lines = ["Here’s Why The Senate Bill Failed In The End", "Bathroom Issues? Do This Once A Day"]
    labels: list[str | None] = [None, None]
    chumbox_labels(lines, labels)
    assert labels == ["promo", "promo"]


def test_generic_teaser_alone_is_a_subhead() -> None:
    # once, between paragraphs, with no ad beside it: the story's own subhead
    assert _between("Here’s Why The Senate Bill Failed In The End") == {}


def test_marked_lines_keep_their_label() -> None:
    labels: list[str | None] = ["caption"]
    chumbox_labels(["Bathroom Issues? Do This Once A Day"], labels)
    assert labels == ["caption"]


@pytest.mark.parametrize("line, form", [
    ("Doctor Says Don't Cover Up Your Dark Spots - (Try This Instead)", True),
    ("Here’s Why Guys Are Obsessed With This Underwear…", True),
    ("Doctor says don't cover up your dark spots, try this instead.", False),
    ("Feeling Old? Do This", False),  # under five words
])
def test_headline_form(line: str, form: bool) -> None:
    assert headline_form(line) is form

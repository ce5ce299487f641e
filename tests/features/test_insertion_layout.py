"""Page-layout rules of the insertion detector (runs of lines), on lines from real scraped pages."""
from __future__ import annotations

from features.insertion_layout import layout_labels
from features.insertion_rules import rule_labels, split_lines
from features.insertions import find_insertions

BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long and bitter debate. "
        "Democrats had argued that her record on voting rights disqualified her from the bench.")
LATER = ("The vote came after weeks of hearings in which the nominee declined to say how she would rule "
         "on cases involving the administration, citing the rules of judicial conduct.")


def _labels(text: str) -> dict[str, str | None]:
    lines = split_lines(text)
    labels = rule_labels(lines, None)
    layout_labels(lines, labels)
    return {ln.text: lab for ln, lab in zip(lines, labels)}


# time.com, as scraped: the Video.js player between two paragraphs of an interview.
PLAYER = """Watch: Why the Silence Breakers Are the 2017 Person of the Year
Mute
Current Time 0:00
/
Duration Time 0:00
Loaded: 0%
0:00
Progress: 0%
Stream TypeLIVE
Remaining Time -0:00
Playback Rate
1
Chapters
descriptions off, selected
Captions
Audio Track
This is a modal window.
Caption Settings Dialog
Beginning of dialog window. Escape will cancel and close the window.
TextColorWhiteTransparencyOpaqueBackgroundColorBlackTransparencyOpaque
Font Size50%
Text Edge StyleNone
Font FamilyProportional Sans-Serif"""


def test_a_video_players_control_text_is_page_furniture_line_by_line():
    got = _labels(f"{BODY}\n{PLAYER}\n{LATER}")
    player = PLAYER.splitlines()[1:]
    assert all(got[ln] == "navigation" for ln in player), {ln: got[ln] for ln in player if got[ln] != "navigation"}
    assert got[BODY] is None and got[LATER] is None


def test_short_ambiguous_lines_need_the_player_around_them():
    # "1", "/" and "Captions" alone, or beside a single player line, are not a player
    got = _labels(f"{BODY}\n1\nCaptions\nLoaded: 0%\n{LATER}")
    assert got["Loaded: 0%"] == "navigation"
    assert got["1"] is None and got["Captions"] is None


def test_a_row_of_links_separated_by_bars_is_a_related_list():
    got = _labels(f"{BODY}\n"
                  "HURRICANE IRMA | Real-time tracking maps, Hurricane supply kit info & Hurricane Center\n"
                  "Hurricane Supply Kit Checklist | Things to know before the storm | Preparations for your pets\n"
                  f"{LATER}")
    assert got["HURRICANE IRMA | Real-time tracking maps, Hurricane supply kit info & Hurricane Center"] == "related"
    assert got["Hurricane Supply Kit Checklist | Things to know before the storm | Preparations for your pets"] == "related"


def test_a_sentence_with_a_bar_in_it_is_no_link_list():
    line = "The poll of likely voters | a sample of 1,000 | found Biden ahead by seven points."
    assert _labels(f"{BODY}\n{line}\n{LATER}")[line] is None
    two = "Trump | Clinton"  # two parts need an all-caps kicker first
    assert _labels(f"{BODY}\n{two}\n{LATER}")[two] is None


# charismanews.com: a book push standing between two promotions at the foot.
PUSH = ("God and Donald Trump is published by Frontline, an imprint of Charisma House, which has published books "
        "that challenge, encourage, teach and equip Christians, including 14 New York Times best-sellers.")


def test_a_line_between_two_promotions_at_the_foot_is_one():
    text = (f"{BODY}\n{LATER}\n"
            "For more information on God and Donald Trump, visit GodandDonaldTrump.com and view the book's video.\n"
            f"{PUSH}\n"
            "Connect with God in a deeper way as you read His Word. Select Bibles are now 50% OFF plus Free Shipping.\n")
    assert _labels(text)[PUSH] == "promo"


def test_a_paragraph_between_two_bare_ad_markers_is_the_story():
    # washingtonpost.com leaves an "AD" line between its own paragraphs
    para = ("The border barrier's impact on reducing illegal crossings is not always clear. In CBP San Diego's "
            "sector, for instance, progress on new border barriers has been slow.")
    got = _labels(f"{BODY}\nAD\n{para}\nAD\n{LATER}\nAD")
    assert got[para] is None and got["AD"] == "promo"


def test_headline_case_lines_closing_the_page_are_other_stories():
    text = (f"{BODY}\n{LATER}\n"
            "Watch the full clip above and let us know what you think in the comments.\n"
            "Krauthammer: Trump Threat to Prosecute Hillary Sounds Like a 'Banana Republic'\n"
            "How To Easily Kill All Indoor Odor, Mold, And Bacteria — Without Lifting A Finger")
    got = _labels(text)
    assert got["Krauthammer: Trump Threat to Prosecute Hillary Sounds Like a 'Banana Republic'"] == "related"
    assert got["How To Easily Kill All Indoor Odor, Mold, And Bacteria — Without Lifting A Finger"] == "related"


def test_closing_lines_that_are_credits_quotes_or_tweets_are_not_headlines():
    for last in ("Kyle Smith, National Review",                       # theflipside.io: writer, outlet
                 "— Ryan Saavedra (@RealSaavedra) January 20, 2019",  # an embedded tweet's signature
                 "“And Ye Shall Know the Truth, and the Truth Shall Make You Free”",
                 "Trump's Approval Rating Held Steady In The Latest Gallup Poll."):
        assert _labels(f"{BODY}\n{LATER}\n{last}")[last] is None, last


def test_layout_spans_slice_the_text_and_come_in_order():
    text = f"{BODY}\n{PLAYER}\n{LATER}\nHow To Easily Kill 98% Of Mold In Your Home"
    spans = find_insertions(text)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert spans[-1].label == "related_list" and text[spans[-1].start:spans[-1].end] == "How To Easily Kill 98% Of Mold In Your Home"

"""Photo captions and credits among a scraped page's lines, through the line rules that apply them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from features.insertion_captions import _CLOSE_END, _RUNIN_CREDIT, _credit_end_start, _credit_patterns, _scene_re, \
    caption_label, is_gallery_line, is_scene_caption, runin_credits
from features.insertion_rules import split_lines
from tests.features.insertion_lines import BODY, BODY2, LATER, flagged_lines

SAMPLES = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "samples"


def test_short_caption_above_credit_but_not_above_bbc_copyright_line():
    body = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a bitter floor debate "
            "over her record on voting rights and the economy.")
    cap = "Donald Trump and Joe Biden at Trump’s inauguration in 2017."
    text = f"{body}\n\n{cap}\nCredit: Karina Bland/SIPA\n\n{BODY2}"
    assert flagged_lines(text).get(cap) == "caption"
    # BBC pages put "Image copyright X" above the next image's caption: the short line above is body
    line = "Russia denies interfering in the election and Mr Trump has denied any collusion."
    text = f"{body}\n\n{line}\nImage copyright Getty Images\n\n{BODY2}"
    assert line not in flagged_lines(text)


def test_a_paragraph_above_a_hat_tip_is_the_story_not_a_caption():
    """A hat tip credits the story, not a picture: the short closing paragraph above it stays body,
    while the same line above a picture credit is its caption."""
    line = "Go vote on Tuesday, and bring a friend along."
    assert line not in flagged_lines(f"{BODY}\n\n{BODY2}\n\n{line}\n(H/T: LifeSite News)")
    assert flagged_lines(f"{BODY}\n\n{BODY2}\n\n{line}\nCredit: Karina Bland/SIPA").get(line) == "caption"


def test_a_bare_photo_line_is_a_caption_but_a_sentence_about_photos_is_not():
    assert flagged_lines(f"{BODY}\nPhoto\n{LATER}") == {"Photo": "caption"}
    assert flagged_lines(f"{BODY}\nPhotos show the damage.\n{LATER}") == {}


@pytest.mark.parametrize("line, near", [
    # usatoday.com: the player's CLOSE button runs into the video's caption, which often reports
    ("CLOSE Speaking from Phoenix, Donald Trump outlined 10 steps he says will make America safer "
     "and help fix the U.S. immigration system.",
     "Close aides say he will outline 10 steps to fix the immigration system in Phoenix on Wednesday."),
    # yahoo.com: a gallery's "More" button after the credit
    ("Jussie Smollett was indicted on six-counts for allegedly lying to police about January 2019 "
     "attack. (Photo: Getty Images) More",
     "Smollett's lawyers said the city wanted more."),
])
def test_captions_with_player_or_gallery_buttons_are_captions(line, near):
    assert flagged_lines(f"{BODY}\n{line}\n{LATER}") == {line: "caption"}
    assert flagged_lines(f"{BODY}\n{near}\n{LATER}") == {}


@pytest.mark.parametrize("line, label", [
    ("Ourworldindata.com / Max Roser", "credit"),
    ("Getty/Instagram", "credit"),
    ("Cyntoia Brown was released from prison on Wednesday. Screenshot/CBS", "caption"),
])
def test_one_word_credits_before_a_slash_need_an_agency_site_or_picture_word(line: str, label: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}").get(line) == label


@pytest.mark.parametrize("line", ["Economic/Political Environmental Change", "BEAUMONT/PORT ARTHUR 47.35"])
def test_a_heading_or_table_row_with_a_slash_is_not_a_credit(line: str) -> None:
    assert line not in flagged_lines(f"{BODY}\n\n{line}\n\n{LATER}\n\n{BODY2}")


def test_a_credit_line_and_a_caption_ending_in_its_credit_are_labelled_but_a_sentence_naming_the_agency_is_not():
    assert caption_label("REUTERS/Kevin Lamarque") == "credit"
    assert caption_label("President Trump speaks to reporters at the White House on Monday. REUTERS/Kevin Lamarque") == "caption"
    assert caption_label("Reuters reported the president will visit Ohio next week.") is None


def test_a_caption_marker_on_a_sentence_the_story_reports_does_not_make_it_a_caption():
    assert caption_label("In this photo, the suspect is seen leaving the store on Tuesday.") == "caption"
    assert caption_label("In this photo, the suspect is seen leaving the store, police said.") is None


@pytest.mark.parametrize("line", [
    # publicintegrity.org, washingtonpost.com, propublica.org, tampabay.com: a caption closed by names
    # joined by a slash, a bar or "via" in brackets
    "The Philadelphia refinery, seen in the distance from Philadelphia International Airport. (dclerch / Flickr)",
    "Sen. Susan Collins (R-Maine) faces a difficult reelection contest this year. (Amanda Voisard/for The Washington Post)",
    "Gerald Fauth was appointed by Trump to the National Mediation Board in 2017. (National Mediation Board via Wikipedia)",
    "Huma Abedin at a Women for Hillary event in Culver City, Calif. [Irfan Khan | Los Angeles Times via TNS]",
])
def test_a_caption_closed_by_a_bracketed_credit_of_joined_names_is_a_caption(line: str) -> None:
    assert caption_label(line) == "caption"


@pytest.mark.parametrize("line", [
    # cnn.com's poll list and mediamatters.org's citations: digits or commas inside the brackets
    "· Alaska (Republican up 50-44 in CNN / ORC poll)",
    "Kristol also told The Daily Caller: “Couldn't vote for Trump, couldn't vote for Hillary.” [The Daily Caller, 12/1/15]",
    # a sentence of the story choosing between two words
    "Voters were asked to pick a side on the ballot measure (yes/no) before the deadline.",
])
def test_brackets_with_a_poll_a_citation_or_a_choice_are_not_credits(line: str) -> None:
    assert caption_label(line) is None


CNN_GALLERY = ("Photos: Deadly explosion in Istanbul Police investigate the scene of an explosion in central Istanbul "
               "on Tuesday, January 12. Hide Caption 1 of 8 Photos: Deadly explosion in Istanbul Ambulances arrive "
               "at the square. Hide Caption 2 of 8 Photos: Deadly explosion in Istanbul A suicide bomber killed at least "
               "10 people in the historic Sultanahmet district, the prime minister said. Hide Caption 3 of 8")
SF_GALLERY = ("A federal appeals court upheld a federal law banning medical marijuana users from purchasing guns. "
              "Photo: Mike Orazzi, Associated Press Image 1 of / 3 Caption Close US court upholds ban on buying guns "
              "1 / 3 Back to Gallery")
WTOP_GALLERY = ("Students march in protest of the election Wednesday morning. (WTOP/Nick Iannelli) ( 1 /4) "
                "Share This Gallery: Share on Facebook. Share on Twitter. Share via email. Print.")


# Counts, dates and a counter past its total in prose are no gallery's counters.
@pytest.mark.parametrize(("line", "gallery"), [
    (CNN_GALLERY, True), (SF_GALLERY, True), (WTOP_GALLERY, True),
    ("About 1 of 4 Americans said the Photos were fake, and 2 of 4 said they had seen them before the vote.", False),
    ("CLOSE 9/11 victims' loved ones marked the anniversary of the attacks with the reading of names.", False),
    ("He won 2 of 3 races in the state, and the Image of a winner stuck to him for the rest of the year.", False),
    ("Image 4 of 3 was left out of the report, the committee said.", False),
])
def test_a_gallery_line_with_its_counter_beside_a_control_is_a_caption(line: str, gallery: bool) -> None:
    assert is_gallery_line(line) is gallery
    label = flagged_lines(f"{BODY}\n\n{line}\n\n{BODY2}\n\n{LATER}").get(line)
    assert label == ("caption" if gallery else None)


def test_a_gallery_counter_in_a_text_run_into_one_line_does_not_mark_the_story() -> None:
    text = f"{BODY} {BODY2} {CNN_GALLERY} {LATER}"
    assert flagged_lines(text) == {}


@pytest.mark.parametrize("line", [
    # civilbeat.com: an op-ed's short paragraph, then the credit of a picture that has no caption
    "Overall, intermarriage is a declining family issue. What has replaced it is political party affiliation.",
    "But the vote was never close, and the governor knew it.",
    "Still, the council has not set a date for the hearing.",
])
def test_a_short_line_going_on_from_the_paragraph_above_a_credit_is_the_storys(line: str) -> None:
    """A line that opens with a connective continues the prose before it; the same line's
    statement without the connective, above the same credit, is read as the picture's caption."""
    text = f"{BODY}\n\n{line}\n\nBrian Tseng/Civil Beat\n\n{BODY2}"
    assert line not in flagged_lines(text)
    bare = line.split(" ", 1)[1]
    bare = bare[0].upper() + bare[1:]
    assert flagged_lines(f"{BODY}\n\n{bare}\n\nBrian Tseng/Civil Beat\n\n{BODY2}").get(bare) == "caption"


def test_an_agency_and_a_name_after_a_sentence_is_a_credit_but_a_poll_named_in_it_is_not() -> None:
    """thehill.com: "... in the latest Reuters/Ipsos tracking poll." names a poll inside the sentence;
    "... August 14, 2017. REUTERS/Jonathan Ernst" closes a caption with its credit."""
    assert caption_label("U.S. President Donald Trump pauses during a statement at the White House in Washington, "
                         "U.S., August 14, 2017. REUTERS/Jonathan Ernst") == "caption"
    assert caption_label("Yet another factor for Republicans is Trump’s approval rating, which has fallen to its "
                         "lowest point since he took office in the latest Reuters/Ipsos tracking poll.") is None
    assert caption_label("And a national poll from Reuters/IPSOS gave Clinton a 6-point edge.") is None
    # slate.com: a caption without a full stop, its credit after the name
    assert caption_label("Joint Chiefs of Staff Chairman General Joseph Dunford AFP/Getty Images") == "caption"


def test_a_sentence_naming_outlets_in_brackets_is_no_caption() -> None:
    """newsbusters.org, theguardian.com: people or headlines listed with their outlets in brackets, the
    last an agency's name; one agency bracket closing a picture's description is still its credit."""
    listed = ("Here were at least six members of the White House press corps that were called on: Major Garrett "
              "(CBS), Jonathan Karl (ABC), Ayesha Rascoe (NPR), John Roberts (Fox News), and Margaret Talev (Bloomberg).")
    heads = ("Instead there have been headlines like The top 10 women Joe Biden might pick as VP (CNN) and "
             "Joe Biden’s inner circle: No longer a boy’s club (AP).")
    assert caption_label(listed) is None
    assert caption_label(heads) is None
    caption = "Rep. Jim Jordan (R-Ohio) speaks during a hearing on Capitol Hill on Tuesday, March 5, 2019. (AP)"
    assert caption_label(caption) == "caption"
    assert caption_label("Protesters march toward the Capitol in Washington on Saturday (L) (Reuters)") == "caption"
    # a word pointing into the picture or naming its kind is no outlet
    assert caption_label("Senator Jane Doe (Left) speaks with reporters in Washington on Tuesday. (AP)") == "caption"
    assert caption_label("President Trump (Center) walks to Marine One on Friday (AFP)") == "caption"
    assert caption_label("Supporters cheer at a rally in Ohio (File Photo) (Reuters)") == "caption"


# Scene captions without a photo word or credit: a subject, a present-simple verb of what the picture shows,
# the scene's date. Firing rows (between two body paragraphs), each with its quiet twin: the nearest story prose.
@pytest.mark.parametrize("caption, prose", [
    # cnn.com gallery: plural subject, bare weekday-and-date
    ("Kurdish fighters walk to positions as they combat ISIS forces in Kobani on Sunday, October 19.",
     "Kurdish fighters walked to positions as they combat ISIS forces in Kobani on Sunday, October 19."),
    # Getty's grammar: the date with no preposition, a dot inside a web address
    ("A woman looks at the HealthCare.gov insurance exchange internet site October 1, 2013 in Washington, DC.",
     "A woman looks at the HealthCare.gov insurance exchange internet site on Tuesday in Washington, DC."),
    # washingtonpost.com: the context sentence after the caption does not undo it
    ("Families gather in a park on July 9 in downtown Lewiston, a small Maine town. That day, masks were "
     "handed out at the park.",
     "The high court holds fast to a self-imposed deadline to have all draft opinions finished by June 1."),
    # a noun after an article is no verb ("a march"); a sentence opening on a preposition has no subject there
    ("Sanders speaks at a rally in Santa Monica, California, in June 2016.",
     "BJP members led a march to Ayodhya in December 1992, during which the mosque was razed."),
    ("Syrian children wait as doctors perform medical checkups at a refugee center on October 26, 2013.",
     "After a five-day wait in a hielera, David and Sebastian were finally released in El Paso on Oct. 7."),
    # cnn.com: "By the time ..." opens a clause; the verb and date after it are the story's plan, not a picture's
    ("Trump delivers his first State of the Union address before Congress on January 30, 2018.",
     "By the time Trump delivers his first State of the Union address on January 30, aides hope the proposal "
     "will have gained traction among lawmakers."),
])
def test_a_scene_caption_between_paragraphs_is_a_caption_but_the_storys_prose_is_not(caption: str, prose: str) -> None:
    assert flagged_lines(f"{BODY}\n\n{caption}\n\n{BODY2}").get(caption) == "caption"
    assert prose not in flagged_lines(f"{BODY}\n\n{prose}\n\n{BODY2}")


def test_a_scene_caption_keeps_its_label_when_the_story_reports_after_it_but_a_reporting_sentence_does_not() -> None:
    """nydailynews.com: the caption's second sentence reports ("said") and its credit closes the line."""
    cap = ("President Obama stands next to FBI Director James Comey in a 2013 photo. White House Press Secretary "
           "Josh Earnest said Obama trusts him. (Charles Dharapak/AP)")
    assert caption_label(cap) == "caption"
    prose = "Press Secretary Josh Earnest said Obama trusts Comey, seen in 2013. (Charles Dharapak/AP)"
    assert caption_label(prose) is None


def test_an_embedded_tweet_dated_by_its_signature_is_no_scene_caption() -> None:
    tweet = ("David Cameron arrives at Buckingham Palace to formally resign as prime minister "
             "pic.twitter.com/1t30Gf8YU0 — ITV News (@itvnews) July 13, 2016")
    assert caption_label(tweet) != "caption"


SCENE_DATES = ["January 5", "February 5, 2019", "March 2019", "April 5", "May 2018", "June 5", "July 2019",
               "August 5", "September 5, 2016", "October 5", "November 2012", "December 5", "Jan. 5", "Feb. 5",
               "Aug. 5", "Sep. 5", "Sept. 5", "Oct. 5", "Nov. 5", "Dec. 5"]


@pytest.mark.parametrize("date", SCENE_DATES + ["in a 2013 photo", "in this file photo"])
def test_every_date_a_scene_caption_may_hold_passes_the_hint_tested_before_its_pattern(date: str) -> None:
    """The scene pattern is tried only where its date's month or "photo" occurs: a caption with each
    month's spelling (and a photo's date) is still a scene caption, as the pattern alone finds."""
    line = f"Protesters gather outside the Capitol {date} in Washington."
    assert _scene_re().match(line) is not None and is_scene_caption(line)


def _sample_lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [ln.text for t in texts for ln in split_lines(t)]


def test_scene_captions_and_run_in_credits_are_found_as_their_patterns_alone_find_them() -> None:
    """The literal tests before the scene, run-in credit and closing-bracket patterns drop no match,
    on the samples' lines and on lines holding each."""
    made = [f"Protesters gather outside the Capitol {d} in Washington." for d in SCENE_DATES] + [
        "Crowds gather in the square (WTOP/Nick Iannelli) as the parade passes (Photo: Mark Marturello/Register)",
        "The mayor speaks to reporters (Charles Dharapak/AP) before the vote (Images: John Doe / Reuters)",
        "Students march on the campus [Jane Doe | The Post via TNS]", "Rescuers search the rubble (Photo: Jane Doe for CNN)", "A rally in Ohio (AP)  .", "The count (3)"]
    lines = _sample_lines() + made
    plain_scene = [bool(t[:1].isupper()) and not any(c in t for c in ('"', "“", "”", "(@", "pic.twitter"))
                   and _scene_re().match(t) is not None for t in lines]
    assert [is_scene_caption(t) for t in lines] == plain_scene
    assert runin_credits(lines, [None] * len(lines)) == [
        (i, m.start(), m.end()) for i, t in enumerate(lines) for m in _RUNIN_CREDIT.finditer(t)]
    assert [(")" in t or "]" in t) and _CLOSE_END.search(t) is not None for t in lines] == [
        _CLOSE_END.search(t) is not None for t in lines]
    assert sum(plain_scene) >= len(SCENE_DATES) and len(runin_credits(made, [None] * len(made))) == 5


# A credit closing a line, one for each alternative of the end-of-line credit (in its order), after a caption.
CREDIT_ENDS = ["(AP Photo/Evan Vucci)", "(REUTERS)", "(Tom Williams/CQ Roll Call)", "Photo: Jane Doe for The Times",
               "Hillary Clinton Photo Credit: Contributed", "Photo from whitehouse.gov", "© Jane Doe/Reuters",
               "REUTERS/Kevin Lamarque", "Jane Doe/Bloomberg via Getty Images", "  AFP via Getty Images",
               "Jane Doe. Handout", "(Jane Doe. The Denver Post)", "(dclerch / Flickr)"]


def test_the_end_of_line_credit_starts_where_the_alternation_of_its_parts_would_match() -> None:
    """Each alternative is searched only where its literals occur: the leftmost start is the one the
    whole alternation finds, on the samples' lines and on a caption closed by each alternative's credit."""
    ends, _, _ = _credit_patterns()
    whole = re.compile("(?:" + "|".join(e.source for e in ends) + r")(?:\s+More)?[\s.]*$")
    made = [f"President Trump speaks at the White House. {c}" for c in CREDIT_ENDS]
    starts = []
    for line in _sample_lines() + made + CREDIT_ENDS:
        at = max(0, len(line) - 240)
        m = whole.search(line, at)
        starts.append(_credit_end_start(ends, line, at, line[at:].lower()))
        assert starts[-1] == (m.start() if m else None), line
    for e, c in zip(ends, CREDIT_ENDS):  # each alternative matches its credit, which holds its literals
        assert e.pattern.search(f"President Trump speaks at the White House. {c}"), c
        assert all(any(h in c.lower() for h in group) for group in e.hints), c
    assert all(s is not None for s in starts[-2 * len(CREDIT_ENDS):])


@pytest.mark.parametrize("line, label", [
    ("(stock photo)", "credit"),
    ("(File photo)", "credit"),
    ("DISTRIBUTED BY CREATORS.COM", "credit"),
    ("Distributed by Andrews McMeel Syndication", "credit"),
    ("Marchers fill Colfax Avenue on Sunday, May 31, 2020. (Maria Lopez. The Denver Post)", "caption"),
    ("Tom Reyes, a teacher in Ottawa, was honoured on March 3, 2019. Handout", "caption"),
    ("Open this photo in gallery A nurse prepares a vaccine dose at a clinic in Montreal.", "caption"),
])
def test_kind_of_picture_distributor_handout_and_name_dot_outlet_credits(line: str, label: str) -> None:
    assert caption_label(line) == label


@pytest.mark.parametrize("line", [
    "The agency would not say whether the stock photo showed the real suspect.",
    "Distributed by volunteers, the leaflets reached every home in the county.",
    "The council refused the request for a handout.",
    "The plan won backing from two senators (Mike Brown, Ohio).",
    "She asked readers to open this photo in a new tab to see the detail.",
])
def test_prose_naming_a_stock_photo_a_handout_or_a_distributor_is_not_a_credit(line: str) -> None:
    assert caption_label(line) is None


@pytest.mark.parametrize("line", [
    "Police believe the suspect may have been wearing a disguise in this picture",
    "Emergency vehicles are pictured outside the station this morning",
    "The new chairman (pictured above) takes up the post in January",
])
def test_a_short_line_without_a_full_stop_pointing_into_its_picture_is_a_caption(line: str) -> None:
    assert caption_label(line) == "caption"


@pytest.mark.parametrize("line", [
    # the story's sentences: a full stop, a reporting verb or a quotation
    "Police believe the suspect may have been wearing a disguise in this picture.",
    "As you can see in this picture, the crowd filled the square.",
    "Maria Gomez (pictured) said the clinic would reopen next week",
    "The new chairman (pictured) called the result “a disgrace” on Monday",
    # a list's item naming what the picture leaves out; a link round-up's headline and its source
    "Marlin Model 60 (.22LR) (not pictured)",
    "White House rift breaks out over steel tariffs (Financial Times)",
])
def test_the_storys_sentences_a_list_item_and_a_round_up_headline_are_not_captions(line: str) -> None:
    assert caption_label(line) is None


def test_a_news_services_barred_credit_keeps_a_caption_that_mentions_a_report() -> None:
    cap = ("Jane Roe, an aide to the governor, at a rally on May 3, 2016, in Dayton, Ohio. A report says Roe "
           "shared her password with a colleague in 2009.")
    assert caption_label(f"{cap} [John Doe | Dayton Daily News via TNS]") == "caption"
    assert caption_label(cap) is None


@pytest.mark.parametrize("line, label", [
    ("Maria Lopez in March 2015", "caption"),
    ("Barack Obama at the White House on June 3, 2016.", "caption"),
    # a verb makes it the story's sentence; a heading names no person
    ("Barack Obama spoke in August 2014", None),
    ("Maria Lopez moved to Ohio in May 2012.", None),
    ("Elections in November 2020", None),
])
def test_a_persons_name_and_the_pictures_date_without_a_verb_is_a_caption(line: str, label: str | None) -> None:
    assert caption_label(line) == label

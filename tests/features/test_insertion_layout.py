"""Page-layout rules of the insertion detector (runs of lines), on lines from real scraped pages."""
from __future__ import annotations

import pytest

from features.insertion_layout import foot_labels, layout_labels
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
    foot_labels(lines, labels)
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


def test_kicker_headlines_between_paragraphs_are_other_stories():
    """desmoinesregister.com, usatoday.com: other stories' headlines under a capitalised kicker,
    pasted between two paragraphs with no lead-in."""
    endorse = "ENDORSEMENT: Hillary Clinton has needed knowledge, experience"
    nash = "NASH: Register faced tough decision in endorsements"
    family = "FAMILY:Michael Brown's mom screams, sobs at decision"
    got = _labels(f"{BODY}\n{endorse}\n{nash}\n{LATER}\n{family}\n{BODY}")
    assert got[endorse] == got[nash] == got[family] == "related"


def test_kicker_crossheads_of_the_story_itself_stay_body():
    """A kicker heading several lines is the story's own section label (cnn.com's fact checks), a
    dated note's kicker is the newsroom's, a kicker line ending a sentence is a paragraph, and one
    with no paragraph after it is not between paragraphs."""
    verdict = "VERDICT: False in regard to self-inspections, but complicated on notice"
    other = "VERDICT: True, but misleading in one important way"
    update = "UPDATE: Group switches ad after Laura Bush’s request"
    said = "TRUMP: We are going to build a great wall on the border."
    got = _labels(f"{BODY}\n{verdict}\n{LATER}\n{other}\n{BODY}\n{update}\n{LATER}\n{said}\n{BODY}")
    assert got[verdict] is None and got[other] is None and got[update] != "related" and got[said] is None
    caps = "WARNING: VIDEO CONTAINS GRAPHIC IMAGES AND CONTENT"  # a warning (editor_note), not a teaser
    assert _labels(f"{BODY}\n{caps}\n{LATER}")[caps] != "related"
    last = "BUDGET VOTE: What the council decided on roads"
    assert _labels(f"{BODY}\n{LATER}\n{last}\nThe board also met.")[last] is None


def test_two_exclamations_closing_the_page_are_speech_not_a_headline():
    """A closing line of two exclamations is the writer's cheer, even in capitals and above a credit;
    a headline-case line asking one question is another story's headline."""
    cheer = "So, GO TRUMP GO! GOD BLESS AMERICA AND PRESIDENT TRUMP!"
    assert _labels(f"{BODY}\n{LATER}\n{cheer}\n(h/t) The Blaze")[cheer] is None
    head = "Is This The End Of The Senate Filibuster As We Know It?"
    assert _labels(f"{BODY}\n{LATER}\n{head}")[head] == "related"


def test_layout_spans_slice_the_text_and_come_in_order():
    text = f"{BODY}\n{PLAYER}\n{LATER}\nHow To Easily Kill 98% Of Mold In Your Home"
    spans = find_insertions(text)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert spans[-1].label == "related_list" and text[spans[-1].start:spans[-1].end] == "How To Easily Kill 98% Of Mold In Your Home"


# tuko.co.ke: a photo caption that repeats, word for word, the paragraph just above it.
SUSPECTS = ("The three terror suspects were identified as Yayha Bakari a teacher working in Kikambala, "
            "Julius Mwandenzi and Abdallah Ramadhan.")


def test_a_line_repeating_the_paragraph_above_it_is_a_caption():
    lines = split_lines(f"{BODY}\n{SUSPECTS}\n{SUSPECTS}\n{LATER}")
    labels = rule_labels(lines, None)
    layout_labels(lines, labels)
    assert labels == [None, None, "caption", None]  # the first copy is the story's


def test_a_repeat_differing_only_in_case_is_a_caption_and_case_folding_keeps_the_word_count() -> None:
    """Lines are compared folded only where their word counts agree: folding keeps every white space
    character and folds no character to nothing or to white space, so lines equal when folded have
    as many words."""
    lines = split_lines(f"{BODY}\n{SUSPECTS}\n{SUSPECTS.upper()}\n{LATER}")
    labels = rule_labels(lines, None)
    layout_labels(lines, labels)
    assert labels == [None, None, "caption", None]
    for c in map(chr, range(0x110000)):
        folded = c.casefold()
        assert folded and (folded == c if c.isspace() else not any(f.isspace() for f in folded))


def test_a_repeat_further_down_or_of_a_tweet_is_left_alone():
    # an export that doubled a paragraph, and a tweet's text shown twice beside its embed
    assert _labels(f"{BODY}\n{SUSPECTS}\n{LATER}\n{SUSPECTS}")[SUSPECTS] is None
    tweet = "Police not releasing any identifying information of the suspect — Jane Roe (@janeroe) September 18, 2016"
    lines = split_lines(f"{BODY}\n{LATER}\n{BODY2}\n{tweet}\n{tweet}\n{SUSPECTS}")
    labels = rule_labels(lines, None)
    layout_labels(lines, labels)
    assert labels == [None] * 6


# cnn.com opinion pages: the author's headshot caption between two paragraphs, named in the bio.
ZELIZER_BIO = ("Julian Zelizer, a history and public affairs professor at Princeton University and a CNN political "
               "analyst, is the author of a book on Lyndon Johnson and the Great Society.")


def test_a_bare_name_between_paragraphs_named_in_the_bio_is_a_headshot_caption():
    got = _labels(f"{ZELIZER_BIO}\n{BODY}\nJulian Zelizer\n{LATER}")
    assert got[ZELIZER_BIO] == "bio" and got["Julian Zelizer"] == "caption"


def test_a_bare_name_without_a_bio_or_in_a_transcript_is_not_a_caption():
    assert _labels(f"{BODY}\nJulian Zelizer\n{LATER}")["Julian Zelizer"] is None
    # speaker names of a transcript: several bare names, none a headshot
    got = _labels(f"{ZELIZER_BIO}\n{BODY}\nJulian Zelizer\n{LATER}\nJohn Roberts\n{BODY2}")
    assert got["Julian Zelizer"] is None and got["John Roberts"] is None


BODY2 = ("Democrats said the vote showed the majority was willing to ignore the concerns of civil rights "
         "groups, while Republicans praised her experience as a trial judge.")


def test_an_about_box_at_the_foot_is_navigation_and_biography():
    # unz.com: "About <Name>" and the author's lines under it
    me = "I am a blogger, thinker, and businessman in the SF Bay Area. I’m originally from Russia."
    got = _labels(f"{BODY}\n{LATER}\n{BODY2}\nAbout Anatoly Karlin\n{me}")
    assert got["About Anatoly Karlin"] == "navigation" and got[me] == "bio"
    assert got[BODY2] is None


def test_about_at_the_start_of_a_sentence_is_no_about_box():
    line = "About three-quarters of Trump supporters believe life in America has gotten worse."
    got = _labels(f"{BODY}\n{LATER}\n{line}\n{BODY2}")
    assert got[line] is None and got[BODY2] is None


# foxbusiness.com: the author's biography closing an opinion piece, no "journalist" word in it.
WHITON = ("Christian Whiton was a senior advisor in the Donald Trump and George W. Bush administrations. "
          "He is a senior fellow for strategy and public diplomacy at the Center for the National Interest.")


def test_a_last_line_introducing_someone_the_story_never_names_is_a_bio():
    assert _labels(f"{BODY}\n{LATER}\n{BODY2}\n{WHITON}")[WHITON] == "bio"


def test_a_last_line_about_someone_the_story_names_is_the_story():
    named = f"{BODY}\nThe plan was drawn up by Christian Whiton, a former State Department official.\n{LATER}"
    assert _labels(f"{named}\n{WHITON}")[WHITON] is None
    no_role = "Christian Whiton was arrested on Monday and released on bail the same evening."
    assert _labels(f"{BODY}\n{LATER}\n{no_role}")[no_role] is None


@pytest.mark.parametrize("line", [
    # foxbusiness.com, bostonglobe.com: the story's last paragraph names someone by a title before the name
    "Fed Chairman Jerome Powell is slated to discuss the economic outlook in a speech later Friday in Zurich.",
    "President Richard Nixon was famous for his theory of foreign policy, whereby his administration tried to "
    "convince leaders of enemy nations that he was mentally unstable.",
])
def test_a_last_line_whose_role_word_is_a_title_before_the_name_is_the_story(line: str) -> None:
    assert _labels(f"{BODY}\n{LATER}\n{BODY2}\n{line}")[line] is None
    # the same people with the post after "is"/"was": a biography's form
    bio = line.split(" is ")[0].split(" was ")[0].split(" ", 1)[1] + " was a senior advisor to the Treasury."
    assert _labels(f"{BODY}\n{LATER}\n{BODY2}\n{bio}")[bio] == "bio"


def test_a_short_text_opening_on_someone_the_rest_never_names_is_not_a_bio():
    # a short text without paragraph breaks is one line at its own foot: no story above it, no bio
    short = WHITON + " He was asked on Monday to lead the new office."
    assert _labels(short) == {short: None}
    assert _labels(f"Senate confirms judge\n{short}") == {"Senate confirms judge": None, short: None}
    assert _labels(f"{BODY}\n{LATER}\n{short}")[short] == "bio"


def test_a_short_question_to_the_reader_closing_the_page_is_its_call_for_comments():
    # maxim.com, dieharddemocrat.com: the page asks its reader under the story's last paragraph
    for ask in ("What do you think?", "Do you think she is correct about Pence?"):
        assert _labels(f"{BODY}\n{LATER}\n{ask}")[ask] == "navigation"


def test_a_question_inside_the_story_or_a_long_closing_question_is_the_story():
    ask = "Do you think that Trump and his Justice Department would relish chances like those?"
    assert _labels(f"{BODY}\n{ask}\n{LATER}")[ask] is None  # reason.com: the author's own question mid-story
    long_ask = ("Do you think the Senate will find the votes to pass the bill before the August recess "
                "when so many members are running for reelection?")
    assert _labels(f"{BODY}\n{LATER}\n{long_ask}")[long_ask] is None
    quoted = '"Do you think she is correct about Pence?"'
    assert _labels(f"{BODY}\n{LATER}\n{quoted}")[quoted] is None
    assert _labels("What do you think?") == {"What do you think?": None}  # no story above it


def test_a_newsletter_tagline_between_its_sign_up_lines_is_promo():
    # bradenton.com, in the middle of the story
    got = _labels(f"{BODY}\nToday's top news by email\nThe local news you need to start your day\n"
                  f"Recaptcha requires verification.\n{LATER}")
    assert got["The local news you need to start your day"] == "promo"
    assert got[BODY] is None and got[LATER] is None


def test_a_short_line_between_bare_ad_markers_is_the_story():
    line = "The vote is expected next week"
    assert _labels(f"{BODY}\nAD\n{line}\nAD\n{LATER}")[line] is None


def test_a_newsletter_boxs_heading_lines_above_its_sign_up_lines_are_promo():
    # idahostatesman.com: the box's two heading lines, then its reCAPTCHA lines
    got = _labels(f"{BODY}\n{LATER}\nBreaking News\nBe the first to know when big news breaks\n"
                  f"Recaptcha requires verification.\nprotected by reCAPTCHA\n{BODY2}")
    assert got["Breaking News"] == "promo" and got["Be the first to know when big news breaks"] == "promo"
    assert got[LATER] is None  # a sentence above the box is the story's


def test_a_short_line_above_a_single_promo_line_is_not_a_box_heading():
    got = _labels(f"{BODY}\n{LATER}\nWhat comes next\nSign up for our daily newsletter\n{BODY2}")
    assert got["What comes next"] is None


# dailymail.co.uk: picture captions between the story's paragraphs, none ending its sentence
DM_STORY = [
    "Donald Trump Jr. hit out at former Vice President Joe Biden on Saturday, claiming that enough is enough "
    "after a gaffe in which the Democratic candidate promoted his late son.",
    "Biden accidentally gave Beau the job promotion on Thursday while speaking at a CNN town hall event in Las Vegas.",
    "Beau Biden served as Attorney General of Delaware from 2006 until 2015, when he died of brain cancer at 46.",
    "Biden may not have noticed the error, but conservative commentators were quick to join in criticising it.",
    "Joe Biden faces a key test in the Nevada caucus on Saturday as he hopes the state's more diverse voters rally.",
    "FOX host Sean Hannity also told Biden on Friday that he needed to check his facts before the next debate.",
]
DM_CAPTIONS = [
    "Former VP Joe Biden accidentally said his late son Beau was the US Attorney General during a CNN town hall",
    "Former VP Biden, pictured right, with his son Beau, who was Attorney General of Delaware",
]


def _page(middle: list[str], intro: str | None = None) -> str:
    top = DM_STORY[:5] + ([intro] if intro else [])
    return "\n".join(top + middle + DM_STORY[5:])


def test_a_run_of_unfinished_sentences_between_paragraphs_is_captions():
    labels = _labels(_page(DM_CAPTIONS))
    assert [labels[c] for c in DM_CAPTIONS] == ["caption", "caption"]
    assert all(labels[p] is None for p in DM_STORY)


@pytest.mark.parametrize("middle, intro", [
    # one such line alone: a crosshead or a slip of the writer
    (DM_CAPTIONS[:1], None),
    # a list the sentence before introduces
    (["Barring police from asking people about their citizenship status",
      "Prohibiting employers from letting immigration agents enter worksites without a warrant"],
     "California refuses to help federal agents detain and deport immigrants in the following ways:"),
    # the story quoting someone, a paragraph whose closing mark was lost
    (['"Writing checks to individuals to purchase insurance is, in principle, Obamacare," the memo says',
      "The moderate Republican senators who hold out on the bill are worried about the cuts to Medicaid"], None),
    # a fact box of five points
    (["Also called diskette or disk, it became popular in the 1970s as computers spread",
      "A standard 8in floppy disk had 237.25kB of storage space, enough for 15 seconds of audio",
      "You would need more than 130,000 8-inch floppy disks to store 32GB of information",
      "In the 1990s, the 3.5in floppy became the norm, with 1.44MB of memory on each",
      "Dell stopped making computers with inbuilt floppy disks in 2003 and few others still do"], None),
])
def test_single_lines_lists_quotes_and_fact_boxes_are_not_caption_runs(middle, intro):
    labels = _labels(_page(middle, intro))
    assert [labels[m] for m in middle] == [None] * len(middle)


def test_a_crosshead_over_a_paragraph_that_lost_its_full_stop_is_not_a_caption_run():
    # cnn.com (unlabelled pool, issue 18): a crosshead, then a story paragraph ending without its stop
    middle = ["The battle of the war chests is set",
              "Democratic Sen. Bill Nelson is now officially facing Republican Gov. Rick Scott in Florida's US "
              "Senate race, a contest that has already cost the campaigns more than $50 million"]
    labels = _labels(_page(middle))
    assert [labels[m] for m in middle] == [None, None]


def test_a_short_caption_over_a_caption_of_like_length_is_still_a_caption_run():
    middle = ["Former VP Joe Biden at a CNN town hall in Las Vegas", DM_CAPTIONS[1]]
    labels = _labels(_page(middle))
    assert [labels[m] for m in middle] == ["caption", "caption"]


def test_caption_runs_need_a_page_that_ends_its_sentences():
    # an export that lost its full stops: every paragraph would look like a caption
    text = "\n".join(p.rstrip(".") for p in DM_STORY[:5] + DM_CAPTIONS + DM_STORY[5:])
    # only the line pointing into its picture ("pictured right") is a caption, by its own cue, not by the run
    assert {line: lab for line, lab in _labels(text).items() if lab} == {DM_CAPTIONS[1]: "caption"}


def test_a_list_of_names_with_hover_cards_is_not_a_caption_run():
    # thehill.com: the story's list of retiring members, each name run into the site's hover-card headlines
    names = ["Joe Barton Joe Linus BartonLongtime GOP aide to launch lobbying shop Shimkus says he's been asked "
             "to reconsider retirement MORE (Texas)",
             "Lamar Smith Lamar Seeligson SmithEx-Rep. Duffy to join lobbying firm BGR Former GOP Rep. Walters "
             "joins energy company MORE (Texas)"]
    labels = _labels(_page(names))
    assert [labels[m] for m in names] == [None, None]


def test_a_run_whose_every_line_goes_on_from_the_last_is_prose_but_one_pronoun_line_does_not_undo_captions():
    # reason.com (unlabelled pool, issue 18): two story lines that lost their full stops, each opening on a
    # pronoun or a connective, are the story going on; a Daily Mail caption may open on "He" beside one naming
    # its subject, and the run stays captions
    prose = ["They generally can't be punished for speech about drugs or alcohol, or even vulgar speech",
             "And public school newspapers are mostly free from being censored by the administration"]
    labels = _labels(_page(prose))
    assert [labels[m] for m in prose] == [None, None]
    captions = [DM_CAPTIONS[0], "He has faced backlash from both parties after he promoted his late son at the event"]
    labels = _labels(_page(captions))
    assert [labels[m] for m in captions] == ["caption", "caption"]


def test_a_caption_run_under_a_video_lead_in_below_the_standfirst_is_captions_but_summary_points_are_not():
    # the run starts on the fourth line, under the standfirst's sentences and the page's "Scroll down for video"
    middle = [DM_CAPTIONS[0], "Donald Trump Jr. mocked the gaffe on Twitter on Saturday morning after the town hall"]
    text = "\n".join(DM_STORY[:3] + ["Scroll down for video"] + middle + DM_STORY[3:])
    labels = _labels(text)
    assert [labels[m] for m in middle] == ["caption", "caption"]
    # under a picture's caption, the short lines are the story's highlights, not captions
    text = "\n".join(DM_STORY[:1] + ["A screen shot of the exchange's website. (Photo: screen grab)"] + middle + DM_STORY[1:])
    labels = _labels(text)
    assert [labels[m] for m in middle] == [None, None]

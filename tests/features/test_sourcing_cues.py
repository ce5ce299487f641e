"""Sourcing cues that report nothing, and cues that report only in a given frame (issue 18):
passives without an agent, "called" naming a thing, "read" next to a quotation, "notes" and
"reports" after their speaker. Each rule has firing and not-firing sentences."""
from __future__ import annotations

import pytest

from features.sourcing import extract_sourcing
from features.text import parse


def _cues(text: str) -> list[str]:
    return [text[s.start : s.end] for s in extract_sourcing(parse(text)).spans if s.kind == "attribution"]


def _sources(text: str) -> list[str]:
    return [text[s.start : s.end] for s in extract_sourcing(parse(text)).spans if s.kind == "source"]


@pytest.mark.parametrize(
    "text",
    [
        "After charges were dismissed, the city of Chicago sued Smollett for the cost of the investigation.",
        "Young women, who were routinely denied insurance due to gender-based rules, will pay less.",
        "Couples began applying for licenses after the ruling was announced on Monday.",
        "A bit after the outage, the hashtag was added to the trends list once again.",
        "I am sure he will be described as a sick individual instead of a terrorist.",
        "The story registers if the keyword is mentioned in the headline of the article.",
    ],
)
def test_passive_without_agent_is_no_cue(text: str) -> None:
    assert _cues(text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        # an agent or a reported clause follows: someone said it
        ("O’Malley’s move was first reported by MSNBC on Friday.", "first reported"),
        ("It was reported that the president’s son watched the speech.", "reported"),
        # being asked or accused reports what someone said to or of the subject
        ("The pope was asked whether Europe should accept more migrants.", "asked"),
        ("Hunter is accused of spending campaign funds on personal expenses.", "accused"),
        # an active verb is untouched
        ("The ministry announced on Monday that the border would reopen.", "announced"),
    ],
)
def test_passive_with_agent_or_clause_stays_a_cue(text: str, cue: str) -> None:
    assert cue in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scientists edited the cells through a genome editing tool called CRISPR.",
        "Brandon Allen, a gay student who calls himself the Queen of Extra, was crowned king.",
        "The FBI had been tracking virtual kidnapping calls from prisons in Mexico.",
        "Barden now helps lead a program called Sandy Hook Promise.",
    ],
)
def test_called_naming_a_thing_is_no_cue(text: str) -> None:
    assert _cues(text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Former Florida Gov. Jeb Bush called Trump “unhinged” on Twitter.", "called"),
        ("The new report calls on states to uphold the rights of indigenous peoples.", "calls on"),
        ("Gowdy’s office calls the whole thing a distraction.", "calls"),
        ("The former first lady calls it her responsibility gene.", "calls"),
    ],
)
def test_called_with_a_speaker_stays_a_cue(text: str, cue: str) -> None:
    assert cue in _cues(text)


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("“Nearly 40 percent of the false matches were people of color,” read the report.", "read", "the report"),
        ("“THIS SITE IS NOW UNDER OUR CONTROL,” the post read.", "read", "the post"),
        ("The office of McCain sent a statement that read, “On Friday, Sen. John McCain underwent surgery.”",
         "read", None),
        ("His wife Cindy posted a message on Instagram reading: “Thank all of you for the wonderful wishes.”",
         "reading", None),
    ],
)
def test_read_next_to_a_quotation_is_a_cue(text: str, cue: str, source: str | None) -> None:
    assert cue in _cues(text)
    if source is not None:
        assert source in _sources(text)


@pytest.mark.parametrize(
    "text",
    [
        "As the judge read his decision, the defendant smiled at the jury.",
        "Dorsey’s thread reads as a series of subtweets aimed at Facebook.",
        "I got to know the hoodlums and read some of their case files.",
        "Marley Dias launched a reading campaign for black girls.",
    ],
)
def test_read_without_a_quotation_is_no_cue(text: str) -> None:
    assert _cues(text) == []


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("“Cruz is there in terms of having the same positions,” Viguerie notes.", "notes", "Viguerie"),
        ("For example, Schweizer notes the foundation hid four donations.", "notes", "Schweizer"),
        ("The group does not consider Patriot Prayer to be a hate group, reports Fox News.", "reports", "Fox News"),
        ("Palm Beach County Animal Care reports officers have rescued 49 animals.", "reports",
         "Palm Beach County Animal Care"),
    ],
)
def test_notes_and_reports_after_their_speaker(text: str, cue: str, source: str) -> None:
    assert cue in _cues(text)
    assert source in _sources(text)


@pytest.mark.parametrize(
    "text",
    [
        "He put away his policy papers and disclosed personal notes to the magazine.",
        "I take her to the doctor and take notes about what she should be doing.",
        "New fundraising reports show the campaign raised $95 million.",
        "Multiple news reports and a detailed account contradict the claim.",
    ],
)
def test_notes_and_reports_as_nouns_are_no_cues(text: str) -> None:
    assert not {"notes", "reports"} & set(_cues(text))


@pytest.mark.parametrize(
    "text",
    [
        "Trump has won the primary in Virginia, adding to his Super Tuesday victories in Massachusetts.",
        "The critics alleged that their past policies had added $9 trillion to the debt.",
        "The nuclear weapon states are adding new weapons and increasing their role.",
        "The United States has by far the world's largest number of confirmed cases at more than a million.",
        "The day-to-day news lacks the specifics of proposed solutions.",
    ],
)
def test_adding_things_and_participle_adjectives_are_no_cues(text: str) -> None:
    assert not {"adding", "added", "confirmed", "proposed"} & set(_cues(text))


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Anonymous later added, “To be clear, we’re saying they weren’t hacked.”", "added"),
        ("“It’s Bernie’s to lose at this point,” added another New Hampshire Democrat.", "added"),
        ("He added that the talks would resume on Monday.", "added"),
    ],
)
def test_added_reporting_words_stays_a_cue(text: str, cue: str) -> None:
    assert cue in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Critics bring up North Korea as if it shows what happens when you have a nuclear deal.",
        "The simple act brought the community together because it showed empathy and compassion.",
        "About 120,000 voters showed up in 2008 for the contest.",
        "On a trip to coal country, I found myself in a remote valley.",
    ],
)
def test_evidence_verbs_that_report_no_finding(text: str) -> None:
    assert _cues(text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Last year’s FBI statistics show that the numbers in the tweet are wrong.", "show"),
        ("The study was published in May, and it found that premiums would rise.", "found"),
    ],
)
def test_evidence_verbs_that_report_a_finding(text: str, cue: str) -> None:
    assert cue in _cues(text)


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("FEC records show he backed both candidates in 2008.", "show", "FEC records"),
        ("Nearly one million dollars arrived in February alone, new fundraising reports show.", "show",
         "new fundraising reports"),
        ("Despite polls showing her well behind, Clinton campaigned in the state.", "showing", None),
        ("But experts note that despite the new limits, there are loopholes.", "note", "experts"),
        ("In a CBS News poll last month, 38 percent of voters backed the plan.", "In", "a CBS News poll"),
    ],
)
def test_data_nouns_and_poll_frames_are_cues(text: str, cue: str, source: str | None) -> None:
    assert cue in _cues(text)
    if source is not None:
        assert source in _sources(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ads focus on his plans for the economy or show images of his supporters.",
        "The artists show their work at the gallery every spring.",
        "Mrs. Clinton enjoys a strong lead in the polls but suffers from low trust.",
        "In the report published on Monday the ministry listed its figures.",
    ],
)
def test_display_verbs_and_poll_mentions_are_no_cues(text: str) -> None:
    assert not {"show", "In", "in"} & set(_cues(text))


def test_called_after_a_pronoun_contraction_stays_a_cue() -> None:
    text = "Trump said he did not know that she’d called George Washington a traitor."
    assert "called" in _cues(text)

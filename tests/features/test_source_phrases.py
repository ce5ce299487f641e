"""Source noun phrases around a cue: the subject before it, the phrase a gerund speaks through, pronouns."""
from __future__ import annotations

import pytest

from features.source_np import NounPhrase, np_forward
from features.source_phrases import (
    antecedent, inverted_speaker, np_before_gerund, resolve_pronoun, subject_before,
)
from features.source_words import lexicon

LEX = lexicon()


@pytest.mark.parametrize("sentence, pronoun, phrase", [
    # after a comma: the phrase before the comma; a role set beside a name: the name (issue 18, real-news dev)
    ("Oakland Athletics catcher Bruce Maxwell, who hinted at a protest, knelt.", "who", "Bruce Maxwell"),
    ("The ministry, which announced the plan on Monday, met again.", "which", "The ministry"),
    ("Cyril Abeh, the state commissioner of police, who said the delay was not his, left.", "who", "Cyril Abeh"),
    # restrictive: the phrase right before it
    ("Some who argue for the plan are wrong.", "who", "Some"),
    ("The dean met John Smith, a business school junior who said he was tired.", "who", "a business school junior"),
])
def test_antecedent_of_a_relative_pronoun(sentence, pronoun, phrase):
    np_ = antecedent(sentence, 0, sentence.index(f" {pronoun} ") + 1, pronoun, LEX)
    assert np_ is not None and sentence[np_.start:np_.end] == phrase


def test_pronoun_phrase_and_its_antecedent():
    he = np_forward("he said", 0, 7, LEX)
    assert he is not None and he.pronoun == "he" and he.person
    minister = NounPhrase(0, 16, "named", "person:lavrov", person=True, proper=True)
    ministry = NounPhrase(20, 40, "named", "org:ministry", proper=True)
    assert resolve_pronoun(he, [minister, ministry]).key == "person:lavrov"   # a person, not the ministry
    it = NounPhrase(50, 52, "", "it", pronoun="it")
    assert resolve_pronoun(it, [minister, ministry]).key == "org:ministry"
    they = NounPhrase(50, 54, "", "they", pronoun="they")
    assert resolve_pronoun(they, []).label == "anonymous"                       # no one to point back to


# The phrase before a cue: the subject (subject_before), or the phrase a gerund cue speaks
# through (np_before_gerund, issue 18: a source noun or a name opened by a determiner).
@pytest.mark.parametrize("finder, sentence, cue, subject", [
    (subject_before, "A source in Ankara said the talks would resume.", "said", "A source in Ankara"),
    (subject_before, "Sezer, an expert on Turkey, said the deal was fragile.", "said", "Sezer"),
    (subject_before, "The deal was announced on Monday.", "announced", None),     # a passive: no speaker
    (subject_before, "Officials have repeatedly said the border is closed.", "said", "Officials"),
    # a relative pronoun is the subject: the pronoun, with the identity of the phrase it stands for (issue 18)
    (subject_before, "Oakland Athletics catcher Bruce Maxwell, who hinted at a protest, knelt.", "hinted", "who"),
    (subject_before, "The ministry, which announced the plan on Monday, met again.", "announced", "which"),
    # a party tag between the name and its cue or its appositive; middle initials; "&" and "Co." in a firm's name
    (subject_before, "Rep. Justin Amash (R-Mich.) said the vote was needed.", "said", "Rep. Justin Amash"),
    (subject_before, "Sen. Carl Levin (D-Mich.), chairman of the Armed Services Committee, said he was briefed.",
     "said", "Sen. Carl Levin"),
    (subject_before, "A spokesman for House Speaker John A. Boehner said Monday that he would wait.", "said",
     "A spokesman for House Speaker John A. Boehner"),
    (subject_before, "Former President George W. Bush said the war was right.", "said", "Former President George W. Bush"),
    (subject_before, "Pacific Gas & Electric Co. announced Monday it could shut off power.", "announced",
     "Pacific Gas & Electric Co."),
    # a party appositive after the name is skipped too; a party as the subject itself stays
    (subject_before, "Senator Saxby Chambliss, Republican of Georgia, who serves on the committee, said he agreed.",
     "said", "Senator Saxby Chambliss"),
    (subject_before, "The Republicans, a party in disarray, said nothing.", "said", "The Republicans"),
    # "Inc." before a capital ends the sentence: the subject is not reached across it
    (subject_before, "Sales rose at Apple Inc. The company said that it grew.", "said", "The company"),
    # an aside in brackets that is no party tag or ticker is not skipped
    (subject_before, "The mayor (who faces a recall vote in May) said he would stay.", "said", None),
    # a name closed by a middle initial right before its cue; not an abbreviation ending a sentence (issue 18)
    (subject_before, "After a race he lost, George P. told the Tribune he would not endorse.", "told", "George P."),
    (subject_before, "Critics gave the plan a B. said one of them later.", "said", None),   # a grade, no name
    # a lone fraction before a poll's share speaks, as "Half" and "Most" do (issue 18)
    (subject_before, "Two-thirds (66%) say most of their close friends share their views.", "say", "Two-thirds"),
    (subject_before, "The vote was split; two-thirds of the board said no.", "said", "two-thirds of the board"),
    # a speaker after a quotation whose role's closing comma is missing: the name speaks (issue 18)
    (subject_before, "“It is biased,”Joshua Siepmann, a School of Environmental and Biological Sciences junior said.",
     "said", "Joshua Siepmann"),
    (subject_before, "“It is biased,” John Smith, a business school junior said.", "said", "John Smith"),
    (subject_before, "The dean met John Smith, a business school junior who said he was tired.", "said", "who"),
    (subject_before, "“It is biased,” In Ohio, a business school junior said.", "said", "a business school junior"),
    # a past progressive of a speech verb reports ("has been telling"); of other verbs, or after a modal, not
    (subject_before, "Since then, he has been telling people that we will build a wall.", "telling", "he"),
    (subject_before, "The senator was saying a year ago that the plan would fail.", "saying", "The senator"),
    (subject_before, "The preacher was talking about it in his sermon.", "talking", None),
    (subject_before, "Republicans would have been saying that if it had happened.", "saying", None),
    (np_before_gerund, "ALEC published a study claiming that premiums would rise.", "claiming", "a study"),
    (np_before_gerund, "The Times cited a memo from Comey claiming Trump had asked him to stop.", "claiming",
     "a memo from Comey"),
    (np_before_gerund, "Trump refused to retract her comments alleging that the vote was rigged.", "alleging",
     "her comments"),
    # not a source noun, or no determiner: nothing
    (np_before_gerund, "The crowd waved a flag saying nothing.", "saying", None),
    (np_before_gerund, "Trump was calling for a ban.", "calling", None),
    (np_before_gerund, "He began the war of words with an op-ed, calling Trump egregious.", "calling", None),
])
def test_phrase_before_the_cue(finder, sentence, cue, subject):
    np_ = finder(sentence, 0, sentence.index(cue), LEX)
    assert (None if np_ is None else sentence[np_.start:np_.end]) == subject


# (sentence, cue, the agent after a participle cue with no auxiliary): the one after "by" speaks, not the phrase
# the participle qualifies; a time or a medium after "by" is no agent (issue 18)
REDUCED = [
    ("Told by DeVos that she supports public schools, Cassidy said it was news.", "Told", "DeVos"),
    ("Asked by Stephanopoulos to respond, Carson said it was wrong.", "Asked", None),
    ("Here is the exchange as described by Politico: the attendee spoke.", "described", "Politico"),
    ("An article cited by her campaign quoted a few experts.", "cited", "her campaign"),
    ("The country described by the president on Tuesday night is strong.", "described", "the president"),
    ("The story, as first reported by The New York Times, was denied.", "reported", "The New York Times"),
    # the lexicon's cue "first reported" holds its adverb: the participle ends it
    ("The airstrike, first reported by CNN, came hours later.", "first reported", "CNN"),
    ("The deal, first reported by phone, came hours later.", "first reported", None),
    ("He said by phone that the deal was off.", "said", None),
    ("He said by email that the deal was off.", "said", None),
    ("The company announced by Friday that the deal was off.", "announced", None),
    ("She responded by saying that the deal was off.", "responded", None),
]


@pytest.mark.parametrize("sentence, cue, agent", REDUCED)
def test_agent_of_a_participle_without_auxiliary(sentence: str, cue: str, agent: str | None) -> None:
    s = sentence.index(cue)
    np_ = inverted_speaker(sentence, s, s + len(cue), len(sentence), cue.lower(), sentence[:s].rstrip(), LEX)
    assert (None if np_ is None else sentence[np_.start:np_.end]) == agent


# a part of the agent is no agent: the outlet of "a CNN reporter", the name of "the Trump administration"
@pytest.mark.parametrize("sentence", [
    "As described by a CNN reporter, he had accomplished everything.",
    "The estimate was reported by the Trump administration to Congress.",
    "The evidence cited by the 4th Circuit is not enough.",
])
def test_no_agent_from_part_of_a_phrase(sentence: str) -> None:
    cue = next(w for w in ("described", "reported", "cited") if w in sentence)
    s = sentence.index(cue)
    assert inverted_speaker(sentence, s, s + len(cue), len(sentence), cue, sentence[:s].rstrip(), LEX) is None


# (sentence, the speaker after an inverted tag): a time or medium closing the sentence is the writer's, not part of
# the speaker's name nor a reason to drop the speaker (issue 18)
@pytest.mark.parametrize("sentence, speaker", [
    ("The plan is a disaster, said a spokesman for the mayor on Monday.", "a spokesman for the mayor"),
    ("The plan is a disaster, said Mayor Bill de Blasio on Monday.", "Mayor Bill de Blasio"),
    ("The plan is a disaster, said a spokesman for the mayor in a statement.", "a spokesman for the mayor"),
    ("The plan is a disaster, said a spokesman for the mayor.", "a spokesman for the mayor"),
    ("The plan is a disaster, said disagreements were behind it on Monday.", None),
])
def test_speaker_of_an_inverted_tag_before_an_adjunct(sentence: str, speaker: str | None) -> None:
    s = sentence.index("said")
    np_ = inverted_speaker(sentence, s, s + 4, len(sentence), "said", sentence[:s].rstrip(), LEX)
    assert (None if np_ is None else sentence[np_.start:np_.end]) == speaker

"""A paraphrase reports a proposition, a question, a request or a finding, not the bare object of an act or a
stance (issue 18): "touted the drug", "pleaded guilty", "blasted the Russians" name no words."""
from __future__ import annotations

import pytest

from features.report_content import reports_clause
from features.sourcing import extract_sourcing
from features.text import parse


def paraphrases(text: str) -> list[str]:
    """The paraphrase spans' texts the sourcing extractor gives."""
    spans = extract_sourcing(parse(text)).spans
    return [text[sp.start:sp.end] for sp in spans if sp.kind == "quote" and sp.label == "paraphrase"]


# (text, the paraphrase spans): each firing row (no span) with its quiet twin (a clause, a request, a reason)
@pytest.mark.parametrize("text, expected", [
    ("The president had touted the drug for weeks, frequently discussing anecdotal evidence.", []),
    ("The president had touted that the drug works, frequently discussing anecdotal evidence.",
     ["the drug works, frequently discussing anecdotal evidence"]),
    ("Cohen has been cooperating since he first pleaded guilty in August and began meeting prosecutors.", []),
    ("On Friday, U.N. Ambassador Nikki Haley blasted the Russians at the council meeting.", []),
    ("On Friday, U.N. Ambassador Nikki Haley blasted the Russians for their veto at the council meeting.",
     ["the Russians for their veto at the council meeting"]),
    # a warning against an act is what was warned: the warning's content, as "warned of" and "warned about"
    ("Michael O'Hanlon, a senior fellow at Brookings, argued against reading too much into the disagreement.", []),
    ("Michael O'Hanlon, a senior fellow at Brookings, cautioned against reading too much into the disagreement.",
     ["against reading too much into the disagreement"]),
    ("Earlier Thursday, Trump attacked two sitting Republican senators who have criticized him.", []),
    ("Earlier Thursday, Trump warned two sitting Republican senators he would campaign against them.",
     ["he would campaign against them."]),
    ("Some people were left wondering what Trump actually said about disinfectants and injections.", []),
    ("Some people were left wondering whether Trump actually said disinfectants could be injected.",
     ["disinfectants could be injected."]),
    ("Akin explained his opposition to abortion being legal in the case of rape.", []),
    ("Akin explained how his opposition to abortion began in the case of rape.",
     ["how his opposition to abortion began in the case of rape."]),
    ("Trump introduced a childcare plan, becoming a rare Republican calling for paid maternity leave.",
     ["paid maternity leave"]),
    ("Syria accused Israel of airstrikes on several military bases used by the Guards.",
     ["Israel of airstrikes on several military bases used by the Guards"]),
    ("Lawyers for the defendant asked for a lesser sentence at the hearing on Monday.",
     ["for a lesser sentence at the hearing on Monday"]),
    ("Lawyers for the defendant asked about a lesser sentence at the hearing on Monday.", []),
])
def test_content_is_a_clause(text: str, expected: list[str]) -> None:
    assert paraphrases(text) == expected


@pytest.mark.parametrize("content, cue, after_that, expected", [
    ("the drug for the first time in March", "touted", False, False),
    ("the drug worked for the first time in March", "touted", True, True),
    ("Trump for an air attack on the reactor", "criticizing", False, True),
    ("a number of women with potential for the nation's top office", "mentioned", False, False),
    ("on Friday to Vermont Edition that he planned to vote", "said", False, True),
    ("this in a way that opened him up to attack", "said", False, False),
    ("the economy is strong", "said", False, True),
    ("him of a decades old sexual assault", "accusing", False, True),
    ("Paulson for decades in interviews", "praised", False, False),
])
def test_reports_clause(content: str, cue: str, after_that: bool, expected: bool) -> None:
    assert reports_clause(content, 0, len(content), cue, after_that) is expected


@pytest.mark.parametrize("text, expected", [
    ("Republicans blasted the move at the time, calling it an unreasonable manipulation of the process.",
     ["it an unreasonable manipulation of the process"]),
    ("When the officers called the woman who had made the report, she did not want to talk.", []),
])
def test_naming_cue_small_clause(text: str, expected: list[str]) -> None:
    assert paraphrases(text) == expected

"""The writer's framing around a reporting verb stays in the author's voice (issue 18): a time or place adjunct
before the content, a speech tag after a quotation, the writer's own formulas, the object of a naming verb."""
from __future__ import annotations

import pytest

from features.sourcing import extract_sourcing
from features.text import parse


def paraphrases(text: str) -> list[str]:
    """The paraphrase spans' texts the sourcing extractor gives."""
    spans = extract_sourcing(parse(text)).spans
    return [text[sp.start:sp.end] for sp in spans if sp.kind == "quote" and sp.label == "paraphrase"]


# (text, the paraphrase spans): each firing row with its quiet twin, the nearest text the rule must leave alone
@pytest.mark.parametrize("text, expected", [
    # a day between the verb and its content is the writer's
    ("Julie Rabinovitz said Monday it is reviewing the decision and the next steps.",
     ["it is reviewing the decision and the next steps."]),
    ("Port officials said Monday was the busiest day of the year for the port.",
     ["Monday was the busiest day of the year for the port."]),
    # a phrase naming the medium, closed by "that"
    ("George Stephanopoulos wrote in his memoir that Clinton persuaded voters to look ahead.",
     ["Clinton persuaded voters to look ahead."]),
    ("The mayor warned that in places that lack power, people will suffer badly.",
     ["in places that lack power, people will suffer badly."]),
    # a tag after a quotation: what follows it is the writer's narration
    ('"Let us dispel this fiction once and for all," Rubio said early in the debate, to loud applause.', []),
    ('Calling the visit "historic," the press secretary says Obama will hold talks with Castro.',
     ["Obama will hold talks with Castro."]),
    ('"It is our duty to respond," Pompeo said, adding that the United States had given Russia ample time.',
     ["the United States had given Russia ample time"]),
    # the writer's formulas report nobody
    ("That said, it is worth wondering where we would be today without the vote.", []),
    ("That said, McInturff said it was important to look at the trends of the race.",
     ["it was important to look at the trends of the race."]),
    ("None of this is to say that some kind of gun control measure will not pass.", []),
    ("The senator went on to say that some kind of gun control measure will not pass.",
     ["some kind of gun control measure will not pass."]),
    # the addressee of "told", "assured" and the like, and the writer's adjuncts after it, are no content
    ("Kobach told The Kansas City Star on Friday that he won't provide the Social Security numbers of voters.",
     ["he won't provide the Social Security numbers of voters."]),
    ("The president twice told crowds at his rallies that immigrant gang members were not people.",
     ["immigrant gang members were not people."]),
    ("Cameron told Corbyn in a fiery exchange that he should step down.", ["he should step down."]),
    # without "that", the content opens at the subject pronoun after the addressee, or after an object pronoun
    ("Nguyen told CNN he attended the rally just to take pictures for himself.",
     ["he attended the rally just to take pictures for himself."]),
    ("Tiffany also told me I would be paid for attending the parties.",
     ["I would be paid for attending the parties."]),
    ("He often told of the time he met Reagan in a diner in Ohio.", []),
    # an inverted tag after a comma: the clause before it is the content, the speaker after it no content
    ("The plan is a disaster, said a spokesman for the mayor on Monday.", ["The plan is a disaster"]),
    ("The two men knew each other well, said a source close to the family.", ["The two men knew each other well"]),
    ("Jan Baran, a Washington attorney, said some lawmakers only resign if they must.",
     ["some lawmakers only resign if they must."]),
    ("Republicans blasted right back, accusing the president of finger-pointing on the economy.",
     ["the president of finger-pointing on the economy"]),
    # a report verb that is the plural noun reports nothing; the noun's own "that" clause is reported
    ("Some were in states crucial for his re-election prospects this year.", []),
    ("Cases in some of the states that reopened the fastest are seeing the biggest spikes.", []),
    ("We would not count as fake news a story whose core claims are a matter of genuine dispute.", []),
    ("The group took responsibility the next day. Claims such as these need to be corroborated.", []),
    ("The Constitution states that no person shall be a senator who is under thirty.",
     ["no person shall be a senator who is under thirty."]),
    ("President Obama strongly pushed back against claims that he has used anti-Semitic rhetoric.",
     ["he has used anti-Semitic rhetoric."]),
    ("One woman claims Halperin grabbed her at a party in 1995.", ["Halperin grabbed her at a party in 1995."]),
    # a "that" after a told story opens a relative clause, not the content
    ("The senator told a story that was hard to believe for everyone in the room.",
     ["a story that was hard to believe for everyone in the room."]),
])
def test_paraphrase_extent(text: str, expected: list[str]) -> None:
    assert paraphrases(text) == expected


@pytest.mark.parametrize("text, expected", [
    # 'called X "Y"': the quotation holds the speaker's words, the object is the writer's name for the thing
    ('Sen. Bob Corker called the president\'s comments "very unbecoming of where we are."', []),
    ("GOP leaders have called economic recovery their top concern this year.",
     ["economic recovery their top concern this year"]),
    # a content that ends in "that" before a quotation: the quotation is what was said
    ('The president expressed surprise that "Axios on HBO" knew about his secret plan.', []),
    ("The president expressed surprise that the network knew about his secret plan.",
     ["surprise that the network knew about his secret plan"]),
    ('McConnell said on Dec. 12 that he would be in "total coordination" with the counsel.', ["he would be in"]),
])
def test_content_before_a_quotation(text: str, expected: list[str]) -> None:
    assert paraphrases(text) == expected

"""Quotations in single marks: a speech tag or a colon proves them; apostrophes never open one."""
import pytest

from features.quote_single import find_single_quotes, merge_single_quotes
from features.text import split_paragraphs


def quotes(text: str) -> list[str]:
    return [text[s:e] for s, e in find_single_quotes(text, split_paragraphs(text))]


# (text, the quotations it holds): each firing row has a quiet twin right after it, the nearest
# text with apostrophes or single marks that prove nothing.
ROWS = [
    # a tag after the closing mark
    ("'The parties have at all times complied with the law,' Mitrani said. The FEC did not reply.",
     ["'The parties have at all times complied with the law,'"]),
    ("'The parties' lawyers have complied with the law' is what the filing says. The FEC did not reply.", []),
    ("Officials met on Friday. ‘We have seen an uptick in drone activity,’ the official said.",
     ["‘We have seen an uptick in drone activity,’"]),
    ("Officials met on Friday. ‘90s-style drone activity is back,’ the paper reported.", []),
    ("'It kills the people-to-people category,' said Collin Laverty, head of a travel firm.",
     ["'It kills the people-to-people category,'"]),
    ("In the '90s the people-to-people category was small, said Collin Laverty, head of a travel firm.", []),
    ("'I don't know how we got here,' a spokesman for the council said on Monday.",
     ["'I don't know how we got here,'"]),
    ("Guns 'N' Roses played, a spokesman for the council said on Monday.", []),
    # a partial quotation inside a sentence, closed before a tag; elisions never open one
    ("Presidential critic: US response a 'chaotic disaster,' Obama tells former staffers.",
     ["'chaotic disaster,'"]),
    ("Bombers of the '90s picked 'em off one by one,' Obama tells former staffers.", []),
    # a tag that starts with its verb, whose speaker is a name, not a possessive
    ("Play Video 0:54 'It is a matter of great regret,' says Theresa May as Darroch resigns.",
     ["'It is a matter of great regret,'"]),
    ("Also see: Romney details 'First 100 Days,' says Obama's 'words are cheap'", []),
    # a colon after a speech verb
    ("In a statement, Omar's lawyer said: 'Anyone going through a divorce is glad when it is over.' She left.",
     ["'Anyone going through a divorce is glad when it is over.'"]),
    ("In a statement, Omar's lawyer cited the 'Anyone Can Divorce' guide and left it there. She left.", []),
    ("Trump told reporters: 'They're trying to turn a Biden scandal into a Trump scandal!' Then he left.",
     ["'They're trying to turn a Biden scandal into a Trump scandal!'"]),
    ("Trump's plan: 'Medicare for All' for nobody, the voters' worst fear. Then he left.", []),
    # British style: the point outside the closing mark, never after a plural's s
    ("The guys ran and said: 'Get up, he's coming'. I stumbled.", ["'Get up, he's coming'"]),
    ("The guys ran and said: 'Ask the voters'. I stumbled.", []),
    # closed bare at the paragraph's end, only with no other single mark inside and not after a plural
    ("Gallagher's wife shared a photo. She captioned it: 'NOT GUILTY OF MURDER'", ["'NOT GUILTY OF MURDER'"]),
    ("Gallagher's wife shared a photo. She captioned it: 'Thanks to all the voters'", []),
    ("Jussie Smollett: 'Empire' producer stands by star, DuVernay says, 'He might have lied'", []),
    # a paragraph's leading full name and a colon
    ("Laynette Evans: 'I have three children and I want them to have a big future.'",
     ["'I have three children and I want them to have a big future.'"]),
    ("Photos: 'Parts Unknown': Iran", []),
    # a run-on after a tagged quotation
    ("'We will not back down,' he said. 'We will fight for every vote.'",
     ["'We will not back down,'", "'We will fight for every vote.'"]),
    ("'We will not back down,' he said. 'Tis the season, and the voters' mood was grim.",
     ["'We will not back down,'"]),
    # unclosed at a paragraph's end: runs on only when the next paragraph reopens with a mark
    ("Smith told MailOnline: 'It was awful. We were scared.\n\n'Nobody helped us.'\n\nThe end.",
     ["'It was awful. We were scared.", "'Nobody helped us.'"]),
    ("Smith told MailOnline: 'It was awful. We were scared.\n\nNobody helped the families' children.", []),
]


@pytest.mark.parametrize("text, expected", ROWS)
def test_single_mark_quotations(text, expected):
    assert quotes(text) == expected


def test_spans_slice_the_text_with_their_marks():
    text = "Intro.\n\n'We will win,' she said. 'Count on it.'"
    for s, e in find_single_quotes(text, split_paragraphs(text)):
        assert text[s] == "'" and text[e - 1] == "'"


def test_merge_replaces_regions_inside_a_single_quotation():
    keep, add = merge_single_quotes([(10, 20), (30, 40), (60, 70)], [(5, 45)])
    assert keep == [2] and add == [(5, 45)]


def test_merge_adds_nothing_inside_an_existing_quotation():
    keep, add = merge_single_quotes([(0, 50)], [(10, 20)])
    assert keep == [0] and add == []


def test_merge_drops_a_single_quotation_that_overlaps_partly():
    keep, add = merge_single_quotes([(10, 30)], [(20, 40)])
    assert keep == [0] and add == []

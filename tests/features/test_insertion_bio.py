"""Biography and call-out lines (features.insertion_bio): furniture told from the story's sentences."""
from __future__ import annotations

import pytest

from features.insertion_bio import is_bio, is_callout, is_foot_bio
from features.insertions import find_insertions

BODY = ("The Senate voted 52 to 48 on Tuesday to confirm the nominee after a long debate over her record "
        "on environmental enforcement and the agency's budget.")
LATER = ("Democrats said the vote showed how little room remained for compromise, while Republicans "
         "praised the nominee's experience running a state agency.")


@pytest.mark.parametrize("line", [
    "Maria Mueller teaches Advanced Placement U.S. Government in the Mason City Schools District.",
    "John Roe teaches history at Mason High School.",
    "John Roe teaches at Mason High School.",
    "Jane Doe, a columnist for the Post, has been covering politics since 1990.",
    "Jane Doe is a reporter for the Daily Bugle covering City Hall.",
    "Frida Ghitis, a former CNN producer and correspondent, is a world affairs columnist.",
])
def test_biography_lines(line: str) -> None:
    assert is_bio(line)


@pytest.mark.parametrize("line", [
    "Smith teaches his students that the Constitution matters.",
    "Jane Doe taught them a lesson, she said.",
    "John Smith taught English at the local high school for 30 years before running for office.",
    "Justin Dillon, an attorney with the firm KaiserDillon, hailed the new rules, and called them fair.",
    "Tom Smith, a lawyer for the family, was arrested on Monday after the hearing.",
    "Tom Smith, a lawyer for the family, has filed a lawsuit against the city.",
    "Kavita Patel, a nonresident fellow and health expert at the Brookings Institution, noted that any such "
    "projections were a moving target.",
    "Vanessa Tyson, a professor who has accused Virginia Lt. Gov. Justin Fairfax (D) of sexual assault, issued "
    "her first statement Wednesday.",
])
def test_sentences_about_people_are_not_biographies(line: str) -> None:
    assert not is_bio(line)


CALLOUT = ("Help Us Report on Coronavirus Are you a public health worker, medical provider, elected official, "
           "patient or other COVID-19 expert? Help make sure our journalism is responsible and focused on the right "
           "issues. Note: If you develop emergency warning signs for COVID-19, such as difficulty breathing or bluish "
           "lips, get medical attention immediately. The CDC has more information on what to do if you are sick.")


def test_a_long_call_out_box_is_promotion_anywhere_in_the_body() -> None:
    assert is_callout(CALLOUT) and len(CALLOUT.split()) > 40  # longer than the promo rules read
    text = f"{BODY}\n\n{CALLOUT}\n\n{LATER}\n\n{BODY}\n\n{LATER}"
    spans = find_insertions(text)
    assert [(text[s.start:s.end], s.label) for s in spans] == [(CALLOUT, "promo")]


@pytest.mark.parametrize("line", [
    "Tell us what you think. Are you going to vote?",
    "Help us report on this, the mayor asked. Are you a voter?",
    "Help us report the truth, he urged the crowd. Do you want more of the same?",
])
def test_a_plea_in_the_storys_words_is_not_a_call_out(line: str) -> None:
    assert not is_callout(line)


@pytest.mark.parametrize("line", [
    "Arthur Rizer is director of justice and national security policy at the R Street Institute.",
    "Dan Celia is president and CEO of Financial Issues Stewardship Ministries, Inc., and host of a radio program.",
    "Gary Kaltbaum is a registered investment advisor with more than 30 years of experience in the markets.",
    "Lenny McAllister is Director of Western Pennsylvania for Commonwealth Foundation.",
])
def test_a_contributors_post_under_the_story_is_a_biography(line: str) -> None:
    story = f"{BODY}\n\n{LATER}"
    assert is_foot_bio(line, story)
    # the same person named in the story: its closing sentence about them
    surname = line.split(" is ")[0].split()[-1]
    assert not is_foot_bio(line, story + f"\n\n{surname} has argued against the bill for months.")


@pytest.mark.parametrize("line", [
    "Tom Smith is the president of the union, and he said the strike would go on.",
    "The GOP is lucky to find this out now.",
    "Jane Roe is “a fellow traveller of the regime,” her critics wrote.",
])
def test_closing_sentences_are_not_foot_biographies(line: str) -> None:
    assert not is_foot_bio(line, f"{BODY}\n\n{LATER}")


def test_a_foot_biography_is_marked_below_the_story_only() -> None:
    bio = "Arthur Rizer is director of justice and national security policy at the R Street Institute."
    text = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{bio}"
    assert [(text[s.start:s.end], s.label) for s in find_insertions(text)] == [(bio, "bio")]
    named = f"By Arthur Rizer\n\n{BODY}\n\nRizer said the vote was close.\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{bio}"
    assert bio not in [named[s.start:s.end] for s in find_insertions(named)]


@pytest.mark.parametrize("line", [
    "Jane Roe is a former nurse who now runs the clinic on Main Street.",
    "Tom Smith is a member of the crew that found the wreck.",
])
def test_a_word_that_fits_anyone_is_no_post_without_its_organisation(line: str) -> None:
    assert not is_foot_bio(line, f"{BODY}\n\n{LATER}")


@pytest.mark.parametrize("line", [
    "John Roe is a senior fellow at the Hoover Institution.",
    "Jane Roe is a former member of the Federal Reserve Board.",
    "Tom Smith is managing partner at Smith Capital.",
])
def test_a_generic_post_with_its_organisation_is_a_foot_biography(line: str) -> None:
    assert is_foot_bio(line, f"{BODY}\n\n{LATER}")


def test_a_person_the_story_names_further_down_is_the_storys() -> None:
    line = "Jane Roe is director of the Main Street Clinic."
    mid = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{line}\n\nRoe said the clinic would stay open.\n\n{LATER}"
    assert line not in [mid[s.start:s.end] for s in find_insertions(mid)]
    # the same line under the story, nobody else naming her: her biography
    foot = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{line}"
    assert (line, "bio") in [(foot[s.start:s.end], s.label) for s in find_insertions(foot)]


@pytest.mark.parametrize("line", [
    "Jane Roe is director of the Main Street Clinic.",
    # "a senior at <school>" reads as a post; only its place among the story's paragraphs tells
    "Maria Lopez is a senior at Lincoln High School and hopes to study nursing next year.",
])
def test_a_biography_like_line_above_a_story_paragraph_is_the_storys(line: str) -> None:
    text = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{line}\n\n{LATER}\n\n{BODY}"
    assert line not in [text[s.start:s.end] for s in find_insertions(text)]
    foot = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{line}"
    assert (line, "bio") in [(foot[s.start:s.end], s.label) for s in find_insertions(foot)]


def test_a_columnists_line_of_where_they_live_and_what_they_write_is_a_foot_biography() -> None:
    line = "Susan Stamper Brown lives in Alaska and writes on culture, politics and current events."
    assert is_foot_bio(line, f"{BODY}\n\n{LATER}")
    assert not is_foot_bio("Jane Roe writes that the bill would cost too much.", f"{BODY}\n\n{LATER}")


# A columnist's or a student's line, or a name with how to reach them, under the story; and the story's own
# closing sentences of the same shapes.
@pytest.mark.parametrize(("line", "bio"), [
    ("Terry McLaughlin, who lives in Nevada City, writes a twice monthly column for The Union.", True),
    ("John Roe writes a weekly column on state politics.", True),
    ("Jane Roe writes for The Atlantic and the Boston Review.", True),
    ("Sally Andrews studies Laws and Global Studies at the University of Sydney and works as a director of a charity.",
     True),
    ("Alexi Stocker is a Weinberg senior. He can be reached at alexistocker2016@u.northwestern.edu.", True),
    ("Devin Barricklow, a freshman at Columbia University and 2015 graduate of Pennsbury High School, is a longtime "
     "resident of Yardley.", True),
    ("Tom Smith, who was arrested Monday, writes that he is innocent.", False),
    ("Jane Roe studies the effects of the drug at her lab in Boston.", False),
    ("John Roe writes letters to the editor every week.", False),
    ("Tom Smith is a suspect in the case. He can be reached only through his lawyer.", False),
    ("Maria Lopez, a senior at Lincoln High School, said she would vote for the first time.", False),
])
def test_columnists_students_and_contacts_under_the_story_are_foot_biographies(line: str, bio: bool) -> None:
    assert is_foot_bio(line, f"{BODY}\n\n{LATER}") is bio


def test_a_columnists_line_is_a_biography_but_a_column_someone_wrote_in_the_story_is_not() -> None:
    assert is_bio("Jim Bennett writes a weekly column offering historical context to current events.")
    assert not is_bio("In his weekly column, Jim Bennett writes that the bill is bad.")
    assert not is_bio("Jim Bennett writes letters to the editor every week.")


# hbswk.hbs.edu: the story's third paragraph introduces the study's authors and what they do
_AUTHORS = ("Dylan Minor, a visiting assistant professor of business administration in the Harvard Business School "
            "Strategy unit, and co-author Pablo Hernandez of New York University, dive into the topic in their "
            "working paper Political Identity and Trust.")


def test_a_biography_like_line_after_the_storys_opening_paragraphs_is_the_storys() -> None:
    text = f"{BODY}\n\n{LATER}\n\n{_AUTHORS}\n\n" + "\n\n".join([BODY, LATER] * 5)
    assert _AUTHORS not in [text[s.start:s.end] for s in find_insertions(text)]


def test_a_biography_heading_the_page_is_still_one() -> None:
    """The same line first on the page, with no story paragraph above it, is read as a biography."""
    text = f"{_AUTHORS}\n\n" + "\n\n".join([BODY, LATER] * 6)
    assert (_AUTHORS, "bio") in [(text[s.start:s.end], s.label) for s in find_insertions(text)]


def test_a_contributors_biography_under_their_own_section_heading_stays_one() -> None:
    """theguardian.com's panels: each writer's section opens with "Name: headline" and closes with
    the writer's biography, between other writers' paragraphs."""
    bio = "Kate Aronoff is a writing fellow at In These Times. She covers elections and the politics of climate change"
    text = (f"Kate Aronoff: Less than 10 minutes devoted to the climate crisis? Shameful\n\n{BODY}\n\n{LATER}\n\n{bio}\n\n"
            f"Lloyd Green: Booker stole Warren’s thunder\n\n" + "\n\n".join([BODY, LATER] * 4))
    assert (bio, "bio") in [(text[s.start:s.end], s.label) for s in find_insertions(text)]
    # without the heading naming her, the same line between the story's paragraphs is the story's
    plain = text.replace("Kate Aronoff: ", "")
    assert bio not in [plain[s.start:s.end] for s in find_insertions(plain)]


# usatoday.com, thehill.com: a subject's rank in a count of events ("the third American ... to be beheaded") under
# the story's paragraphs is the story's sentence, though a role word ("journalists", "reporter") stands in it.
@pytest.mark.parametrize(("rank", "bio"), [
    ("Kassig is the third American, after journalists James Foley and Steven Sotloff, to be beheaded by the group, "
     "whose tactics are so extreme that al-Qaeda disavowed it earlier this year.",
     "Kassig is a journalist and aid worker who wrote about the Syrian war for several years."),
    ("Housley is the second Fox News reporter to leave in recent weeks.",
     "Housley is a Fox News reporter covering the West Coast."),
])
def test_a_subjects_rank_in_a_count_is_the_storys_but_a_role_is_a_biography(rank: str, bio: str) -> None:
    assert not is_bio(rank)
    assert is_bio(bio)
    text = f"{BODY}\n\n{LATER}\n\n{rank}\n\nContributing: David Jackson"
    assert not any(text[s.start:s.end] == rank for s in find_insertions(text))
    text = f"{BODY}\n\n{LATER}\n\n{bio}\n\nContributing: David Jackson"
    assert any(text[s.start:s.end] == bio and s.label == "bio" for s in find_insertions(text))


def _marked(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in find_insertions(text)]


def test_lines_under_a_writers_signature_that_say_who_the_writer_is_are_a_biography() -> None:
    post = "Chairman of The Campaign to Defeat the Incumbent."
    first = "Lloyd is singer/songwriter of the Freedom Anthem and author of Confessions of a Conservative."
    text = f"{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\nStaff Writer; Lloyd Marcus\n\n{post}\n\n{first}"
    marked = _marked(text)
    assert (post, "bio") in marked and (first, "bio") in marked


def test_a_heading_naming_someone_the_story_goes_on_about_is_no_signature() -> None:
    # the story names the person below the heading: a list of people, not a writer's foot
    line = "Panasewicz was on the metro about the time of the attacks, a friend wrote on Facebook."
    text = (f"{BODY}\n\n{LATER}\n\n{BODY}\n\nJanina Panasewicz\n\n{line}\n\n"
            "Janina Panasewicz was reportedly on the metro about the time of the attacks.")
    assert line not in [t for t, _ in _marked(text)]
    # the story above names the person: a section heading
    above = (f"{BODY}\n\nPresident Trump met the leaders on Friday and the talks went on until late.\n\n{LATER}\n\n"
             "President Trump\n\nTrump was a winner in the shutdown in the sense that his party got the better part.")
    assert all(lab != "bio" for _, lab in _marked(above))


def test_a_writers_biography_run_onto_the_first_paragraph_is_marked_as_its_own_sentence() -> None:
    head = ("Many people say the new rules are fair, and it has become fashionable to say so even after the "
            "recent vote in the state house. Plainly put, the rules hurt renters in every city of the state.")
    runin = "Hank Hanegraaff is president of the Christian Research Institute, and host of a national radio broadcast."
    foot = "Hank Hanegraaff is the author of \"Renters\" and the host of the \"Answer Man\" radio broadcast."
    text = f"{head} {runin}\n\n{BODY}\n\n{LATER}\n\n{BODY}\n\n{LATER}\n\n{foot}"
    assert (runin, "bio") in _marked(text)
    # the story names him itself: his post in its paragraph is the story's
    named = f"{head} {runin}\n\n{BODY}\n\nHanegraaff said the rules would pass.\n\n{LATER}\n\n{foot}"
    assert (runin, "bio") not in _marked(named)

"""Uses of a modal or an appearance verb that hedge nothing (features.hedge_modal_uses), through find_hedges."""
from __future__ import annotations

import pytest

from features.hedging import find_hedges
from features.text import parse


def _hedges(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_hedges(parse(text)) if s.kind == "hedge"]


@pytest.mark.parametrize("text, cues", [
    # the writer addressing the reader, or framing a view, doubts nothing
    ("As you may know, the speaker was invited to the famously liberal campus.", []),
    ("Most Americans are better informed and less gullible than you might think.", []),
    ("One might say that no rational Iranian could believe an attack would succeed.", []),
    ("If public schools no longer produce a “winning” (as Trump might say) product, spend more.", []),
    ("Or, as Mr. Serling might say, “Democrats will soon wake up from their amnesia.”", []),
    ("The phenomenon at work is not what many people might guess.", []),
    # the reader invited to wonder or notice keeps its hedge, and so does a third person's knowing
    ("You may wonder how that is possible.", ["may", "possible"]),
    ("You may have noticed that we have all been at this one table.", ["may"]),
    ("Investigators may know more about the crash by Friday.", ["may"]),
    # "may" of a rule grants a right
    ("Workers and unions may lawfully engage in secondary picketing.", []),
    ("The person is an illegal-drug user who may not buy a gun.", []),
    ("Anyone who is registered to vote and lives in the 24th district may cast a ballot on Tuesday.", []),
    # ... but a possibility stays one
    ("Workers and unions may soon engage in secondary picketing.", ["may"]),
    ("Some buyers may not buy a gun after all.", ["may"]),
    ("Anyone who took the recalled pills may be at risk.", ["may"]),
    # a concession over every case doubts none of them, until its clause ends
    ("It is a good time to consider what voters want, regardless of which candidate they may support.", []),
    ("No matter how much a Californian might hate Joe Biden, the state will stay blue.", []),
    ("But no matter how imperfect the agreement is, it may ease the fear of a withdrawal.", ["may"]),
    ("But for as much as readers I have been sparring with on Twitter might wish otherwise, it is not.", []),
    ("They have learned that as much as they may dislike the law, it is a nightmare to touch.", []),
    ("As much as anything, the vote may turn on turnout.", ["may"]),
])
def test_modals_that_hedge_nothing(text, cues):
    assert _hedges(text) == cues


@pytest.mark.parametrize("text, cues", [
    # an appearance someone produces with "make" doubts nothing
    ("But in some cases, there is a big investment in making sock puppet accounts seem real.", []),
    ("If plain language can make the Supreme Court seem more human, it may help.", ["may"]),
    ("Jiang had edited a video to make it appear that he was disbanding the task force.", []),
    ("King was often made to seem like a passive dreamer.", []),
    # a participle "made", a relative clause or a weighed likelihood between: still a hedge
    ("The decisions they made seem rushed.", ["seem"]),
    ("Whatever comments were made about the story appear to have been redacted.", ["appear"]),
    ("He urged him to make a decision that appeared to some aides to be cronyism.", ["appeared"]),
    ("Kerry's history makes it appear highly unlikely he would approve the pipeline.", ["appear", "unlikely"]),
    ("The sword's fame has made it popular, and it appears to be in many novels.", ["appears"]),
])
def test_made_appearance(text, cues):
    assert _hedges(text) == cues

"""Shared by the reader tests: the fixture corpora and a split of what a read yields."""
from pathlib import Path

from scoring.io.records import Article, BadRow

FIX = Path(__file__).parents[1] / "fixtures"


def split(items):
    arts = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, BadRow)]
    return arts, bad

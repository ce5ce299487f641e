from bench.evals.insertion_misses import concentration


def test_concentration_counts_lines_per_article_and_the_heaviest_share() -> None:
    ids = ["a"] * 6 + ["b"] * 2 + ["c", "d"]
    got = concentration(ids, tops=(1, 2))
    assert got == {"lines": 10.0, "articles": 4.0, "top1_lines": 6.0, "top1_share": 0.6,
                   "top2_lines": 8.0, "top2_share": 0.8}


def test_concentration_of_no_misses_is_zero_not_an_error() -> None:
    got = concentration([], tops=(5,))
    assert got == {"lines": 0.0, "articles": 0.0, "top5_lines": 0.0, "top5_share": 0.0}


def test_concentration_with_fewer_articles_than_k_holds_every_line() -> None:
    got = concentration(["x", "y", "x"], tops=(10,))
    assert got["top10_lines"] == 3.0 and got["top10_share"] == 1.0

"""The PolNeAR brat reader, its stable dev/held-out split and the attribution span scores."""
from __future__ import annotations

from pathlib import Path

from features.base import Span
from scoring.gold.polnear import Article, is_dev, load, read_ann, score

TEXT = "The senator said on Tuesday that the bill would pass, aides added."
ANN = (
    "T1\tSource 4 11\n"          # senator
    "T2\tCue 12 16\n"            # said
    "T3\tContent 33 47;48 52\n"  # "the bill would" + "pass", a discontinuous span
    "R1\tPerson-Source Arg1:T1 Arg2:T2\n"
    "T4\tSource 54 59\n"         # aides
)


def test_read_ann_keeps_roles_and_fragments(tmp_path: Path) -> None:
    path = tmp_path / "a_1.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_ann(path)
    assert [[TEXT[a:b] for a, b in frags] for frags in gold["Source"]] == [["senator"], ["aides"]]
    assert [[TEXT[a:b] for a, b in frags] for frags in gold["Cue"]] == [["said"]]
    assert [[TEXT[a:b] for a, b in frags] for frags in gold["Content"]] == [["the bill would", "pass"]]


def test_load_takes_the_first_annotator_and_honours_the_split(tmp_path: Path) -> None:
    root = tmp_path / "data" / "gold" / "polnear_train"
    (root / "attributions").mkdir(parents=True)
    (root / "text").mkdir()
    for name in ("story_a", "story_b", "story_c", "story_d"):
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / "attributions" / f"{name}_ann1.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "story_a_ann2.ann").write_text("T1\tCue 0 3\n", encoding="utf-8")
    everything = load(tmp_path)
    assert [a.name for a in everything] == ["story_a", "story_b", "story_c", "story_d"]
    assert len(everything[0].gold["Source"]) == 2  # ann1, not ann2
    dev, held = load(tmp_path, "dev"), load(tmp_path, "heldout")
    assert sorted(a.name for a in dev + held) == [a.name for a in everything]
    assert all(is_dev(a.name) for a in dev) and not any(is_dev(a.name) for a in held)


def test_score_counts_overlaps_per_role(tmp_path: Path) -> None:
    path = tmp_path / "a_1.ann"
    path.write_text(ANN, encoding="utf-8")
    art = Article("a", TEXT, read_ann(path))
    predicted = [[Span(4, 11, "source"), Span(20, 27, "source"), Span(12, 16, "attribution")]]
    got = score([art], predicted)
    assert got["source_precision"] == 0.5 and got["source_recall"] == 0.5
    assert got["attribution_precision"] == 1.0 and got["attribution_recall"] == 1.0
    assert got["quote_recall"] == 0.0


def test_score_leaves_out_reports_nested_in_quotations(tmp_path: Path) -> None:
    path = tmp_path / "a_1.ann"
    path.write_text(ANN, encoding="utf-8")
    art = Article("a", TEXT, read_ann(path))
    nested = [Span(12, 16, "attribution"), Span(33, 37, "attribution", voice="quoted"), Span(4, 11, "source"),
              Span(38, 42, "source", voice="quoted")]
    got = score([art], [nested])
    assert got["attribution_precision"] == 1.0 and got["source_precision"] == 1.0
    counted = score([art], [nested], nested=True)
    assert counted["attribution_precision"] == 0.5 and counted["source_precision"] == 0.5

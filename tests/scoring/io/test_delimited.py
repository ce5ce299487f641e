"""CSV and TSV readers: records spanning lines, malformed records as bad rows."""
from scoring.io.corpus import iter_articles
from scoring.io.delimited import csv_columns, iter_csv

from .conftest import FIX, split


def test_csv_aliases_and_multiline_rows():
    arts, bad = split(list(iter_articles([FIX / "articles.csv"])))
    assert [a.id for a in arts] == ["c1", "c3"]                         # article_id alias
    c1, c3 = arts
    assert c1.title == "Ministers postpone visit"                       # headline alias
    assert c1.text.endswith("Officials gave no reason.")               # quoted newline kept
    assert (c1.outlet, c1.date, c1.domain) == ("Reuters", "2020-03-06", "uk.reuters.com")
    assert (c3.date, c3.domain, c3.line) == ("2020-03-06", "arabnews.com", 5)  # Unix time; line after the 2-line row
    assert [(b.id, b.line, b.reason) for b in bad] == [("c2", 4, "no text")]


def test_tsv_and_malformed_record(tmp_path):
    p = tmp_path / "export.tsv"
    p.write_text("id\ttext\tsource\n"
                 "t1\tMinisters met in Ankara.\tAP\n"
                 "t2\tA row with a missing field\n"
                 "\n"
                 "t3\tTalks resumed.\tReuters\n", encoding="utf-8")
    assert csv_columns(p, "\t") == ["id", "text", "source"]
    rows = list(iter_csv(p, "\t"))
    assert [line for line, _ in rows] == [2, 3, 5]                    # the blank line 4 is no row
    assert rows[0][1] == {"id": "t1", "text": "Ministers met in Ankara.", "source": "AP"}
    assert rows[1][1].reason == "malformed CSV: 2 fields, header has 3"
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.outlet) for a in arts] == [("t1", "AP"), ("t3", "Reuters")]
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [(3, "malformed CSV")]

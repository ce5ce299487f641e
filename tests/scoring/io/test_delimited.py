"""CSV and TSV readers: records spanning lines, malformed records as bad rows."""
import pytest

from scoring.io.corpus import iter_articles, prepare
from scoring.io.records import InputError
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


def test_unclosed_quote_rejects_its_line_and_keeps_the_rows_after(tmp_path):
    # Read leniently, rows 2-4 became one article holding all three texts.
    p = tmp_path / "quote.csv"
    p.write_text('id,title,text\n'
                 '1,One,"The first text opens a quote\n'
                 '2,Two,The second text\n'
                 '3,Three,He said "hi" there\n'
                 '4,Four,Fourth text\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line, a.text) for a in arts] == [
        ("2", 3, "The second text"), ("3", 4, 'He said "hi" there'), ("4", 5, "Fourth text")]
    assert [(b.line, b.reason) for b in bad] == [(2, "malformed CSV: the quote opened on line 2 is not closed "
                                                     "(it ran to line 4); line 2 not read, the lines after it are")]


def test_unclosed_quote_at_the_end_of_the_file(tmp_path):
    p = tmp_path / "end.csv"
    p.write_text('id,text\na,Fine\nb,"Never closed\nc,Last one\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line) for a in arts] == [("a", 2), ("c", 4)]
    assert [b.line for b in bad] == [3] and "quote opened on line 3 is not closed" in bad[0].reason


def test_quoted_multiline_text_is_still_one_article(tmp_path):
    p = tmp_path / "multi.csv"
    p.write_text('id,text,source\na,"First paragraph.\n\nSecond, with a comma.",AP\nb,Next,AP\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line, a.text) for a in arts] == [
        ("a", 2, "First paragraph.\n\nSecond, with a comma."), ("b", 5, "Next")]
    assert bad == []


def test_broken_multiline_record_is_one_bad_row_naming_its_lines(tmp_path):
    p = tmp_path / "broken.csv"
    p.write_text('id,text,source\na,"First paragraph.\nSecond" junk,AP\nb,Next,AP\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ["b"]
    assert [(b.line, b.reason) for b in bad] == [(2, "malformed CSV: ',' expected after '\"' (lines 2-3)")]


def test_utf16_csv_is_read_by_its_byte_order_mark(tmp_path):
    p = tmp_path / "u16.csv"
    p.write_bytes("id,title,text\n1,Caf\u00e9,\"Talks, resumed.\"\n".encode("utf-16"))
    assert csv_columns(p, ",") == ["id", "title", "text"]
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.title, a.text) for a in arts] == [("1", "Caf\u00e9", "Talks, resumed.")] and bad == []


@pytest.mark.parametrize("data, message", [
    ("id,text\n1,x\n".encode("utf-16-le"), "looks like UTF-16 without a byte-order mark"),
    ("id,t\u00e9xt\n1,x\n".encode("latin-1"), r"line 1 \(the header\) is not UTF-8"),
])
def test_undecodable_header_is_named(tmp_path, data, message):
    p = tmp_path / "bad.csv"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message):
        prepare([p])


def test_undecodable_row_names_its_line_and_column(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("id,text\nb1,caf\u00e9 au lait\nb2,Fine\n".encode("latin-1"))
    arts, bad = split(list(iter_articles([p])))
    assert [a.id for a in arts] == ["b2"]
    assert [(b.line, b.id, b.reason) for b in bad] == [(2, "b1", "not UTF-8: column 'text'")]


def test_quote_closed_only_by_a_later_rows_quote_is_warned(tmp_path, caplog):
    # The stray quote on line 2 meets its match at the end of line 4 ('11"'), so the
    # record is well-formed CSV; the lines inside read as whole rows, which is said.
    p = tmp_path / "inches.csv"
    p.write_text('id,title,text\n1,One,"Opens a quote\n2,Two,Second\n3,Three,He is 6 feet 11"\n4,Four,Fourth\n',
                 encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line) for a in arts] == [("1", 2), ("4", 5)] and bad == []
    assert "line 2: a quoted field runs to line 4" in caplog.text


def test_two_stray_quotes_around_a_row_of_the_wrong_width_lose_no_row(tmp_path):
    # Found by tests/test_fuzz.py: the stray quote on line 2 closes at the one on line 5; the
    # lines between were one bad row "(lines 2-5)" because line 4 has a field too many.
    p = tmp_path / "strays.tsv"
    p.write_text('id\ttext\tsource\n'
                 'a\t"Opens a quote\tAP\n'
                 'b\tSecond text\tAP\n'
                 'c\tThird text\tAP\textra\n'
                 'd\t"Opens another\tAP\n'
                 'e\tFifth text\tAP\n', encoding="utf-8")
    arts, bad = split(list(iter_articles([p])))
    assert [(a.id, a.line) for a in arts] == [("b", 3), ("e", 6)]
    assert [(b.line, b.reason.split(";")[0]) for b in bad] == [
        (2, "malformed CSV: the quote opened on line 2 is not closed (it ran to line 5)"),
        (4, "malformed CSV: 4 fields, header has 3"),
        (5, "malformed CSV: the quote opened on line 5 is not closed (it ran to line 6)")]

"""The .txt article reader: first line the title, the rest the text, verbatim."""
from scoring.io import rows
from scoring.io.corpus import iter_articles
from scoring.io.records import Article, BadRow
from scoring.io.textfiles import open_text, read_txt

from .conftest import FIX, split


def test_txt_folder_sorted_title_first_line_text_verbatim():
    arts, bad = split(list(iter_articles([FIX / "txt"])))
    assert [a.id for a in arts] == ["a_talks", "b_ceasefire"]          # sorted; notes.md ignored
    raw = (FIX / "txt" / "b_ceasefire.txt").read_text(encoding="utf-8")
    assert arts[1].title == "Ceasefire in Idlib holds overnight"
    assert arts[1].text == raw.split("\n", 1)[1]                        # offsets stay file-relative
    assert [(b.id, b.line, b.reason) for b in bad] == [("c_title_only", 1, "no text")]


def test_txt_not_utf8_and_crlf(tmp_path):
    latin = tmp_path / "cafe.txt"
    latin.write_bytes("Caf\xe9 owners\nCaf\xe9 owners complained.\n".encode("latin-1"))
    bad = read_txt(latin)
    assert isinstance(bad, BadRow) and (bad.id, bad.line, bad.reason) == ("cafe", 1, "not UTF-8")
    crlf = tmp_path / "talks.txt"
    crlf.write_bytes(b"\xef\xbb\xbfTalks postponed\r\nAnkara talks were postponed.\r\n")
    art = read_txt(crlf)
    assert isinstance(art, Article)
    assert (art.title, art.text) == ("Talks postponed", "Ankara talks were postponed.\r\n")   # BOM gone, text as written


def test_open_text_skips_bom_and_keeps_bad_bytes_marked(tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes(b"\xef\xbb\xbfid,text\n1,Caf\xe9\r\n")
    with open_text(p) as fh:
        content = fh.read()
    assert content.startswith("id,text\n") and content.endswith("Caf\udce9\r\n")


def test_open_text_reads_utf16_and_utf32_by_their_byte_order_mark(tmp_path):
    for enc in ("utf-16", "utf-16-be", "utf-32"):
        p = tmp_path / f"{enc}.csv"
        data = "id,text\n1,Caf\u00e9\n".encode(enc)
        p.write_bytes(data if enc != "utf-16-be" else b"\xfe\xff" + data)
        with open_text(p) as fh:
            assert fh.read() == "id,text\n1,Caf\u00e9\n"


def test_txt_longer_than_the_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(rows, "MAX_TEXT_CHARS", 10)
    p = tmp_path / "long.txt"
    p.write_text("Title\n" + "x" * 11, encoding="utf-8")
    bad = read_txt(p)
    assert isinstance(bad, BadRow) and (bad.id, bad.reason.split(":")[0]) == ("long", "text too long")


def test_txt_with_its_manifest_cells_reads_them_like_table_columns(tmp_path):
    p = tmp_path / " spaced id.txt"
    p.write_text("Talks postponed\nAnkara talks were postponed.\n", encoding="utf-8")
    plain = read_txt(p)
    assert (plain.id, plain.outlet, plain.domain, plain.url, plain.date, plain.date_status) == (
        " spaced id", None, None, None, None, "missing")        # the file name as written
    art = read_txt(p, (("source", None), ("publisher", "Anadolu Agency"), ("published", "June 15, 2020"),
                       ("link", "https://www.aa.com.tr/en/europe/x/1")))
    assert (art.id, art.title, art.text) == (plain.id, plain.title, plain.text)
    assert (art.outlet, art.domain, art.date, art.date_status) == ("Anadolu Agency", "aa.com.tr", "2020-06-15", "ok")
    empty = tmp_path / "empty.txt"
    empty.write_text("Title only\n", encoding="utf-8")
    bad = read_txt(empty, (("outlet", "Reuters"),))
    assert isinstance(bad, BadRow) and (bad.id, bad.reason) == ("empty", "no text")

"""`relscore report` as a subcommand: reads the scores, spans and texts files."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from relscore.cli import main
from relscore.report import register
from reports.env import fmt_signed
from tests.reports.conftest import SAMPLES, add_fake_lean, add_fake_model_columns, build_inputs
from tests.reports.htmlcheck import Page


def test_report_subcommand_writes_site(tmp_path: Path):
    scored, spans, texts = build_inputs()
    scored = add_fake_model_columns(scored[scored["id"].isin([p.stem for p in SAMPLES.glob("*.txt")])])
    scored.to_csv(tmp_path / "scores.csv", index=False)
    with open(tmp_path / "spans.jsonl", "w", encoding="utf-8") as fh:
        for r in spans.to_dict("records"):
            fh.write(json.dumps(r) + "\n")
    parser = argparse.ArgumentParser(prog="relscore")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", str(tmp_path / "scores.csv"), "--spans", str(tmp_path / "spans.jsonl"),
                              "--texts", str(SAMPLES), "--out", str(tmp_path / "site"), "--articles", "all",
                              "--compare", "Sample outlet 1,sample outlet 3,No such outlet"])
    assert args.func(args) == 0
    pages = sorted(p.stem for p in (tmp_path / "site" / "articles").glob("*.html"))
    assert pages == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    cmp = (tmp_path / "site" / "comparison.html").read_text(encoding="utf-8")
    assert "Sample outlet 1" in cmp and "Sample outlet 3" in cmp and "Sample outlet 0" not in cmp
    # Texts came from the sample files: the article page shows the body.
    page = Page((tmp_path / "site" / "articles" / f"{pages[1]}.html").read_text(encoding="utf-8"))
    assert "Russia and Turkey have called for a ceasefire" in page.body


def test_report_of_a_table_with_lean(tmp_path: Path):
    """Lean columns and lean spans survive CSV and JSON lines: the league table, outlet and article pages show them."""
    scored, spans, texts = build_inputs(with_xss=False)
    scored, spans = add_fake_lean(add_fake_model_columns(scored), spans, texts)
    scored.to_csv(tmp_path / "scores.csv", index=False)
    spans.to_json(tmp_path / "spans.jsonl", orient="records", lines=True, force_ascii=False)
    assert main(["report", str(tmp_path / "scores.csv"), "--spans", str(tmp_path / "spans.jsonl"),
                 "--texts", str(SAMPLES), "--out", str(tmp_path / "site"), "--articles", "all"]) == 0
    site = tmp_path / "site"
    assert 'id="league-lean"' in (site / "index.html").read_text(encoding="utf-8")
    row = scored[scored["id"].str.startswith("004_")].iloc[0]
    page = next((site / "articles").glob("004_*.html")).read_text(encoding="utf-8")
    assert f"Lean: {fmt_signed(row['lean'], 0)} on a scale" in Page(page).body
    assert page.split('<div class="article-text">')[1].count('class="ev ev-lean') == int(((spans["id"] == row["id"]) & (spans["kind"] == "lean")).sum()) > 0
    outlet = next((site / "outlets").glob("Sample-outlet-4-*.html")).read_text(encoding="utf-8")
    assert f"{fmt_signed(row['lean'])} mean lean" in Page(outlet).body


def test_bad_articles_value_is_a_usage_error(capsys):
    parser = argparse.ArgumentParser(prog="relscore")
    register(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "s.csv", "--spans", "x", "--texts", "t", "--out", "o", "--articles", "many"])
    assert "all', 'flagged' or a count" in capsys.readouterr().err


def test_report_through_main_warns_of_articles_without_text(tmp_path: Path, capsys):
    scored, spans, _ = build_inputs(with_xss=False)
    scored = add_fake_model_columns(scored)
    scored.to_csv(tmp_path / "scores.csv", index=False)
    spans.to_csv(tmp_path / "spans.csv", index=False)
    first = sorted(SAMPLES.glob("*.txt"))[0]
    assert main(["report", str(tmp_path / "scores.csv"), "--spans", str(tmp_path / "spans.csv"),
                 "--texts", str(first), "--out", str(tmp_path / "site"), "--articles", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"warning: {len(scored) - 1} scored article(s) not found in --texts; their pages show no text"
    assert out[-1] == f"report written: {tmp_path / 'site' / 'index.html'}"



def test_a_scores_table_without_ids_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("outlet,reliability\nexample.com,55.0\n", encoding="utf-8")
    spans = tmp_path / "spans.jsonl"
    spans.write_text("", encoding="utf-8")
    code = main(["report", str(scores), "--spans", str(spans), "--texts", str(tmp_path), "--out", str(tmp_path / "site")])
    assert code == 2
    err = capsys.readouterr().err
    assert "relscore report: error:" in err and "has no 'id' column" in err


def test_a_missing_scores_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.csv"
    code = main(["report", str(missing), "--spans", str(missing), "--texts", str(tmp_path), "--out", str(tmp_path / "site")])
    assert code == 2
    assert f"SCORES file '{missing}' does not exist" in capsys.readouterr().err


def _report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """``relscore report`` through main: (exit code, stderr)."""
    code = main(["report", *argv])
    return code, capsys.readouterr().err


@pytest.fixture()
def demo_files(tmp_path: Path) -> tuple[Path, Path]:
    """A scores table and its spans for the five samples, as `relscore score` writes them."""
    scored, spans, _ = build_inputs(with_xss=False)
    scored.to_csv(tmp_path / "scores.csv", index=False)
    spans.to_csv(tmp_path / "spans.csv", index=False)
    return tmp_path / "scores.csv", tmp_path / "spans.csv"


def test_a_corrupt_parquet_table_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "scores.parquet"
    bad.write_bytes(b"PAR1 not really parquet")
    code, err = _report(capsys, str(bad), "--out", str(tmp_path / "site"))
    assert code == 2 and "Traceback" not in err
    assert err.startswith(f"relscore report: error: SCORES file '{bad}' cannot be read as a parquet table")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name, content, reason", [
    ("utf16.csv", "id,title\n1,a\n".encode("utf-16"), "cannot be read as a csv table: 'utf-8' codec can't decode"),
    ("empty.csv", b"", "cannot be read as a csv table: No columns to parse from file"),
    ("torn.jsonl", b'{"id": "1", "title": "a"}\n{"id": "2", "ti', "cannot be read as a jsonl table"),
    ("header_only.csv", b"id,title\n", "has no rows: nothing to report"),
])
def test_unreadable_scores_tables_are_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                    content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, err = _report(capsys, str(bad), "--out", str(tmp_path / "site"))
    assert code == 2 and "Traceback" not in err
    assert err.startswith(f"relscore report: error: SCORES file '{bad}' {reason}"), err
    assert len(err.strip().splitlines()) == 1


def test_a_folder_given_as_the_scores_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "scores.csv"
    folder.mkdir()
    code, err = _report(capsys, str(folder), "--out", str(tmp_path / "site"))
    assert code == 2 and err == f"relscore report: error: SCORES file '{folder}' is a folder, not a table\n"


def test_a_missing_spans_file_is_named(demo_files, capsys: pytest.CaptureFixture[str]) -> None:
    scores, _ = demo_files
    missing = scores.parent / "nope.jsonl"
    code, err = _report(capsys, str(scores), "--spans", str(missing), "--texts", str(SAMPLES), "--out", str(scores.parent / "site"))
    assert code == 2 and err == f"relscore report: error: --spans file '{missing}' does not exist\n"


def test_spans_without_their_columns_are_named(demo_files, capsys: pytest.CaptureFixture[str]) -> None:
    scores, _ = demo_files
    spans = scores.parent / "other.csv"
    spans.write_text("id,begin,finish\n000,1,2\n", encoding="utf-8")
    code, err = _report(capsys, str(scores), "--spans", str(spans), "--texts", str(SAMPLES), "--out", str(scores.parent / "site"))
    assert code == 2
    assert err.startswith(f"relscore report: error: --spans file '{spans}' has no 'start', 'end', 'kind' column(s)")


def test_a_missing_texts_input_is_named(demo_files, capsys: pytest.CaptureFixture[str]) -> None:
    scores, spans = demo_files
    missing = scores.parent / "no_such_folder"
    code, err = _report(capsys, str(scores), "--spans", str(spans), "--texts", str(missing), "--out", str(scores.parent / "site"))
    assert code == 2 and "Traceback" not in err
    assert err == f"relscore report: error: --texts: input not found: {missing}\n"


@pytest.mark.parametrize("extra, needs", [
    (["--spans", "SPANS"], "give --spans and --texts together"),
    (["--texts", "TEXTS"], "give --spans and --texts together"),
    (["--articles", "all"], "--articles needs --spans and --texts"),
])
def test_article_options_need_both_spans_and_texts(demo_files, capsys: pytest.CaptureFixture[str], extra: list[str], needs: str) -> None:
    scores, spans = demo_files
    extra = [str(spans) if a == "SPANS" else str(SAMPLES) if a == "TEXTS" else a for a in extra]
    code, err = _report(capsys, str(scores), *extra, "--out", str(scores.parent / "site"))
    assert code == 2 and err.startswith(f"relscore report: error: {needs}")


def test_an_unwritable_out_folder_is_one_line(demo_files, capsys: pytest.CaptureFixture[str]) -> None:
    scores, _ = demo_files
    blocker = scores.parent / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, err = _report(capsys, str(scores), "--out", str(blocker / "site"))
    assert code == 2 and "Traceback" not in err
    assert err.startswith(f"relscore report: error: cannot write the report to '{blocker / 'site'}'")
    assert len(err.strip().splitlines()) == 1


def test_report_from_the_scores_table_alone(demo_files, capsys: pytest.CaptureFixture[str]) -> None:
    """Overview, outlet pages and the comparison from the table; no article pages, and the pages say why."""
    scores, _ = demo_files
    site = scores.parent / "site"
    assert main(["report", str(scores), "--out", str(site)]) == 0
    assert capsys.readouterr().out.strip() == f"report written: {site / 'index.html'}"
    assert not (site / "articles").exists()
    assert len(list((site / "outlets").glob("*.html"))) == 5
    assert "article pages need the texts and their evidence spans" in Page((site / "articles.html").read_text(encoding="utf-8")).body
    cmp = Page((site / "comparison.html").read_text(encoding="utf-8")).body
    assert all(f"Sample outlet {i}" in cmp for i in range(4))  # the default comparison: the four largest

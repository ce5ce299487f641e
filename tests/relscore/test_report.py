"""`relscore report` as a subcommand: reads the scores, spans and texts files."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from relscore.cli import main
from relscore.report import register
from tests.reports.conftest import SAMPLES, add_fake_model_columns, build_inputs
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

"""``relscore score`` end to end through ``relscore.cli.main``: rows in input
order, every input row in OUT or in the errors file, spans that slice the text,
the summary lines and the usage errors."""
import errno
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from features import FEATURE_NAMES
from features.criteria import CRITERIA
from features.base import Span
from features.pipeline import Analysis
from relscore import cli, score
from scoring.io import output
from scoring.io.tables import read_table
from scoring.run import chunks

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "notebooks" / "data" / "samples"
FIX = ROOT / "tests" / "scoring" / "fixtures"
META = ["id", "outlet", "date", "title", "domain", "url"]


@pytest.fixture
def no_model(monkeypatch):
    """Features only: keeps these tests independent of whichever model is bundled."""
    monkeypatch.setattr(score, "_load_predict", lambda paths: None)


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_samples_rows_and_spans_slice_texts(tmp_path, capsys, no_model):
    out, spans = tmp_path / "x.csv", tmp_path / "s.jsonl"
    assert cli.main(["score", str(SAMPLES), "--out", str(out), "--spans", str(spans), "-q"]) == 0
    df = read_table(out)
    files = sorted(SAMPLES.glob("*.txt"))
    assert df["id"].tolist() == [f.stem for f in files]
    assert list(df.columns) == META + list(FEATURE_NAMES) + list(CRITERIA) + ["criteria_why"]
    card = df.set_index(df["id"].str[:3])
    why = {i: json.loads(w) for i, w in card["criteria_why"].items()}
    # sample 001's two READ ALSO lines cost it the ads criterion; the others have none
    assert card.at["001", "criterion_ads"] == 50 and why["001"]["ads"]["evidence"]["unlabelled_lines"] == 2
    assert (card.drop(index="001")["criterion_ads"] == 100).all()
    # sample 004's charged words in the author's voice put it last on news/opinion
    assert card["criterion_news_opinion"].idxmin() == "004"
    assert why["004"]["news_opinion"]["evidence"]["loaded"] > 1
    assert df["title"].tolist() == [f.read_text(encoding="utf-8").split("\n", 1)[0].strip() for f in files]
    texts = {f.stem: f.read_text(encoding="utf-8").split("\n", 1)[1] for f in files}
    recs = read_jsonl(spans)
    assert recs, "the sample articles quote and attribute: some evidence must be found"
    for r in recs:
        assert list(r)[:7] == ["id", "start", "end", "kind", "label", "voice", "text"]
        assert r["text"] == texts[r["id"]][r["start"]:r["end"]] and r["text"].strip() == r["text"] != ""
    err = capsys.readouterr().err
    # the samples' manifest dates one of them (the text of 004 ends with its date)
    assert "read 5, scored 5, rejected 0; dates missing 4; filtered 0" in err
    assert df.set_index("id")["date"].dropna().to_dict() == {"004_554ffe0d3c18b28a": "2020-03-06"}
    assert not (tmp_path / "x.errors.jsonl").exists()


def test_articles_without_a_headline_are_counted_and_scored_from_the_body(tmp_path, capsys):
    rows = []
    for i, f in enumerate(sorted(SAMPLES.glob("*.txt"))[:3]):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": f.stem, "text": body, **({"title": title} if i == 0 else {})})
    src, out = tmp_path / "a.jsonl", tmp_path / "a.csv"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert cli.main(["score", str(src), "--out", str(out), "-q"]) == 0
    assert "; 2 without a headline (bias from the body alone)" in capsys.readouterr().err
    df = read_table(out)
    assert df["bias"].between(0, 100).all() and df["reliability"].between(0, 100).all()
    assert df["title"].isna().tolist() == [False, True, True]


def test_mixed_inputs_order_and_accounting(tmp_path, capsys, no_model):
    out = tmp_path / "scored.parquet"
    inputs = [FIX / "txt", FIX / "articles.jsonl", FIX / "articles.csv", FIX / "nela_json"]
    rc = cli.main(["score", *map(str, inputs), "--out", str(out), "-q"])
    assert rc == 0
    df = pd.read_parquet(out)
    assert df["id"].tolist() == [
        "a_talks", "b_ceasefire", "j1", "j7", "j8", "c1", "c3", "anotheroutlet--1",
        "thenewsoutlet--2020-03-06--Talks postponed", "thenewsoutlet--2020-03-08--Drone strikes",
    ]
    errors = read_jsonl(tmp_path / "scored.errors.jsonl")               # default name next to OUT
    got = [(Path(e["file"]).name, e["line"], e.get("id"), e["reason"].split(":")[0]) for e in errors]
    assert got == [
        ("c_title_only.txt", 1, "c_title_only", "no text"),
        ("articles.jsonl", 2, None, "malformed JSON"),
        ("articles.jsonl", 3, None, "not UTF-8"),
        ("articles.jsonl", 4, "j4", "no text"),
        ("articles.jsonl", 6, None, "not a JSON object (list)"),
        ("articles.csv", 4, "c2", "no text"),
        ("thenewsoutlet.json", 2, "thenewsoutlet--2020-03-07--Empty", "no text"),
    ]
    # 3 txt + 7 jsonl rows + 3 csv + 4 nela objects = 17 read; 10 scored + 7 rejected
    err = capsys.readouterr().err
    assert "read 17, scored 10, rejected 7 (errors: " in err
    # j8's date is present but unreadable; the two txt articles have none
    assert pd.isna(df.set_index("id").loc["j8", "date"])
    assert "dates missing 3 (1 unparseable); filtered 0" in err
    assert df.set_index("id").loc["c1", ["outlet", "domain"]].tolist() == ["Reuters", "uk.reuters.com"]


def test_since_until_filter_counts_and_keeps_undated(tmp_path, capsys, no_model):
    out = tmp_path / "o.jsonl"
    rc = cli.main(["score", str(FIX / "nela_json"), str(FIX / "txt"), "--out", str(out),
                   "--since", "2020-03-06", "--until", "March 7, 2020", "-q", "--errors", str(tmp_path / "e.jsonl")])
    assert rc == 0
    rows = read_jsonl(out)
    # anotheroutlet (03-05) and Drone strikes (03-08) are outside; undated txt articles kept
    assert [r["id"] for r in rows] == ["thenewsoutlet--2020-03-06--Talks postponed", "a_talks", "b_ceasefire"]
    assert [r["date"] for r in rows] == ["2020-03-06", None, None]
    assert "read 7, scored 3, rejected 2" in capsys.readouterr().err
    assert len(read_jsonl(tmp_path / "e.jsonl")) == 2


def test_jobs_and_batches_keep_order(tmp_path, no_model):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    args = ["score", str(SAMPLES), str(FIX / "txt"), str(FIX / "articles.jsonl"), "-q", "--batch-size", "2"]
    assert cli.main([*args, "--out", str(a)]) == 0
    assert cli.main([*args, "--out", str(b), "--jobs", "2"]) == 0
    da, db = read_table(a), read_table(b)
    assert da["id"].tolist()[:5] == sorted(f.stem for f in SAMPLES.glob("*.txt"))
    pd.testing.assert_frame_equal(da, db)


def test_limit(tmp_path, capsys, no_model):
    out = tmp_path / "o.csv"
    assert cli.main(["score", str(FIX / "articles.jsonl"), "--out", str(out), "--limit", "3", "-q"]) == 0
    assert read_table(out)["id"].tolist() == ["j1"]
    assert "read 3, scored 1, rejected 2" in capsys.readouterr().err


def test_huge_text_through_csv_and_jsonl(tmp_path, monkeypatch, no_model):
    """An article of 450k characters (under the readers' limit, over CSV's default
    field limit of 128 KB) passes the readers and the writers intact. The analysis is
    stubbed here: its own tests cover huge texts, and would only slow this I/O test down."""
    seen = {}

    def fake_analyze(text, title=None):
        seen[title] = len(text)
        end = text.index(" ")
        return Analysis(text, {n: float(len(text)) for n in FEATURE_NAMES}, [Span(0, end, "quote")])

    monkeypatch.setattr(chunks, "analyze", fake_analyze)
    para = "The ministers met in Ankara on Sunday, officials said. " * 10 + "\n"
    huge = para * (450_000 // len(para))
    csv_in, jsonl_in = tmp_path / "big.csv", tmp_path / "big.jsonl"
    pd.DataFrame({"id": ["c-huge"], "title": ["csv"], "text": [huge]}).to_csv(csv_in, index=False)
    jsonl_in.write_text(json.dumps({"id": "j-huge", "title": "jsonl", "text": huge}) + "\n", encoding="utf-8")
    out, spans = tmp_path / "o.parquet", tmp_path / "s.jsonl"
    assert cli.main(["score", str(csv_in), str(jsonl_in), "--out", str(out), "--spans", str(spans), "-q",
                     "--jobs", "1"]) == 0
    assert seen == {"csv": len(huge), "jsonl": len(huge)}
    df = pd.read_parquet(out)
    assert df["id"].tolist() == ["c-huge", "j-huge"]
    assert df[FEATURE_NAMES[0]].tolist() == [float(len(huge))] * 2
    assert [r["text"] for r in read_jsonl(spans)] == ["The", "The"]


def test_model_scores_appended_after_features(tmp_path, monkeypatch):
    seen = []

    def fake_predict(features, model_paths=None, docs=None):
        seen.append((list(features.columns), features["text"].tolist(), model_paths))
        return pd.DataFrame({"reliability": 50.0, "bias": 10.0, "reliability_why": "{}", "bias_why": "{}"},
                            index=features.index)

    monkeypatch.setattr(score, "_load_predict", lambda paths: fake_predict)
    monkeypatch.chdir(tmp_path)
    for m in ("m1.skops", "m2.skops"):
        (tmp_path / m).write_bytes(b"")
    out = tmp_path / "o.csv"
    assert cli.main(["score", str(FIX / "txt"), "--out", str(out), "-q", "--jobs", "1",
                     "--model", "m1.skops", "m2.skops"]) == 0
    df = read_table(out)
    assert list(df.columns) == META + list(FEATURE_NAMES) + list(CRITERIA) + ["criteria_why", "reliability", "bias", "reliability_why", "bias_why",
                                                                            "lean", "lean_left", "lean_centre", "lean_right",
                                                                            "lean_why"]
    assert df["reliability"].tolist() == [50.0, 50.0]
    cols, texts, paths = seen[0]
    assert cols == list(FEATURE_NAMES) + list(CRITERIA) + ["text", "title", "url", "author_text"]
    assert paths == ["m1.skops", "m2.skops"]
    assert texts[0] == (FIX / "txt" / "a_talks.txt").read_text(encoding="utf-8").split("\n", 1)[1]


def test_report_gets_scored_frame_spans_and_texts(tmp_path, monkeypatch, no_model):
    calls = {}

    def fake_render(scored, spans, texts, out_dir, articles="flagged", compare=None, page_progress=None):
        calls.update(scored=scored, spans=spans, texts=texts, out_dir=Path(out_dir), articles=articles, compare=compare)
        return Path(out_dir) / "index.html"

    monkeypatch.setattr(score, "render_site", fake_render)
    site = tmp_path / "site"
    assert cli.main(["score", str(SAMPLES), "--report", str(site), "-q"]) == 0
    assert (site / "scores.csv").exists() and (site / "spans.jsonl").exists()   # no --out: written into DIR
    assert calls["out_dir"] == site
    assert calls["scored"]["id"].tolist() == sorted(f.stem for f in SAMPLES.glob("*.txt"))
    assert set(calls["texts"]) == set(calls["scored"]["id"])
    for r in calls["spans"].itertuples():
        assert calls["texts"][r.id][r.start:r.end] == r.text
    assert (calls["articles"], calls["compare"]) == ("flagged", None)
    # the samples' manifest gives what their texts say of outlet and date
    by_id = calls["scored"].set_index("id")
    assert by_id.loc["000_be9244692f936ce2", "outlet"] == "Arab News"
    assert by_id.loc["004_554ffe0d3c18b28a", "date"] == "2020-03-06"


def test_report_options_after_score_reach_the_report(tmp_path, monkeypatch, no_model):
    calls = {}

    def fake_render(scored, spans, texts, out_dir, articles="flagged", compare=None, page_progress=None):
        calls.update(articles=articles, compare=compare)
        return Path(out_dir) / "index.html"

    monkeypatch.setattr(score, "render_site", fake_render)
    argv = ["score", str(FIX / "txt"), "--report", str(tmp_path / "site"), "-q", "--articles", "all",
            "--compare", "Arab News, Reuters,"]
    assert cli.main(argv) == 0
    assert calls == {"articles": "all", "compare": ["Arab News", "Reuters"]}


@pytest.mark.parametrize("extra, message", [
    (["--articles", "all"], "--articles and --compare choose what the report shows: give --report DIR too"),
    (["--compare", "Reuters"], "give --report DIR too"),
    (["--articles", "some", "--report", "site"], "articles must be 'all', 'flagged' or a count"),
])
def test_report_options_without_a_report_or_out_of_range(extra, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["score", str(FIX / "txt"), "--out", "x.csv", "-q", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("argv, needle", [
    (["score", "no/such/folder", "--out", "x.csv"], "no/such/folder"),
    (["score", str(FIX / "txt"), "--out", "x.csv", "--model", "missing.skops"], "missing.skops"),
    (["score", str(FIX / "txt"), "--out", "x.xlsx"], ".parquet"),
    (["score", str(FIX / "txt")], "--out"),
    (["score", str(FIX / "txt"), "--out", "x.csv", "--since", "someday"], "--since"),
])
def test_usage_errors_exit_2(argv, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    assert needle in capsys.readouterr().err


def test_missing_text_column_exits_2_with_hint(tmp_path, capsys):
    p = tmp_path / "export.csv"
    p.write_text("id,body_text\n1,Ministers met.\n", encoding="utf-8")
    assert cli.main(["score", str(p), "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "export.csv" in err and "body_text" in err and "--text-column" in err
    assert not (tmp_path / "o.csv").exists()                               # checked before writing


def test_all_rows_rejected_exit_1_and_empty_input_exit_0(tmp_path, no_model):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": ""}\n', encoding="utf-8")
    assert cli.main(["score", str(bad), "--out", str(tmp_path / "o.csv"), "-q"]) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "e.csv"
    assert cli.main(["score", str(empty), "--out", str(out), "-q"]) == 0
    assert list(read_table(out).columns)[:6] == META and len(read_table(out)) == 0


@pytest.mark.parametrize("missing", ["dask", "dask.dataframe", "distributed"])
def test_dask_engine_without_dask_says_how_to_install(tmp_path, capsys, monkeypatch, no_model, missing):
    """Dask absent, or a plain ``pip install dask`` without the dataframe requirements."""
    monkeypatch.setitem(sys.modules, missing, None)  # as if not installed
    corpus = tmp_path / "c.parquet"
    pd.DataFrame({"id": ["a"], "text": ["The minister said the vote may be close."]}).to_parquet(corpus)
    rc = cli.main(["score", str(corpus), "--engine", "dask", "--out", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and err.endswith("pip install 'relscore[dask]'\n")
    assert missing in err and not (tmp_path / "out").exists()


def test_resumed_summary_counts_what_was_already_done(tmp_path, capsys, caplog, no_model):
    out = tmp_path / "o.parquet"
    args = ["score", str(FIX / "articles.jsonl"), str(FIX / "txt"), "--out", str(out), "--jobs", "1", "-q"]
    assert cli.main(args) == 0
    capsys.readouterr()
    assert cli.main([*args, "--resume"]) == 0
    err = capsys.readouterr().err
    assert "resuming: 5 articles and 5 rejected rows already done" in caplog.text
    assert re.search(r"^read 10, scored 0, rejected 0; already done 10; dates missing 0; filtered 0$", err, re.M)


def test_interrupted_run_says_how_far_it_got_and_how_to_finish(tmp_path, capsys, monkeypatch, no_model):
    real = chunks.analyze

    def interrupted_at_the_fourth(text, title=None):
        if interrupted_at_the_fourth.calls == 3:
            raise KeyboardInterrupt
        interrupted_at_the_fourth.calls += 1
        return real(text, title)

    interrupted_at_the_fourth.calls = 0
    monkeypatch.setattr(chunks, "analyze", interrupted_at_the_fourth)
    out = tmp_path / "o.csv"
    assert cli.main(["score", str(SAMPLES), "--out", str(out), "--jobs", "1", "--batch-size", "1", "-q"]) == 130
    err = capsys.readouterr().err
    assert "relscore score: stopped after 3 articles; run the same command with --resume to finish" in err
    assert err.rstrip().endswith("relscore: interrupted")
    assert len(read_table(out)) == 3


def test_dask_engine_summary_lines(tmp_path, capsys, no_model):
    pytest.importorskip("distributed")
    corpus = tmp_path / "c.parquet"
    pd.DataFrame({"title": ["T1", "T2", "T3"], "text": ["The talks went on, officials said.", "",
                                                         "Ministers met in Ankara."]}).to_parquet(corpus)
    out, spans = tmp_path / "out", tmp_path / "spans"
    assert cli.main(["score", str(corpus), "--engine", "dask", "--jobs", "1", "--partition-rows", "2",
                     "--out", str(out), "--spans", str(spans), "-q"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"read 3, scored 2, rejected 1 (errors: {tmp_path / 'out_errors'}); filtered 0; 2 partitions" in err
    assert f"wrote {out}/ and {spans}/" in err


@pytest.mark.parametrize("option", ["--out", "--spans", "--errors", "--report"])
def test_an_unwritable_output_is_one_line_before_any_scoring(tmp_path, capsys, monkeypatch, option):
    """A folder that cannot be made (a file stands in its way) is found before the
    models load or any article is read; the message names the file and the reason."""
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    bad = tmp_path / "blocker" / ("r" if option == "--report" else "x.csv" if option == "--out" else "x.jsonl")
    good = tmp_path / "ok.csv"
    monkeypatch.setattr(score, "_load_predict", lambda paths: pytest.fail("models loaded before the check"))
    args = ["score", str(SAMPLES), "-q", option, str(bad)] + ([] if option == "--out" else ["--out", str(good)])
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path / 'blocker'} is a file, not a folder" in err
    assert err.startswith("relscore score: error: cannot write the ") and str(bad) in err
    assert not good.exists()


def test_a_full_disk_mid_run_says_to_resume(tmp_path, capsys, monkeypatch, no_model):
    """The disk fills after the first batch: one error line naming the file, the
    advice to resume, exit 1; the resumed run gives the uninterrupted output."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n"
                              for f in sorted(SAMPLES.glob("*.txt"))), encoding="utf-8")
    out, spans = tmp_path / "o.csv", tmp_path / "s.jsonl"
    args = ["score", str(corpus), "--out", str(out), "--spans", str(spans), "--batch-size", "2", "--jobs", "1", "-q"]
    assert cli.main([*args[:3], str(tmp_path / "ref.csv"), "--spans", str(tmp_path / "ref.jsonl"), *args[6:]]) == 0
    real = output.RecordWriter.write_many
    calls = []

    def fill_up(self, records):
        calls.append(1)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path))
        real(self, records)

    monkeypatch.setattr(output.RecordWriter, "write_many", fill_up)
    capsys.readouterr()
    assert cli.main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"relscore score: error: cannot write the spans file {spans}: No space left on device",
                   "relscore score: stopped after 2 articles; free some space, then run the same command "
                   "with --resume to finish"]
    monkeypatch.setattr(output.RecordWriter, "write_many", real)
    assert cli.main([*args, "--resume"]) == 0
    assert out.read_bytes() == (tmp_path / "ref.csv").read_bytes()
    assert spans.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) for a real full disk")
def test_a_real_full_device_is_one_line(tmp_path, capsys, no_model):
    (tmp_path / "o.csv").symlink_to("/dev/full")  # every write to it fails with ENOSPC
    assert cli.main(["score", str(SAMPLES), "--out", str(tmp_path / "o.csv"), "-q"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"relscore score: error: cannot write the output {tmp_path / 'o.csv'}: No space left on device"
    assert len(err) == 2 and "free some space" in err[1]

"""Every command line the README shows runs as it is shown (issue 22).

The README's shell blocks and its inline `relscore ...` spans are parsed here, not copied,
so a line added to the README is checked too. Each `relscore` line runs through
``relscore.cli.main`` in a scratch folder holding small inputs under the README's own
file names (the demo's samples are the real ones; the 37.5k-article AllSides table is cut
to 600 rows); placeholders become files (``INPUT`` an input of four articles, ``DIR`` a
folder), ``{a,b}`` and ``a|b`` run once per choice and ``[...]`` is included. Every
flag is kept. Two kinds of line stop at the library call, with the values the README gave
asserted there: those reading ``--shared-data ../shared`` (grouped CV and training on the
shared corpora take 5 minutes to an hour) and the ``--engine dask`` ones (one names a
scheduler at tcp://10.0.0.5:8786 where there is no cluster; starting a LocalCluster takes
20 s on the loaded 2-core machine, and tests/relscore/test_score.py runs that engine for
real). The lines that are not `relscore` must be exactly the ones listed in
:data:`OTHER_LINES`, each checked for what can be checked cheaply.
"""
from __future__ import annotations

import itertools
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from relscore import cli, score, train
from scoring.io.tables import read_table
from scoring.model.files import load_model, model_target
from scoring.run import PARTITION_ROWS, DaskResult
from tests.samples import SAMPLES, sample
from tests.scoring.model.test_lean_training import RATINGS, write_corpus
from tests.scoring.model.test_training import labelled_corpus

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: The README's command lines that are not `relscore`, and why each is not run here.
OTHER_LINES = {
    "pip install -e '.[test]'": "the install this suite runs in (its extra is checked to exist)",
    "pip install -e '.[dask]'": "the Dask extra (checked to exist; the test extra includes it)",
    "pip install -e '.[notebooks]'": "the notebooks extra (checked to exist; the test extra includes it)",
    "pytest": "this suite itself",
    "python bench/eval_extractors.py": "a benchmark over ../shared (minutes; its script must exist)",
    "python -m bench.evals.realnews": "a benchmark over ../shared (its module must exist)",
    "python -m bench.format_robustness": "a benchmark (its module must exist)",
    "python bench/speed.py": "a timed benchmark, never a test (its script must exist)",
    "python -m bench.render_report": "a timed benchmark (its module must exist)",
}
#: Inline spans that name a command or quote its options in prose without an input.
FRAGMENTS = {"relscore", "relscore score", "relscore score --jobs 1", "relscore score --jobs 2"}
#: Placeholders of the README and what stands for them here.
PLACEHOLDERS = {"INPUT...": "input.jsonl", "INPUT": "input.jsonl", "DIR": "site", "N": "1",
                "/shared/scores/": "shared/scores/"}  # the one absolute path: kept inside the scratch folder


def readme_lines() -> tuple[list[str], list[str]]:
    """(the lines of the README's shell code blocks, its inline `relscore ...`/`pip ...` spans)."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)
    lines = [ln.strip() for lang, body in blocks if lang in ("", "sh", "bash") for ln in body.splitlines()
             if ln.strip()]
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    inline = re.findall(r"(?<!`)`((?:relscore|pip install) [^`]*|relscore)`(?!`)", prose)
    return lines, inline


def variants(line: str) -> list[list[str]]:
    """The argument lists a README line stands for: placeholders filled, ``[...]`` kept,
    one list per choice of each ``{a,b}`` and ``a|b``."""
    choices: list[list[str]] = []
    for tok in shlex.split(line, comments=True)[1:]:
        tok = tok.strip("[]")
        brace = re.fullmatch(r"(.*)\{(.+)\}(.*)", tok)
        if brace:
            choices.append([brace[1] + alt + brace[3] for alt in brace[2].split(",")])
        elif "|" in tok:
            choices.append([PLACEHOLDERS.get(alt, alt) for alt in tok.split("|")])
        else:
            choices.append([PLACEHOLDERS.get(tok, tok)])
    return [list(argv) for argv in itertools.product(*choices)]


def _option(argv: list[str], flag: str) -> str | None:
    return argv[argv.index(flag) + 1] if flag in argv else None


ARTICLES = [  # real sentences of the samples, under two outlets over four months
    ("a1", "Arab News", "2020-01-15", "001", 2), ("a2", "Arab News", "2020-03-06", "004", 1),
    ("r1", "Reuters", "2020-02-10", "002", 3), ("r2", "Reuters", "2020-04-20", "003", 2),
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder with the README's input files, small."""
    d = tmp_path_factory.mktemp("readme")
    rows = []
    for art_id, outlet, date, prefix, paras in ARTICLES:
        title, text = sample(prefix)
        rows.append({"id": art_id, "outlet": outlet, "date": date, "title": title,
                     "text": "\n\n".join(text.strip().split("\n\n")[:paras] if "\n\n" in text
                                         else text.strip().split("\n")[:paras])})
    df = pd.DataFrame(rows)
    df.to_json(d / "input.jsonl", orient="records", lines=True, force_ascii=False)
    df.to_parquet(d / "corpus.parquet", index=False)
    for folder in ("data/nela", "s3-mounted/nela"):
        (d / folder).mkdir(parents=True)
        df.to_parquet(d / folder / "part-0.parquet", index=False)
    (d / "notebooks" / "data").mkdir(parents=True)
    (d / "notebooks" / "data" / "samples").symlink_to(SAMPLES)
    allsides = pd.read_parquet(ROOT / "notebooks" / "data" / "allsides_scores.parquet")
    big = allsides["outlet"].value_counts().index[:4]
    allsides[allsides["outlet"].isin(big)].groupby("outlet").head(150).to_parquet(
        d / "notebooks" / "data" / "allsides_scores.parquet", index=False)
    corpus, labels = labelled_corpus(d)
    pd.read_csv(corpus).to_parquet(d / "my_articles.parquet", index=False)
    labels.rename(d / "my_ratings.csv")
    lean_corpus, lean = write_corpus(d)
    lean_corpus.rename(d / "mine.jsonl")
    rated = lean.drop_duplicates("outlet")
    pd.DataFrame({"domain": rated["outlet"], "label": rated["label"].map(RATINGS)}).to_csv(
        d / "outlet_ratings.csv", index=False)
    return d


class Recorder:
    """Stands in for the library calls of the lines that need ../shared or a Dask cluster."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, Any] = {}
        for name in ("build_bundled", "update_validity", "evaluate_targets", "train_target", "gather",
                     "lean_frame", "evaluate_lean_frame", "train_lean"):
            monkeypatch.setattr(train, name, self._record(name))
        monkeypatch.setattr(train, "format_lean_report", lambda res: "")
        monkeypatch.setattr(train, "save_model", lambda model, path: self.calls.setdefault("save_model", path))
        monkeypatch.setattr(score, "run_dask", self._record("run_dask"))

    def _record(self, name: str):
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = (args, kwargs)
            if name in ("gather", "lean_frame"):
                return pd.DataFrame(), ["shared"]
            if name in ("train_target", "train_lean"):
                return _FakeModel()
            if name == "update_validity":
                return Path("MODEL_CARD.md")
            if name == "run_dask":
                return DaskResult(4, 4, 0, 0, 1, Path(args[1]), kwargs.get("spans"), Path("errors"))
            return {}
        return call


class _FakeModel:
    meta_ = {"n_train": 0, "n_outlets": 0, "classes": [], "class_counts": []}


def check_stubbed(argv: list[str], calls: dict[str, Any]) -> None:
    """What a line that stopped at the library call passed to it."""
    if "--engine" in argv:
        args, kwargs = calls["run_dask"]
        assert [str(src.path.parent) + "/" for src, _ in args[0]] == [argv[1]]
        assert str(args[1]) == _option(argv, "--out").rstrip("/")
        assert kwargs["scheduler"] == _option(argv, "--scheduler")
        assert kwargs["partition_rows"] == int(_option(argv, "--partition-rows") or PARTITION_ROWS)
        assert str(kwargs["spans"] or "") == (_option(argv, "--spans") or "").rstrip("/")
        return
    if "--bundled" in argv:
        name = "update_validity" if "--validity-only" in argv else "build_bundled"
        args, _ = calls[name]
        assert (str(args[0]), str(args[1])) == (_option(argv, "--shared-data"), _option(argv, "--out"))
        return
    if _option(argv, "--target") == "lean":
        args, _ = calls["lean_frame"]
        assert args[1] == _option(argv, "--shared-data") and args[3] == int(_option(argv, "--allsides-cap"))
        assert calls["save_model"] == _option(argv, "--out") if argv[0] == "train" else "evaluate_lean_frame" in calls
        return
    assert calls["gather"][0][1] == _option(argv, "--shared-data")
    if argv[0] == "train":
        assert calls["train_target"][0][1] == _option(argv, "--target") and calls["save_model"] == _option(argv, "--out")
    else:
        assert "evaluate_targets" in calls and Path(_option(argv, "--json")).exists()


def check_ran(argv: list[str]) -> None:
    """What a line that ran must have left behind."""
    if argv[0] == "report":
        assert (Path(_option(argv, "--out")) / "index.html").exists()
        return
    if argv[0] == "train":
        model = load_model(_option(argv, "--out"))
        assert model_target(model) == _option(argv, "--target")
        return
    expected = 5 if "notebooks/data/samples" in argv else len(ARTICLES)
    out = _option(argv, "--out") or str(Path(_option(argv, "--report")) / "scores.csv")
    assert len(read_table(out)) == expected, argv
    if "--report" not in argv:
        return
    site = Path(_option(argv, "--report"))
    comparison = (site / "comparison.html").read_text(encoding="utf-8")
    for name in (_option(argv, "--compare") or "").split(","):
        assert name in comparison
    # a corpus this small gets every article page whatever --articles says (tests/relscore checks the choice)
    assert len(list((site / "articles").glob("*.html"))) == expected
    if "notebooks/data/samples" in argv:  # the demo: the manifest's outlet has its page
        assert "Arab News" in (site / "index.html").read_text(encoding="utf-8")


def test_the_other_lines_are_the_expected_ones():
    lines, inline = readme_lines()
    others = [shlex.split(ln, comments=True) for ln in lines + inline if not ln.startswith("relscore")]
    assert sorted({shlex.join(o) for o in others}) == sorted(OTHER_LINES)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for argv in others:
        if argv[0] == "pip":
            assert argv[:3] == ["pip", "install", "-e"] and re.fullmatch(r"\.\[(\w+)\]", argv[3])[1] in extras
        elif argv[0] == "python":
            assert (ROOT / (argv[1] if argv[1] != "-m" else argv[2].replace(".", "/") + ".py")).exists(), argv


def test_every_relscore_line_of_the_readme_runs(scratch, monkeypatch, capsys):
    monkeypatch.chdir(scratch)
    lines, inline = readme_lines()
    fragments = [ln for ln in inline if ln in FRAGMENTS]
    commands = [ln for ln in lines + inline if ln.startswith("relscore") and ln not in FRAGMENTS]
    assert set(fragments) == FRAGMENTS and len(commands) >= 15
    top = cli.build_parser()
    subparsers = next(a for a in top._actions if a.dest == "command")
    for frag in fragments:  # quoted options exist on their subcommand
        words = frag.split()
        parser = subparsers.choices[words[1]] if len(words) > 1 else top
        assert all(t in parser._option_string_actions for t in words[2:] if t.startswith("-")), frag
    ran = stubbed = 0
    for line in commands:
        for argv in variants(line):
            with monkeypatch.context() as m:
                stopped = "--shared-data" in argv or "--engine" in argv
                calls = Recorder(m).calls if stopped else None
                code = cli.main(argv)
                err = capsys.readouterr().err
                assert code == 0 and "Traceback" not in err, (line, argv, err[-2000:])
                if stopped:
                    check_stubbed(argv, calls)
                    stubbed += 1
                else:
                    check_ran(argv)
                    ran += 1
    assert ran >= 16 and stubbed == 8

"""The ``relscore`` parser and dispatch: subcommands, version, help, exit codes."""
import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from relscore import cli, report
from scoring.version import package_version


def test_version_is_the_installed_one(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"relscore {package_version()}"


def test_every_subcommand_is_registered_in_order():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == ["score", "train", "evaluate", "report"]


def test_the_listing_without_imports_is_the_help_the_subcommands_register():
    assert cli.listing_parser().format_help() == cli.build_parser().format_help()


def _fresh(code: str) -> str:
    """The last line ``code`` prints in a fresh interpreter (this test process has imported everything already)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2]).stdout.splitlines()[-1]


def test_help_imports_neither_the_subcommands_nor_the_science_stack():
    code = ("import sys; from relscore import cli; code = cli.main(['--help']); "
            "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'sklearn', 'numpy', 'features', "
            "'reports'}), sorted(m for m in sys.modules if m.startswith(('relscore.', 'scoring.'))))")
    assert _fresh(code) == "0 [] ['relscore.cli', 'scoring.version']"


def test_a_subcommands_first_import_is_frozen_out_of_the_collectors_reach_once():
    # the first import of a subcommand freezes what it created; a second parser imports nothing new and
    # freezes nothing more (a test process calling main() often keeps its garbage collectable); the
    # collector is on again after each
    code = ("import gc; from relscore import cli; a = gc.get_freeze_count(); cli.build_parser(('relscore.report',)); "
            "b = gc.get_freeze_count(); x = [[] for _ in range(1000)]; cli.build_parser(('relscore.report',)); "
            "print(a, b > 100_000, gc.get_freeze_count() <= b, gc.isenabled())")
    assert _fresh(code) == "0 True True True"


@pytest.mark.parametrize("argv, commands", [
    (["-v", "report", "--help"], ["report"]), (["evaluate", "--corpus", "x"], ["train", "evaluate"]),
    (["--version"], ["score", "train", "evaluate", "report"]), (["nosuchcommand"], ["score", "train", "evaluate", "report"]),
])
def test_a_command_line_imports_only_the_subcommand_it_names(argv, commands):
    sub = next(a for a in cli.parser_for(argv)._actions if a.dest == "command")
    assert list(sub.choices) == commands


def test_no_command_prints_help_and_exits_2(capsys):
    assert cli.main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


@pytest.mark.parametrize("argv, code", [(["--help"], 0), (["score", "--help"], 0), (["score"], 2),
                                        (["nosuchcommand"], 2)])
def test_argparse_exits_become_return_codes(argv, code, capsys):
    assert cli.main(argv) == code


@pytest.mark.parametrize("error, code, message", [
    (cli.UsageError("no good"), 2, "relscore report: error: no good\n"),
    (KeyboardInterrupt(), 130, "relscore: interrupted\n"),
])
def test_handler_errors_become_messages_and_exit_codes(error, code, message, monkeypatch, capsys):
    def handler(args):
        raise error

    monkeypatch.setattr(report, "run", handler)  # registered when main builds the parser
    assert cli.main(["report", "s.csv", "--spans", "x", "--texts", "t", "--out", "o"]) == code
    assert capsys.readouterr().err == message


def _parsers():
    """(name, parser) of the top-level command and of every subcommand."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return [("relscore", parser), *((f"relscore {n}", p) for n, p in sub.choices.items())]


# reStructuredText and Markdown markup that docstrings carry and a terminal prints as it is
MARKUP = re.compile(r"`|:(?:func|mod|class|data|meth|attr|exc|obj):")


@pytest.mark.parametrize("name, parser", _parsers(), ids=lambda x: x if isinstance(x, str) else "")
def test_help_is_plain_text_and_describes_every_option(name, parser):
    text = parser.format_help()
    assert text.startswith(f"usage: {name}") and not MARKUP.search(text), MARKUP.search(text)
    assert parser.description and not MARKUP.search(parser.description)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            assert set(helps) == set(action.choices) and all(helps.values()), helps
        else:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.option_strings or action.dest)


@pytest.mark.parametrize("argv, usage, unknown", [
    (["score", "in.txt", "--out", "o.csv", "--nope"], "usage: relscore score ", "--nope"),
    (["report", "s.csv", "--out", "site", "--frob", "1"], "usage: relscore report ", "--frob 1"),
    (["evaluate", "--folds", "3", "--nope"], "usage: relscore evaluate ", "--nope"),
    (["--nope"], "usage: relscore [-h]", "--nope"),
])
def test_an_unknown_flag_shows_the_usage_of_its_subcommand(argv, usage, unknown, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and err.endswith(f"error: unrecognized arguments: {unknown}\n")

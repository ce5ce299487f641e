"""The ``relscore`` command: the parser, logging set-up and dispatch. Each
subcommand lives in its own module (``relscore score`` in :mod:`relscore.score`,
``relscore train``/``evaluate`` in :mod:`relscore.train`, ``relscore report`` in
:mod:`relscore.report`), which adds itself through ``register(subparsers)``."""
from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from typing import Any, Sequence

from scoring.version import package_version

#: Each subcommand: the module whose ``register(subparsers)`` adds it, and its line in ``--help``,
#: in the order of ``--help``. The lines are here so that ``relscore --help`` lists the commands
#: without importing their modules (pandas, scikit-learn, the extractors: seconds); a test holds
#: this listing equal to the one the modules register.
COMMANDS = {
    "score": ("relscore.score", "measure articles and write features, scores and evidence spans"),
    "train": ("relscore.train", "fit a reliability, bias or lean model on labelled corpora"),
    "evaluate": ("relscore.train", "grouped-by-outlet validation against baselines"),
    "report": ("relscore.report", "write the HTML report site from scored articles"),
}
#: Modules whose ``register(subparsers)`` adds subcommands, in the order of ``--help``.
PLUGINS = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


class UsageError(Exception):
    """A command-line mistake: printed and exit code 2."""


def _top_parser() -> tuple[argparse.ArgumentParser, Any]:
    parser = argparse.ArgumentParser(
        prog="relscore",
        description="Score news articles for reliability, bias and political lean, with the evidence behind "
                    "every score.",
    )
    parser.add_argument("--version", action="version", version=f"relscore {package_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    return parser, parser.add_subparsers(dest="command", metavar="COMMAND")


def build_parser(plugins: Sequence[str] = PLUGINS) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of ``plugins`` (default: every subcommand)."""
    parser, subparsers = _top_parser()
    # Imported by name: the subcommand modules import UsageError from here. Their first import (pandas,
    # scikit-learn, SciPy, the extractors) creates about a million objects that live as long as the
    # process: the cyclic collector, which would walk them again and again as they come, is paused
    # meanwhile, and they are then moved out of its reach for good (``gc.freeze``), once a process.
    first = any(name not in sys.modules for name in plugins)
    enabled = gc.isenabled()
    gc.disable()
    try:
        # SciPy's special functions before anything else: skops (imported with the model files) names
        # each of their ~230 ufuncs by looking for it through sys.modules in import order
        # (``pickle.whichmodule``), about 0.1 s less when they come before pandas' and scikit-learn's
        # modules; every subcommand imports them anyway.
        importlib.import_module("scipy.special")
        for name in plugins:
            importlib.import_module(name).register(subparsers)
    finally:
        if first:
            gc.freeze()
        if enabled:
            gc.enable()
    return parser


def listing_parser() -> argparse.ArgumentParser:
    """The parser of a command line that names no known subcommand (``--help``, ``--version``, a
    typo): it lists the subcommands, and errors as the full parser does, without importing them."""
    parser, subparsers = _top_parser()
    for name, (_, help_line) in COMMANDS.items():
        subparsers.add_parser(name, help=help_line)
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``: only the module of the subcommand it names, else the listing."""
    # the top-level options take no value, so the first other word is the subcommand
    command = next((a for a in argv if not a.startswith("-")), None)
    if command in COMMANDS:
        return build_parser((COMMANDS[command][0],))
    return listing_parser()


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the subcommand in ``args`` (the top-level one when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(getattr(args, "command", None), parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``relscore`` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = parser_for(argv)
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # said with the usage of the subcommand they were given to
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as e:  # --help, --version and argparse usage errors
        return int(e.code or 0) if not isinstance(e.code, str) else 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="relscore: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except UsageError as e:
        print(f"relscore {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("relscore: interrupted", file=sys.stderr)
        return 130

"""The ``relscore`` command: the parser, logging set-up and dispatch. Each
subcommand lives in its own module (``relscore score`` in :mod:`relscore.score`,
``relscore train``/``evaluate`` in :mod:`relscore.train`, ``relscore report`` in
:mod:`relscore.report`), which adds itself through ``register(subparsers)``."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Sequence

from scoring.version import package_version

#: Modules whose ``register(subparsers)`` adds subcommands, in the order of ``--help``.
PLUGINS = ("relscore.score", "relscore.train", "relscore.report")


class UsageError(Exception):
    """A command-line mistake: printed and exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="relscore",
        description="Score news articles for reliability and bias, with the evidence behind every score.",
    )
    parser.add_argument("--version", action="version", version=f"relscore {package_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Imported by name: the subcommand modules import UsageError from here.
    for name in PLUGINS:
        importlib.import_module(name).register(subparsers)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the subcommand in ``args`` (the top-level one when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(getattr(args, "command", None), parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``relscore`` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
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

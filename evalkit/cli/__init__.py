"""The `evalkit` command line: parse arguments, call the library, map errors to exit codes.

One module per subcommand (`add_arguments(parser)`, `run(args) -> int`, `HELP`), the options
several share in options.py. Exit status: 0 success, 1 a gate found a regression, 2 bad input
or usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ..errors import DetectorFailed, EvalkitError, UsageError, one_line
from .options import Parser

# (command, module under evalkit.cli), in the order `evalkit --help` lists them
COMMANDS = (
    ("run", "run"), ("score", "score"), ("init", "init"), ("validate", "validate"),
    ("datasheet", "datasheet"), ("flag", "flag"), ("eval-detectors", "eval_detectors"),
    ("compare", "compare"), ("gate", "gate"), ("export", "export"), ("align-eval", "align_eval"),
)


class _OneLineFormatter(logging.Formatter):
    """Each warning one line, whatever a file name or a note holds."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


def _unavailable(command: str, reason: str):
    """The handler of a subcommand whose module could not be imported: says why, exit 2."""
    def handler(args: argparse.Namespace) -> int:
        raise UsageError(f"the {command!r} command is not available here: {reason}")
    return handler


def _add_command(sub, command: str, module_name: str) -> None:
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ImportError as exc:
        reason = one_line(f"{type(exc).__name__}: {exc}")
        parser = sub.add_parser(command, help=f"(not available: {reason})", add_help=False)
        parser.add_argument("rest", nargs=argparse.REMAINDER)
        parser.set_defaults(func=_unavailable(command, reason))
        return
    parser = sub.add_parser(command, help=module.HELP, description=module.HELP[:1].upper() + module.HELP[1:] + ".")
    module.add_arguments(parser)
    parser.set_defaults(func=module.run)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="evalkit", description="Translation-quality evaluation harness.")
    _add_verbosity(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command, module_name in COMMANDS:
        _add_command(sub, command, module_name)
    for command in sub.choices.values():
        _add_verbosity(command, default=argparse.SUPPRESS)
    return parser


def _add_verbosity(parser: argparse.ArgumentParser, default=None) -> None:
    """-q and -v, before the subcommand (`default` set) and after it (SUPPRESS: unset keeps the first)."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors",
                        **({} if default is None else {"default": default}))
    parser.add_argument("-v", "--verbose", action="count", help="more logging (-vv: debug)",
                        default=0 if default is None else default)


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING - 10 * args.verbose if not args.quiet else logging.ERROR
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLineFormatter("evalkit: %(message)s"))
    logging.basicConfig(level=max(level, logging.DEBUG), handlers=[handler])


def entry() -> int:
    """The `evalkit` command and `python -m evalkit`: main() in a process of its own, which freezes the
    detectors' tables for the garbage collector after its first document (a library caller of main()
    does not)."""
    from ..detectors import freeze_tables_after_first_document

    freeze_tables_after_first_document()
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a file name that is not valid UTF-8 (a lone surrogate here) is printed escaped, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "metrics", "unset") is None:
        from ..metrics import DEFAULT_METRICS

        args.metrics = DEFAULT_METRICS
    _configure_logging(args)
    try:
        return args.func(args)
    except EvalkitError as exc:
        print(f"evalkit: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except DetectorFailed as exc:   # a bug, not the input's fault: one line, the traceback with -vv
        if args.verbose >= 2 and not args.quiet:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        print(f"evalkit: internal error: {one_line(exc)} (a bug in evalkit: please report it with that "
              "document; -vv prints the traceback)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("evalkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

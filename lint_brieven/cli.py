"""Command line: ``lint-brieven check|rules|explain|review|audit|config|server``, one module per
subcommand.

Exit codes: 0 clean, 1 findings, 2 a usage error, bad configuration, a file that could not be
read or written, or a bug. A bug never shows a traceback unless asked: one Dutch line, and
``--debug`` (before or after the subcommand, or ``LINT_BRIEVEN_DEBUG=1``) for the rest.

``--help``, ``--version`` and a usage error import no spaCy, rules, readers or reporters: the
subcommands import those when they run (``tests/test_startup.py``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from lint_brieven import __version__, argparse_nl, crash
from lint_brieven.commands import EXIT_USAGE, audit, check, explain, fail, review, rules, server
from lint_brieven.commands import config as config_command

# the errors that carry a Dutch message of their own, by the module that defines each
EXPECTED_ERRORS = (
    ("lint_brieven.output", "WriteError"),
    ("lint_brieven.config", "ConfigError"),
    ("lint_brieven.checks.packs", "RulePackError"),
)

DEBUG_HELP = "toon bij een onverwachte fout de volledige melding (traceback)"


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: fout: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lint-brieven",
        description="Controleert brieven en briefsjablonen van woningcorporaties op "
        "begrijpelijke taal.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"lint-brieven {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title="opdrachten", metavar="OPDRACHT"
    )
    check.add_parser(sub)
    rules.add_parser(sub)
    explain.add_parser(sub)
    review.add_parser(sub)
    audit.add_parser(sub)
    config_command.add_parser(sub)
    server.add_parser(sub)
    for command in sub.choices.values():  # also after the subcommand; SUPPRESS keeps the first
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        _starting()
    try:
        with argparse_nl.dutch():  # argparse's own strings (usage, errors, -h) in Dutch
            args = build_parser().parse_args(argv)
        crash.set_debug(bool(getattr(args, "debug", False)))
        code = int(args.run(args))
        if argv is None:
            _ending()
        return code
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a bug: one line, exit 2, not a traceback
        if isinstance(exc, _expected_errors()):  # expected, with a Dutch message
            crash.print_traceback(exc)
            return fail(exc)
        if isinstance(exc, BrokenPipeError):  # the reader went away (``| head``)
            _silence_stdout()
            return EXIT_USAGE
        crash.print_traceback(exc)
        sys.stderr.write(crash.program_error(exc) + "\n")
        return EXIT_USAGE
    finally:
        crash.set_debug(False)


# the collector's first threshold for the command line's own run (Python's default: 700)
YOUNG_OBJECTS = 5_000


def _starting() -> None:
    """The command line's own process starts (``lint-brieven``, ``python -m lint_brieven``):
    let the collector wait for more new objects before it looks for cycles. Importing spaCy
    and loading the model and the rules creates hundreds of thousands of objects that live
    until the end; at Python's default thresholds the collector walks them again and again
    while they are made (0.15 s of a one-letter check's CPU time, 0.09 s at
    :data:`YOUNG_OBJECTS`). Garbage cycles are still collected, after every 5,000 new objects
    instead of 700 (checking the whole corpus peaks at 258 MiB instead of 249). A caller that
    passes ``argv`` (tests, other programs) keeps its collector as it was."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)


def _ending() -> None:
    """The command line's process ends now (``lint-brieven``, ``python -m lint_brieven``):
    hand everything still alive to the collector's permanent generation, so the collections
    Python runs at exit do not walk the loaded pipeline and rules again (a quarter of a
    second of a one-letter check). Nothing is lost: standard output is flushed and ``atexit``
    handlers run as always; what we write to files is closed before this. A caller that
    passes ``argv`` (tests, other programs) keeps its collector as it was."""
    gc.freeze()


def _expected_errors() -> tuple[type[Exception], ...]:
    """The classes of :data:`EXPECTED_ERRORS` whose module was imported: an error of a module
    that was never imported cannot have been raised (and importing it now, to compare, would
    cost seconds, or fail again)."""
    return tuple(
        getattr(sys.modules[module], name)
        for module, name in EXPECTED_ERRORS
        if module in sys.modules
    )


def _silence_stdout() -> None:
    """Point standard output at nothing, so flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())

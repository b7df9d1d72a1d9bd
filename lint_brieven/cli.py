"""Command line: ``lint-brieven check|rules|explain|review|audit``, one module per subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lint_brieven import __version__
from lint_brieven.commands import EXIT_USAGE, audit, check, explain, review, rules


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
    parser.add_argument("--version", action="version", version=f"lint-brieven {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check.add_parser(sub)
    rules.add_parser(sub)
    explain.add_parser(sub)
    review.add_parser(sub)
    audit.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())

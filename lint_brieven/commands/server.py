"""``lint-brieven server``: the language server for editors (Language Server Protocol, stdio).

The editor starts it and talks to it over standard input and output; nothing else may be
written to standard output, so whatever a library prints there goes to standard error.
``--log-file`` keeps the server's own log (pygls, lint-brieven) in a file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from lint_brieven.commands import EXIT_OK, fail
from lint_brieven.file_access import dutch_reason


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "server",
        help="start de taalserver voor editors (LSP via stdio)",
        description="Start de taalserver (Language Server Protocol) voor VS Code, Neovim, "
        "Helix en andere editors. De editor start hem en praat met hem via standaardinvoer "
        "en -uitvoer.",
    )
    p.add_argument(
        "--log-file",
        type=Path,
        metavar="BESTAND",
        help="schrijf het logboek van de server naar dit bestand",
    )
    p.add_argument(
        "--stdio",
        action="store_true",
        help="praat via standaardinvoer en -uitvoer (altijd zo; voor editors die dit meegeven)",
    )
    p.set_defaults(run=run_server)


def run_server(args: argparse.Namespace) -> int:
    from lint_brieven.server.app import create_server

    if args.log_file is not None:
        try:
            handler = logging.FileHandler(args.log_file, encoding="utf-8")
        except OSError as exc:
            return fail(
                f"{args.log_file}: het logboek kan niet worden geschreven ({dutch_reason(exc)})."
            )
        logging.basicConfig(handlers=[handler], level=logging.INFO)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # the protocol owns standard output: stray prints go elsewhere
    create_server().start_io(stdin, stdout)
    return EXIT_OK

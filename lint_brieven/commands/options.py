"""Options that more than one subcommand takes, defined once (help texts in Dutch)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lint_brieven.findings import Severity

if TYPE_CHECKING:
    from lint_brieven.config import Overrides


def codes(value: str) -> tuple[str, ...]:
    """``LB1,LB201`` as the codes or prefixes it names."""
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def add_rule_selection(p: argparse.ArgumentParser) -> None:
    """``--select``, ``--extend-select``, ``--ignore`` and ``--fail-on``."""
    p.add_argument("--select", type=codes, metavar="CODES", help="alleen deze regels (LB1,LB201)")
    p.add_argument("--extend-select", type=codes, metavar="CODES", help="deze regels erbij")
    p.add_argument("--ignore", type=codes, metavar="CODES", help="deze regels overslaan")
    p.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        help="vanaf welk niveau de exitcode 1 is (standaard: warning)",
    )


def add_config_lookup(p: argparse.ArgumentParser) -> None:
    """``--config`` and ``--[no-]respect-gitignore``."""
    p.add_argument(
        "--config",
        type=Path,
        metavar="BESTAND",
        help="gebruik dit configuratiebestand in plaats van zoeken",
    )
    p.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="sla in mappen over wat .gitignore-bestanden negeren (standaard: ja)",
    )


def overrides_from(args: argparse.Namespace) -> Overrides:
    """The configuration overrides the options of :func:`add_rule_selection` and
    :func:`add_config_lookup` give."""
    from lint_brieven.config import Overrides

    return Overrides(
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=Severity(args.fail_on) if args.fail_on else None,
        respect_gitignore=args.respect_gitignore,
    )

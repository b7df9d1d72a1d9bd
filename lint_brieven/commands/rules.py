"""``lint-brieven rules``: a table of every rule, by category, with its measured precision and
whether it is on by default."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from lint_brieven.commands import EXIT_OK, EXIT_USAGE, rules_here

if TYPE_CHECKING:
    from lint_brieven.checks.rule import Rule

UNMEASURED = "–"
TABLE_WIDTH = 132  # when not on a terminal: wide enough that no rule name is cut off


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rules",
        help="toon alle regels",
        description="Toon alle regels met code, naam, categorie, niveau, of de regel "
        "standaard aan staat en de gemeten precisie.",
    )
    p.add_argument("--output-format", choices=["text", "json"], default="text")
    p.set_defaults(run=run_rules)


def precision_shown(rule: Rule) -> str:
    """``92% (25)``: the share of judged findings that were real problems, and how many were
    judged; ``–`` when the rule was not measured."""
    return rule.precision.shown if rule.precision is not None else UNMEASURED


def default_shown(rule: Rule) -> str:
    return "aan" if rule.on_by_default else "uit"


def precision_dict(rule: Rule) -> dict[str, Any] | None:
    return rule.precision.as_dict() if rule.precision is not None else None


def run_rules(args: argparse.Namespace) -> int:
    rules = rules_here()
    if rules is None:
        return EXIT_USAGE
    ordered = sorted(rules.values(), key=lambda r: (r.category, r.code))
    if args.output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.value,
                "kind": r.kind,
                "pack": r.pack,
                "summary": r.summary,
                "default": r.on_by_default,
                "precision": precision_dict(r),
            }
            for r in ordered
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "Code",
        "Naam",
        "Categorie",
        "Niveau",
        "Soort",
        "Standaard",
        "Precisie",
        box=None,
        pad_edge=False,
    )
    for r in ordered:
        table.add_row(
            r.code,
            r.name,
            r.category,
            r.severity.dutch,
            r.kind,
            default_shown(r),
            precision_shown(r),
        )
    tty = sys.stdout.isatty()
    console = Console(highlight=False, no_color=not tty, width=None if tty else TABLE_WIDTH)
    console.print(table)
    console.print(
        "Precisie: het deel van de beoordeelde bevindingen dat een echt probleem was "
        f"(tussen haakjes: hoeveel er beoordeeld zijn); {UNMEASURED}: nog niet gemeten."
    )
    if any(not r.on_by_default for r in ordered):
        console.print(
            'Standaard uit: zet zo\'n regel aan met --select ALL, select = ["ALL"] '
            'of extend-select = ["CODE"].'
        )
    return EXIT_OK

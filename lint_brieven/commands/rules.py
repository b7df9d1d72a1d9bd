"""``lint-brieven rules``: a table of every rule, by category."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from lint_brieven.commands import EXIT_OK, EXIT_USAGE, rules_here


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rules",
        help="toon alle regels",
        description="Toon alle regels met code, naam, categorie en niveau.",
    )
    p.add_argument("--output-format", choices=["text", "json"], default="text")
    p.set_defaults(run=run_rules)


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
            }
            for r in ordered
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    table = Table("Code", "Naam", "Categorie", "Niveau", "Soort", box=None, pad_edge=False)
    for r in ordered:
        table.add_row(r.code, r.name, r.category, r.severity.dutch, r.kind)
    Console(highlight=False, no_color=not sys.stdout.isatty()).print(table)
    return EXIT_OK

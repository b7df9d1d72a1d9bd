"""``lint-brieven review PATH…``: a reviewed copy of each Word letter, with a Word comment on
every finding and a tracked change for every safe replacement (``fix/docx_review.py``).

``brief.docx`` → ``brief.nagekeken.docx`` beside it, or in ``--out DIR``; ``--in-place``
replaces the original atomically. The original is never touched otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lint_brieven.checks.loader import RulePackError
from lint_brieven.commands import EXIT_OK, EXIT_USAGE
from lint_brieven.config import REVIEW_COPY, ConfigError
from lint_brieven.fix.docx_review import review
from lint_brieven.output import write_bytes_atomic
from lint_brieven.runner import RunRequest, run

SUFFIX = REVIEW_COPY


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="maak een nagekeken kopie van Word-brieven",
        description="Maak van elke Word-brief een nagekeken kopie: elke bevinding wordt een "
        "opmerking, elke veilige verbetering een bijgehouden wijziging.",
    )
    p.add_argument("paths", nargs="+", metavar="PAD", help="Word-bestanden of mappen")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="MAP", help="schrijf de kopieën in deze map")
    where.add_argument(
        "--in-place", action="store_true", help="vervang het origineel (veilig, in één keer)"
    )
    p.set_defaults(run=run_review)


def target(path: Path, out: Path | None, in_place: bool) -> Path:
    if in_place:
        return path
    name = path.name[: -len(".docx")] + SUFFIX
    return (out / name) if out else path.with_name(name)


def run_review(args: argparse.Namespace) -> int:
    files = [p for p in _docx_files(args.paths)]
    if not files:
        sys.stderr.write("lint-brieven: fout: geen Word-bestanden (.docx) gevonden.\n")
        return EXIT_USAGE
    try:
        result = run(RunRequest([str(f) for f in files]))
    except (ConfigError, RulePackError) as exc:
        sys.stderr.write(f"lint-brieven: fout: {exc}\n")
        return EXIT_USAGE
    failed = False
    for report in result.reports:
        path = Path(report.path)
        if report.error:
            failed = True
            sys.stdout.write(f"{report.path}: fout: {report.error}\n")
            continue
        made = review(path.read_bytes(), report.findings)
        destination = target(path, args.out, args.in_place)
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(destination, made.data)
        sys.stdout.write(
            f"{report.path} → {destination}: {made.comments} opmerking(en), "
            f"{made.changes} bijgehouden wijziging(en)\n"
        )
    return EXIT_USAGE if failed else EXIT_OK


def _docx_files(paths: list[str]):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*.docx")
                if not p.name.endswith(SUFFIX) and not p.name.startswith("~$")
            )
        else:
            yield path

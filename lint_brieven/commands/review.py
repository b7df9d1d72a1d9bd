"""``lint-brieven review PATH…``: a reviewed copy of each Word letter, with a Word comment on
every finding and a tracked change for every safe replacement (``fix/docx_review.py``).

``brief.docx`` → ``brief.nagekeken.docx`` beside it, or in ``--out DIR`` with the folders below
the common folder of the paths given (``a/brief.docx`` and ``b/brief.docx`` become
``DIR/a/brief.nagekeken.docx`` and ``DIR/b/brief.nagekeken.docx``); ``--in-place`` replaces the
original atomically. The original is never touched otherwise.

A reviewed copy that is newer than its letter may hold the advisor's work (accepted changes,
replies): it is not overwritten without ``--force``; that file gets an error (exit 2) and the
other files go on.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lint_brieven.commands import EXIT_OK, EXIT_USAGE
from lint_brieven.safe_text import terminal_safe


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="maak een nagekeken kopie van Word-brieven",
        description="Maak van elke Word-brief een nagekeken kopie: elke bevinding wordt een "
        "opmerking, elke veilige verbetering een bijgehouden wijziging.",
    )
    p.add_argument("paths", nargs="+", metavar="PAD", help="Word-bestanden of mappen")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--out",
        type=Path,
        metavar="MAP",
        help="schrijf de kopieën in deze map, met dezelfde mappen eronder als de brieven",
    )
    where.add_argument(
        "--in-place", action="store_true", help="vervang het origineel (veilig, in één keer)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="overschrijf ook een nagekeken kopie die nieuwer is dan de brief",
    )
    p.set_defaults(run=run_review)


def target(path: Path, out: Path | None, in_place: bool, root: Path | None = None) -> Path:
    """Where the reviewed copy of ``path`` goes; with ``out``, at the place of ``path`` below
    ``root`` (the common folder of the paths given)."""
    from lint_brieven.config import REVIEW_COPY

    if in_place:
        return path
    name = path.name[: -len(".docx")] + REVIEW_COPY
    if out is None:
        return path.with_name(name)
    folder = Path(os.path.relpath(os.path.abspath(path.parent), root)) if root else Path()
    return out / folder / name


def common_root(paths: list[str]) -> Path:
    """The deepest folder holding every path given: a folder itself, a file's folder."""
    folders = [
        os.path.abspath(raw if Path(raw).is_dir() else os.path.dirname(raw) or ".") for raw in paths
    ]
    return Path(os.path.commonpath(folders))


def run_review(args: argparse.Namespace) -> int:
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.config import ConfigError

    try:
        letters = _letters(args.paths)
    except (ConfigError, RulePackError) as exc:
        sys.stderr.write(terminal_safe(f"lint-brieven: fout: {exc}") + "\n")
        return EXIT_USAGE
    if not letters:
        sys.stderr.write("lint-brieven: fout: geen Word-bestanden (.docx) gevonden.\n")
        return EXIT_USAGE
    root = common_root(args.paths) if args.out else None
    failed = False
    for display, path in letters:
        error = _review_one(display, path, args, root)
        if error:
            failed = True
            sys.stdout.write(terminal_safe(f"{display}: fout: {error}") + "\n")
    return EXIT_USAGE if failed else EXIT_OK


def _letters(paths: list[str]) -> list[tuple[str, Path | None]]:
    """(display, file) for each Word letter to review, found as ``check`` finds files (excluded
    folders, links out of the tree and devices left out); a file named on the command line is
    kept whatever its type, so that it gets an error of its own."""
    from lint_brieven.runner import Runner, RunRequest

    named = {os.path.abspath(p) for p in paths if not os.path.isdir(p)}
    out: dict[str, tuple[str, Path | None]] = {}
    for display, file in Runner(RunRequest(list(paths))).targets():
        key = os.path.abspath(file) if file is not None else display
        if file is None or key in named or _is_letter(file):
            out.setdefault(key, (display, file))
    return list(out.values())


def _is_letter(file: Path) -> bool:
    from lint_brieven.config import REVIEW_COPY

    name = file.name.lower()
    return name.endswith(".docx") and not name.endswith(REVIEW_COPY) and not name.startswith("~$")


def _review_one(
    display: str, path: Path | None, args: argparse.Namespace, root: Path | None
) -> str | None:
    """Check and review one letter; the Dutch error when that fails."""
    if path is None:
        return "Bestand of map bestaat niet."
    if not path.name.lower().endswith(".docx"):
        return "Dit is geen Word-bestand (.docx); review maakt alleen kopieën van Word-brieven."
    from lint_brieven.runner import RunRequest, run

    result = run(RunRequest([str(path)]))
    report = next(iter(result.reports), None)
    if report is None:
        return None  # excluded by the configuration
    if report.error:
        return report.error
    destination = target(path, args.out, args.in_place, root)
    return _refusal(path, destination, args) or _write_review(display, path, destination, report)


def _refusal(path: Path, destination: Path, args: argparse.Namespace) -> str | None:
    """Why the copy must not be written: it is newer than the letter (the advisor may have
    worked in it) and ``--force`` was not given."""
    if args.in_place or args.force:
        return None
    try:
        newer = destination.stat().st_mtime_ns > path.stat().st_mtime_ns
    except OSError:
        return None  # no copy yet
    if newer:
        return (
            f"{destination} bestaat al en is nieuwer dan de brief; niet overschreven "
            "(gebruik --force)."
        )
    return None


def _write_review(display: str, path: Path, destination: Path, report) -> str | None:
    """Review ``path`` and write the copy; the Dutch error if that fails."""
    from lint_brieven.fix.docx_review import review
    from lint_brieven.output import write_bytes_atomic
    from lint_brieven.readers.errors import ReaderError

    try:
        made = review(path.read_bytes(), report.findings)
    except OSError as exc:
        return f"Het bestand kan niet worden geopend: {exc.strerror or exc}."
    except ReaderError as exc:
        return exc.message
    except Exception:  # python-docx and lxml raise many types for odd documents
        return "Het Word-bestand kan niet worden nagekeken: er ging iets onverwachts mis."
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(destination, made.data)
    except OSError as exc:
        return f"{destination} kan niet worden geschreven: {exc.strerror or exc}."
    sys.stdout.write(
        terminal_safe(
            f"{display} → {destination}: {made.comments} opmerking(en), "
            f"{made.changes} bijgehouden wijziging(en)"
        )
        + "\n"
    )
    return None

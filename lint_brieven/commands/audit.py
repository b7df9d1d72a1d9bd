"""``lint-brieven audit PATH… --out rapport/``: check every letter of a template repository and
write a dashboard (``index.html``), a page per letter (``brieven/``), ``rapport.json`` and
``brieven.csv``. ``--jobs N`` workers, a progress bar, and a cache of unchanged letters."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lint_brieven.audit.names import printable
from lint_brieven.commands import EXIT_OK, EXIT_USAGE
from lint_brieven.safe_text import no_workflow_commands

CACHE = ".lint-brieven-cache"  # in the report folder (``audit.run.CACHE``)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="controleer alle brieven en maak een rapport (HTML, JSON, CSV)",
        description="Controleer alle brieven van een map en maak een rapport: een overzicht, "
        "een pagina per brief, rapport.json en brieven.csv.",
    )
    p.add_argument("paths", nargs="+", metavar="PAD", help="bestanden of mappen")
    p.add_argument("--out", type=Path, required=True, metavar="MAP", help="map voor het rapport")
    p.add_argument("--compare", type=Path, metavar="RAPPORT", help="vorige rapport.json")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="aantal processen (standaard: het aantal processorkernen)",
    )
    p.add_argument("--no-cache", action="store_true", help="gebruik en vul de cache niet")
    p.set_defaults(run=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    from lint_brieven.audit.collect import default_jobs
    from lint_brieven.audit.run import prepare, write
    from lint_brieven.checks.packs import RulePackError
    from lint_brieven.config import ConfigError
    from lint_brieven.file_access import dutch_reason

    try:
        prepared = prepare(args.paths, args.out, use_cache=not args.no_cache)
        previous = _previous(args.compare) if args.compare else None
    except (ConfigError, RulePackError) as exc:
        return _fail(str(exc))
    except OSError as exc:  # output.WriteError carries its own Dutch line (``message``)
        where = printable(str(exc.filename or ""))
        reason = f"{where}: het bestand kan niet worden gelezen: {dutch_reason(exc)}."
        return _fail(getattr(exc, "message", None) or reason)
    if not prepared.found.files:
        for report in prepared.found.finished:
            why = report.error or " ".join(report.notices)
            _say(sys.stderr, f"{printable(report.location)}: {printable(why)}\n")
        return _fail("geen brieven gevonden.")
    jobs = max(1, default_jobs() if args.jobs is None else args.jobs)
    out = args.out
    try:
        with _progress(len(prepared.found.files)) as progress:
            audit = write(prepared, jobs=jobs, previous=previous, progress=progress)
    except OSError as exc:  # output.WriteError carries its own Dutch line (``message``)
        where = printable(str(exc.filename or out))
        reason = f"het rapport kan niet worden geschreven ({where}): {dutch_reason(exc)}."
        return _fail(getattr(exc, "message", None) or reason)
    errors = audit.errors
    for x in errors:
        _say(sys.stdout, f"{x.location}: fout: {x.error}\n")
    for report in audit.skipped:
        _say(sys.stdout, f"{report.path}: {' '.join(report.notices)}\n")
    average = audit.average_grade()
    shown = "-" if average is None else f"{average:.1f}".replace(".", ",")
    _say(
        sys.stdout,
        f"Rapport van {audit.count} brieven (gemiddeld cijfer {shown}): "
        f"{printable(str(out / 'index.html'))}\n",
    )
    if errors:
        _say(
            sys.stdout,
            f"{len(errors)} {'brief kon' if len(errors) == 1 else 'brieven konden'} niet "
            "worden gelezen; zie 'Niet gelezen' in het rapport.\n",
        )
    return EXIT_USAGE if errors else EXIT_OK


def _say(stream, text: str) -> None:
    """A line for the terminal or CI log; names in it are already :func:`printable`, and no
    ``::`` from a name or letter can start a GitHub workflow command."""
    stream.write(no_workflow_commands(text))


def _fail(message: str) -> int:
    _say(sys.stderr, f"lint-brieven: fout: {printable(message)}\n")
    return EXIT_USAGE


def _previous(path: Path):
    """An earlier ``rapport.json`` for ``--compare`` (``model.previous_report``: format 2 or
    the Dutch-keyed format 1)."""
    from lint_brieven.audit.model import NotAReport, previous_report
    from lint_brieven.config import ConfigError

    try:
        return previous_report(json.loads(path.read_text(encoding="utf-8")))
    except NotAReport as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ConfigError(f"{path}: dit is geen rapport.json van 'lint-brieven audit'.") from None


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal, else a line every 25 letters."""
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Brieven controleren", total=total)
            yield lambda done, _total: bar.update(task, completed=done)
        return

    def plain(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            _say(sys.stderr, f"{done}/{total} brieven gecontroleerd\n")

    yield plain

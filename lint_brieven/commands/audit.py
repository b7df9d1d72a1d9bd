"""``lint-brieven audit PATH… --out rapport/``: check every letter of a template repository and
write a dashboard (``index.html``), a page per letter (``brieven/``), ``rapport.json`` and
``brieven.csv``. ``--jobs N`` workers, a progress bar, and a cache of unchanged letters."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path

from lint_brieven.audit.names import printable, printable_report
from lint_brieven.commands import EXIT_OK, EXIT_USAGE
from lint_brieven.safe_text import no_workflow_commands

CACHE = ".lint-brieven-cache"


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
    from lint_brieven.audit.collect import default_jobs, letters
    from lint_brieven.audit.export import letters_csv, report_json
    from lint_brieven.audit.html import dashboard, letter_page
    from lint_brieven.audit.model import Audit, LetterResult
    from lint_brieven.audit.moments import moment_of
    from lint_brieven.checks.loader import RulePackError, rules_for
    from lint_brieven.config import ConfigError, config_in
    from lint_brieven.file_access import dutch_reason
    from lint_brieven.output import write_atomic

    try:
        files, finished = letters(args.paths)
        previous = _previous(args.compare) if args.compare else None
    except (ConfigError, RulePackError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = printable(str(exc.filename or ""))
        return _fail(f"{where}: het bestand kan niet worden gelezen: {dutch_reason(exc)}.")
    if not files:
        for report in finished:
            why = report.error or " ".join(report.notices)
            _say(sys.stderr, f"{printable(report.location)}: {printable(why)}\n")
        return _fail("geen brieven gevonden.")
    cache = None if args.no_cache else args.out / CACHE
    jobs = default_jobs() if args.jobs is None else args.jobs
    checked = _with_progress(files, max(1, jobs), cache)
    results, skipped, rules = [], [], {}
    for path, one in zip(files, checked, strict=True):
        config = config_in(path.parent)
        rules.update(rules_for(config.rule_packs))
        report = printable_report(one.report)  # file names that are no UTF-8, escapes
        if report.skipped and not report.error:
            skipped.append(report)
            continue
        moment = moment_of(report.path, one.source, config.moments)
        results.append(LetterResult(report, moment, one.source))
    for report in map(printable_report, finished):  # a folder that cannot be read, …
        if report.error:
            results.append(LetterResult(report, moment_of(report.path)))
        else:
            skipped.append(report)
    for index, letter in enumerate(results):
        letter.slug = f"{index + 1:04d}-" + re.sub(
            r"[^a-z0-9]+", "-", Path(letter.path).stem.lower()
        )
    audit = Audit(results, rules, previous, skipped)
    generated = datetime.now().strftime("%d-%m-%Y %H:%M")
    out = args.out
    try:
        write_atomic(out / "index.html", dashboard(audit, generated))
        for letter in results:
            write_atomic(out / "brieven" / f"{letter.slug}.html", letter_page(letter, rules))
        write_atomic(out / "rapport.json", report_json(audit, generated))
        write_atomic(out / "brieven.csv", letters_csv(audit))
    except OSError as exc:  # output.WriteError carries its own Dutch line (``message``)
        where = printable(str(exc.filename or out))
        reason = f"het rapport kan niet worden geschreven ({where}): {exc.strerror or exc}."
        return _fail(getattr(exc, "message", None) or reason)
    errors = [x for x in results if x.report.error]
    for x in errors:
        _say(sys.stdout, f"{x.report.location}: fout: {x.report.error}\n")
    for report in skipped:
        _say(sys.stdout, f"{report.path}: {' '.join(report.notices)}\n")
    average = audit.average_grade()
    shown = "-" if average is None else f"{average:.1f}".replace(".", ",")
    _say(
        sys.stdout,
        f"Rapport van {len(results)} brieven (gemiddeld cijfer {shown}): "
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


def _previous(path: Path) -> dict:
    """An earlier ``rapport.json`` for ``--compare``, checked for the fields the comparison
    reads."""
    from lint_brieven.config import ConfigError

    wrong = ConfigError(f"{path}: dit is geen rapport.json van 'lint-brieven audit'.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise wrong from None
    if not isinstance(data, dict) or not isinstance(data.get("brieven"), list):
        raise wrong
    number = (int, float, type(None))
    if isinstance(data.get("gemiddeld_cijfer"), bool) or not isinstance(
        data.get("gemiddeld_cijfer"), number
    ):
        raise wrong
    for letter in data["brieven"]:
        if not (
            isinstance(letter, dict)
            and isinstance(letter.get("pad"), str)
            and isinstance(letter.get("bevindingen"), list)
            and isinstance(letter.get("cijfer"), number)
            and not isinstance(letter.get("cijfer"), bool)
        ):
            raise wrong
    return data


def _with_progress(files: list[Path], jobs: int, cache: Path | None):
    from lint_brieven.audit.collect import collect

    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Brieven controleren", total=len(files))
            return collect(files, jobs, cache, lambda done, total: bar.update(task, completed=done))

    def plain(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            _say(sys.stderr, f"{done}/{total} brieven gecontroleerd\n")

    return collect(files, jobs, cache, plain)

"""``lint-brieven check [PATH…]``: check letters and templates, report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lint_brieven.commands import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail
from lint_brieven.commands.options import add_config_lookup, add_rule_selection, overrides_from
from lint_brieven.safe_text import terminal_safe

# the names of ``reporters.FORMATS``, without importing every reporter for ``--help``
# (tests/test_startup.py keeps them the same)
FORMAT_NAMES = (
    "github",
    "github-summary",
    "gitlab",
    "json",
    "json-lines",
    "junit",
    "rdjson",
    "sarif",
    "text",
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="controleer brieven en sjablonen",
        description="Controleer brieven (.docx, .txt, .md, .html) en "
        "Jinja2-sjablonen. Mappen worden doorzocht.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PAD",
        help="bestanden of mappen; '-' leest één brief van standaardinvoer",
    )
    p.add_argument(
        "--output-format",
        choices=FORMAT_NAMES,
        default="text",
        help="uitvoerformaat (standaard: text)",
    )
    p.add_argument(
        "--output", "-o", type=Path, metavar="BESTAND", help="schrijf de uitvoer naar dit bestand"
    )
    add_rule_selection(p)
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exitcode 0, ook bij bevindingen (niet bij leesfouten)",
    )
    p.add_argument(
        "--fix",
        action="store_true",
        help="pas de veilige verbeteringen toe in sjablonen en tekstbestanden",
    )
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="pas met --fix of --diff ook de verbeteringen toe die u moet nalezen",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="toon de verbeteringen als diff en verander niets "
        "(exitcode 1 als er iets zou veranderen)",
    )
    p.add_argument(
        "--min-grade",
        type=float,
        metavar="CIJFER",
        help="exitcode 1 voor brieven met een lager cijfer (1-10, zie README), bijvoorbeeld 8",
    )
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="BESTAND",
        help="meld alleen bevindingen die niet in dit bestand staan "
        "(standaard: 'baseline' uit de configuratie)",
    )
    p.add_argument(
        "--write-baseline",
        action="store_true",
        help="leg de bevindingen van nu vast in het baseline-bestand (en ruim vervallen op)",
    )
    p.add_argument(
        "--no-baseline",
        action="store_true",
        help="negeer de baseline uit de configuratie: meld alle bevindingen",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="blijf wachten en controleer opnieuw zodra een brief, sjabloon of de configuratie "
        "verandert (stop met Ctrl-C)",
    )
    p.add_argument("--statistics", action="store_true", help="aantal bevindingen per regel")
    p.add_argument("--quiet", "-q", action="store_true", help="alleen de bevindingen")
    p.add_argument("--no-color", action="store_true", help="geen kleur")
    add_config_lookup(p)
    p.add_argument(
        "--stdin-filename",
        metavar="NAAM",
        help="naam (en dus type) van de brief op standaardinvoer",
    )
    p.set_defaults(run=run_check)


def run(request):
    """Check the letters of ``request`` (``runner.run``, imported when a check starts)."""
    from lint_brieven.runner import run as run_request

    return run_request(request)


def run_check(args: argparse.Namespace) -> int:
    # wordfreq first: it finds its data folder at import by inspecting the call stack
    # (``locate.this_dir``), at a cost that grows with the stack's depth and the number of
    # modules loaded; here, before spaCy and the rules, that is a millisecond instead of
    # some 50 (tests/test_startup.py)
    import wordfreq  # noqa: F401

    if args.watch:
        from lint_brieven.watch import run_watch

        return run_watch(args)
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.config import ConfigError
    from lint_brieven.output import WriteError, emit
    from lint_brieven.readers import ReadOptions
    from lint_brieven.runner import STDIN, RunRequest

    # one letter on standard input, read no further than a file may be long (+1: too long)
    limit = ReadOptions().max_file_bytes + 1
    stdin_data = sys.stdin.buffer.read(limit) if STDIN in args.paths else None
    request = RunRequest(
        paths=args.paths,
        overrides=overrides_from(args),
        config_file=args.config,
        stdin_filename=args.stdin_filename,
        stdin_data=stdin_data,
    )
    baseline = _baseline_file(args)
    if isinstance(baseline, int):
        return baseline
    entries = None
    if baseline is not None and not args.diff:
        entries = _load_baseline(baseline, args.write_baseline)
        if isinstance(entries, int):
            return entries
    try:
        if args.fix or args.diff:
            from lint_brieven.fix.files import fix

            fixed = fix(request, unsafe=args.unsafe_fixes, write=not args.diff)
            result = fixed.result
        else:
            result = run(request)
    except (ConfigError, RulePackError) as exc:
        return fail(exc)
    if args.diff:
        from lint_brieven.fix.files import unified_diff

        try:
            emit(unified_diff(fixed.changed), args.output)
        except WriteError as exc:
            return fail(exc)
        if result.has_errors:
            return EXIT_USAGE
        return EXIT_FINDINGS if fixed.changed else EXIT_OK
    if args.fix:
        files = len(fixed.changed)
        sys.stderr.write(
            f"lint-brieven: {fixed.applied} verbetering(en) toegepast in {files} bestand(en).\n"
        )
        for message in fixed.refused.values():
            fail(message)
    if entries is not None:
        try:
            result = _with_baseline(args, request, result, baseline, entries)
        except WriteError as exc:
            return fail(exc)
    try:
        too_low = show(args, result)
    except WriteError as exc:
        return fail(exc)
    if result.has_errors or (args.fix and fixed.refused):
        return EXIT_USAGE
    if (result.failing() or too_low) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def show(args: argparse.Namespace, result) -> list[tuple]:
    """Print ``result`` in ``--output-format`` (to ``--output``) and name on standard error
    the letters below ``--min-grade``; returns those (report, grade). Raises ``WriteError``."""
    from lint_brieven.output import emit
    from lint_brieven.reporters import FORMATS
    from lint_brieven.reporters.base import ReportContext

    tty = args.output is None and sys.stdout.isatty()
    color = tty and not args.no_color and "NO_COLOR" not in os.environ
    ctx = ReportContext(
        rules=result.rules,
        color=color,
        show_source=tty,
        statistics=args.statistics,
        quiet=args.quiet,
        docs_url=result.docs_url,
    )
    emit(FORMATS[args.output_format](result.reports, ctx), args.output)
    too_low = _below_grade(result.reports, args.min_grade) if args.min_grade else []
    for report, mark in too_low:
        shown = f"{mark:.1f}".replace(".", ",")
        path = terminal_safe(report.path)
        sys.stderr.write(f"{path}: cijfer {shown} is lager dan {args.min_grade:g}\n")
    return too_low


def _baseline_file(args: argparse.Namespace) -> Path | None | int:
    """The baseline file: ``--baseline``, else the configuration's ``baseline`` (the
    configuration ``--config`` names, or the one for the current folder); an exit code when
    the options do not go together or the configuration is bad."""
    from lint_brieven.config import ConfigError, config_in, load_config

    if args.no_baseline:
        if args.baseline or args.write_baseline:
            return fail("--no-baseline gaat niet samen met --baseline of --write-baseline.")
        return None
    if args.write_baseline and args.diff:
        return fail("--write-baseline gaat niet samen met --diff.")
    if args.baseline is not None:
        return args.baseline
    try:
        config = load_config(args.config) if args.config else config_in(Path.cwd())
    except ConfigError as exc:
        return fail(exc)
    if config.baseline is None and args.write_baseline:
        return fail(
            "--write-baseline heeft een bestand nodig: --baseline BESTAND, "
            "of 'baseline' in de configuratie."
        )
    return config.baseline


def _load_baseline(file: Path, writing: bool) -> list | int:
    """The entries of ``file``; none yet when it is to be written. An exit code (2, Dutch
    message) for a missing or broken file; one about to be rewritten is replaced."""
    from lint_brieven.baseline import BaselineError, load

    if writing and not file.exists():
        return []
    try:
        return load(file)
    except BaselineError as exc:
        if not writing:
            return fail(exc)
        sys.stderr.write(f"lint-brieven: let op: {terminal_safe(str(exc))} Hij wordt vervangen.\n")
        return []


def _with_baseline(args, request, result, file: Path, entries: list):
    """``result`` with only the findings not in the baseline; writes it first with
    ``--write-baseline``. Tells on standard error what the baseline left out and which
    entries match nothing any more."""
    import shlex
    from dataclasses import replace

    from lint_brieven import baseline

    folder = file.parent
    scope = baseline.scope_of(request, result.reports, folder)
    shown = terminal_safe(str(file))
    if args.write_baseline:
        entries = baseline.rewritten(result.reports, entries, folder, scope)
        baseline.save(file, entries)
        sys.stderr.write(
            f"lint-brieven: {shown}: {len(entries)} bevinding(en) vastgelegd in de baseline.\n"
        )
    outcome = baseline.apply(result.reports, entries, folder, scope)
    if outcome.known and not args.quiet:
        sys.stderr.write(
            f"lint-brieven: {outcome.known} bevinding(en) staan in de baseline {shown} "
            "en worden niet gemeld.\n"
        )
    if outcome.stale:
        command = shlex.join(
            ["lint-brieven", "check", *args.paths, "--baseline", str(file), "--write-baseline"]
        )
        sys.stderr.write(
            f"lint-brieven: {shown}: {len(outcome.stale)} vermelding(en) in de baseline "
            "horen bij geen bevinding meer (opgelost of veranderd):\n"
        )
        for entry in outcome.stale:
            words = f" '{entry.words}'" if entry.words else ""
            sys.stderr.write(
                terminal_safe(f"  {entry.path}: {entry.code}{words} ({entry.context})") + "\n"
            )
        sys.stderr.write(f"Ruim ze op met: {terminal_safe(command)}\n")
    return replace(result, reports=outcome.reports)


def _below_grade(reports, minimum: float) -> list[tuple]:
    """Letters whose grade (audit/grade.py) is below ``minimum``."""
    from lint_brieven.audit.grade import grade_of

    out = []
    for report in reports:
        mark = grade_of(report)
        if mark is not None and report.readability and mark < minimum:
            out.append((report, mark))
    return out

"""``lint-brieven check --watch``: check, then check again whenever a letter changes.

One process, the Dutch pipeline loaded once. watchfiles watches the folders of the paths named
(a file named: its folder) and what the letters use outside them (configuration files, rule
packs, the baseline, templates from ``template-paths``). After each burst of changes:

- a configuration file (``lint-brieven.toml``, ``.lint-brieven.toml``, ``pyproject.toml``), the
  file ``--config`` names, a rule pack of a configuration in use or the baseline: everything is
  checked again, the configuration read afresh;
- otherwise the paths are walked again (cheap, no spaCy: new, deleted and newly ignored letters)
  and only the letters a change touches are checked again: a letter that changed, and every
  letter that read a changed file (a template piece it includes). Each letter's part of the run
  is kept (its report, its findings and suppression comments by place) and the run is finished
  from all parts as ``check`` finishes it (``Runner.check_file`` / ``Runner.finish``): what
  depends on the whole run (a finding in a shared piece found once, a suppression comment used
  by any letter) comes out as ``check`` gives it. A letter that could not be read is checked
  again after any change to a file of a type ``check`` reads (the template it missed may just
  have appeared).

The report printed after each check is the whole folder's, in ``--output-format``, preceded on
standard error by a status line (``[14:03:12] Gewijzigd: brieven/a.html.j2 — opnieuw
gecontroleerd``). Ctrl-C (or SIGTERM) ends the watch with "Gestopt." and exit code 0.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import watchfiles

from lint_brieven import crash
from lint_brieven.checks.loader import RulePackError
from lint_brieven.commands import EXIT_OK, EXIT_USAGE, fail
from lint_brieven.commands import check as check_command
from lint_brieven.commands.options import overrides_from
from lint_brieven.config import CONFIG_FILES, ConfigError, find_config_file, load_config
from lint_brieven.findings import FileReport
from lint_brieven.letter import ReadResult
from lint_brieven.output import WriteError
from lint_brieven.readers import ReadOptions, supported
from lint_brieven.runner import STDIN, Runner, RunRequest, RunResult
from lint_brieven.safe_text import terminal_safe
from lint_brieven.walk import display

# watchfiles: yield a burst of changes once none came for STEP_MS, at the latest after
# DEBOUNCE_MS; wake up every TIMEOUT_MS without changes (the first wake-up says the watcher
# is live, so nothing saved during the first check is missed)
DEBOUNCE_MS = 1600
STEP_MS = 50
TIMEOUT_MS = 250
SHOWN_FILES = 5  # a status line names at most this many files, then "en N andere"
SETTINGS_ERRORS = (ConfigError, RulePackError)  # a bad configuration or rule pack: no report

# options of ``check`` that make no sense while watching, with the reason (Dutch)
REFUSED = (
    ("fix", "--fix", "dat zou uw bestanden herschrijven terwijl u typt"),
    ("diff", "--diff", "gebruik --diff zonder --watch"),
    ("write_baseline", "--write-baseline", "leg de baseline vast zonder --watch"),
)


def refusal(args: argparse.Namespace) -> str | None:
    """The Dutch error for options that do not go with ``--watch``; None when they do."""
    for name, option, reason in REFUSED:
        if getattr(args, name, False):
            return f"--watch gaat niet samen met {option}: {reason}."
    if STDIN in args.paths:
        return "--watch gaat niet samen met '-' (standaardinvoer): er is geen bestand om te volgen."
    return None


def run_watch(args: argparse.Namespace) -> int:
    """Check ``args.paths``, then again after every change, until Ctrl-C or SIGTERM."""
    message = refusal(args)
    if message:
        return fail(message)
    if args.no_baseline and isinstance(check_command._baseline_file(args), int):
        return EXIT_USAGE  # --no-baseline with --baseline: check's own error, printed
    stop = threading.Event()
    with _stopping_on_signals(stop):
        try:
            code = _watch(Session(args), stop)
        except KeyboardInterrupt:
            code = EXIT_OK
    if code == EXIT_OK:
        sys.stderr.write("Gestopt.\n")
    return code


def _watch(session: Session, stop: threading.Event) -> int:
    started = False
    while not stop.is_set():
        roots = session.watched()
        if not roots:
            if not started:
                _guarded(session.check_all)  # says which paths do not exist, as check does
            return fail("--watch: geen van de paden bestaat; er is niets om te volgen.")
        for changes in watchfiles.watch(
            *roots,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            rust_timeout=TIMEOUT_MS,
            yield_on_timeout=True,
            stop_event=stop,
        ):
            if not started:  # the watcher is live: the first check
                _guarded(session.check_all)
                _say("Wacht op wijzigingen (stop met Ctrl-C).")
                started = True
            elif changes:
                _guarded(session.changed, [path for _change, path in changes])
            else:
                continue  # a wake-up with nothing changed
            # other configuration files to watch, or one watched that may have been replaced
            if session.watched() != roots or any(os.path.realpath(p) in roots for _, p in changes):
                break
    return EXIT_OK


def _guarded(step: Callable[..., None], *args: object) -> None:
    """Run one check; a bug in it is told in one Dutch line (``--debug``: the traceback) and
    the watch goes on."""
    try:
        step(*args)
    except Exception as exc:  # noqa: BLE001 - the next change may well check fine
        crash.print_traceback(exc)
        sys.stderr.write(crash.program_error(exc) + "\n")


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt (also when the shell started us with SIGINT ignored,
    as it does for a background job); SIGTERM ends the watch after the current check."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {
        signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler),
        signal.SIGTERM: signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set()),
    }
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


# -- the state between checks ------------------------------------------------------------------


@dataclass
class Part:
    """One letter's part of the run, as ``Runner.check_file`` gives it."""

    file: Path | None  # None: a path named on the command line that is not there
    report: FileReport | None  # without findings: ``Runner.finish`` adds them
    findings: dict  # by place
    suppressions: dict  # by place
    files: frozenset[str]  # real paths of every file read: the letter and its templates
    result: RunResult  # rules, fail-on and docs-url of the letter's configuration
    retry: bool = False  # not read: check it again after any change

    @property
    def where(self) -> str:
        """The letter's path as named or walked (also when it is not there)."""
        return str(self.file) if self.file is not None else self.report.path if self.report else ""


@dataclass
class Walked:
    """What a walk of the paths found."""

    targets: dict[str, Path | None] = field(default_factory=dict)  # display path → file
    reports: dict[str, FileReport] = field(default_factory=dict)  # skipped files, bad folders
    order: list[str] = field(default_factory=list)  # display paths in the order of ``check``


class Session:
    """The letters of one ``check --watch`` and their latest parts."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.request = RunRequest(
            paths=list(args.paths), overrides=overrides_from(args), config_file=args.config
        )
        self.parts: dict[str, Part] = {}
        self.walked = Walked()
        self.settings: set[str] = set()  # real paths: configuration files, rule packs …
        self.baseline: str | None = None  # real path of the baseline file in use
        self.broken = False  # the last check stopped on the configuration
        # paths named on the command line that were there when the watch began, and letters
        # deleted since: when they are gone they are removed, not an error
        self.was_there = {str(Path(p)) for p in args.paths if os.path.lexists(p)}
        # the report file (``--output``): written by us, so neither a change nor a letter
        self.output = os.path.realpath(args.output) if args.output is not None else None

    # -- what to watch -----------------------------------------------------------------
    def watched(self) -> list[str]:
        """The folders of the paths (a file named: its folder), then what the letters use
        outside them: configuration files, rule packs, the baseline, templates included
        from elsewhere (``template-paths``)."""
        roots: list[str] = []
        for raw in self.args.paths:
            path = os.path.realpath(raw)
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            if os.path.isdir(folder) and folder not in roots:
                roots.append(folder)
        used = self.settings | ({self.baseline} if self.baseline else set())
        used |= set().union(*(part.files for part in self.parts.values()))
        return roots + sorted(f for f in used if not _under(f, roots) and os.path.exists(f))

    def _is_setting(self, path: str) -> bool:
        """A configuration file, a rule pack (a file or in a folder of packs) or the baseline."""
        if path == self.baseline or Path(path).name in CONFIG_FILES:
            return True
        return _under(path, sorted(self.settings))

    # -- checking ----------------------------------------------------------------------
    def check_all(self, changed: Sequence[str] = ()) -> None:
        """Everything, the configuration read afresh."""
        _forget_configuration()
        self.settings |= self._settings_files()  # a file that turns out broken stays watched
        try:
            walked = self._walk()
            self.parts = {shown: self._check(shown, file) for shown, file in walked.targets.items()}
        except SETTINGS_ERRORS as exc:
            self._failed(exc, changed)
            return
        self.walked = walked
        self.settings = self._settings_files()
        self.broken = False
        if changed:
            _say(f"{_status(changed, [], [])} — alles opnieuw gecontroleerd")
        self._show()

    def changed(self, paths: Iterable[str]) -> None:
        """Check again what the changed ``paths`` touch and show the report; nothing when
        none of them is a file ``check`` reads."""
        changed = {os.path.realpath(p) for p in paths} - {self.output}
        if not changed:
            return
        settings = [p for p in changed if self._is_setting(p)]
        if settings or (self.broken and any(_letter_like(p) for p in changed)):
            self.check_all(_shown(settings or changed))
            return
        try:
            walked = self._walk()
        except SETTINGS_ERRORS as exc:
            self._failed(exc, _shown(changed))
            return
        added = [d for d in walked.targets if d not in self.parts]
        removed = [d for d in self.parts if d not in walked.targets]
        touched = [d for d, part in self.parts.items() if part.files & changed and d not in removed]
        if touched or added or removed or any(_letter_like(p) for p in changed):
            touched += [d for d, p in self.parts.items() if p.retry and d not in touched + removed]
        if not (touched or added or removed):
            return
        read = set().union(*(self.parts[d].files for d in touched))
        try:
            fresh = {d: self._check(d, walked.targets[d]) for d in touched + added}
        except SETTINGS_ERRORS as exc:
            self._failed(exc, _shown(changed))
            return
        deleted = sorted(d for d in removed if not os.path.lexists(self.parts[d].where))
        new = {os.path.realpath(fresh[d].where) for d in added}
        new |= {os.path.realpath(self.parts[d].where) for d in deleted}
        self.was_there |= {self.parts[d].where for d in deleted}
        for shown in removed:
            del self.parts[shown]
        self.parts.update(fresh)
        self.walked = walked
        read |= set().union(*(fresh[d].files for d in touched))
        edited = _shown(p for p in changed if p in read and p not in new)
        if not (edited or added or deleted):  # e.g. a .gitignore that now leaves a letter out
            edited = _shown(changed)
        _say(f"{_status(edited, sorted(added), deleted)} — opnieuw gecontroleerd")
        self._show()

    def _check(self, shown: str, file: Path | None) -> Part:
        """One letter's part, with the files it read."""
        sources: set[str] = set()
        read_it: list[bool] = []

        def read(_shown: str, result: ReadResult) -> None:
            read_it.append(True)
            sources.update(os.path.realpath(s.path) for s in result.sources)

        runner = Runner(replace(self.request, on_read=read))
        report, findings, suppressions = runner.check_file(shown, file)
        if file is not None:
            sources.add(os.path.realpath(file))
        return Part(
            file,
            report,
            findings,
            suppressions,
            frozenset(sources),
            runner.result,
            retry=not read_it or report is None or bool(report.error),
        )

    def _walk(self) -> Walked:
        """The letters ``check`` would read now, less what ``_left_out`` leaves out."""
        walked = Walked()
        for shown, entry in Runner(self.request).entries():
            if isinstance(entry, FileReport):
                walked.reports[shown] = entry
            elif shown not in walked.targets and not self._left_out(shown, entry):
                walked.targets[shown] = entry
            else:
                continue
            walked.order.append(shown)
        return walked

    def _left_out(self, shown: str, entry: Path | None) -> bool:
        """A path named that was there and is gone (removed, not an error), or the report
        file (written by us: no letter)."""
        if entry is None:
            return str(Path(shown)) in self.was_there
        return os.path.realpath(entry) == self.output

    def _settings_files(self) -> set[str]:
        """Real paths of the configuration files of the letters' folders (and of the
        current folder, whose configuration names the baseline), ``--config`` and the rule
        packs they name."""
        folders = {Path.cwd()} | {
            Path(os.path.realpath(part.where)).parent for part in self.parts.values()
        }
        folders |= {Path(os.path.realpath(p)) for p in self.args.paths if os.path.isdir(p)}
        files = {find_config_file(f) for f in folders} | {self.args.config}
        found: set[str] = set()
        for file in files - {None}:
            found.add(os.path.realpath(file))
            try:
                found |= {os.path.realpath(p) for p in load_config(Path(file)).rule_packs}
            except ConfigError:
                continue
        return found

    def _failed(self, exc: Exception, changed: Sequence[str]) -> None:
        self.broken = True
        if changed:
            _say(f"{_status(changed, [], [])} — opnieuw gecontroleerd")
        fail(exc)

    # -- the report ----------------------------------------------------------------------
    def result(self) -> RunResult:
        """The run as ``check`` gives it: the parts merged in the walk's order and finished
        by the runner."""
        runner = Runner(self.request)
        reports: list[FileReport] = []
        findings: dict = {}
        suppressions: dict = {}
        for shown in self.walked.order:
            if shown in self.walked.reports:
                reports.append(self.walked.reports[shown])
                continue
            part = self.parts[shown]
            for place, finding in part.findings.items():
                findings.setdefault(place, finding)
            for place, suppression in part.suppressions.items():
                suppressions.setdefault(place, suppression)
            if part.report is not None:
                reports.append(replace(part.report, findings=[]))
            runner.result.rules.update(part.result.rules)
            if part.result.fail_on.rank < runner.result.fail_on.rank:
                runner.result.fail_on = part.result.fail_on
            runner.result.docs_url = runner.result.docs_url or part.result.docs_url
        return runner.finish(reports, findings, suppressions)

    def _show(self) -> None:
        """Print the report as ``check`` does, the baseline applied."""
        result = self.result()
        file = check_command._baseline_file(self.args)  # an error: printed, no report
        self.baseline = os.path.realpath(file) if isinstance(file, Path) else None
        if isinstance(file, int):
            return
        if file is not None:
            entries = check_command._load_baseline(file, False)
            if isinstance(entries, int):
                return
            result = check_command._with_baseline(self.args, self.request, result, file, entries)
        try:
            check_command.show(self.args, result)
        except WriteError as exc:
            fail(exc)


# -- pieces ------------------------------------------------------------------------------------


def _forget_configuration() -> None:
    """Read configuration files and rule packs again (the process keeps them otherwise)."""
    from lint_brieven import runner
    from lint_brieven.checks import loader

    find_config_file.cache_clear()
    load_config.cache_clear()
    loader.rules_for.cache_clear()
    runner.forget_checks()


def _letter_like(path: str) -> bool:
    """A file of a type ``check`` reads (by the default settings)."""
    return supported(path, ReadOptions())


def _under(path: str, folders: Sequence[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def _shown(paths: Iterable[str]) -> list[str]:
    return sorted({display(Path(p)) for p in paths})


def _status(edited: Sequence[str], added: Sequence[str], deleted: Sequence[str]) -> str:
    """``Gewijzigd: a, b; nieuw: c; verwijderd: d``, each list cut short after a few names."""
    parts = [
        f"{label}: {_names(names)}"
        for label, names in (("gewijzigd", edited), ("nieuw", added), ("verwijderd", deleted))
        if names
    ]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(terminal_safe(n) for n in names[:SHOWN_FILES])
    rest = len(names) - SHOWN_FILES
    return f"{shown} en {rest} andere" if rest > 0 else shown


def _say(text: str) -> None:
    """A status line on standard error, with the time."""
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {text}\n")
    sys.stderr.flush()

"""``lint-brieven check --watch``: check, then check again whenever a letter changes.

One process, the Dutch pipeline loaded once. watchfiles watches the folders of the paths named
(a file named: its folder) and the configuration files in use that lie outside them. After each
burst of changes:

- a configuration file (``lint-brieven.toml``, ``.lint-brieven.toml``, ``pyproject.toml``), the
  file ``--config`` names, a rule pack of a configuration in use or the baseline: everything is
  checked again, the configuration read afresh;
- otherwise the paths are walked again (cheap, no spaCy: new, deleted and newly ignored letters)
  and only the letters a change touches are checked again: a letter that changed, and every
  letter that shares a file with it. Letters that include the same template piece form a group
  that is always checked together, so that what depends on the whole run (a finding in the
  piece found once, a suppression comment in it used by any letter) comes out as ``check``
  would give it. A letter that could not be read is checked again after any change to a file
  of a type ``check`` reads (the template it missed may just have appeared).

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
class Group:
    """Letters checked together because they share a file (a template piece); a letter that
    shares nothing is a group of its own."""

    targets: dict[str, str]  # display path → the path handed to the runner
    files: frozenset[str]  # real paths of every file read: the letters and their templates
    result: RunResult  # the reports of the letters and of their templates' findings
    retry: bool = False  # a letter could not be read: check it again after any change


@dataclass
class Walked:
    """What a walk of the paths found."""

    targets: dict[str, str] = field(default_factory=dict)  # display path → path for the runner
    reports: dict[str, FileReport] = field(default_factory=dict)  # skipped files, bad folders
    order: list[str] = field(default_factory=list)  # display paths in the order of ``check``


class Session:
    """The letters of one ``check --watch`` and their latest reports."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.request = RunRequest(
            paths=list(args.paths), overrides=overrides_from(args), config_file=args.config
        )
        self.groups: list[Group] = []
        self.walked = Walked()
        self.settings: set[str] = set()  # real paths: configuration files, rule packs …
        self.baseline: str | None = None  # real path of the baseline file in use
        self.broken = False  # the last check stopped on the configuration
        # paths named on the command line that were there when the watch began, and letters
        # deleted since: when they are gone they are removed, not an error
        self.was_there = {str(Path(p)) for p in args.paths if os.path.lexists(p)}

    # -- what to watch -----------------------------------------------------------------
    def watched(self) -> list[str]:
        """The folders of the paths (a file named: its folder), then the configuration
        files in use outside them."""
        roots: list[str] = []
        for raw in self.args.paths:
            path = os.path.realpath(raw)
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            if os.path.isdir(folder) and folder not in roots:
                roots.append(folder)
        files = self.settings | ({self.baseline} if self.baseline else set())
        return roots + sorted(f for f in files if os.path.isfile(f) and not _under(f, roots))

    def _is_setting(self, path: str) -> bool:
        return path in self.settings or path == self.baseline or Path(path).name in CONFIG_FILES

    # -- checking ----------------------------------------------------------------------
    def check_all(self, changed: Sequence[str] = ()) -> None:
        """Everything, the configuration read afresh."""
        _forget_configuration()
        self.settings |= self._settings_files()  # a file that turns out broken stays watched
        try:
            walked = self._walk()
            self.groups = self._check(walked.targets)
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
        changed = {os.path.realpath(p) for p in paths}
        settings = [p for p in changed if self._is_setting(p)]
        if settings or (self.broken and any(_letter_like(p) for p in changed)):
            self.check_all(_shown(settings or changed))
            return
        try:
            walked = self._walk()
        except SETTINGS_ERRORS as exc:
            self._failed(exc, _shown(changed))
            return
        known = {d: t for g in self.groups for d, t in g.targets.items()}
        added = [d for d in walked.targets if d not in known]
        removed = {d for d in known if d not in walked.targets}
        hit = [g for g in self.groups if g.files & changed or g.targets.keys() & removed]
        if hit or added or removed or any(_letter_like(p) for p in changed):
            hit += [g for g in self.groups if g.retry and g not in hit]
        if not (hit or added or removed):
            return
        kept = [g for g in self.groups if g not in hit]
        todo = {d: walked.targets[d] for g in hit for d in g.targets if d in walked.targets}
        todo.update({d: walked.targets[d] for d in added})
        try:
            fresh = self._check_with(todo, kept, walked)
        except SETTINGS_ERRORS as exc:
            self._failed(exc, _shown(changed))
            return
        self.groups = kept + fresh
        self.walked = walked
        deleted = sorted(d for d in removed if not os.path.lexists(known[d]))
        new = {os.path.realpath(walked.targets[d]) for d in added}
        new |= {os.path.realpath(known[d]) for d in deleted}  # named as such, not as changed
        read = set().union(*(g.files for g in hit), *(g.files for g in fresh)) - new
        self.was_there |= {str(Path(known[d])) for d in deleted}
        edited = _shown(p for p in changed if p in read) or _shown(
            p for p in changed if _letter_like(p) and p not in new
        )
        _say(f"{_status(edited, sorted(added), deleted)} — opnieuw gecontroleerd")
        self._show()

    def _check_with(self, todo: dict[str, str], kept: list[Group], walked: Walked) -> list[Group]:
        """Check ``todo``; a letter that now shares a file with a group in ``kept`` (it
        includes a template piece it did not include before) takes that group along (it is
        taken out of ``kept``)."""
        while True:
            fresh = self._check(todo) if todo else []
            files = set().union(*(g.files for g in fresh))
            joined = [g for g in kept if g.files & files]
            if not joined:
                return fresh
            for group in joined:
                kept.remove(group)
                todo.update({d: t for d, t in group.targets.items() if d in walked.targets})

    def _check(self, targets: dict[str, str]) -> list[Group]:
        """Check ``targets`` in one run, split into groups by the files they share."""
        sources: dict[str, set[str]] = {}

        def read(shown: str, result: ReadResult) -> None:
            sources.setdefault(shown, set()).update(
                os.path.realpath(s.path) for s in result.sources
            )

        request = replace(self.request, paths=list(targets.values()), on_read=read)
        result = check_command.run(request)
        files = {d: {os.path.realpath(t), *sources.get(d, ())} for d, t in targets.items()}
        return _split(result, targets, files, unread=targets.keys() - sources.keys())

    def _walk(self) -> Walked:
        """The letters ``check`` would read now; a path named on the command line that was
        there before is left out when it is gone (removed, not an error)."""
        walked = Walked()
        for shown, entry in Runner(self.request).entries():
            if isinstance(entry, FileReport):
                walked.reports[shown] = entry
            elif entry is None and str(Path(shown)) in self.was_there:
                continue
            elif shown not in walked.targets:
                walked.targets[shown] = str(entry) if entry is not None else shown
            else:
                continue
            walked.order.append(shown)
        return walked

    def _settings_files(self) -> set[str]:
        """Real paths of the configuration files of the letters' folders (and of the
        current folder, whose configuration names the baseline), ``--config`` and the rule
        packs they name."""
        folders = {Path.cwd()} | {
            Path(os.path.realpath(t)).parent for g in self.groups for t in g.targets.values()
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
        """The run as ``check`` would give it: the reports in the walk's order, then those of
        templates with findings that were not checked themselves (by path, as the runner
        adds them)."""
        result = RunResult()
        mine: dict[str, FileReport] = {}
        extra: dict[str, FileReport] = {}
        place = {d: i for i, d in enumerate(self.walked.order)}
        for group in sorted(self.groups, key=lambda g: min(place.get(d, 0) for d in g.targets)):
            for report in group.result.reports:
                (mine if report.path in group.targets else extra)[report.path] = report
            result.rules.update(group.result.rules)
            if group.result.fail_on.rank < result.fail_on.rank:
                result.fail_on = group.result.fail_on
            result.docs_url = result.docs_url or group.result.docs_url
        for shown in self.walked.order:
            report = self.walked.reports.get(shown) or mine.get(shown)
            if report is not None:
                result.reports.append(report)
        listed = {r.path for r in result.reports}
        result.reports += [extra[p] for p in sorted(extra) if p not in listed]
        return result

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


def _split(
    result: RunResult, targets: dict[str, str], files: dict[str, set[str]], unread: set[str]
) -> list[Group]:
    """The groups of one run: letters sharing a file go together, and each report goes with
    the letter it belongs to or the group whose letters read its file."""
    owner: dict[str, str] = {}  # file → a letter that read it
    parent = {d: d for d in targets}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for shown, read in files.items():
        for file in read:
            other = owner.setdefault(file, shown)
            parent[root(shown)] = root(other)
    members: dict[str, list[str]] = {}
    for shown in targets:
        members.setdefault(root(shown), []).append(shown)
    reports: dict[str, list[FileReport]] = {r: [] for r in members}
    for report in result.reports:
        home = report.path if report.path in targets else owner.get(os.path.realpath(report.path))
        if home is None:  # a report no letter accounts for: keep the run as one group
            return [_group(result, targets, files, unread, list(targets), result.reports)]
        reports[root(home)].append(report)
    return [
        _group(result, targets, files, unread, shown, reports[r]) for r, shown in members.items()
    ]


def _group(
    result: RunResult,
    targets: dict[str, str],
    files: dict[str, set[str]],
    unread: set[str],
    shown: list[str],
    reports: list[FileReport],
) -> Group:
    own = {r.path: r for r in reports}
    return Group(
        targets={d: targets[d] for d in shown},
        files=frozenset().union(*(files[d] for d in shown)),
        result=RunResult(reports, result.rules, result.fail_on, result.docs_url),
        retry=any(d in unread or (d in own and own[d].error) for d in shown),
    )


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
    text = "; ".join(parts) or "gewijzigd"
    return text[0].upper() + text[1:]


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(terminal_safe(n) for n in names[:SHOWN_FILES])
    rest = len(names) - SHOWN_FILES
    return f"{shown} en {rest} andere" if rest > 0 else shown


def _say(text: str) -> None:
    """A status line on standard error, with the time."""
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {text}\n")
    sys.stderr.flush()

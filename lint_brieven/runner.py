"""A whole run: find the files, read each with its configuration, check, suppress, report.

Data flow: file → reader → letters → Dutch analysis → checks → findings → suppressions →
file reports. A file that cannot be read becomes a report with a Dutch error; the run goes on.
So does any unexpected exception while one file is handled (``crash.file_error``).

Walking a folder reads regular files only: a FIFO, device or socket is skipped with a notice,
and so is a symbolic link that leads out of the folder being checked (a link named on the
command line is followed). A subfolder that cannot be read is an error, not silence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from lint_brieven import readers, walk
from lint_brieven.checks.base import Check, CheckContext
from lint_brieven.checks.builtin import UNUSED_SUPPRESSION, rejected_word_rule
from lint_brieven.checks.loader import RulePackError, build_check, rules_for
from lint_brieven.checks.options import OptionError, with_options
from lint_brieven.checks.regexes import RegexTimeout, time_budget
from lint_brieven.checks.rule import Rule
from lint_brieven.config import (
    Config,
    ConfigError,
    Overrides,
    config_in,
    load_config,
    selected_codes,
    severity_for,
    unknown_selectors,
)
from lint_brieven.crash import file_error, print_traceback
from lint_brieven.dutch.letter_type import declared_in_file, known_types
from lint_brieven.engine import Parsed, analyse, parse
from lint_brieven.file_access import (
    FileRefused,
    read_regular,
    too_large,
)
from lint_brieven.findings import FileReport, Finding, Severity
from lint_brieven.letter import ReadResult, Suppression
from lint_brieven.readability.report import report_readability
from lint_brieven.readers import ReaderError
from lint_brieven.sentence_findings import merge as merge_sentence_findings
from lint_brieven.walk import LINK_OUTSIDE_FILE, LINK_OUTSIDE_FOLDER, STDIN, Entry

__all__ = [
    "LINK_OUTSIDE_FILE",
    "LINK_OUTSIDE_FOLDER",
    "STDIN",
    "Entry",
    "RunRequest",
    "RunResult",
    "Runner",
    "run",
]


@dataclass(frozen=True)
class RunRequest:
    paths: Sequence[str]
    overrides: Overrides = Overrides()
    config_file: Path | None = None  # --config: use this file for every letter
    stdin_filename: str | None = None
    stdin_data: bytes | None = None
    # file contents to use instead of what is on disk (``--fix`` passes over edited texts)
    overlay: Mapping[Path, bytes] = field(default_factory=dict)
    # called with each file's display path and what its reader made of it (``audit`` takes a
    # letter's own source text and the templates it used from there, without reading again)
    on_read: Callable[[str, ReadResult], None] | None = None

    def data_of(self, file: Path, limit: int) -> bytes:
        """``file``'s bytes: the overlay's text when it has one (also an empty one: an editor's
        emptied buffer), else the file on disk (``FileRefused`` when it cannot be read)."""
        key = file.resolve()
        return self.overlay[key] if key in self.overlay else read_regular(file, limit)


@dataclass
class RunResult:
    reports: list[FileReport] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR  # the strictest fail-on of the configurations used
    docs_url: str | None = None  # the first ``docs-url`` of the configurations used

    @property
    def has_errors(self) -> bool:
        return any(r.error for r in self.reports)

    def failing(self, fail_on: Severity | None = None) -> bool:
        level = (fail_on or self.fail_on).rank
        return any(f.severity.rank >= level for r in self.reports for f in r.findings)


@lru_cache(maxsize=512)
def _built(rule: Rule, options: str) -> Check:
    return build_check(with_options(rule, json.loads(options)))


def _check(rule: Rule, options: Mapping[str, Any] | None = None) -> Check:
    """The check for ``rule`` with the configuration's options, built once per combination
    (rules compare by code, so the options are part of the key)."""
    return _built(rule, json.dumps(dict(options), sort_keys=True) if options else "{}")


@lru_cache(maxsize=8)
def _rejected_check(words: tuple[tuple[str, str], ...]) -> Check:
    """LB002 for one configuration's rejected words, built once per word list."""
    return build_check(rejected_word_rule(dict(words)))


def forget_checks() -> None:
    """Build every check again from its rule (``check --watch``, after a rule pack changed:
    rules compare by code, not by their patterns)."""
    _built.cache_clear()
    _rejected_check.cache_clear()


class Runner:
    def __init__(self, request: RunRequest) -> None:
        self.request = request
        self.result = RunResult()
        self._explicit = load_config(request.config_file) if request.config_file else None

    # -- configuration -------------------------------------------------------------------
    def config(self, directory: Path) -> Config:
        """The configuration for files in ``directory``, with the command line applied."""
        base = self._explicit or config_in(directory)
        config = self.request.overrides.apply(base)
        rules = rules_for(config.rule_packs)
        bad = unknown_selectors(config, list(rules))
        where = config.path or "de opdrachtregel"
        if bad:
            raise ConfigError(f"{where}: onbekende regelcode(s): {', '.join(bad)}.")
        for code, options in config.rule_options.items():
            if code not in rules:
                raise ConfigError(f"{where}: rule-options voor onbekende regelcode {code}.")
            try:
                with_options(rules[code], options)
            except OptionError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        return config

    # -- files ---------------------------------------------------------------------------
    def targets(self) -> Iterator[tuple[str, Path | None]]:
        """(display path, file) pairs of the files to check; file None for a path that does
        not exist. Skipped files and unreadable folders are left out (see ``entries``)."""
        for display, entry in self.entries():
            if not isinstance(entry, FileReport):
                yield display, entry

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """(display path, entry) for every path of the request, folders walked."""
        return walk.entries(self.request.paths, self.config)

    # -- the run -------------------------------------------------------------------------
    def run(self) -> RunResult:
        """Every file, read and parsed a few ahead of checking (``PARSE_AHEAD``): the parser
        then reads the texts of several files in a row, with its model still in the
        processor's caches, not again after each file's checks. Files are checked, and their
        reports and findings kept, in the order the run meets them; a bad configuration or
        rule pack ends the run after the files before it are checked, as one by one."""
        findings: dict[tuple, Finding] = {}
        suppressions: dict[tuple, tuple[Suppression, Config]] = {}
        seen: set[str] = set()
        ahead: list[FileReport | _Prepared] = []  # in the run's order
        chars = 0  # the characters of the texts parsed ahead
        try:
            for display, entry in self.entries():
                if isinstance(entry, FileReport):
                    ahead.append(entry)
                    continue
                if entry is not None and display in seen:  # a link to a file already checked
                    continue
                seen.add(display)
                prepared = self._prepare_one(display, entry)
                if prepared is not None:
                    ahead.append(prepared)
                if isinstance(prepared, _Prepared):
                    chars += prepared.chars
                    if chars >= PARSE_AHEAD:
                        self._complete_all(ahead, findings, suppressions)
                        chars = 0
        except (ConfigError, RulePackError):
            self._complete_all(ahead, findings, suppressions)  # their errors come first
            raise
        self._complete_all(ahead, findings, suppressions)
        self._finish(findings, suppressions)
        return self.result

    def _complete_all(
        self, ahead: list[FileReport | _Prepared], findings: dict, suppressions: dict
    ) -> None:
        """Check the files read ahead, in order, and keep their reports; ``ahead`` is emptied."""
        for item in ahead:
            report = (
                item
                if isinstance(item, FileReport)
                else self._complete_one(item, findings, suppressions)
            )
            if report is not None:
                self.result.reports.append(report)
        ahead.clear()

    # -- a run in parts (``check --watch`` keeps each letter's part, checks again only
    # what changed, and finishes the run from all parts as ``run`` would) ----------------
    def check_file(self, display: str, file: Path | None) -> tuple[FileReport | None, dict, dict]:
        """One file as ``run`` checks it: its report (without findings yet) and its findings
        and suppressions by place, for ``finish``."""
        findings: dict[tuple, Finding] = {}
        suppressions: dict[tuple, tuple[Suppression, Config]] = {}
        return self._check_one(display, file, findings, suppressions), findings, suppressions

    def finish(self, reports: list[FileReport], findings: dict, suppressions: dict) -> RunResult:
        """The run from the parts of ``check_file``, merged in the order ``run`` meets the
        files (the first file to find a place keeps it): suppressions applied, the findings
        in their reports."""
        self.result.reports = reports
        self._finish(findings, suppressions)
        return self.result

    def _check_one(
        self, display: str, file: Path | None, findings: dict, suppressions: dict
    ) -> FileReport | None:
        """One file's report. A bad rule pack or configuration ends the run (exit 2, one
        message); any other exception becomes this file's error and the run goes on."""
        prepared = self._prepare_one(display, file)
        if isinstance(prepared, _Prepared):
            return self._complete_one(prepared, findings, suppressions)
        return prepared

    def _prepare_one(self, display: str, file: Path | None) -> FileReport | _Prepared | None:
        """``_prepare``, with its errors as ``_check_one`` has them."""
        return self._guarded(display, lambda: self._prepare(display, file))

    def _complete_one(
        self, prepared: _Prepared, findings: dict, suppressions: dict
    ) -> FileReport | None:
        """``_complete``, with its errors as ``_check_one`` has them."""
        return self._guarded(
            prepared.display, lambda: self._complete(prepared, findings, suppressions)
        )

    def _guarded(self, display: str, work: Callable[[], T]) -> T | FileReport:
        shown = (self.request.stdin_filename or "brief.txt") if display == STDIN else display
        try:
            return work()
        except (ConfigError, RulePackError):
            raise
        except RegexTimeout as exc:
            return FileReport(shown, error=exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug in one file must not end the run
            print_traceback(exc)
            return FileReport(shown, error=file_error(exc))

    def _prepare(self, display: str, file: Path | None) -> FileReport | _Prepared:
        """A file read and parsed, with its configuration and checks; or its report, when it
        cannot be read."""
        if file is None and display != STDIN:
            return FileReport(display, error="Bestand of map bestaat niet.")
        if file is None:
            display = self.request.stdin_filename or "brief.txt"
            file_for_config = Path(display)
        else:
            file_for_config = file
        config = self.config(file_for_config.parent)
        limit = config.read_options.max_file_bytes
        if file is None:
            data = self.request.stdin_data or b""
            if len(data) > limit:
                return FileReport(display, error=too_large(None, limit))  # read up to limit + 1
        else:
            try:
                data = self.request.data_of(file, limit)
            except FileRefused as refused:
                if refused.notice:
                    return _skipped(display, refused.message)
                return FileReport(display, error=refused.message)
        if config.fail_on.rank < self.result.fail_on.rank:
            self.result.fail_on = config.fail_on
        rules = rules_for(config.rule_packs)
        self.result.rules.update(rules)
        self.result.docs_url = self.result.docs_url or config.docs_url
        try:
            read = readers.read(display, data, config.read_options)
            # brieftype: the file's front matter, else the configuration (dutch/letter_type.py)
            letter_type = declared_in_file(read, known_types(rules.values()))
            letter_type = letter_type or config.letter_type_for(file_for_config)
        except ReaderError as exc:
            if exc.path and exc.path != display:
                message = f"{exc.message} (in {exc.path}{f':{exc.line}' if exc.line else ''})"
                return FileReport(display, error=message)
            return FileReport(display, error=exc.message, error_line=exc.line)
        if self.request.on_read is not None:
            self.request.on_read(display, read)
        read.declare_kind(config.kind_for(file_for_config))  # soort: brief, fragment …
        codes = selected_codes(config, rules, file_for_config)
        skip = {"builtin", "letter"} if config.is_partial(file_for_config) else {"builtin"}
        checks = [
            _check(rules[c], config.rule_options.get(c))
            for c in sorted(codes)
            if rules[c].kind not in skip
        ]
        if config.reject and "LB002" in codes:
            checks.append(_rejected_check(tuple(sorted(config.reject.items()))))
        ctx = CheckContext(
            dict(config.organisation),
            config.target_level,
            dict(config.service_terms),
            letter_type,
        )
        return _Prepared(display, config, read, checks, ctx, parse(read))

    def _complete(self, prepared: _Prepared, findings: dict, suppressions: dict) -> FileReport:
        """A prepared file checked: its report; its findings and suppressions kept."""
        display, config, read = prepared.display, prepared.config, prepared.read
        with time_budget():  # rule-pack regular expressions, all together, per file
            analysis = analyse(read, prepared.checks, prepared.ctx, config.accept, prepared.parsed)
        found = [
            _with_severity(f, severity_for(config, f.code, f.severity)) for f in analysis.findings
        ]
        report = FileReport(
            display,
            notices=list(read.notices),
            paragraphs=read.letters[0].format == "docx" if read.letters else False,
            readability=report_readability(analysis.letters),
        )
        # only now, with nothing left to fail, do this file's findings join the run
        for finding in found:
            findings.setdefault(finding.place, finding)
        for s in read.suppressions:
            suppressions.setdefault((s.path, s.line, s.column), (s, config))
        return report

    def _finish(self, findings: dict, suppressions: dict) -> None:
        used: dict[tuple, set[str]] = {k: set() for k in suppressions}
        kept: list[Finding] = []
        for finding in findings.values():
            covering = [
                k
                for k, (s, _) in suppressions.items()
                if s.covers(finding.path, finding.line, finding.code)
            ]
            for k in covering:
                used[k].add(finding.code)
            if not covering:
                kept.append(finding)
        for key, (s, config) in suppressions.items():
            unused = s.codes - used[key] if s.codes else (set() if used[key] else {"alle"})
            if unused and UNUSED_SUPPRESSION.code in selected_codes(
                config, [UNUSED_SUPPRESSION.code], Path(s.path)
            ):
                kept.append(_unused(s, sorted(unused), config))
        # after selection and suppression: what was ignored or suppressed adds no reason
        kept = merge_sentence_findings(kept)
        by_path = {r.path: r for r in self.result.reports}
        for finding in sorted(kept, key=lambda f: f.sort_key):
            report = by_path.get(finding.path)
            if report is None:
                report = FileReport(finding.path, paragraphs=finding.paragraphs)
                by_path[finding.path] = report
                self.result.reports.append(report)
            report.findings.append(finding)


# How far a run reads and parses ahead of checking: files until their distinct block texts
# hold this many characters (the docs of those files are kept until they are checked).
PARSE_AHEAD = 50_000

T = TypeVar("T")


@dataclass(frozen=True)
class _Prepared:
    """A file read and parsed, ready to be checked."""

    display: str
    config: Config
    read: ReadResult
    checks: list[Check]
    ctx: CheckContext
    parsed: Parsed

    @property
    def chars(self) -> int:
        return sum(len(block.text) for block in self.parsed.numbers)


def _unused(s: Suppression, codes: list[str], config: Config) -> Finding:
    rule = UNUSED_SUPPRESSION
    return Finding(
        path=s.path,
        code=rule.code,
        severity=severity_for(config, rule.code, rule.severity),
        message=rule.message.replace("{codes}", ", ".join(codes)),
        line=s.line,
        column=s.column,
        end_line=s.line,
        end_column=s.column + len(s.comment),
        text=s.comment,
        rule_name=rule.name,
        paragraphs=s.paragraphs,
    )


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    """``finding`` with the configuration's severity (the same finding when it has it)."""
    return finding if finding.severity is severity else replace(finding, severity=severity)


def _skipped(display: str, notice: str) -> FileReport:
    return walk.skipped(display, notice)


def run(request: RunRequest) -> RunResult:
    return Runner(request).run()

"""The baseline: the findings a repository already had, so ``check`` reports only new ones.

``check PATHS --baseline FILE --write-baseline`` records the run's findings in FILE;
``check PATHS --baseline FILE`` then leaves out every finding the file holds. A finding is
matched by its file, code, flagged words and their neighbourhood (``fingerprint.Identity``),
never by line: inserting lines above keeps it matched. Matching counts: two identical findings
in a file need two entries, the third is new.

The file is JSON, one entry a line, sorted, so a change to it reads well in a diff::

    {
      "tool": "lint-brieven",
      "version": 1,
      "findings": [
        {"path": "brieven/a.txt", "code": "LB101", "words": "middels", "context": "u … dit"}
      ]
    }

Paths are relative to the baseline file's folder (as the repository sees them), whatever
folder ``check`` runs in. A run speaks for what it checked: its *scope* is the files it read
and the rules selected for each, plus files under its paths that no longer exist. Entries in
scope that match nothing are reported as prunable; ``--write-baseline`` replaces the entries
in scope with the run's findings and keeps the others (other files, rules left out by
``--select``/``--ignore``, files that could not be read).

With ``--fix`` every safe fix is applied, to known findings as well (a baseline hides debt,
it does not protect it); what the fixes removed is then reported as prunable. ``--diff``
shows every fix and leaves the baseline aside. Every output format gets the findings the
baseline leaves; what it left out and what is prunable go to standard error, in Dutch.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lint_brieven.findings import FileReport, Finding
from lint_brieven.fingerprint import Identity, identity
from lint_brieven.output import write_atomic

TOOL = "lint-brieven"
VERSION = 1
FIELDS = ("path", "code", "words", "context")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message is Dutch and names the file."""


def entry_path(path: str, folder: Path) -> str:
    """``path`` (as the run shows it) relative to the baseline's folder, with ``/``."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        relative = path
    return relative.replace(os.sep, "/")


def load(file: Path) -> list[Identity]:
    """The entries of ``file``; :class:`BaselineError` when it is missing or not a baseline."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{file}: baseline bestaat niet. Maak hem met --write-baseline."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{file}: baseline kan niet worden gelezen: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{file}:{exc.lineno}: baseline is geen geldige JSON (regel {exc.lineno}, "
            f"teken {exc.colno})."
        ) from None
    return _entries(data, file)


def _entries(data: object, file: Path) -> list[Identity]:
    def bad(what: str) -> BaselineError:
        return BaselineError(f"{file}: geen lint-brieven-baseline: {what}.")

    if not isinstance(data, dict) or "findings" not in data:
        raise bad("een object met 'version' en 'findings' verwacht")
    if data.get("version") != VERSION:
        raise bad(f"versie {data.get('version')!r} wordt niet ondersteund (verwacht {VERSION})")
    findings = data["findings"]
    if not isinstance(findings, list):
        raise bad("'findings' moet een lijst zijn")
    entries = []
    for number, entry in enumerate(findings, 1):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str) for key in FIELDS
        ):
            keys = ", ".join(f"'{k}'" for k in FIELDS)
            raise bad(f"vermelding {number} moet de teksten {keys} hebben")
        entries.append(Identity(*(entry[key] for key in FIELDS)))
    return entries


def dumps(entries: Iterable[Identity]) -> str:
    lines = [
        json.dumps(
            dict(zip(FIELDS, (e.path, e.code, e.words, e.context), strict=True)), ensure_ascii=False
        )
        for e in sorted(entries)
    ]
    body = ",\n".join(f"    {line}" for line in lines)
    findings = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "tool": "{TOOL}",\n  "version": {VERSION},\n  "findings": {findings}\n}}\n'


def save(file: Path, entries: Iterable[Identity]) -> None:
    """Write the baseline atomically (``output.write_atomic``)."""
    write_atomic(file, dumps(entries))


@dataclass
class Scope:
    """What a run speaks for: ``checked`` maps each file read (baseline path) to the codes
    selected for it; ``gone`` is true for a baseline path under the run's paths that no longer
    exists."""

    checked: dict[str, frozenset[str]] = field(default_factory=dict)
    gone: Callable[[str], bool] = lambda path: False

    def covers(self, entry: Identity) -> bool:
        codes = self.checked.get(entry.path)
        if codes is not None:
            return entry.code in codes
        return self.gone(entry.path)


@dataclass
class Outcome:
    reports: list[FileReport]  # the findings not in the baseline
    known: int = 0  # findings left out because the baseline has them
    stale: list[Identity] = field(default_factory=list)  # entries in scope matching nothing


def identities(reports: Sequence[FileReport], folder: Path) -> list[tuple[Finding, Identity]]:
    return [
        (finding, identity(finding, entry_path(finding.path, folder)))
        for report in reports
        for finding in sorted(report.findings, key=lambda f: f.sort_key)
    ]


def apply(
    reports: Sequence[FileReport], entries: Iterable[Identity], folder: Path, scope: Scope
) -> Outcome:
    """Leave out of ``reports`` the findings ``entries`` account for, one entry each."""
    left = Counter(entries)
    new_by_path: dict[str, list[Finding]] = {}
    known = 0
    for finding, ident in identities(reports, folder):
        if left[ident] > 0:
            left[ident] -= 1
            known += 1
        else:
            new_by_path.setdefault(finding.path, []).append(finding)
    kept = [replace(r, findings=new_by_path.get(r.path, [])) for r in reports]
    stale = sorted(e for e, n in left.items() for _ in range(n) if scope.covers(e))
    return Outcome(kept, known, stale)


def rewritten(
    reports: Sequence[FileReport], entries: Iterable[Identity], folder: Path, scope: Scope
) -> list[Identity]:
    """The new baseline: the run's findings, and the old entries the run does not speak for."""
    kept = [e for e in entries if not scope.covers(e)]
    return kept + [ident for _, ident in identities(reports, folder)]


def scope_of(request, reports: Sequence[FileReport], folder: Path) -> Scope:
    """The scope of a run of ``request`` (``runner.RunRequest``) that made ``reports``."""
    from lint_brieven.checks.loader import rules_for
    from lint_brieven.config import selected_codes
    from lint_brieven.runner import STDIN, Runner

    runner = Runner(request)
    checked: dict[str, frozenset[str]] = {}
    for report in reports:
        if report.error or report.skipped:
            continue
        file = Path(report.path)
        config = runner.config(file.parent)
        codes = selected_codes(config, rules_for(config.rule_packs), file)
        checked[entry_path(report.path, folder)] = frozenset(codes)
    roots = [Path(os.path.abspath(p)) for p in request.paths if p != STDIN]

    def gone(path: str) -> bool:
        file = Path(os.path.normpath(folder.absolute() / path))
        if file.exists():
            return False
        return any(root == file or root in file.parents for root in roots)

    return Scope(checked, gone)

"""``check --fix`` and ``--diff`` over the files of a run: repeat check → edit until nothing
changes (a fix can only be applied once, so a second run changes nothing), then write each
changed file atomically or show the diff.

Text files and templates only; Word letters get a review copy instead (``review``). The
original encoding details are kept: a UTF-8 byte-order mark stays, line endings ("\n",
"\r\n") are never touched (edits work on the raw text and stay on one line), and so do the
file's mode, owner and group. A file reached through a symbolic link is written where the link
leads, the link stays; a read-only file is refused and listed in ``FixResult.refused`` (see
``output.write_bytes_atomic``), the other files are still written.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

from lint_brieven.file_access import FileRefused
from lint_brieven.fix.edits import apply, edits_for
from lint_brieven.output import WriteError, write_bytes_atomic
from lint_brieven.readers import ReaderError, ReadOptions
from lint_brieven.readers.text import decode
from lint_brieven.runner import RunRequest, RunResult, run

MAX_PASSES = 5
_BOM = b"\xef\xbb\xbf"


@dataclass
class FixResult:
    result: RunResult  # the run after the last pass
    changed: dict[Path, tuple[bytes, bytes]] = field(default_factory=dict)  # before, after
    applied: int = 0  # fixes in the files in ``changed``
    refused: dict[Path, str] = field(default_factory=dict)  # not written: the Dutch reason


def fix(request: RunRequest, unsafe: bool = False, write: bool = True) -> FixResult:
    """Apply fixes to the request's files; with ``write=False`` only compute them."""
    texts: dict[Path, tuple[bytes, str]] = {}  # original bytes, current text
    edit_count: dict[Path, int] = {}
    outcome = FixResult(run(request))
    for _ in range(MAX_PASSES):
        edited = 0
        by_path: dict[str, list] = {}
        for report in outcome.result.reports:
            for finding in report.findings:
                by_path.setdefault(finding.path, []).append(finding)
        for name, findings in sorted(by_path.items()):
            path = Path(name)
            if not path.is_file() or path.suffix.lower() == ".docx":
                continue
            if path not in texts:
                try:  # the run read it; if it changed since, the run's report stands
                    data = request.data_of(path, ReadOptions().max_file_bytes)
                    decode(data)
                except (FileRefused, ReaderError):
                    continue
                texts[path] = (data, data.decode("utf-8-sig"))  # line endings as they are
            original, text = texts[path]
            edits = edits_for(findings, text, unsafe)
            if edits:
                texts[path] = (original, apply(text, edits))
                edited += len(edits)
                edit_count[path] = edit_count.get(path, 0) + len(edits)
        if not edited:
            break
        outcome.result = run(_with_texts(request, texts))
    for path, (original, text) in texts.items():
        new = (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8")
        if new != original:
            outcome.changed[path] = (original, new)
    if write:
        for path, (_, new) in list(outcome.changed.items()):
            try:
                write_bytes_atomic(path, new)
            except WriteError as exc:
                outcome.refused[path] = str(exc)
                del outcome.changed[path]
    outcome.applied = sum(edit_count.get(path, 0) for path in outcome.changed)
    return outcome


def _with_texts(request: RunRequest, texts: dict[Path, tuple[bytes, str]]) -> RunRequest:
    """The request reading the edited texts instead of the files on disk (or the texts the
    request's ``overlay`` gave, an editor's)."""
    edited = {p.resolve(): t.encode("utf-8") for p, (_, t) in texts.items()}
    overlay = {**request.overlay, **edited}
    return replace(request, overlay=overlay)


def unified_diff(changed: dict[Path, tuple[bytes, bytes]]) -> str:
    out = []
    for path, (before, after) in sorted(changed.items()):
        out += difflib.unified_diff(
            before.decode("utf-8").splitlines(keepends=True),  # BOM and line endings as they are
            after.decode("utf-8").splitlines(keepends=True),
            fromfile=f"a/{path.as_posix()}",
            tofile=f"b/{path.as_posix()}",
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)

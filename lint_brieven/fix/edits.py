"""Which suggestions become edits of a source text, and applying them.

An edit replaces exactly the words a finding flagged, and only when those words stand in the
source as literal text: the source characters between the finding's start and end must equal
the flagged text and hold no template tag or markup. So Jinja tags, placeholders, comments and
HTML stay byte for byte. Overlapping edits are resolved deterministically: the earliest start
wins, then the longest, then the lowest rule code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lint_brieven.findings import Finding, Suggestion

_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_LITERAL = ("{{", "}}", "{%", "%}", "{#", "#}", "<", ">", "&")


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str
    code: str = ""


def line_starts(text: str) -> list[int]:
    """Where each line starts; a line ends at "\n", "\r\n" or "\r" (the readers count lines
    the same way, so a finding's line and column point into the raw text)."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def replacement(finding: Finding, unsafe: bool) -> Suggestion | None:
    """The suggestion ``--fix`` would apply: the first replacement that is safe (or any, with
    ``--unsafe-fixes``) and stays on one line."""
    for suggestion in finding.suggestions:
        if suggestion.replaces and (suggestion.safe or unsafe) and "\n" not in suggestion.text:
            return suggestion
    return None


def edits_for(findings: Iterable[Finding], text: str, unsafe: bool = False) -> list[Edit]:
    """Non-overlapping edits of ``text`` (one source file) for the given findings."""
    starts = line_starts(text)
    candidates = []
    for finding in findings:
        suggestion = replacement(finding, unsafe)
        if suggestion is None or finding.paragraphs or not finding.text:
            continue
        if not (1 <= finding.line <= len(starts) and 1 <= finding.end_line <= len(starts)):
            continue
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        literal = text[start:end]
        if literal != finding.text or any(mark in literal for mark in _NOT_LITERAL):
            continue
        if suggestion.text == literal:
            continue
        candidates.append(Edit(start, end, suggestion.text, finding.code))
    return resolve(candidates)


def resolve(edits: Sequence[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -(e.end - e.start), e.code, e.text)):
        if kept and edit.start < kept[-1].end:
            continue
        if kept and edit.start == kept[-1].start == kept[-1].end == edit.end:
            continue
        kept.append(edit)
    return kept


def apply(text: str, edits: Sequence[Edit]) -> str:
    out, pos = [], 0
    for edit in sorted(edits):
        out += [text[pos : edit.start], edit.text]
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)

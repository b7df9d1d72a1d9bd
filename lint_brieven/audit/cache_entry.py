"""One letter's audit result (``Checked``) as plain JSON, and back with every field checked.

The cache never stores Python objects: ``to_json`` writes each field of the report by name and
``from_json`` rebuilds it, checking every type on the way. Anything that does not fit (a wrong
type, a missing or extra field, an unknown severity, a string that cannot be written as UTF-8)
raises :class:`BadEntry`, and the caller treats the entry as a miss.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lint_brieven.audit.layout import checked as layout_checked
from lint_brieven.findings import FileReport, Finding, Severity, Suggestion
from lint_brieven.sentence_findings import (
    SentenceReason,
    reason_from_json,
    reason_json,
    reason_texts,
)


class BadEntry(ValueError):
    """A cache entry that does not have the shape ``to_json`` writes."""


@dataclass
class Checked:
    """One letter's report and its own source text (for the highlighted page).

    ``deps``: (absolute path, digest) of every other file the reader used (templates the
    letter extends, includes or imports); None when they are not known, and then the result
    is not cached.
    """

    report: FileReport
    source: str
    deps: tuple[tuple[str, str], ...] | None = ()
    layout: dict | None = None  # the letter as the tenant reads it (``audit.layout``)


def to_json(key: str, checked: Checked) -> dict:
    report = checked.report
    return {
        "key": key,
        "deps": [list(dep) for dep in checked.deps or ()],
        "source": checked.source,
        "layout": checked.layout,
        "report": {
            "path": report.path,
            "findings": [_finding_json(f) for f in report.findings],
            "error": report.error,
            "error_line": report.error_line,
            "notices": list(report.notices),
            "paragraphs": report.paragraphs,
            "readability": report.readability,
            "skipped": report.skipped,
        },
    }


def _finding_json(f: Finding) -> dict:
    return {
        "path": f.path,
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "text": f.text,
        "suggestions": [[s.text, s.safe, s.replaces] for s in f.suggestions],
        "rule_name": f.rule_name,
        "variant": f.variant,
        "paragraphs": f.paragraphs,
        "runs": [list(run) for run in f.runs],
        "source_line": f.source_line,
        "reason": reason_json(f.reason),
    }


def from_json(data: Any, key: str) -> Checked:
    """The ``Checked`` that ``to_json(key, …)`` wrote; :class:`BadEntry` for anything else."""
    entry = _object(data, {"key", "deps", "source", "layout", "report"})  # older: no layout
    if entry["key"] != key:
        raise BadEntry("key")
    deps = tuple(_dep(d) for d in _list(entry["deps"]))
    try:
        layout = layout_checked(entry["layout"], _text, lambda p: _text(p, path=True))
    except (ValueError, RecursionError):
        raise BadEntry("layout") from None
    return Checked(_report(entry["report"]), _text(entry["source"]), deps, layout)


def _dep(value: Any) -> tuple[str, str]:
    pair = _list(value)
    if len(pair) != 2:
        raise BadEntry("dep")
    return _text(pair[0], path=True), _text(pair[1])


def _report(value: Any) -> FileReport:
    r = _object(
        value,
        {
            "path",
            "findings",
            "error",
            "error_line",
            "notices",
            "paragraphs",
            "readability",
            "skipped",
        },
    )
    return FileReport(
        path=_text(r["path"], path=True),
        findings=[_finding(f) for f in _list(r["findings"])],
        error=_optional(r["error"], _text),
        error_line=_optional(r["error_line"], _count),
        notices=[_text(n) for n in _list(r["notices"])],
        paragraphs=_bool(r["paragraphs"]),
        readability=_optional(r["readability"], _readability),
        skipped=_bool(r["skipped"]),
    )


_FINDING_FIELDS = {
    "path",
    "code",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "suggestions",
    "rule_name",
    "variant",
    "paragraphs",
    "runs",
    "source_line",
    "reason",
}


def _finding(value: Any) -> Finding:
    f = _object(value, _FINDING_FIELDS)
    try:
        severity = Severity(_text(f["severity"]))
    except ValueError:
        raise BadEntry("severity") from None
    return Finding(
        path=_text(f["path"], path=True),
        code=_text(f["code"]),
        severity=severity,
        message=_text(f["message"]),
        line=_count(f["line"]),
        column=_count(f["column"]),
        end_line=_count(f["end_line"]),
        end_column=_count(f["end_column"]),
        text=_text(f["text"]),
        suggestions=tuple(_suggestion(s) for s in _list(f["suggestions"])),
        rule_name=_text(f["rule_name"]),
        variant=_optional(f["variant"], _text),
        paragraphs=_bool(f["paragraphs"]),
        runs=tuple(_run(r) for r in _list(f["runs"])),
        source_line=_text(f["source_line"]),
        reason=_reason(f["reason"]),
    )


def _reason(value: Any) -> SentenceReason | None:
    try:
        reason = reason_from_json(value)
    except ValueError:
        raise BadEntry("reason") from None
    for text in reason_texts(reason):
        _text(text)  # no surrogates
    return reason


def _suggestion(value: Any) -> Suggestion:
    parts = _list(value)
    if len(parts) != 3:
        raise BadEntry("suggestion")
    return Suggestion(_text(parts[0]), _bool(parts[1]), _bool(parts[2]))


def _run(value: Any) -> tuple[int, int, int]:
    parts = _list(value)
    if len(parts) != 3:
        raise BadEntry("run")
    return _count(parts[0]), _count(parts[1]), _count(parts[2])


def _readability(value: Any) -> dict:
    """The readability block (see ``readability.report``): the fields the audit reads must
    have their types; other fields are kept as they are (plain JSON values)."""
    r = _mapping(value)
    lint_ii = _optional(r.get("lint_ii"), _mapping) or {}
    _optional(lint_ii.get("score"), _number)
    _optional(lint_ii.get("level"), _count)
    _optional(r.get("flesch_douma"), _number)
    _optional(r.get("variant"), _text)
    for s in _list(r.get("sentences", [])):
        sentence = _mapping(s)
        _text(sentence.get("text"))
        _optional(sentence.get("line"), _count)
        _optional(sentence.get("column"), _count)
        _optional(sentence.get("lint_ii"), _number)
        _optional(sentence.get("level"), _count)
    return r


# -- plain values ------------------------------------------------------------------------


def _object(value: Any, fields: set[str]) -> dict:
    if not isinstance(value, dict) or set(value) != fields:
        raise BadEntry("object")
    return value


def _mapping(value: Any) -> dict:
    if not isinstance(value, dict):
        raise BadEntry("object")
    return value


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise BadEntry("list")
    return value


def _text(value: Any, *, path: bool = False) -> str:
    """A string that can be written out: file names may carry the undecodable bytes of a
    non-UTF-8 name (``surrogateescape``); other text may not hold any surrogate."""
    if not isinstance(value, str):
        raise BadEntry("text")
    try:
        value.encode("utf-8", "surrogateescape" if path else "strict")
    except UnicodeEncodeError:
        raise BadEntry("text") from None
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadEntry("bool")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadEntry("int")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadEntry("number")
    if not math.isfinite(value):
        raise BadEntry("number")
    return value


def _optional(value: Any, check: Callable[[Any], Any]) -> Any:
    return None if value is None else check(value)

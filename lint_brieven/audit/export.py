"""``rapport.json`` (every letter's scores and findings) and ``brieven.csv`` (a row per
letter), made a letter at a time: ``json_entry`` and ``csv_row`` for each letter as it comes,
``report_json_parts`` around them at the end. The result is the same text as ``json.dumps``
of the whole report with ``indent=2`` (and ``ensure_ascii=False``).

``rapport.json`` (format ``FORMAT``, described by ``rapport.schema.json``) uses the keys of
``check --output-format json`` for what they share: each letter is check's file object
(``reporters.json_format.file_dict``: ``path``, ``error``, ``findings``, ``readability`` …)
with the audit's ``moment``, ``grade`` and ``words``. Format 1 had Dutch keys;
``model.previous_report`` still reads it for ``--compare``.

``brieven.csv`` is for a Dutch spreadsheet: UTF-8 with a byte order mark (``BOM``, so Excel
does not take it for Windows-1252), ``;`` between cells and decimal commas."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from json.encoder import encode_basestring

from lint_brieven import __version__
from lint_brieven.audit.model import FORMAT, LetterResult, letter_json, most_found

BOM = "\ufeff"  # the first character of brieven.csv

CSV_COLUMNS = (
    "pad",
    "moment",
    "cijfer",
    "lint_ii",
    "niveau",
    "flesch_douma",
    "woorden",
    "bevindingen",
    "fouten",
    "waarschuwingen",
    "info",
    "meest_gevonden",
    "fout",
)
TEXT_CELLS = frozenset({0, 1, 11, 12})  # pad, moment, meest_gevonden, fout


def json_entry(letter: LetterResult, rules: dict) -> str:
    """The letter's entry as it stands in the list ``letters`` (its inner lines indented);
    ``rules`` (code → rule) give the findings' rule names."""
    return _nested(letter_json(letter, rules), 2)


def report_head(generated: datetime) -> dict:
    """What ``rapport.json`` starts with: its format, the tool's version and when it was made
    (ISO 8601 with the time zone)."""
    return {
        "version": FORMAT,
        "tool_version": __version__,
        "generated": generated.isoformat(timespec="seconds"),
    }


def report_json_parts(
    head: dict, entries: Iterable[str], letters: int, totals: dict
) -> Iterator[str]:
    """``rapport.json`` in parts: ``head`` (``report_head``) first, then the list
    ``letters``: ``entries`` is the text of the letters' entries, each after ``"\\n    "``
    (the first) or ``",\\n    "`` (the others); ``totals`` what follows the letters
    (``Audit.totals_json``)."""
    yield "{"
    for name, value in head.items():
        yield "\n  " + json.dumps(name, ensure_ascii=False) + ": " + _nested(value, 1) + ","
    yield '\n  "letters": ['
    yield from entries
    yield "\n  ]" if letters else "]"
    for name, value in totals.items():
        yield ",\n  " + json.dumps(name, ensure_ascii=False) + ": "
        yield from _streamed(value, 1)
    yield "\n}"


def entry_separator(number: int) -> str:
    """What goes before the entry of the ``number``-th letter (from 1)."""
    return "\n    " if number == 1 else ",\n    "


def _streamed(value: object, level: int) -> Iterator[str]:
    """``_nested`` in parts: the values of an object one by one, and a list given as an
    iterator (such as the paths of the letters that make a promise, read from the rows)
    item by item, so it is never held whole."""
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        inner = "\n" + "  " * (level + 1)
        for i, (key, item) in enumerate(value.items()):
            yield ("{" if i == 0 else ",") + inner + encode_basestring(key) + ": "
            yield from _streamed(item, level + 1)
        yield "\n" + "  " * level + "}"
    elif isinstance(value, Iterator):
        inner = "\n" + "  " * (level + 1)
        empty = True
        for item in value:
            yield ("[" if empty else ",") + inner + _nested(item, level + 1)
            empty = False
        yield "[]" if empty else "\n" + "  " * level + "]"
    else:
        yield _nested(value, level)


def _nested(value: object, level: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as it stands ``level`` levels deep.

    json's own encoder is pure Python when it indents; this one is several times faster on
    the report's plain values (text, numbers, None, lists and objects with text keys) and
    gives the same text. Anything else is left to json."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float:
        return (
            float.__repr__(value)
            if value == value and value not in _INFINITE
            else (json.dumps(value))
        )
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        items = (",").join(inner + _nested(v, level + 1) for v in value)
        return "[" + items + "\n" + "  " * level + "]"
    if isinstance(value, dict) and all(type(k) is str for k in value):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        items = (",").join(
            inner + encode_basestring(k) + ": " + _nested(v, level + 1) for k, v in value.items()
        )
        return "{" + items + "\n" + "  " * level + "}"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


_CONSTANTS = {None: "null", True: "true", False: "false"}
_INFINITE = (float("inf"), float("-inf"))


def csv_row(letter: LetterResult) -> list:
    findings = letter.report.findings
    severities = [f.severity.value for f in findings]
    codes = [f.code for f in findings]
    top = most_found(codes) or ""
    return [
        guard(letter.path),
        guard(letter.moment),
        _nl(letter.grade),
        _nl(letter.score),
        letter.level or "",
        _nl(letter.readability.get("flesch_douma")),
        letter.words,
        len(findings),
        severities.count("error"),
        severities.count("warning"),
        severities.count("info"),
        guard(top),
        guard(letter.report.error or ""),
    ]


def guard(value: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (OWASP CSV injection): a cell
    that starts with ``= + - @``, a tab or a carriage return gets a leading ``'``."""
    return f"'{value}" if value.startswith(_FORMULA) else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _nl(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")

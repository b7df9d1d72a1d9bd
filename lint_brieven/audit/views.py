"""What the report showed of a letter, kept beside its cache entry (``Cache.store_view``): its
entry in ``rapport.json`` (the text), its cells in ``brieven.csv``, its summary for the
dashboard, the SHA-256 of its page and the templates its entry depends on, for the rule names
the report used (``rules_digest``).

A re-audit of an unchanged letter whose page is still on disk writes its part of the report
from this, without decoding its entry or making its page again. A view is untrusted data like
an entry: every field is checked (``served``), text cells get the formula guard again, and
anything that does not fit makes the letter go the long way (its entry, its page made anew).
The letter's ``rapport.json`` entry is the one field not decoded to be checked (it is most of
a view, and its text goes into the report as it is): the view's checksum (``cache``) shows it
is the text that was written, and ``served`` checks that it is an entry of this format, laid
out as ``export.json_entry`` writes it, with exactly the keys ``_ENTRY``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys

from lint_brieven.audit import grade as grading
from lint_brieven.audit.export import CSV_COLUMNS, TEXT_CELLS, guard
from lint_brieven.audit.model import Summary
from lint_brieven.audit.promises import Commitment

_NUMBER = re.compile(r"-?\d+(,\d+)?")
_DIGEST = re.compile(r"[0-9a-f]{64}")
# a key of the entry's own object as ``export.json_entry`` lays it out: one member a line,
# three levels deep (a nested member stands deeper; a newline in a text is escaped)
_MEMBER = re.compile(r'\n {6}"([a-z_]+)": ')
_SUMMARY = {
    "path",
    "location",
    "moment",
    "grade",
    "fixed_grade",
    "score",
    "level",
    "codes",
    "commitments",
}
_ENTRY = {  # of a letter in rapport.json (``model.letter_json``)
    "path",
    "error",
    "error_line",
    "notices",
    "findings",
    "readability",
    "moment",
    "grade",
    "words",
}
# What a view is made of: one more whenever its entry, cells or summary change, so that a
# view of an earlier report (2: rapport.json with English keys; 3: the entry's text kept
# after the view's fields, see ``cache``) is never served.
FORMAT = 3


def rules_digest(rules: dict) -> str:
    """What the pages show of the rules (names and categories), and the grade's formula (a
    view holds grades: one of another formula is never served)."""
    names = sorted((code, rule.name, rule.category) for code, rule in rules.items())
    return hashlib.sha256(json.dumps([grading.FORMULA, names]).encode()).hexdigest()


def make(
    rules: str,
    page: bytes,
    entry: str,
    cells: list,
    summary: Summary,
    deps: tuple[tuple[str, str], ...],
) -> dict:
    return {
        "format": FORMAT,
        "rules": rules,
        "page": hashlib.sha256(page).hexdigest(),
        "deps": [list(dep) for dep in deps],
        "json": entry,
        "csv": cells,
        "summary": {
            "path": summary.path,
            "location": summary.location,
            "moment": summary.moment,
            "grade": summary.grade,
            "fixed_grade": summary.fixed_grade,
            "score": summary.score,
            "level": summary.level,
            "codes": list(summary.codes),
            "commitments": [
                [c.path, c.line, c.topic, c.term, c.sentence] for c in summary.commitments
            ],
        },
    }


class Served:
    """A checked view: ``entry`` (rapport.json text), ``cells`` (brieven.csv), ``summary``
    (without its page name), ``page`` (SHA-256) and ``deps`` (templates and digests)."""

    def __init__(self, view: dict) -> None:
        self.page = _digest(view["page"])
        self.deps = [_dep(d) for d in _list(view["deps"])]
        self.entry = _entry(view["json"])
        self.cells = _cells(view["csv"])
        self.summary = _summary(view["summary"])

    def summary_for(self, slug: str) -> Summary:
        s = self.summary
        return Summary(
            s["path"],
            s["location"],
            None,
            s["moment"],
            slug,
            s["grade"],
            s["score"],
            s["level"],
            tuple(s["codes"]),
            tuple(Commitment(*c) for c in s["commitments"]),
            s["fixed_grade"],
        )


def served(view: dict | None, rules: str) -> Served | None:
    """The view when it is one of this format for these rules and every field fits; else
    None."""
    if view is None or view.get("format") != FORMAT or view.get("rules") != rules:
        return None
    try:
        return Served(view)
    except (KeyError, TypeError, ValueError, RecursionError):
        return None


def _entry(value: object) -> str:
    """The text of a letter's entry in ``rapport.json`` (see the module docstring)."""
    text = _text(value)
    keys = _MEMBER.findall(text)
    if not (
        text.startswith('{\n      "')
        and text.endswith("\n    }")
        and len(keys) == len(_ENTRY)
        and set(keys) == _ENTRY
    ):
        raise ValueError("json")
    text.encode("utf-8")  # no lone surrogate (UnicodeEncodeError is a ValueError)
    return text


def _cells(value: object) -> list:
    cells = _list(value)
    if len(cells) != len(CSV_COLUMNS):
        raise ValueError("csv")
    out = []
    for i, cell in enumerate(cells):
        if i in TEXT_CELLS:
            out.append(guard(_text(cell)))
        elif type(cell) is int or (isinstance(cell, str) and (not cell or _NUMBER.fullmatch(cell))):
            out.append(cell)
        else:
            raise ValueError("csv")
    return out


def _summary(value: object) -> dict:
    s = _dict(value)
    if set(s) != _SUMMARY:
        raise ValueError("summary")
    for name in ("path", "location", "moment"):
        _text(s[name])
    for name in ("grade", "fixed_grade", "score"):
        if s[name] is not None and (type(s[name]) not in (int, float)):
            raise ValueError(name)
    if s["level"] is not None and type(s["level"]) is not int:
        raise ValueError("level")
    s["codes"] = [sys.intern(_text(c)) for c in _list(s["codes"])]
    for c in _list(s["commitments"]):
        parts = _list(c)
        if len(parts) != 5 or not (parts[1] is None or type(parts[1]) is int):
            raise ValueError("commitment")
        for i in (0, 2, 3, 4):
            _text(parts[i])
    return s


def _dep(value: object) -> tuple[str, str]:
    pair = _list(value)
    if len(pair) != 2:
        raise ValueError("dep")
    return _text(pair[0]), _digest(pair[1])


def _digest(value: object) -> str:
    if not isinstance(value, str) or not _DIGEST.fullmatch(value):
        raise ValueError("digest")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("text")
    return value


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise ValueError("list")
    return value


def _dict(value: object) -> dict:
    if not isinstance(value, dict):
        raise ValueError("object")
    return value

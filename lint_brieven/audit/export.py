"""``rapport.json`` (every letter's scores and findings) and ``brieven.csv`` (a row per letter)."""

from __future__ import annotations

import csv
import io
import json

from lint_brieven.audit.model import Audit, most_found

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


def report_json(audit: Audit, generated: str) -> str:
    return json.dumps({"gemaakt": generated, **audit.to_json()}, ensure_ascii=False, indent=2)


def letters_csv(audit: Audit) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")  # ";" for Dutch Excel
    writer.writerow(CSV_COLUMNS)
    for letter in audit.letters:
        findings = letter.report.findings
        severities = [f.severity.value for f in findings]
        codes = [f.code for f in findings]
        top = most_found(codes) or ""
        writer.writerow(
            [
                _text(letter.path),
                _text(letter.moment),
                _nl(letter.grade),
                _nl(letter.score),
                letter.level or "",
                _nl(letter.readability.get("flesch_douma")),
                letter.words,
                len(findings),
                severities.count("error"),
                severities.count("warning"),
                severities.count("info"),
                _text(top),
                _text(letter.report.error or ""),
            ]
        )
    return out.getvalue()


def _text(value: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (OWASP CSV injection): a cell
    that starts with ``= + - @``, a tab or a carriage return gets a leading ``'``."""
    return f"'{value}" if value.startswith(_FORMULA) else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _nl(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")

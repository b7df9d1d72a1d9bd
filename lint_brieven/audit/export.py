"""``rapport.json`` (every letter's scores and findings) and ``brieven.csv`` (a row per letter)."""

from __future__ import annotations

import csv
import io
import json

from lint_brieven.audit.model import Audit

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
        top = max(set(codes), key=codes.count) if codes else ""
        writer.writerow(
            [
                letter.path,
                letter.moment,
                _nl(letter.grade),
                _nl(letter.score),
                letter.level or "",
                _nl(letter.readability.get("flesch_douma")),
                letter.words,
                len(findings),
                severities.count("error"),
                severities.count("warning"),
                severities.count("info"),
                top,
                letter.report.error or "",
            ]
        )
    return out.getvalue()


def _nl(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")

"""Writing the audit report as the letters come (``ReportWriter``): each letter's page at
once, its entry in ``rapport.json`` and its row in ``brieven.csv`` to temporary files beside
the report; at the end the dashboard (``index.html``) from the letters' summaries, and
``rapport.json`` and ``brieven.csv`` from the temporary files, each written atomically. No
more than one letter's report is held at a time.

A page whose text is already on disk is not written again (a re-audit of unchanged letters
writes only what changed: the dashboard, ``rapport.json`` and ``brieven.csv``).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lint_brieven.audit.cache import read_regular
from lint_brieven.audit.export import (
    CSV_COLUMNS,
    csv_row,
    entry_separator,
    json_entry,
    report_json_parts,
)
from lint_brieven.audit.html import dashboard, letter_page
from lint_brieven.audit.model import Audit, LetterResult
from lint_brieven.findings import FileReport
from lint_brieven.output import write_atomic, write_atomic_parts
from lint_brieven.safe_text import no_surrogates

PAGES = "brieven"
_BLOCK = 1 << 20  # characters read back from a temporary file at a time


class ReportWriter:
    """The report in the folder ``out`` (which exists). Use as a context manager: the
    temporary files go when it closes, written or not."""

    def __init__(self, out: Path, rules: dict, previous: dict | None = None) -> None:
        self.out = out
        self.audit = Audit(rules=rules, previous=previous)
        self._entries = _temporary(out)
        self._rows = _temporary(out)
        self._row = io.StringIO()
        self._csv = csv.writer(self._row, delimiter=";", lineterminator="\n")  # ";": Dutch Excel
        self._write_row(CSV_COLUMNS)

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._entries.close()
        self._rows.close()

    def add(self, letter: LetterResult) -> None:
        """Write the letter's page and keep its summary; it gets the next page name."""
        number = len(self.audit.letters) + 1
        letter.slug = f"{number:04d}-" + re.sub(r"[^a-z0-9]+", "-", Path(letter.path).stem.lower())
        write_page(self.out / PAGES / f"{letter.slug}.html", letter_page(letter, self.audit.rules))
        self._entries.write(entry_separator(number) + no_surrogates(json_entry(letter)))
        self._write_row(csv_row(letter))
        self.audit.add(letter)

    def finish(self, skipped: list[FileReport], generated: str) -> None:
        """The dashboard, ``rapport.json`` and ``brieven.csv``."""
        self.audit.skipped = skipped
        write_atomic(self.out / "index.html", dashboard(self.audit, generated))
        parts = report_json_parts(
            generated,
            _read_back(self._entries),
            len(self.audit.letters),
            self.audit.totals_json(),
        )
        write_atomic_parts(self.out / "rapport.json", parts)
        write_atomic_parts(self.out / "brieven.csv", _read_back(self._rows))

    def _write_row(self, row) -> None:
        self._csv.writerow(row)
        self._rows.write(no_surrogates(self._row.getvalue()))
        self._row.seek(0)
        self._row.truncate()


def write_page(path: Path, text: str) -> None:
    """Write a page atomically, unless the file holds this text already."""
    data = no_surrogates(text).encode("utf-8")
    if read_regular(path, len(data), follow=True) != data:
        write_atomic(path, text)


def _temporary(out: Path) -> IO[str]:
    """A temporary file in the report folder (it has no name: nothing is left behind)."""
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=out)


def _read_back(handle: IO[str]) -> Iterator[str]:
    handle.flush()
    handle.seek(0)
    while block := handle.read(_BLOCK):
        yield block

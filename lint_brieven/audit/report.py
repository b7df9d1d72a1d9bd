"""Writing the audit report as the letters come (``ReportWriter``): each letter's page at
once, its entry in ``rapport.json`` and its row in ``brieven.csv`` to temporary files beside
the report, its dashboard row to ``rows`` (an SQLite file there); at the end the dashboard
(``index.html``) from the rows and totals, and ``rapport.json`` and ``brieven.csv`` from the
temporary files, each written atomically as it is made. No more than one letter's report is
held at a time, and no letter's row.

A page whose text is already on disk is not written again. A letter served from the cache
whose view (``views``) still fits and whose page is on disk as it was is written from the view
alone: its entry is not decoded and its page not made again (``add_cached``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import IO

from lint_brieven.audit import views
from lint_brieven.audit.cache import MAX_ENTRY, Cache, read_regular
from lint_brieven.audit.dashboard import dashboard
from lint_brieven.audit.export import (
    BOM,
    CSV_COLUMNS,
    csv_row,
    entry_separator,
    json_entry,
    report_head,
    report_json_parts,
)
from lint_brieven.audit.keys import settled, signature
from lint_brieven.audit.letter_page import (
    SharedPieces,
    letter_page,
    pieces_of,
    shared_from_json,
    shared_json,
)
from lint_brieven.audit.model import Audit, LetterResult, Previous, Summary
from lint_brieven.audit.rows import Rows
from lint_brieven.findings import FileReport
from lint_brieven.output import write_atomic, write_atomic_parts, write_bytes_atomic
from lint_brieven.safe_text import no_surrogates
from lint_brieven.walk import REPORT_MARKER, REPORT_MARKER_TEXT

PAGES = "brieven"
_BLOCK = 1 << 20  # characters read back from a temporary file at a time


class ReportWriter:
    """The report in the folder ``out`` (which exists). Use as a context manager: the
    temporary files go when it closes, written or not."""

    def __init__(
        self,
        out: Path,
        rules: dict,
        previous: Previous | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.out = out
        write_atomic(out / REPORT_MARKER, REPORT_MARKER_TEXT)  # check and audit pass it by
        self.cache = cache
        self._entries = _temporary(out)
        self._rows = _temporary(out)
        self._letters = Rows(out)  # the dashboard's rows, on disk
        self.audit = Audit(rules=rules, previous=previous, rows=self._letters)
        self.shared = SharedPieces(self._letters)  # findings in shared template pieces, pages
        self._rules = views.rules_digest(rules)
        self._row = io.StringIO()
        self._csv = csv.writer(self._row, delimiter=";", lineterminator="\n")  # ";": Dutch Excel
        self._write_row(CSV_COLUMNS)

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        try:
            self._entries.close()
            self._rows.close()
            if exc_type is None:
                self.audit.average_grade()  # for the caller, before the rows go
        finally:
            self.audit.rows = None
            self._letters.close()

    def add(
        self,
        letter: LetterResult,
        key: str | None = None,
        deps: tuple[tuple[str, str], ...] | None = None,
    ) -> None:
        """Write the letter's page and keep its summary; it gets the next page name. With the
        letter's cache key (and the templates its entry depends on) its view is kept too."""
        number = self.audit.count + 1
        letter.slug = _slug(number, letter.path)
        page = no_surrogates(letter_page(letter, self.audit.rules)).encode("utf-8")
        write_page(self.out / PAGES / f"{letter.slug}.html", page)
        self.shared.add(letter.path, letter.slug, letter.report.findings, pieces_of(letter))
        entry = no_surrogates(json_entry(letter, self.audit.rules))
        cells = csv_row(letter)
        self._entries.write(entry_separator(number) + entry)
        self._write_row(cells)
        summary = Summary.of(letter)
        self.audit.add(summary)
        if self.cache is not None and key is not None and deps is not None:
            view = views.make(self._rules, page, entry, cells, summary, deps)
            view["gedeeld"] = shared_json(letter)
            self.cache.store_view(key, view)

    def _page_as_written(self, key: str, raw: dict, view: views.Served, path: Path) -> bool:
        """Whether the letter's page on disk is the page its view was made with: by its file
        signature (device, inode, size, modification and change time) when the view recorded
        one, else by reading it and comparing its SHA-256. A page that matched and has been
        left alone for ``SETTLED`` seconds gets its signature recorded in the view, so the next
        re-audit need not read it (a page changed again within the same clock tick is never
        taken for the old one: the rule the cache index applies to letters)."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        now = signature(info)
        if raw.get("page_signature") == now:
            return True
        page = read_regular(path, MAX_ENTRY, follow=True)
        if page is None or hashlib.sha256(page).hexdigest() != view.page:
            return False
        if settled(now, time.time()) and self.cache is not None:
            self.cache.store_view(key, {**raw, "page_signature": now})
        return True

    def add_cached(self, key: str) -> bool:
        """Write the part of a letter served from the cache from its view; False when there
        is no view that fits (or its page is not on disk as it was, or a template it depends
        on changed): then the letter is to be added the long way."""
        if self.cache is None:
            return False
        raw = self.cache.view(key)
        view = views.served(raw, self._rules)
        shared = shared_from_json(raw)
        if shared is None:
            return False
        if view is None or not self.cache.fresh(view.deps):
            return False
        number = self.audit.count + 1
        slug = _slug(number, view.summary["path"])
        if not self._page_as_written(key, raw, view, self.out / PAGES / f"{slug}.html"):
            return False
        self._entries.write(entry_separator(number) + view.entry)
        self._write_row(view.cells)
        self.audit.add(view.summary_for(slug))
        self.shared.add(view.summary["path"], slug, *shared)
        return True

    def finish(self, skipped: list[FileReport], generated: datetime) -> None:
        """The dashboard, ``rapport.json`` and ``brieven.csv`` (``generated``: now, with the
        time zone)."""
        self.audit.skipped = skipped
        for name, shared_page in self.shared.pages(self.audit.rules):
            write_page_parts(self.out / PAGES / name, shared_page)
        shown = generated.strftime("%d-%m-%Y %H:%M")
        write_atomic_parts(self.out / "index.html", dashboard(self.audit, shown))
        parts = report_json_parts(
            report_head(generated),
            _read_back(self._entries),
            self.audit.count,
            self.audit.totals_json(),
        )
        write_atomic_parts(self.out / "rapport.json", parts)
        write_atomic_parts(self.out / "brieven.csv", chain([BOM], _read_back(self._rows)))

    def _write_row(self, row) -> None:
        self._csv.writerow(row)
        self._rows.write(no_surrogates(self._row.getvalue()))
        self._row.seek(0)
        self._row.truncate()


def write_page(path: Path, data: bytes) -> None:
    """Write a page atomically, unless the file holds these bytes already."""
    if read_regular(path, len(data), follow=True) != data:
        write_bytes_atomic(path, data)


def write_page_parts(path: Path, parts: Callable[[], Iterable[str]]) -> None:
    """``write_page`` for a page made part by part (``parts()``), never held whole: compared
    with the file as it is made, and made again to be written when it differs."""
    if not _holds(path, (no_surrogates(part).encode("utf-8") for part in parts())):
        write_atomic_parts(path, parts())


def _holds(path: Path, data: Iterable[bytes]) -> bool:
    """Whether ``path`` is a regular file (links followed) that holds exactly ``data``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO never blocks
    except (OSError, ValueError):
        return False
    with open(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            return all(handle.read(len(part)) == part for part in data) and not handle.read(1)
        except OSError:
            return False


def _slug(number: int, path: str) -> str:
    return f"{number:04d}-" + re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower())


def _temporary(out: Path) -> IO[str]:
    """A temporary file in the report folder (it has no name: nothing is left behind)."""
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=out)


def _read_back(handle: IO[str]) -> Iterator[str]:
    handle.flush()
    handle.seek(0)
    while block := handle.read(_BLOCK):
        yield block

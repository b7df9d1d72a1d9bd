"""The letters' rows while an audit runs, on disk: an SQLite database in a temporary file in
the report folder (``.lint-brieven-rijen-*.sqlite``, removed when the report is written or
the audit stops), so that memory stays the same for ten letters or ten thousand.

It holds per letter what the dashboard shows of it (``letters``), the commitments of the
readable letters (``commitments``, for the promises that contradict each other) and which
letters use which shared template piece (``shared``). The dashboard reads them back in the
order it shows them, a row at a time.

Text is stored as UTF-8 bytes (lone surrogates of names that are no UTF-8 included), so that
SQLite's order of the bytes is Python's order of the text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint_brieven.audit.promises import Commitment
from lint_brieven.output import WriteError
from lint_brieven.safe_text import terminal_safe

PREFIX = ".lint-brieven-rijen-"
CACHE_SIZE = "PRAGMA cache_size = -512;"  # KiB of pages SQLite keeps in memory, per database
STALE = 3600  # seconds after which a rows file left behind by a killed audit is removed
_SCHEMA = """
CREATE TABLE letters (
    number INTEGER PRIMARY KEY, path BLOB, location BLOB, error BLOB, moment BLOB, slug BLOB,
    grade REAL, fixed_grade REAL, score REAL, level INTEGER, findings INTEGER,
    readable INTEGER
);
CREATE TABLE commitments (
    number INTEGER PRIMARY KEY, path BLOB, line INTEGER, topic BLOB, term BLOB, sentence BLOB
);
CREATE TABLE shared (piece BLOB, path BLOB, page BLOB, PRIMARY KEY (piece, path));
"""
_ROW = "path, location, error, moment, slug, grade, fixed_grade, score, level, findings"


class Row(NamedTuple):
    """A letter as the dashboard shows it."""

    path: str
    location: str
    error: str | None
    moment: str
    slug: str
    grade: float | None
    fixed_grade: float | None
    score: float | None
    level: int | None
    findings: int  # how many

    @staticmethod
    def of(values: tuple) -> Row:
        path, location, error, moment, slug, *numbers = values
        return Row(_text(path), _text(location), _text(error), _text(moment), _text(slug), *numbers)


class Rows:
    """The database, written in one transaction that is never committed (SQLite writes the
    pages it cannot keep in its small cache to the file); ``close`` removes it."""

    def __init__(self, folder: Path) -> None:
        _remove_stale(folder)
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        try:
            self._db = sqlite3.connect(name, isolation_level=None)
            pragmas = f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {CACHE_SIZE}"
            self._db.executescript(pragmas + _SCHEMA + "BEGIN;")
        except sqlite3.Error as exc:
            self.path.unlink(missing_ok=True)
            raise self._failed(exc) from exc
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        try:
            self._db.close()
        finally:
            self.path.unlink(missing_ok=True)

    def add(self, number: int, row: Row, commitments: tuple[Commitment, ...]) -> None:
        """Letter ``number`` (from 1); its ``commitments`` count when it was read."""
        self._execute(
            f"INSERT INTO letters (number, {_ROW}, readable) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (number, *map(_bytes, row[:5]), *row[5:], not row.error),
        )
        if not row.error:
            self._executemany(
                "INSERT INTO commitments (path, line, topic, term, sentence) VALUES (?,?,?,?,?)",
                [
                    (_bytes(c.path), c.line, _bytes(c.topic), _bytes(c.term), _bytes(c.sentence))
                    for c in commitments
                ],
            )

    def use(self, piece: str, path: str, page: str) -> None:
        """The letter ``path`` (its page ``page``) uses the shared piece ``piece``."""
        self._execute(
            "INSERT OR REPLACE INTO shared VALUES (?,?,?)",
            (_bytes(piece), _bytes(path), _bytes(page)),
        )

    def by_grade(self) -> Iterator[Row]:
        """Every letter, by grade (none last), then path: the dashboard's table."""
        return self._rows(
            "1 ORDER BY grade IS NULL, coalesce(grade, 0), path, number",
        )

    def errors(self) -> Iterator[Row]:
        return self._rows("NOT readable ORDER BY number")

    def grades(self, moment: str | None = None) -> Iterator[float]:
        """The grades of the readable letters (of ``moment``), in order."""
        where, args = ("AND moment = ?", (_bytes(moment),)) if moment is not None else ("", ())
        query = (
            "SELECT grade FROM letters WHERE readable AND grade IS NOT NULL "
            f"{where} ORDER BY number"
        )
        return (grade for (grade,) in self._execute(query, args))

    def last_of_each_path(self) -> Iterator[tuple[str, float | None, int]]:
        """Path, grade and number of findings of the readable letters, the last one of each
        path (as a dict by path would keep them), by path."""
        query = (
            "SELECT path, grade, findings FROM letters WHERE number IN "
            "(SELECT max(number) FROM letters WHERE readable GROUP BY path) ORDER BY path"
        )
        return ((_text(p), g, n) for p, g, n in self._execute(query))

    def conflicting_topics(self) -> list[str]:
        """Topics for which letters promise different terms (more than one letter), sorted."""
        query = (
            "SELECT topic FROM commitments GROUP BY topic "
            "HAVING count(DISTINCT term) > 1 AND count(DISTINCT path) > 1 ORDER BY topic"
        )
        return [_text(topic) for (topic,) in self._execute(query)]

    def terms(self, topic: str) -> list[str]:
        """The terms promised for ``topic``, in the order they were first found."""
        query = "SELECT term FROM commitments WHERE topic = ? GROUP BY term ORDER BY min(number)"
        return [_text(term) for (term,) in self._execute(query, (_bytes(topic),))]

    def commitments(self, topic: str, term: str) -> Iterator[Commitment]:
        query = (
            "SELECT path, line, sentence FROM commitments WHERE topic = ? AND term = ? "
            "ORDER BY number"
        )
        for path, line, sentence in self._execute(query, (_bytes(topic), _bytes(term))):
            yield Commitment(_text(path), line, topic, term, _text(sentence))

    def promising(self, topic: str, term: str) -> Iterator[str]:
        """The paths of the letters that promise ``term`` for ``topic``, sorted (read one at
        a time)."""
        query = "SELECT DISTINCT path FROM commitments WHERE topic = ? AND term = ? ORDER BY path"
        rows = self._execute(query, (_bytes(topic), _bytes(term)))
        return (_text(path) for (path,) in rows)

    def pieces(self) -> list[str]:
        """The shared pieces the letters use, sorted."""
        return [
            _text(p) for (p,) in self._execute("SELECT DISTINCT piece FROM shared ORDER BY piece")
        ]

    def count_users(self, piece: str) -> int:
        query = "SELECT count(*) FROM shared WHERE piece = ?"
        return next(self._execute(query, (_bytes(piece),)))[0]

    def users(self, piece: str) -> Iterator[tuple[str, str]]:
        """The letters (path, page) that use ``piece``, by path."""
        query = "SELECT path, page FROM shared WHERE piece = ? ORDER BY path, page"
        for path, page in self._execute(query, (_bytes(piece),)):
            yield _text(path), _text(page)

    def _execute(self, query: str, args: tuple = ()) -> Iterator[tuple]:
        """The rows of ``query``, read one at a time; ``WriteError`` when SQLite fails (a
        full disk, say), which the audit reports like any report file it cannot write."""
        try:
            cursor = self._db.execute(query, args)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc
        return _fetched(cursor, self._failed)

    def _executemany(self, query: str, rows: list[tuple]) -> None:
        try:
            self._db.executemany(query, rows)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: sqlite3.Error) -> WriteError:
        code = getattr(exc, "sqlite_errorcode", None)
        shown = terminal_safe(os.fspath(self.path))
        return WriteError(
            f"het rapport kan niet worden geschreven: de tijdelijke lijst van brieven "
            f"{shown} kan niet worden bijgewerkt ({reason(exc)}).",
            errno.ENOSPC if code is not None and code & 0xFF == sqlite3.SQLITE_FULL else None,
        )

    def _rows(self, where: str) -> Iterator[Row]:
        for values in self._execute(f"SELECT {_ROW} FROM letters WHERE {where}"):
            yield Row.of(values)


def _fetched(cursor: sqlite3.Cursor, failed) -> Iterator[tuple]:
    while True:
        try:
            row = cursor.fetchone()
        except sqlite3.Error as exc:
            raise failed(exc) from exc
        if row is None:
            return
        yield row


_REASONS = {
    sqlite3.SQLITE_FULL: "de schijf is vol",
    sqlite3.SQLITE_IOERR: "een fout bij lezen of schrijven",
    sqlite3.SQLITE_READONLY: "alleen-lezen",
    sqlite3.SQLITE_CANTOPEN: "het bestand kan niet worden geopend",
}


def reason(exc: sqlite3.Error) -> str:
    """Why SQLite failed, in Dutch."""
    code = getattr(exc, "sqlite_errorcode", None)
    return _REASONS.get((code or 0) & 0xFF, "een fout in SQLite")


def _remove_stale(folder: Path) -> None:
    """Rows files of audits that were killed before they could remove them (an hour old)."""
    now = time.time()
    for path in folder.glob(PREFIX + "*.sqlite"):
        with contextlib.suppress(OSError):
            if now - path.stat(follow_symlinks=False).st_mtime > STALE:
                path.unlink()


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8", "surrogatepass")


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "surrogatepass")

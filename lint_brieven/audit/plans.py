"""The letters of an audit, in the order of the report, and what is known of each before any
is checked (``Plan``), kept in a temporary SQLite database rather than in memory, so that the
main process holds as much for ten thousand letters as for ten.

The database is SQLite's private temporary one (``sqlite3.connect("")``: a file in the
system's temporary folder that SQLite deletes when it is closed, or when the process ends),
of which SQLite keeps at most ``CACHE_SIZE`` of pages in memory. The walk adds the
letters (``add``); ``Collector`` records each letter's plan (``record``) and reads them back a
block at a time, in order (``plan``, ``paths``, ``misses``). The few distinct values many
letters share (a configuration's key, the templates of an entry) are kept once, in memory.

SQLite's failures (a full disk) are a ``WriteError`` with a Dutch line, as for the rows of the
report (``rows``).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple, TypeVar

from lint_brieven.audit import rows
from lint_brieven.audit.keys import letter_key
from lint_brieven.output import WriteError

T = TypeVar("T")

BLOCK = 256  # rows read at a time
CACHE_SIZE = "PRAGMA cache_size = -128;"  # KiB of pages SQLite keeps in memory (read in order)
_SCHEMA = """
CREATE TABLE letters (
    number INTEGER PRIMARY KEY, path BLOB NOT NULL, context INTEGER, signature BLOB,
    digest BLOB, deps INTEGER
);
"""


class Plan(NamedTuple):
    """What is known of a letter before any is checked."""

    path: str
    context: str | None  # ``keys.Context.letters`` of its configuration (None: no key)
    signature: bytes | tuple | None  # ``keys.packed``: what ``os.stat`` said
    # known from the index (its entry is loaded, the letter not read): the SHA-256 of its
    # bytes (32 bytes; its key is made from it when needed) and the templates of its entry
    digest: bytes | None = None
    deps: tuple | None = None

    @property
    def key(self) -> str | None:
        """The cache key, when the index knows the letter."""
        if self.digest is None or self.context is None:
            return None
        return letter_key(self.context, self.digest.hex(), Path(self.path))


class Plans:
    """The letters (see the module docstring), numbered from 0 in the order they were added.
    Use ``close`` (or as a context manager) to delete the database."""

    def __init__(self) -> None:
        self._count = 0
        self._values: list[object] = []  # contexts and sets of templates, each once …
        self._numbers: dict[object, int] = {}  # … and their numbers
        self._block: list[Plan] = []  # the plans read last, from number ``_start``
        self._start = 0
        try:
            self._db: sqlite3.Connection | None = sqlite3.connect("", isolation_level=None)
            pragmas = f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {CACHE_SIZE}"
            self._db.executescript(pragmas + _SCHEMA + "BEGIN;")
        except sqlite3.Error as exc:
            raise _failed(exc) from exc

    def __enter__(self) -> Plans:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        """The letters' names, in order."""
        for start in range(0, self._count, BLOCK):
            yield from (p.path for p in self._read(start))

    def add(self, path: str) -> None:
        """The next letter (its plan is recorded later: ``record``)."""
        self._execute(
            "INSERT INTO letters (number, path) VALUES (?, ?)", (self._count, os.fsencode(path))
        )
        self._count += 1

    def record(self, plans: Iterator[tuple[int, Plan]]) -> None:
        """The plans of the letters (number, plan), kept as they come."""
        query = (
            "UPDATE letters SET context = ?, signature = ?, digest = ?, deps = ? WHERE number = ?"
        )
        batch = []
        for number, plan in plans:
            signature = plan.signature
            if isinstance(signature, tuple):  # a number that does not fit ``keys.packed``
                signature = json.dumps(list(signature))
            batch.append(
                (
                    self._number(plan.context),
                    signature,
                    plan.digest,
                    self._number(plan.deps),
                    number,
                )
            )
            if len(batch) == BLOCK:
                self._execute_many(query, batch)
                batch = []
        self._execute_many(query, batch)
        self._block = []

    def plan(self, number: int) -> Plan:
        """The plan of letter ``number`` (read a block at a time, for letters taken in
        order)."""
        if not self._start <= number < self._start + len(self._block):
            self._start, self._block = number, self._read(number)
        return self._block[number - self._start]

    __getitem__ = plan

    def one(self, number: int) -> Plan:
        """The plan of letter ``number`` alone (for letters taken out of order: the jobs
        handed out ahead of the report)."""
        return self._read(number, 1)[0]

    def missing(self) -> int:
        """How many letters the index does not know (``misses``)."""
        return self._fetch("SELECT count(*) FROM letters WHERE digest IS NULL", ())[0][0]

    def misses(self) -> Iterator[int]:
        """The numbers of the letters the index does not know, in order (read a block at a
        time)."""
        last = -1
        while True:
            found = self._fetch(
                "SELECT number FROM letters WHERE number > ? AND digest IS NULL "
                "ORDER BY number LIMIT ?",
                (last, BLOCK),
            )
            yield from (number for (number,) in found)
            if len(found) < BLOCK:
                return
            last = found[-1][0]

    def _read(self, start: int, count: int | None = None) -> list[Plan]:
        """The plans of ``count`` letters (a ``BLOCK``) from number ``start``."""
        found = self._fetch(
            "SELECT path, context, signature, digest, deps FROM letters "
            "WHERE number >= ? ORDER BY number LIMIT ?",
            (start, count or BLOCK),
        )
        return [
            Plan(
                os.fsdecode(path),
                self._value(context),
                tuple(json.loads(signature)) if isinstance(signature, str) else signature,
                digest,
                self._value(deps),
            )
            for path, context, signature, digest, deps in found
        ]

    def _number(self, value: object) -> int | None:
        if value is None:
            return None
        if value not in self._numbers:
            self._numbers[value] = len(self._values)
            self._values.append(value)
        return self._numbers[value]

    def _value(self, number: int | None):
        return None if number is None else self._values[number]

    def _execute(self, query: str, args: tuple) -> None:
        self._run(lambda db: db.execute(query, args))

    def _execute_many(self, query: str, batch: list[tuple]) -> None:
        self._run(lambda db: db.executemany(query, batch))

    def _fetch(self, query: str, args: tuple) -> list[tuple]:
        return self._run(lambda db: db.execute(query, args).fetchall())

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``work`` on the open database; an SQLite error as the Dutch ``WriteError``."""
        if self._db is None:
            raise ValueError("closed")
        try:
            return work(self._db)
        except sqlite3.Error as exc:
            raise _failed(exc) from exc


def _failed(exc: sqlite3.Error) -> WriteError:
    code = getattr(exc, "sqlite_errorcode", None)
    reason = rows.reason(exc)
    return WriteError(
        "de tijdelijke lijst van de brieven die worden gecontroleerd kan niet worden "
        f"bijgehouden in de map voor tijdelijke bestanden ({reason}).",
        errno.ENOSPC if code is not None and code & 0xFF == sqlite3.SQLITE_FULL else None,
    )

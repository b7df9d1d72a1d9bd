"""lint-ii's word lists without building them from Parquet at every start.

lint-ii's module ``lint_ii.linguistic_data.wordlists`` reads five Parquet files into Python
dicts and lists when it is imported (1.6 s and some 300 MB at the peak). :func:`install`
registers a module of that name first. It gives lint-ii the same names, but its noun and
frequency lists are :class:`Lookup` mappings over an SQLite file (``wordlist_cache``) built
once from lint-ii's own lists, and its three short lists are frozensets (lint-ii only asks
``word in LIST``; a set answers that alike, and faster). The data are loaded on first use.

Whenever the SQLite file cannot be used (no cache folder can be written, a query fails), the
lists are those of lint-ii's own module, loaded as lint-ii loads them: slower, same answers.
``tests/test_lint_ii_wordlists.py`` compares every entry with lint-ii's original lists.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import types
from collections.abc import Iterator, Mapping
from pathlib import Path

from lint_brieven.readability import wordlist_cache

MODULE = "lint_ii.linguistic_data.wordlists"
TABLES = ("NOUN_DATA", "FREQ_DATA")  # lint-ii's dicts, looked up in SQLite
SETS = ("FREQ_SKIPLIST", "MANNER_ADVERBS", "MEASUREMENT_UNITS")  # lint-ii's lists
_MEMO_LIMIT = 200_000  # answers remembered per table (words a long audit meets)
_MISSING = object()


def get_latest_version(path: Path, pat: str) -> Path:
    """The file lint-ii picks among versioned data files: the last name, sorted."""
    return sorted(path.glob(pat), key=lambda p: p.stem, reverse=True)[0]


class _Source:
    """Where the lists come from: the SQLite cache, or else lint-ii's own module."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._store: wordlist_cache.Store | None = None
        self._original: types.ModuleType | None = None
        self._opened = False

    def store(self) -> wordlist_cache.Store | None:
        """The open cache, built on first use; None when it cannot be used."""
        if not self._opened:
            with self._lock:
                if not self._opened:
                    try:
                        self._store = wordlist_cache.open_store(self.original)
                    except (OSError, sqlite3.Error, ValueError):  # never a crash for a cache
                        self._store = None
                    self._opened = True
        return self._store

    def original(self) -> types.ModuleType:
        """lint-ii's own module, loaded under a private name (once)."""
        with self._lock:
            if self._original is None:
                self._original = wordlist_cache.load_original()
            return self._original

    def failed(self, store: wordlist_cache.Store) -> None:
        """A query on ``store`` failed: lint-ii's own lists from now on (the file is removed,
        so the next start builds it anew)."""
        with self._lock:
            store.discard()
            if self._store is store:
                self._store = None

    def forget_connection(self) -> None:
        """In a forked child: open the file anew on next use (SQLite is not shared)."""
        self._lock = threading.RLock()
        self._store, self._opened = None, False


_SOURCE = _Source()


class Lookup(Mapping):
    """One of lint-ii's dicts (``NOUN_DATA``, ``FREQ_DATA``) answered from the SQLite cache,
    or from lint-ii's own dict when the cache cannot be used. Answers are remembered."""

    def __init__(self, name: str, source: _Source = _SOURCE) -> None:
        self.name = name
        self._source = source
        self._memo: dict = {}

    def _fallback(self) -> dict:
        return getattr(self._source.original(), self.name)

    def _answer(self, key):
        store = self._source.store()
        if store is None:
            return self._fallback().get(key, _MISSING)
        try:
            return store.get(self.name, key, _MISSING)
        except sqlite3.Error:
            self._source.failed(store)
            return self._fallback().get(key, _MISSING)

    def get(self, key, default=None):
        try:
            found = self._memo[key]  # an unhashable key raises TypeError, as a dict does
        except KeyError:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._answer(key)
        return default if found is _MISSING else found

    def __getitem__(self, key):
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def _whole(self) -> Mapping:
        store = self._source.store()
        if store is not None:
            try:
                return store.table(self.name)
            except sqlite3.Error:
                self._source.failed(store)
        return self._fallback()

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __repr__(self) -> str:
        return f"<lint-brieven's lookup for lint-ii's {self.name}>"


def _short_list(name: str):
    """One of lint-ii's short lists as a frozenset (what lint-ii's list holds, unchanged if it
    holds something a set cannot)."""
    store = _SOURCE.store()
    if store is not None:
        try:
            return store.words(name)
        except sqlite3.Error:
            _SOURCE.failed(store)
    return wordlist_cache.as_set(getattr(_SOURCE.original(), name))


def _lazy_lists(module: types.ModuleType):
    """The module's ``__getattr__``: each list made on first use, then kept on the module."""

    def lists(name: str):
        if name in SETS:
            value = _short_list(name)
        elif name in TABLES:
            value = Lookup(name)
        else:
            raise AttributeError(f"module {MODULE!r} has no attribute {name!r}")
        setattr(module, name, value)
        return value

    return lists


def install() -> types.ModuleType:
    """Register our ``wordlists`` module (once) and return it. Nothing is read yet."""
    module = sys.modules.get(MODULE)
    if module is not None and getattr(module, "IS_LINT_BRIEVEN", False):
        return module
    import lint_ii.linguistic_data as package
    from lint_ii.linguistic_data import LINGUISTIC_DATA_PATH as data

    module = types.ModuleType(MODULE, "lint-brieven's stand-in for lint-ii's wordlists")
    module.LINGUISTIC_DATA_PATH = data
    module.get_latest_version = get_latest_version
    module.PATH_NOUNS_SEM_TYPES = get_latest_version(data, "nouns_sem_types_*.parquet")
    module.PATH_MANNER_ADVERBS = get_latest_version(data, "manner_adverbs_*.parquet")
    module.path_measurement_units = data / "measurement_units.parquet"
    module.path_word_freq = data / "subtlex_wordfreq.parquet"
    module.path_word_freq_skiplist = data / "subtlex_wordfreq_skiplist.parquet"
    module.cols = ["word", "sem_type", "super_sem_type", "head"]
    module.__getattr__ = _lazy_lists(module)
    module.IS_LINT_BRIEVEN = True
    sys.modules[MODULE] = module
    package.wordlists = module
    return module


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_SOURCE.forget_connection)

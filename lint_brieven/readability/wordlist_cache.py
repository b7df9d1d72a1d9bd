"""The SQLite file that holds lint-ii's word lists (see ``wordlists``).

Built once from the lists lint-ii's own module loads (never from our own reading of its
Parquet files), checked entry by entry against them before it is written, and written
atomically (``output.write_bytes_atomic``). It is keyed on lint-ii's data folder: the name,
size and modification time of every file in it and the bytes of lint-ii's ``wordlists.py``.
A file that is missing, stale, truncated or not a database is rebuilt silently.

Where: ``$XDG_CACHE_HOME/lint-brieven`` (else ``~/.cache/lint-brieven``; on Windows
``%LOCALAPPDATA%\\lint-brieven``); when that cannot be written, a folder of the user's own in
the temporary folder; when neither can, no file: lint-ii's own lists are used.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import math
import os
import sqlite3
import stat
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lint_brieven.cache_folder import user_cache_folder

FORMAT = 1  # of the file; a change makes every older file stale
PREFIX = "lint-ii-wordlists-"
SUFFIX = ".sqlite3"
DICTS = ("NOUN_DATA", "FREQ_DATA")
LISTS = ("FREQ_SKIPLIST", "MANNER_ADVERBS", "MEASUREMENT_UNITS")
_HEADER = b"SQLite format 3\x00"
_MISSING = object()


T = TypeVar("T")


class Unsupported(ValueError):
    """lint-ii's lists hold something this file format does not keep exactly."""


def _lint_ii_data() -> tuple[Path, Path]:
    """lint-ii's data folder and its ``wordlists.py`` (found without importing it)."""
    import lint_ii.linguistic_data as package

    return Path(package.LINGUISTIC_DATA_PATH), Path(package.__file__).parent / "wordlists.py"


def load_original() -> types.ModuleType:
    """lint-ii's own ``wordlists`` module, run under a private name (as lint-ii loads it)."""
    _, source = _lint_ii_data()
    spec = importlib.util.spec_from_file_location("lint_brieven._lint_ii_own_wordlists", source)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_set(words):
    """A list as a frozenset, or the list itself when a set cannot hold it."""
    try:
        return frozenset(words)
    except TypeError:
        return words


def cache_key() -> dict:
    data, source = _lint_ii_data()
    files = sorted(
        [entry.name, info.st_size, info.st_mtime_ns]
        for entry in os.scandir(data)
        if entry.is_file() and (info := entry.stat())
    )
    return {
        "format": FORMAT,
        "data_dir": str(data),
        "reader": hashlib.sha256(source.read_bytes()).hexdigest(),
        "files": files,
    }


def file_name(key: dict) -> str:
    """One file per lint-ii installation, replaced when it goes stale."""
    return (
        PREFIX
        + hashlib.sha256(key["data_dir"].encode("utf-8", "surrogatepass")).hexdigest()[:16]
        + SUFFIX
    )


def _private_temp_folder() -> Path | None:
    """``lint-brieven-UID`` in the temporary folder, made if needed; None unless it is a
    folder of this user's that no one else may write to."""
    if not hasattr(os, "getuid"):
        return None
    try:
        folder = Path(tempfile.gettempdir()) / f"lint-brieven-{os.getuid()}"
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return None
    mine = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return folder if mine and not info.st_mode & 0o022 else None


def _folders() -> list[Callable[[], Path | None]]:
    return [user_cache_folder, _private_temp_folder]


class Store:
    """A valid cache file, open read-only: lint-ii's dicts as SQLite tables (keyed by word,
    without a rowid), the rare key that is not text (None) and the short lists in ``meta``."""

    def __init__(self, db: sqlite3.Connection, path: Path | None = None, info=None) -> None:
        self._db = db
        self.path = path
        self._info = info
        self._fields = json.loads(self._meta("fields"))
        self._other_keys = {
            name: dict(pairs) for name, pairs in json.loads(self._meta("other_keys")).items()
        }
        nouns = ", ".join(f"c{i}" for i in range(len(self._fields)))
        self._columns = {"NOUN_DATA": nouns, "FREQ_DATA": "c0"}
        self._sql = {t: f"SELECT {c} FROM {t} WHERE word = ?" for t, c in self._columns.items()}

    def _meta(self, name: str) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        if row is None or not isinstance(row[0], str):
            raise sqlite3.DatabaseError(f"no {name} in the word-list cache")
        return row[0]

    @classmethod
    def open(cls, path: Path, key: dict) -> Store | None:
        """The store at ``path`` if it is a complete file for ``key``, else None."""
        try:
            info = os.stat(path)
            with open(path, "rb") as handle:
                header = handle.read(100)
        except OSError:
            return None
        if not _whole_database(header, info.st_size):
            return None
        db = None
        try:
            uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            store = cls(db, path, info)
            if json.loads(store._meta("key")) == key:
                return store
        except (sqlite3.Error, ValueError, TypeError, OSError):
            pass
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        return None

    @classmethod
    def in_memory(cls, data: bytes) -> Store:
        db = sqlite3.connect(":memory:")
        db.deserialize(data)
        return cls(db)

    def get(self, table: str, key, default):
        """``table.get(key, default)`` as lint-ii's dict answers it."""
        if type(key) is not str:
            if not isinstance(key, str):  # None, or a number SQLite would turn into text
                return self._other_keys[table].get(key, default)
            key = str.__str__(key)
        try:
            row = self._db.execute(self._sql[table], (key,)).fetchone()
        except UnicodeEncodeError:  # a lone surrogate: no word in the lists has one
            return default
        return default if row is None else self._value(table, row)

    def _value(self, table: str, row: tuple):
        if table == "NOUN_DATA":
            return {f: v for f, v in zip(self._fields, row, strict=True) if v is not None}
        return row[0]

    def table(self, table: str) -> dict:
        """The whole of one dict (to iterate over it: lint-ii never does), in word order."""
        rows = self._db.execute(f"SELECT word, {self._columns[table]} FROM {table}")
        whole = {row[0]: self._value(table, row[1:]) for row in rows}
        return whole | self._other_keys[table]

    def words(self, name: str):
        return as_set(self.listed(name))

    def listed(self, name: str) -> list:
        return json.loads(self._meta(name))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def discard(self) -> None:
        """Close; remove the file if it is still the one opened (the next start rebuilds)."""
        self.close()
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            if os.path.samestat(os.stat(self.path), self._info):
                os.unlink(self.path)


def _whole_database(header: bytes, size: int) -> bool:
    """An SQLite file whose length is what its header says (not cut short, not garbage)."""
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return pages > 0 and page_size >= 512 and size == page_size * pages


def _check_supported(original: types.ModuleType) -> list[str]:
    """The fields of NOUN_DATA's values, in order; Unsupported if a value is not kept exactly
    (keys text or None, noun fields text, frequencies finite numbers, lists of text)."""
    fields: dict[str, None] = {}
    for name in DICTS:
        table = getattr(original, name)
        if type(table) is not dict:
            raise Unsupported(name)
        for key, value in table.items():
            if key is not None and type(key) is not str:
                raise Unsupported(f"{name} key {key!r}")
            if name == "NOUN_DATA":
                if type(value) is not dict or any(
                    type(k) is not str or type(v) is not str for k, v in value.items()
                ):
                    raise Unsupported(f"{name}[{key!r}]")
                fields.update(dict.fromkeys(value))
            elif type(value) not in (float, int) or not math.isfinite(value):
                raise Unsupported(f"{name}[{key!r}]")
    for name in LISTS:
        words = getattr(original, name)
        if type(words) is not list or any(type(w) is not str for w in words):
            raise Unsupported(name)
    return list(fields)


def build(original: types.ModuleType, key: dict) -> bytes:
    """The cache file's bytes for lint-ii's loaded lists, checked entry by entry."""
    fields = _check_supported(original)
    nouns, freq = original.NOUN_DATA, original.FREQ_DATA
    other_keys = {
        name: [[None, getattr(original, name)[None]]] if None in getattr(original, name) else []
        for name in DICTS
    }
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        meta = {
            "key": json.dumps(key),
            "fields": json.dumps(fields),
            "other_keys": json.dumps(other_keys),
        }
        meta |= {name: json.dumps(getattr(original, name), ensure_ascii=False) for name in LISTS}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        # columns without a type keep each value as given (no conversion); sorted rows pack
        columns = ", ".join(f"c{i}" for i in range(len(fields)))
        db.execute(f"CREATE TABLE NOUN_DATA (word TEXT PRIMARY KEY, {columns}) WITHOUT ROWID")
        db.execute("CREATE TABLE FREQ_DATA (word TEXT PRIMARY KEY, c0) WITHOUT ROWID")
        db.executemany(
            f"INSERT INTO NOUN_DATA VALUES (?{', ?' * len(fields)})",
            ((w, *(nouns[w].get(f) for f in fields)) for w in _sorted_words(nouns)),
        )
        db.executemany(
            "INSERT INTO FREQ_DATA VALUES (?, ?)", ((w, freq[w]) for w in _sorted_words(freq))
        )
        db.commit()
        data = db.serialize()
    finally:
        db.close()
    _verify(Store.in_memory(data), original)
    return data


def _sorted_words(table: dict) -> list[str]:
    """The text keys in SQLite's order (UTF-8 bytes, which is code point order)."""
    return sorted(k for k in table if k is not None)


def _verify(store: Store, original: types.ModuleType) -> None:
    """Every entry read back equals lint-ii's: value, type, the order of a noun's fields; and
    there are as many (words are unique in a table)."""
    try:
        for name in LISTS:
            if store.listed(name) != getattr(original, name):
                raise Unsupported(name)
        for name in DICTS:
            expected, other = getattr(original, name), store._other_keys[name]
            rows = store._db.execute(f"SELECT word, {store._columns[name]} FROM {name}")
            count = len(other)
            for row in rows:
                count += 1
                if not _same(store._value(name, row[1:]), expected.get(row[0], _MISSING)):
                    raise Unsupported(f"{name}[{row[0]!r}]")
            if count != len(expected) or any(
                not _same(v, expected.get(k, _MISSING)) for k, v in other.items()
            ):
                raise Unsupported(name)
    finally:
        store.close()


def _same(ours, theirs) -> bool:
    if type(ours) is not type(theirs) or ours != theirs:
        return False
    return type(ours) is not dict or list(ours) == list(theirs)


def _remove_orphans(folder: Path, keep: Path) -> None:
    """Cache files of lint-ii installations that are gone (a removed virtualenv)."""
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
            if path == keep:
                continue
            try:
                uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
                db = sqlite3.connect(uri, uri=True)
                try:
                    row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
                finally:
                    db.close()
                data_dir = json.loads(row[0])["data_dir"]
            except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
                continue
            if not os.path.isdir(data_dir):
                with contextlib.suppress(OSError):
                    path.unlink()


def open_store(original: Callable[[], types.ModuleType]) -> Store | None:
    """The cache for this lint-ii, built if needed; None when no folder can hold it (or
    lint-ii's lists hold what it cannot keep). ``original`` loads lint-ii's own module."""
    try:
        key = cache_key()
    except OSError:
        return None
    return cached_file(
        file_name(key),
        lambda: build(original(), key),
        lambda path: Store.open(path, key),
        written=_remove_orphans,
    )


def cached_file(
    name: str,
    make: Callable[[], bytes],
    use: Callable[[Path], T | None],
    written: Callable[[Path, Path], None] | None = None,
) -> T | None:
    """``use(path)`` of the file ``name`` in the first cache folder where it is usable, made
    with ``make()`` (at most once) and written atomically where it is missing, stale or
    broken; None when no folder can hold it or ``make`` raises :class:`Unsupported` (the
    data holds what the file cannot keep exactly). ``written(folder, path)`` runs after a
    new file is written. Shared by the lint-ii word lists and wordfreq's frequencies."""
    from lint_brieven.output import write_bytes_atomic

    data: bytes | None = None
    for folder_of in _folders():
        folder = folder_of()
        if folder is None:
            continue
        path = folder / name
        found = use(path)
        if found is not None:
            return found
        try:
            if data is None:
                data = make()
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)  # stale or broken; then the new file is a plain new file
            write_bytes_atomic(path, data)
        except Unsupported:
            return None
        except (OSError, sqlite3.Error):
            continue
        if written is not None:
            written(folder, path)
        found = use(path)
        if found is not None:
            return found
    return None

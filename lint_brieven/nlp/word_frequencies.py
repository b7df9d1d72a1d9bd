"""wordfreq's Dutch word frequencies from an SQLite file instead of its packed list.

The first time a check asks ``wordfreq.zipf_frequency(word, "nl")``, wordfreq unpacks
``large_nl.msgpack.gz`` (311,000 words) into a dict: 0.1 s and 41 MiB of every cold check.
``install()`` makes wordfreq's ``get_frequency_dict("nl")`` answer from a file built once from
wordfreq's own list instead: each word's frequency bucket, looked up when asked. The frequency
is wordfreq's own ``cB_to_freq`` of that bucket, so every answer is the same float; everything
else (tokenizing, combining, rounding) is still wordfreq's code. Before the file is written,
every row read back is compared with wordfreq's dict, and there must be as many.

The file is keyed on wordfreq's data folder (name, size and modification time of every file)
and the bytes of wordfreq's ``__init__.py``; it lives beside the lint-ii word lists
(``readability/wordlist_cache``: the user's cache folder, else a private temporary folder)
and is written atomically. A missing, stale or damaged file is rebuilt silently; when no
folder can be written, or a lookup fails, wordfreq's own dict is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from lint_brieven.readability import wordlist_cache

FORMAT = 1  # of the file; a change makes every older file stale
LANG, WORDLIST = "nl", "best"  # what the checks ask (``zipf_frequency(word, "nl")``)
PREFIX, SUFFIX = "wordfreq-nl-", ".sqlite3"
_MARK = "_lint_brieven_frequencies"


class Unsupported(wordlist_cache.Unsupported):
    """wordfreq's list holds something this file does not keep exactly."""


def install() -> None:
    """Route wordfreq's ``get_frequency_dict("nl")`` through the file (once per process)."""
    import wordfreq

    if getattr(wordfreq.get_frequency_dict, _MARK, False):
        return
    original = wordfreq.get_frequency_dict

    def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff: None = None):
        if lang == LANG and wordlist == WORDLIST and match_cutoff is None:
            table = _table()
            if table is not None:
                return table
        return original(lang, wordlist, match_cutoff)

    setattr(get_frequency_dict, _MARK, True)
    get_frequency_dict.__wrapped__ = original  # type: ignore[attr-defined]
    get_frequency_dict.__doc__ = original.__doc__
    wordfreq.get_frequency_dict = get_frequency_dict


def _original_dict() -> dict[str, float]:
    import wordfreq

    own = getattr(wordfreq.get_frequency_dict, "__wrapped__", wordfreq.get_frequency_dict)
    return own(LANG, WORDLIST)


def cache_key() -> dict:
    import wordfreq

    data = Path(wordfreq.DATA_PATH)
    files = sorted(
        [entry.name, info.st_size, info.st_mtime_ns]
        for entry in os.scandir(data)
        if entry.is_file() and (info := entry.stat())
    )
    source = Path(wordfreq.__file__).read_bytes()
    return {
        "format": FORMAT,
        "data_dir": str(data),
        "reader": hashlib.sha256(source).hexdigest(),
        "files": files,
    }


def file_name(key: dict) -> str:
    digest = hashlib.sha256(key["data_dir"].encode("utf-8", "surrogatepass")).hexdigest()
    return PREFIX + digest[:16] + SUFFIX


class Frequencies(Mapping):
    """wordfreq's Dutch frequency dict, read from the file a word at a time (what wordfreq
    asks of it: ``word in table`` and ``table[word]``); iterating reads wordfreq's own dict."""

    def __init__(self, path: Path, to_freq: Callable[[int], float]) -> None:
        self.path = path
        self._to_freq = to_freq
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._seen: dict[str, float | None] = {}

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own
            uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def _freq(self, word) -> float | None:
        if type(word) is not str:
            return _original_dict().get(word)
        if word in self._seen:
            return self._seen[word]
        try:
            row = (
                self._connection()
                .execute("SELECT bucket FROM words WHERE word = ?", (word,))
                .fetchone()
            )
        except UnicodeEncodeError:  # a lone surrogate: SQLite cannot hold it, wordfreq can
            return _original_dict().get(word)
        except sqlite3.Error:
            return _original_dict().get(word)
        freq = None if row is None else self._to_freq(-row[0])
        self._seen[word] = freq
        return freq

    def __contains__(self, word) -> bool:
        return self._freq(word) is not None

    def __getitem__(self, word) -> float:
        freq = self._freq(word)
        if freq is None:
            raise KeyError(word)
        return freq

    def __iter__(self) -> Iterator[str]:
        return iter(_original_dict())

    def __len__(self) -> int:
        return len(_original_dict())


def build(key: dict) -> bytes:
    """The file's bytes: each word's bucket as wordfreq's dict ends up with it (a word in
    two buckets keeps the last), checked row by row against that dict."""
    import wordfreq

    buckets: dict[str, int] = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list(LANG, WORDLIST)):
        for word in bucket:
            if type(word) is not str:
                raise Unsupported(repr(word))
            buckets[word] = index
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        db.execute("INSERT INTO meta VALUES ('key', ?)", (json.dumps(key),))
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, bucket INTEGER) WITHOUT ROWID")
        try:
            db.executemany("INSERT INTO words VALUES (?, ?)", sorted(buckets.items()))
        except (UnicodeEncodeError, sqlite3.IntegrityError) as exc:
            raise Unsupported(str(exc)) from None
        db.commit()
        data = db.serialize()
    finally:
        db.close()
    _verify(data, _original_dict(), wordfreq.cB_to_freq)
    return data


def _verify(data: bytes, expected: dict, to_freq: Callable[[int], float]) -> None:
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        count = 0
        for word, bucket in db.execute("SELECT word, bucket FROM words"):
            count += 1
            freq = to_freq(-bucket) if type(bucket) is int else None
            if type(word) is not str or freq != expected.get(word) or freq is None:
                raise Unsupported(f"words[{word!r}]")
        if count != len(expected):
            raise Unsupported("words")
    finally:
        db.close()


def _opened(path: Path, key: dict) -> bool:
    """Whether ``path`` is a complete file for ``key``."""
    from lint_brieven.readability.wordlist_cache import _whole_database

    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if not _whole_database(header, size):
        return False
    try:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
            db.execute("SELECT bucket FROM words WHERE word = ''").fetchone()
        finally:
            db.close()
        return row is not None and isinstance(row[0], str) and json.loads(row[0]) == key
    except (sqlite3.Error, ValueError, TypeError, OSError):
        return False


@lru_cache(maxsize=1)
def _table() -> Frequencies | None:
    """The lookup for this wordfreq, the file built if needed; None when no folder can
    hold it or the list holds what it cannot keep."""
    import wordfreq

    try:
        key = cache_key()
    except OSError:
        return None
    return wordlist_cache.cached_file(
        file_name(key),
        lambda: build(key),
        lambda path: Frequencies(path, wordfreq.cB_to_freq) if _opened(path, key) else None,
    )

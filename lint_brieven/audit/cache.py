"""The audit cache on disk: one JSON file per letter in ``rapport/.lint-brieven-cache/``.

An entry is only ever read as data, never run. Its first line names the format and version
and holds the SHA-256 of the rest; the rest is ASCII JSON (see ``cache_entry``). A file that is
not exactly that (truncated, a changed byte, bad UTF-8, another version, the wrong key, a
planted file, a symlink, a FIFO, over ``MAX_ENTRY``) is a miss, and the letter is checked again
and its entry rewritten. An entry is also a miss when a template the letter extends, includes
or imports has changed since: the entry lists each one with the digest of its text.

Entries of older versions (``*.pickle``) are never opened; they are deleted.

``index.sqlite`` beside the entries (an SQLite database, see ``Index``) lets an audit find a
letter's entry without reading the letter: for each letter the ``os.stat`` signature it had
when it was read, the SHA-256 of the bytes read then (see ``keys``) and the templates its
entry depends on (with their digests: a letter whose template changed is known to need a check
before the report reaches it, so it goes to a worker with the others), and for each
configuration that was checked the names and categories of its rules. It is looked up a
letter at a time and never held whole; each audit writes a new one as the letters come. A
damaged index is an empty one.

``KEY.view`` beside an entry (the same header, its own magic) keeps what the report showed of
the letter (its ``rapport.json`` entry, ``brieven.csv`` cells, dashboard summary and the
digest of its page), so a re-audit of an unchanged letter writes its part of the report
without decoding its entry or making its page again (``report.ReportWriter``). After the
header come its fields (one line of ASCII JSON), then the text of its ``rapport.json`` entry
as it is (UTF-8), which is not decoded as JSON to be read back (see ``views``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import sqlite3
import stat
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lint_brieven.audit.cache_entry import Checked, from_json, to_json
from lint_brieven.audit.keys import signature
from lint_brieven.audit.rows import CACHE_SIZE

SCHEMA = 1
MAGIC = b"lint-brieven-audit-cache"
INDEX = "index.sqlite"
OLD_INDEX = "index"  # the index of earlier versions (JSON), deleted
MAX_INDEX = 1024 * 1024 * 1024  # bytes; some 4 million letters
MAX_RULE_SETS = 32  # configurations whose rule names the index keeps
MAX_TEMPLATE_SETS = 4096  # sets of templates of the earlier index remembered at a time
MAX_ENTRY = 64 * 1024 * 1024  # bytes; far above any letter's report and source text
MAX_SOURCE = 64 * 1024 * 1024  # bytes of a template read to compare its digest
STALE_TEMP = 3600  # seconds after which a temporary file of an interrupted write is removed
VIEW_MAGIC = b"lint-brieven-audit-view"
_HEADER = re.compile(rb"lint-brieven-audit-(cache|index|view) (\d{1,9}) ([0-9a-f]{64})")
_DIGEST = re.compile("[0-9a-f]{64}")
_TEMP = re.compile(r"\.([0-9a-f]{64}(\.json|\.view)?|index(\.sqlite)?)\.\d+(\.[0-9a-f]+\.tmp)?")


def text_digest(text: str) -> str:
    """The digest of a template's text as the reader saw it. Line ends and a leading byte
    order mark are left out: template readers turn ``\\r\\n`` into ``\\n`` and may drop the
    mark, so the text of a file and the text the reader kept give the same digest."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_digest(path: Path) -> str | None:
    """``text_digest`` of a file on disk; None when it cannot be read as UTF-8 text."""
    data = read_regular(path, MAX_SOURCE, follow=True)
    if data is None:
        return None
    try:
        return text_digest(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


class Cache:
    """The entries in ``folder``; one instance per audit (template digests are remembered)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, str | None] = {}
        self._tidied = False

    def load(self, key: str) -> Checked | None:
        return self._entry(key)[0]

    def read(self, key: str) -> str | None:
        """The entry's JSON text (``encode``), checked as ``load`` checks it."""
        return self._entry(key)[1]

    def _entry(self, key: str) -> tuple[Checked, str] | tuple[None, None]:
        data = read_regular(self.folder / f"{key}.json", MAX_ENTRY, follow=False)
        if data is None:
            return None, None
        try:
            body = _body(data, MAGIC)
            checked = decode(body, key)
        except Exception:  # untrusted bytes: whatever goes wrong, the entry is a miss
            return None, None
        if not self.fresh(checked.deps or ()):
            return None, None
        return checked, body

    def fresh(self, deps) -> bool:
        """Whether every template (absolute path, digest) is as it was."""
        return all(self._digest(path) == digest for path, digest in deps)

    def store(self, key: str, checked: Checked) -> None:
        """Write the entry; a letter that could not be read, or whose templates are not
        known, is not cached. A cache that cannot be written is no error: the next audit
        checks the letter again."""
        if cacheable(checked):
            body = encode(key, checked)
            if body is not None:
                self.store_text(key, body)

    def store_text(self, key: str, body: str) -> None:
        """Write an entry made by ``encode``."""
        try:
            self._tidy()
            _write_atomic(self.folder / f"{key}.json", _with_header(body, MAGIC))
        except OSError:
            pass

    def view(self, key: str) -> dict | None:
        """What the report showed of a letter (``report.ReportWriter``), as plain data with
        the fields checked there; None when missing or damaged."""
        data = read_regular(self.folder / f"{key}.view", MAX_ENTRY, follow=False)
        if data is None:
            return None
        try:
            fields, _newline, entry = _checked(data, VIEW_MAGIC).partition(b"\n")
            view = json.loads(fields.decode("ascii"))
            if not isinstance(view, dict) or view.get("key") != key:
                return None
            view["json"] = entry.decode("utf-8")  # strict: no lone surrogate
        except Exception:  # untrusted bytes: a damaged view is none
            return None
        return view

    def store_view(self, key: str, view: dict) -> None:
        """Keep ``view`` (its ``json``: the letter's ``rapport.json`` entry, after the other
        fields)."""
        try:
            fields = {name: value for name, value in view.items() if name != "json"}
            text = json.dumps(
                {**fields, "key": key}, ensure_ascii=True, separators=(",", ":"), allow_nan=False
            )
            data = text.encode("ascii") + b"\n" + view["json"].encode("utf-8")
            self._tidy()
            _write_atomic(self.folder / f"{key}.view", _framed(data, VIEW_MAGIC))
        except (OSError, TypeError, ValueError, KeyError, AttributeError):
            pass

    def index(self) -> Index:
        """The index as the last audit left it (empty when it is missing or damaged); this
        audit's is written beside it as the letters come (``Index.record``) and takes its
        place when saved (``save_index``)."""
        return Index(_open_index(self.folder / INDEX), self.folder, self._tidy)

    def has(self, key: str) -> bool:
        """Whether there is an entry for ``key`` (whether it is sound is seen on loading)."""
        try:
            return stat.S_ISREG(os.stat(self.folder / f"{key}.json", follow_symlinks=False).st_mode)
        except (OSError, ValueError):
            return False

    def save_index(self, index: Index) -> None:
        """Put this audit's index in the place of the last one; a cache that cannot be written
        is no error (the next audit reads the letters again)."""
        index.save()

    def _digest(self, path: str) -> str | None:
        if path not in self._digests:
            self._digests[path] = file_digest(Path(path))
        return self._digests[path]

    def _tidy(self) -> None:
        """Create the folder; delete entries of older versions and temporary files that an
        interrupted write left behind."""
        if self._tidied:
            return
        self._tidied = True
        self.folder.mkdir(parents=True, exist_ok=True)
        now = time.time()
        with os.scandir(self.folder) as entries:
            for entry in entries:
                try:
                    old = entry.name.endswith(".pickle") or entry.name == OLD_INDEX
                    if not old and _TEMP.fullmatch(entry.name):
                        old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP
                    if old:
                        os.unlink(entry.path)
                except OSError:
                    continue


Deps = tuple[tuple[str, str], ...]  # (absolute path, ``text_digest``) of each template


class Index:
    """The letters an earlier audit read and the rule names of its configurations, in an
    SQLite database (``INDEX``), opened read-only; this audit's goes to a new one beside it,
    a letter at a time (``record``), which ``save`` puts in its place. Neither is held in
    memory: an audit of ten thousand letters keeps no ten thousand index entries.

    ``letters``: absolute path → device, inode, size, mtime_ns, ctime_ns, the SHA-256 of the
    bytes and the templates its entry depends on (``Deps``, each distinct set stored once in
    ``templates``); ``rules``: ``Context.rules`` → {code: [name, category, explanation]}, read
    whole (a few configurations). Every value read is checked; a row that does not fit is a
    letter the index does not know, a table that does not fit an empty index.

    Without a folder (no cache) nothing is written."""

    def __init__(
        self,
        old: sqlite3.Connection | None = None,
        folder: Path | None = None,
        tidy: Callable[[], None] | None = None,
    ) -> None:
        self._old = old
        self._folder, self._tidy = folder, tidy
        self.rules: dict[str, dict] = {}
        self._old_sets: dict[int, Deps | None] = {}
        if old is not None:
            try:
                rows = old.execute("SELECT key, names FROM rules").fetchall()
                if not all(isinstance(key, str) and isinstance(names, str) for key, names in rows):
                    raise ValueError("regels")
                self.rules = _rule_sets({key: json.loads(names) for key, names in rows})
            except (sqlite3.Error, ValueError, TypeError, RecursionError):
                self.close()
                self.rules = {}
        self._new: sqlite3.Connection | None = None
        self._new_path: Path | None = None
        self._sets: dict[Deps, int] = {}  # each set of templates this audit wrote, once
        self._failed = folder is None  # nothing to write

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """How many letters the earlier audit's index knows."""
        if self._old is None:
            return 0
        try:
            return self._old.execute("SELECT count(*) FROM letters").fetchone()[0]
        except sqlite3.Error:
            return 0

    def known(self, path: str, signature: list[int]) -> tuple[str, Deps] | None:
        """The SHA-256 of a letter's bytes and the templates its entry depends on, when its
        signature is the one written down."""
        found = self._row(path)
        return (found[5], found[6]) if found and list(found[:5]) == signature else None

    def record(self, path: str, entry: list) -> None:
        """A letter of this audit: [*signature, digest, deps] (see the class), written now."""
        new = self._writer()
        if new is None:
            return
        try:
            deps = tuple(tuple(dep) for dep in entry[6])
            if deps not in self._sets:
                text = json.dumps([list(dep) for dep in deps], ensure_ascii=True)
                new.execute("INSERT INTO templates VALUES (?, ?)", (len(self._sets), text))
                self._sets[deps] = len(self._sets)
            new.execute(
                "INSERT OR REPLACE INTO letters VALUES (?,?,?,?,?,?,?,?)",
                (_path_key(path), *entry[:6], self._sets[deps]),
            )
        except (sqlite3.Error, OSError, ValueError, TypeError, OverflowError):
            self._discard()

    def forget_letters(self) -> None:
        """Keep no letter of the earlier audits (their configurations' rule names stay)."""
        if self._old is not None:
            self._old.close()
            self._old = None

    def keep_rules(self, used: set[str]) -> None:
        """The rule names of this audit's configurations, and of a few earlier ones."""
        others = [key for key in self.rules if key not in used]
        drop = set(others[: max(0, len(self.rules) - MAX_RULE_SETS)])
        self.rules = {key: names for key, names in self.rules.items() if key not in drop}

    def save(self) -> None:
        """This audit's letters, and those of earlier audits whose files are as they were
        (other folders audited into the same report folder), with the rule names, in the
        place of the earlier index; the rest is forgotten."""
        new = self._writer()
        try:
            if new is None:
                return
            self._carry_over()
            new = self._new
            if new is None or self._new_path is None or self._folder is None:
                return
            rules = self.rules.items()
            new.executemany(
                "INSERT INTO rules VALUES (?, ?)",
                [(key, json.dumps(names, ensure_ascii=True)) for key, names in rules],
            )
            new.execute("COMMIT")
            new.close()
            self._new = None
            os.replace(self._new_path, self._folder / INDEX)
            self._new_path = None
        except (sqlite3.Error, OSError, ValueError, TypeError, OverflowError):
            pass
        finally:
            self.close()

    def close(self) -> None:
        """Close the earlier index and drop this audit's when it was not saved."""
        self.forget_letters()
        self._old_sets.clear()
        self._discard()

    def _carry_over(self) -> None:
        if self._old is None or self._new is None:
            return
        for (key,) in self._old.execute("SELECT path FROM letters"):
            if self._new is None:
                return
            if (
                not isinstance(key, bytes)
                or self._new.execute("SELECT 1 FROM letters WHERE path = ?", (key,)).fetchone()
            ):
                continue
            path = os.fsdecode(key)
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                continue
            found = self._row(path)
            if found is not None and list(found[:5]) == signature(info):
                self.record(path, list(found))

    def _row(self, path: str) -> tuple | None:
        if self._old is None:
            return None
        try:
            found = self._old.execute(
                "SELECT dev, ino, size, mtime, ctime, digest, templates FROM letters "
                "WHERE path = ?",
                (_path_key(path),),
            ).fetchone()
        except (sqlite3.Error, ValueError, OverflowError):
            return None
        if not (
            found is not None
            and all(type(n) is int for n in found[:5])
            and isinstance(found[5], str)
            and _DIGEST.fullmatch(found[5])
            and type(found[6]) is int
        ):
            return None
        deps = self._deps(found[6])
        return None if deps is None else (*found[:6], deps)

    def _deps(self, number: int) -> Deps | None:
        if number not in self._old_sets and self._old is not None:
            if len(self._old_sets) >= MAX_TEMPLATE_SETS:
                self._old_sets.clear()
            try:
                found = self._old.execute(
                    "SELECT deps FROM templates WHERE number = ?", (number,)
                ).fetchone()
                if found is None or not isinstance(found[0], str):
                    raise ValueError("sjablonen")
                self._old_sets[number] = _dep_sets([json.loads(found[0])])[0]
            except (sqlite3.Error, ValueError, TypeError, RecursionError):
                self._old_sets[number] = None
        return self._old_sets.get(number)

    def _writer(self) -> sqlite3.Connection | None:
        """This audit's index, made on first use; None when it cannot be written."""
        if self._new is None and not self._failed and self._folder is not None:
            self._failed = True  # until it is made
            try:
                if self._tidy is not None:
                    self._tidy()
                name = f".{INDEX}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
                self._new_path = self._folder / name
                self._new = sqlite3.connect(
                    f"file:{quote(os.fspath(self._new_path))}?mode=rwc",
                    uri=True,
                    isolation_level=None,
                )
                self._new.executescript(
                    f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {CACHE_SIZE} "
                    f"PRAGMA user_version = {SCHEMA};" + _INDEX_SCHEMA + "BEGIN;"
                )
                self._failed = False
            except (sqlite3.Error, OSError):
                self._discard()
        return self._new

    def _discard(self) -> None:
        """Drop this audit's index (it cannot be written, or was not saved)."""
        self._failed = True
        if self._new is not None:
            with contextlib.suppress(sqlite3.Error):
                self._new.close()
            self._new = None
        if self._new_path is not None:
            with contextlib.suppress(OSError):
                self._new_path.unlink(missing_ok=True)
            self._new_path = None


_INDEX_SCHEMA = """
CREATE TABLE letters (
    path BLOB PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, mtime INTEGER,
    ctime INTEGER, digest TEXT, templates INTEGER
);
CREATE TABLE templates (number INTEGER PRIMARY KEY, deps TEXT);
CREATE TABLE rules (key TEXT PRIMARY KEY, names TEXT);
"""


def _path_key(path: str) -> bytes:
    """A letter's absolute path as the index stores it (the file system's bytes)."""
    return os.fsencode(path)


def _open_index(path: Path) -> sqlite3.Connection | None:
    """The index of the last audit, read-only, when it is a regular file of at most
    ``MAX_INDEX`` bytes with exactly the tables ``_INDEX_SCHEMA`` makes (a planted database
    with triggers or views of its own is none) and this ``SCHEMA``; else None."""
    try:
        info = os.stat(path, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_INDEX:
            return None
        db = sqlite3.connect(f"file:{quote(os.fspath(path))}?mode=ro", uri=True)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        db.executescript(
            "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;"
            + CACHE_SIZE
        )
        schema = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        version = db.execute("PRAGMA user_version").fetchone()
        if schema != _expected_schema() or version != (SCHEMA,):
            raise ValueError("schema")
        return db
    except (sqlite3.Error, ValueError, TypeError):
        db.close()
        return None


@lru_cache(maxsize=1)
def _expected_schema() -> list:
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(_INDEX_SCHEMA)
        return sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        db.close()


def _dep_sets(value: object) -> list[Deps]:
    if not isinstance(value, list):
        raise ValueError("sjablonen")
    sets = []
    for deps in value:
        if not isinstance(deps, list):
            raise ValueError("sjablonen")
        for dep in deps:
            if not (
                isinstance(dep, list)
                and len(dep) == 2
                and isinstance(dep[0], str)
                and isinstance(dep[1], str)
                and _DIGEST.fullmatch(dep[1])
            ):
                raise ValueError("sjablonen")
        sets.append(tuple((path, digest) for path, digest in deps))
    return sets


def _rule_sets(value: object) -> dict[str, dict]:
    if not isinstance(value, dict):
        raise ValueError("regels")
    for key, rules in value.items():
        if not (isinstance(key, str) and isinstance(rules, dict)):
            raise ValueError("regels")
        for code, names in rules.items():
            if not (
                isinstance(code, str)
                and isinstance(names, list)
                and len(names) == 3  # name, category, explanation (before: 2)
                and all(isinstance(n, str) for n in names)
            ):
                raise ValueError("regels")
    return value


def cacheable(checked: Checked) -> bool:
    """A letter that could not be read, or whose templates are not known, is not cached."""
    return not checked.report.error and checked.deps is not None


def encode(key: str, checked: Checked) -> str | None:
    """The entry's JSON text (ASCII); None when the report holds what JSON cannot."""
    try:
        return json.dumps(
            to_json(key, checked), ensure_ascii=True, separators=(",", ":"), allow_nan=False
        )
    except (TypeError, ValueError):
        return None


def decode(body: str, key: str) -> Checked:
    """The ``Checked`` that ``encode(key, …)`` wrote; an exception for anything else."""
    return from_json(json.loads(body), key)


def _with_header(body: str, magic: bytes) -> bytes:
    return _framed(body.encode("ascii"), magic)


def _framed(data: bytes, magic: bytes) -> bytes:
    """``data`` after the header line: the magic, the schema and the SHA-256 of ``data``."""
    return b"%s %d %s\n" % (magic, SCHEMA, hashlib.sha256(data).hexdigest().encode()) + data


def _body(data: bytes, magic: bytes) -> str:
    return _checked(data, magic).decode("ascii")


def _checked(data: bytes, magic: bytes) -> bytes:
    """What follows the header (``_framed``); ``ValueError`` unless the header is one of this
    ``magic`` and ``SCHEMA`` and the SHA-256 matches."""
    header, newline, body = data.partition(b"\n")
    match = _HEADER.fullmatch(header)
    if not newline or not match or int(match.group(2)) != SCHEMA:
        raise ValueError("header")
    if not header.startswith(magic + b" "):
        raise ValueError("magic")
    if hashlib.sha256(body).hexdigest() != match.group(3).decode("ascii"):
        raise ValueError("checksum")
    return body


def read_regular(path: Path, limit: int, *, follow: bool) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None for anything else. Never
    blocks on a FIFO or device; with ``follow=False`` a symlink is not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        before = os.stat(path, follow_symlinks=follow)
        if not stat.S_ISREG(before.st_mode) or before.st_size > limit:
            return None
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    """A temporary file beside ``path``, renamed over it: readers see the old entry or the
    new one. The mode is the usual one for the user's umask (0644 with umask 022)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""The audit cache on disk: one JSON file per letter in ``rapport/.lint-brieven-cache/``.

An entry is only ever read as data, never run. Its first line names the format and version
and holds the SHA-256 of the rest; the rest is ASCII JSON (see ``cache_entry``). A file that is
not exactly that (truncated, a changed byte, bad UTF-8, another version, the wrong key, a
planted file, a symlink, a FIFO, over ``MAX_ENTRY``) is a miss, and the letter is checked again
and its entry rewritten. An entry is also a miss when a template the letter extends, includes
or imports has changed since: the entry lists each one with the digest of its text.

Entries of older versions (``*.pickle``) are never opened; they are deleted.

``index`` beside the entries (the same header, its own magic) lets an audit find a
letter's entry without reading the letter: for each letter the ``os.stat`` signature it had
when it was read, the SHA-256 of the bytes read then (see ``keys``) and the templates its
entry depends on (with their digests: a letter whose template changed is known to need a check
before the report reaches it, so it goes to a worker with the others), and for each
configuration that was checked the names and categories of its rules. A damaged index is an
empty one.

``KEY.view`` beside an entry (the same header, its own magic) keeps what the report showed of
the letter (its ``rapport.json`` entry, ``brieven.csv`` cells, dashboard summary and the
digest of its page), so a re-audit of an unchanged letter writes its part of the report
without decoding its entry or making its page again (``report.ReportWriter``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import time
from pathlib import Path

from lint_brieven.audit.cache_entry import Checked, from_json, to_json
from lint_brieven.audit.keys import signature

SCHEMA = 1
MAGIC = b"lint-brieven-audit-cache"
INDEX_MAGIC = b"lint-brieven-audit-index"
INDEX = "index"
MAX_INDEX = 256 * 1024 * 1024  # bytes; some 1.5 million letters
MAX_RULE_SETS = 32  # configurations whose rule names the index keeps
MAX_ENTRY = 64 * 1024 * 1024  # bytes; far above any letter's report and source text
MAX_SOURCE = 64 * 1024 * 1024  # bytes of a template read to compare its digest
STALE_TEMP = 3600  # seconds after which a temporary file of an interrupted write is removed
VIEW_MAGIC = b"lint-brieven-audit-view"
_HEADER = re.compile(rb"lint-brieven-audit-(cache|index|view) (\d{1,9}) ([0-9a-f]{64})")
_DIGEST = re.compile("[0-9a-f]{64}")
_TEMP = re.compile(r"\.([0-9a-f]{64}(\.json|\.view)?|index)\.\d+(\.[0-9a-f]+\.tmp)?")


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
            view = json.loads(_body(data, VIEW_MAGIC))
        except Exception:  # untrusted bytes: a damaged view is none
            return None
        return view if isinstance(view, dict) and view.get("key") == key else None

    def store_view(self, key: str, view: dict) -> None:
        try:
            text = json.dumps(
                {**view, "key": key}, ensure_ascii=True, separators=(",", ":"), allow_nan=False
            )
            self._tidy()
            _write_atomic(self.folder / f"{key}.view", _with_header(text, VIEW_MAGIC))
        except (OSError, TypeError, ValueError):
            pass

    def index(self) -> Index:
        """The index as the last audit left it; empty when it is missing or damaged."""
        data = read_regular(self.folder / INDEX, MAX_INDEX, follow=False)
        if data is None:
            return Index()
        try:
            found = json.loads(_body(data, INDEX_MAGIC))
            deps = _dep_sets(found["sjablonen"])
            return Index(_letters(found["brieven"], deps), _rule_sets(found["regels"]))
        except Exception:  # untrusted bytes: a damaged index is an empty one
            return Index()

    def has(self, key: str) -> bool:
        """Whether there is an entry for ``key`` (whether it is sound is seen on loading)."""
        try:
            return stat.S_ISREG(os.stat(self.folder / f"{key}.json", follow_symlinks=False).st_mode)
        except (OSError, ValueError):
            return False

    def save_index(self, index: Index) -> None:
        sets: dict[tuple, int] = {}  # each distinct set of templates written once
        letters = {
            path: [*entry[:6], sets.setdefault(entry[6], len(sets))]
            for path, entry in index.letters.items()
        }
        table = [[list(dep) for dep in deps] for deps in sets]
        body = {"brieven": letters, "sjablonen": table, "regels": index.rules}
        try:
            text = json.dumps(body, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
            self._tidy()
            _write_atomic(self.folder / INDEX, _with_header(text, INDEX_MAGIC))
        except (OSError, TypeError, ValueError):
            pass

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
                    old = entry.name.endswith(".pickle")
                    if not old and _TEMP.fullmatch(entry.name):
                        old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP
                    if old:
                        os.unlink(entry.path)
                except OSError:
                    continue


Deps = tuple[tuple[str, str], ...]  # (absolute path, ``text_digest``) of each template


class Index:
    """``letters``: absolute path → [device, inode, size, mtime_ns, ctime_ns, SHA-256 of the
    bytes, the templates its entry depends on (``Deps``)]; ``rules``: ``Context.rules`` →
    {code: [name, category]}. On disk each distinct set of templates is written once
    (``sjablonen``) and a letter names it by its place in that list."""

    def __init__(
        self, letters: dict[str, list] | None = None, rules: dict[str, dict] | None = None
    ) -> None:
        self.letters = letters or {}
        self.rules = rules or {}

    def known(self, path: str, signature: list[int]) -> tuple[str, Deps] | None:
        """The SHA-256 of a letter's bytes and the templates its entry depends on, when its
        signature is the one written down."""
        found = self.letters.get(path)
        return (found[5], found[6]) if found and found[:5] == signature else None

    def digest(self, path: str, signature: list[int]) -> str | None:
        """The SHA-256 of a letter's bytes, when its signature is the one written down."""
        found = self.known(path, signature)
        return found[0] if found else None

    def update_letters(self, seen: dict[str, list]) -> None:
        """This audit's letters, and those of earlier audits whose files are as they were
        (other folders audited into the same report folder); the rest is forgotten."""
        for path, entry in self.letters.items():
            if path not in seen:
                try:
                    info = os.stat(path)
                except (OSError, ValueError):
                    continue
                if signature(info) == entry[:5]:
                    seen[path] = entry
        self.letters = seen

    def keep_rules(self, used: set[str]) -> None:
        """The rule names of this audit's configurations, and of a few earlier ones."""
        others = [key for key in self.rules if key not in used]
        drop = set(others[: max(0, len(self.rules) - MAX_RULE_SETS)])
        self.rules = {key: names for key, names in self.rules.items() if key not in drop}


def _letters(value: object, deps: list[Deps]) -> dict[str, list]:
    if not isinstance(value, dict):
        raise ValueError("brieven")
    for path, entry in value.items():
        if not (
            isinstance(path, str)
            and isinstance(entry, list)
            and len(entry) == 7
            and all(type(n) is int for n in entry[:5])
            and isinstance(entry[5], str)
            and _DIGEST.fullmatch(entry[5])
            and type(entry[6]) is int
            and 0 <= entry[6] < len(deps)
        ):
            raise ValueError("brieven")
        entry[6] = deps[entry[6]]
    return value


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
    data = body.encode("ascii")
    return b"%s %d %s\n" % (magic, SCHEMA, hashlib.sha256(data).hexdigest().encode()) + data


def _body(data: bytes, magic: bytes) -> str:
    header, newline, body = data.partition(b"\n")
    match = _HEADER.fullmatch(header)
    if not newline or not match or int(match.group(2)) != SCHEMA:
        raise ValueError("header")
    if not header.startswith(magic + b" "):
        raise ValueError("magic")
    if hashlib.sha256(body).hexdigest() != match.group(3).decode("ascii"):
        raise ValueError("checksum")
    return body.decode("ascii")


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

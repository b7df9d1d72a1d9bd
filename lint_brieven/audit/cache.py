"""The audit cache on disk: one JSON file per letter in ``rapport/.lint-brieven-cache/``.

An entry is only ever read as data, never run. Its first line names the format and version
and holds the SHA-256 of the rest; the rest is ASCII JSON (see ``cache_entry``). A file that is
not exactly that (truncated, a changed byte, bad UTF-8, another version, the wrong key, a
planted file, a symlink, a FIFO, over ``MAX_ENTRY``) is a miss, and the letter is checked again
and its entry rewritten. An entry is also a miss when a template the letter extends, includes
or imports has changed since: the entry lists each one with the digest of its text.

Entries of older versions (``*.pickle``) are never opened; they are deleted.
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

SCHEMA = 1
MAGIC = b"lint-brieven-audit-cache"
MAX_ENTRY = 64 * 1024 * 1024  # bytes; far above any letter's report and source text
MAX_SOURCE = 64 * 1024 * 1024  # bytes of a template read to compare its digest
STALE_TEMP = 3600  # seconds after which a temporary file of an interrupted write is removed
_HEADER = re.compile(rb"lint-brieven-audit-cache (\d{1,9}) ([0-9a-f]{64})")
_TEMP = re.compile(r"\.[0-9a-f]{64}(\.json)?\.\d+(\.[0-9a-f]+\.tmp)?")


def text_digest(text: str) -> str:
    """The digest of a template's text as the reader saw it. Line ends and a leading byte
    order mark are left out: template readers turn ``\\r\\n`` into ``\\n`` and may drop the
    mark, so the text of a file and the text the reader kept give the same digest."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_digest(path: Path) -> str | None:
    """``text_digest`` of a file on disk; None when it cannot be read as UTF-8 text."""
    data = _read_regular(path, MAX_SOURCE, follow=True)
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
        data = _read_regular(self.folder / f"{key}.json", MAX_ENTRY, follow=False)
        if data is None:
            return None
        try:
            checked = _decode(data, key)
        except Exception:  # untrusted bytes: whatever goes wrong, the entry is a miss
            return None
        for path, digest in checked.deps or ():
            if self._digest(path) != digest:
                return None
        return checked

    def store(self, key: str, checked: Checked) -> None:
        """Write the entry; a letter that could not be read, or whose templates are not
        known, is not cached. A cache that cannot be written is no error: the next audit
        checks the letter again."""
        if checked.report.error or checked.deps is None:
            return
        try:
            body = json.dumps(
                to_json(key, checked), ensure_ascii=True, separators=(",", ":"), allow_nan=False
            ).encode("ascii")
        except (TypeError, ValueError):
            return
        header = b"%s %d %s\n" % (MAGIC, SCHEMA, hashlib.sha256(body).hexdigest().encode())
        try:
            self._tidy()
            _write_atomic(self.folder / f"{key}.json", header + body)
        except OSError:
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


def _decode(data: bytes, key: str) -> Checked:
    header, newline, body = data.partition(b"\n")
    match = _HEADER.fullmatch(header)
    if not newline or not match or int(match.group(1)) != SCHEMA:
        raise ValueError("header")
    if hashlib.sha256(body).hexdigest() != match.group(2).decode("ascii"):
        raise ValueError("checksum")
    return from_json(json.loads(body.decode("ascii")), key)


def _read_regular(path: Path, limit: int, *, follow: bool) -> bytes | None:
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

"""Writing output safely: to stdout, or atomically to a file (never a half-written report),
without ever harming what is there.

- A symbolic link is followed: the file it leads to is written, the link stays a link.
- A FIFO, device or ``/dev/stdout`` is written through (opened and written), never replaced.
- A file that exists keeps its mode, owner and group; a read-only one is refused.
- A new file gets the mode the user's umask gives (0644 with umask 022).
- The new content goes to ``.NAME.lint-brieven-PID-XXXXXXXX.tmp`` beside the target first,
  flushed to disk, then renamed over it: a crash leaves the old file or the new one. A
  temporary file a killed run left behind is removed on the next write beside it (when its
  process is gone, or after :data:`STALE_SECONDS`).

Every failure is a :class:`WriteError` (an ``OSError``) with one Dutch line naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from lint_brieven.file_access import dutch_reason, not_regular
from lint_brieven.safe_text import no_surrogates, terminal_safe

TEMP_MARK = ".lint-brieven-"
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 10 * 60
_NAME_BYTES = 120  # of the target's name in a temporary name (names may be 255 bytes)
_STANDARD_STREAMS = {"/dev/stdout": "stdout", "/dev/stderr": "stderr"}


class WriteError(OSError):
    """A file that could not be written; ``str()`` is one Dutch line naming it."""

    def __init__(self, message: str, errno_: int | None = None) -> None:
        super().__init__(errno_ or 0, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _shown(path: Path | str) -> str:
    return terminal_safe(os.fspath(path))


def _failed(path: Path | str, exc: OSError) -> WriteError:
    return WriteError(f"{_shown(path)} kan niet worden geschreven: {dutch_reason(exc)}.", exc.errno)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line endings as given) to ``path``; see the module docstring."""
    _write(Path(path), no_surrogates(text).encode("utf-8"), make_folders=True)


def write_atomic_parts(path: Path, parts: Iterable[str]) -> None:
    """``write_atomic`` for a text made part by part: each part is written as it comes, so a
    large report is never held in memory whole."""
    _write(Path(path), map(_encoded, parts), make_folders=True)


def _encoded(text: str) -> bytes:
    """``text`` in UTF-8, lone surrogates written as in ``no_surrogates``; ASCII text (most
    parts of a report, which holds no surrogate) straight away."""
    if text.isascii():
        return text.encode("ascii")
    return no_surrogates(text).encode("utf-8")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode, owner and group; see the
    module docstring. A read-only file is refused."""
    _write(Path(path), data, make_folders=False)


def emit(text: str, output: Path | None) -> None:
    """A report to standard output, or to the file ``output``."""
    if output is None or os.fspath(output) in _STANDARD_STREAMS:
        stream = getattr(sys, _STANDARD_STREAMS.get(os.fspath(output or ""), "stdout"))
        stream.write(no_surrogates(text))
        stream.flush()
    else:
        write_atomic(output, text)


def _write(path: Path, data: bytes | Iterable[bytes], make_folders: bool) -> None:
    real = Path(os.path.realpath(path))  # a link: write where it leads, keep the link
    try:
        info: os.stat_result | None = os.stat(path)  # links followed, /dev/fd/1 too
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    if info is not None:
        kind = not_regular(info.st_mode)
        if kind == "een map":
            raise WriteError(f"{_shown(path)} is een map; geef een bestandsnaam op.", errno.EISDIR)
        if kind or not _same_file(real, info):  # a FIFO, a device, an open descriptor
            _write_through(path, data)
            return
        if not (info.st_mode & 0o222) or not os.access(real, os.W_OK):
            raise WriteError(f"{_shown(path)} is alleen-lezen; niet aangepast.", errno.EACCES)
    if make_folders and not real.parent.is_dir():
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"{_shown(path)} kan niet worden geschreven: de map {_shown(real.parent)} kan "
                f"niet worden gemaakt ({dutch_reason(exc)}).",
                exc.errno,
            ) from exc
    remove_stale_temporaries(real)
    try:
        _replace(real, data, info)
    except OSError as exc:
        raise _failed(path, exc) from exc


def _same_file(real: Path, info: os.stat_result) -> bool:
    """Whether the real path is the file ``info`` describes (not so for ``/dev/fd/N`` and
    ``/proc/self/fd/N``, whose target has no name of its own to replace)."""
    try:
        return os.path.samestat(os.stat(real), info)
    except OSError:
        return False


def _write_through(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write into a FIFO, device or open descriptor as it is: opened, written, never
    replaced (appending, so ``>>`` on the shell keeps what is there)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        with open(fd, "wb", closefd=True) as handle:
            _write_data(handle, data)
    except OSError as exc:
        raise _failed(path, exc) from exc


def temporary_name(target: Path) -> str:
    """``.NAME.lint-brieven-PID-XXXXXXXX.tmp`` for ``target`` (NAME shortened if long)."""
    return f"{_temp_prefix(target)}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _temp_prefix(target: Path) -> str:
    name = os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES])
    return f".{name}{TEMP_MARK}"


def _replace(real: Path, data: bytes | Iterable[bytes], info: os.stat_result | None) -> None:
    tmp = real.with_name(temporary_name(real))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags | getattr(os, "O_BINARY", 0), 0o666)  # the umask applies
    try:
        with open(fd, "wb", closefd=True) as handle:
            _write_data(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
            if info is not None:
                _keep_owner_and_mode(handle.fileno(), info, tmp)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(real.parent)


def _write_data(handle, data: bytes | Iterable[bytes]) -> None:
    for part in [data] if isinstance(data, bytes) else data:
        handle.write(part)


def _keep_owner_and_mode(fd: int, info: os.stat_result, path: Path) -> None:
    """The original's owner and group (when we may set them: root may, others may keep at
    least a group they are in), then its mode (``chown`` can clear set-id bits)."""
    if hasattr(os, "fchown"):
        for uid in (info.st_uid, -1):
            try:
                os.fchown(fd, uid, info.st_gid)
                break
            except PermissionError:  # EPERM: not root, another owner or group
                continue
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(info.st_mode))
    else:  # Windows before Python 3.13
        os.chmod(path, stat.S_IMODE(info.st_mode))


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(target: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files beside ``target`` that an interrupted write left: those of a
    process that is gone, or older than :data:`STALE_SECONDS`. Returns what was removed."""
    prefix = _temp_prefix(target)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix) : -len(TEMP_SUFFIX)].split("-")[0]
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or not pid_text.isdigit():
            continue
        if _alive(int(pid_text)) and now - info.st_mtime < STALE_SECONDS:
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (signal 0 tests, it sends nothing)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would end the process there: go by age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: keep it until it is old
    return True

"""Reading a file from disk without surprises: only regular files, never more than a limit.

A FIFO, device or socket is never opened (reading one can block forever or never end); a
file over the size limit is refused before it is read, and reading stops at the limit in
case the size on disk lies (``/proc`` files say 0). Every refusal carries one Dutch line.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from pathlib import Path

_MB = 1024 * 1024

_REASONS = {
    errno.EACCES: "geen toegang (onvoldoende rechten)",
    errno.EPERM: "geen toegang (onvoldoende rechten)",
    errno.ENOENT: "het bestaat niet (meer)",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "het is een map",
    errno.EEXIST: "er bestaat al iets met die naam",
    errno.ELOOP: "te veel symbolische koppelingen achter elkaar",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EIO: "de schijf gaf een lees- of schrijffout",
    errno.EMFILE: "te veel bestanden tegelijk open",
    errno.ENFILE: "te veel bestanden tegelijk open",
    errno.EBUSY: "het is in gebruik",
    errno.ETXTBSY: "het is in gebruik",
    errno.EFBIG: "het bestand wordt te groot",
    errno.ENXIO: "het apparaat is er niet",
    errno.ENODEV: "het apparaat is er niet",
}


def dutch_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Dutch (the system's own text is English)."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0)
    return f"systeemfout {code}" if code else "onbekende systeemfout"


class FileRefused(Exception):
    """A file that is not read. ``notice``: skipped on purpose (a note, not an error)."""

    def __init__(self, message: str, *, notice: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.notice = notice


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, in Dutch; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISFIFO(mode):
        return "een named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    return "een bijzonder bestand"


def skipped_notice(kind: str) -> str:
    return f"Dit is geen gewoon bestand maar {kind}; overgeslagen."


def megabytes(size: int) -> str:
    """'120' or '20,1': megabytes (1024 × 1024 bytes), rounded up to one decimal so a file
    just over a limit never reads as equal to it."""
    tenths = math.ceil(size * 10 / _MB)
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}" if tenth else str(whole)


def too_large(size: int | None, limit: int) -> str:
    """The error for a file over ``limit`` bytes; ``size`` None when reading stopped at the
    limit, so the real size is not known."""
    if size is None:
        return f"Het bestand is te groot (groter dan de grens van {megabytes(limit)} MB)."
    return f"Het bestand is te groot ({megabytes(size)} MB; grens {megabytes(limit)} MB)."


def check_regular(path: Path) -> None:
    """Refuse ``path`` unless it is a regular file (symbolic links followed), without
    opening it."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise FileRefused(f"Het bestand kan niet worden geopend: {dutch_reason(exc)}.") from exc
    kind = not_regular(info.st_mode)
    if kind:
        raise FileRefused(skipped_notice(kind), notice=True)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`FileRefused`: a notice for a FIFO, device or socket (never opened), an
    error for a file over ``limit`` bytes or one that cannot be opened.
    """
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: a FIFO swapped in after the check cannot block
    except OSError as exc:
        raise FileRefused(f"Het bestand kan niet worden geopend: {dutch_reason(exc)}.") from exc
    with open(fd, "rb", closefd=True) as handle:
        try:
            info = os.fstat(handle.fileno())
            kind = not_regular(info.st_mode)
            if kind:
                raise FileRefused(skipped_notice(kind), notice=True)
            if info.st_size > limit:
                raise FileRefused(too_large(info.st_size, limit))
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"Het bestand kan niet worden gelezen: {dutch_reason(exc)}.") from exc
    if len(data) > limit:  # the size on disk was wrong, or the file grew while we read
        raise FileRefused(too_large(None, limit))
    return data

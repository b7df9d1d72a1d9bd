"""Finding the files a run checks: the paths named, folders walked (``Runner.entries``).

Walking a folder reads regular files only: a FIFO, device or socket is skipped with a notice,
and so is a symbolic link that leads out of the folder being checked (a link named on the
command line is followed). A subfolder that cannot be read is an error, not silence.

Kept apart from ``runner`` and free of the Dutch pipeline, so ``audit`` can find its letters
(and serve them from its cache) without loading spaCy.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from lint_brieven import readers
from lint_brieven.config import Config
from lint_brieven.file_access import FileRefused, check_regular, dutch_reason, not_regular
from lint_brieven.findings import FileReport

STDIN = "-"

LINK_OUTSIDE_FILE = (
    "Dit bestand is een symbolische koppeling naar een bestand buiten de gecontroleerde map; "
    "overgeslagen. Noem het bestand zelf op de opdrachtregel om het toch te controleren."
)
LINK_OUTSIDE_FOLDER = (
    "Deze map is een symbolische koppeling naar een map buiten de gecontroleerde map; "
    "niet doorzocht. Noem de map zelf op de opdrachtregel om die toch te controleren."
)

# What ``entries`` yields for each path: a file to check, None for a path that does not
# exist, or a finished report (a file skipped with a notice, a folder that cannot be read).
Entry = Path | None | FileReport


def entries(paths: Sequence[str], config: Callable[[Path], Config]) -> Iterator[tuple[str, Entry]]:
    """(display path, entry) for every path, folders walked; ``config(folder)`` gives the
    configuration for the files in a folder (it may raise ``ConfigError``)."""
    for raw in paths:
        if raw == STDIN:
            yield raw, None
            continue
        path = Path(raw)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            # a dangling link is there, it just leads nowhere: say so when opening it
            yield raw, (path if os.path.islink(path) else None)
            continue
        except OSError as exc:
            error = f"Het bestand of de map kan niet worden geopend: {dutch_reason(exc)}."
            yield raw, FileReport(raw, error=error)
            continue
        if not_regular(info.st_mode) == "een map":
            yield from _walk(path, config)
        elif not config(path.parent).is_excluded(path):
            yield display(path), path  # named on the command line: links are followed


def _walk(folder: Path, config_for: Callable[[Path], Config]) -> Iterator[tuple[str, Entry]]:
    tree = os.path.realpath(folder)
    failed: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failed.append):
        yield from unreadable(failed)
        here = Path(root)
        config = config_for(here)
        walked = []
        for name in sorted(dirs):
            sub = here / name
            if config.is_excluded(sub):
                continue
            if os.path.islink(sub):  # never walked (os.walk does not follow links)
                if not _inside(sub, tree):
                    shown = _display_link(sub)
                    yield shown, skipped(shown, LINK_OUTSIDE_FOLDER)
                continue
            walked.append(name)
        dirs[:] = walked
        for name in sorted(files):
            file = here / name
            if not (
                readers.supported(file, config.read_options)
                and config.is_included(file)
                and not config.is_excluded(file)
            ):
                continue
            if os.path.islink(file) and not _inside(file, tree):
                shown = _display_link(file)
                yield shown, skipped(shown, LINK_OUTSIDE_FILE)
                continue
            shown = display(file)
            try:
                check_regular(file)
            except FileRefused as refused:
                if refused.notice:
                    yield shown, skipped(shown, refused.message)
                    continue
                if os.path.islink(file):  # a dangling link: name the link, not nothing
                    shown = _display_link(file)
            yield shown, file  # an error opening it is reported when it is read
    yield from unreadable(failed)


def skipped(shown: str, notice: str) -> FileReport:
    return FileReport(shown, notices=[notice], skipped=True)


def unreadable(failed: list[OSError]) -> Iterator[tuple[str, FileReport]]:
    """Folders ``os.walk`` could not list, as errors (and the list emptied)."""
    while failed:
        exc = failed.pop(0)
        folder = Path(os.fsdecode(exc.filename)) if exc.filename is not None else Path(".")
        shown = display(folder)
        error = f"De map kan niet worden gelezen: {dutch_reason(exc)}."
        yield shown, FileReport(shown, error=error)


def _inside(path: Path, tree: str) -> bool:
    """Whether ``path``, links followed, is within the folder ``tree`` (a real path)."""
    real = os.path.realpath(path)
    return real == tree or real.startswith(tree.rstrip(os.sep) + os.sep)


def _display_link(path: Path) -> str:
    """The name of a link as it is in the tree, not where it leads."""
    try:
        return (Path(os.path.realpath(path.parent)) / path.name).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def display(path: Path) -> str:
    """The path as a run shows it: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()

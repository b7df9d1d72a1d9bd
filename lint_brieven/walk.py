"""Finding the files a run checks: the paths named, folders walked (``Runner.entries``).

Walking a folder passes by, without a word:
- what .gitignore files ignore (``respect-gitignore = false`` or ``--no-respect-gitignore``
  turns this off): inside a git repository the repository's .git/info/exclude and every
  .gitignore from the repository's top folder down, outside one the .gitignore files in the
  walked folder and below; git's rules (pathspec's ``GitIgnoreSpec``: a deeper file overrules
  a higher one, ``!`` takes a path out again, nothing comes back out of an ignored folder).
  The global excludes file of git (core.excludesFile) is not read;
- folders never entered (``config.DEFAULT_EXCLUDE``: .git, .venv, node_modules, build, dist …)
  and report folders of ``audit`` (the folder holds ``REPORT_MARKER``, or ``rapport.json``
  beside ``brieven.csv`` as reports made before the marker);
- files that are no letters (``config.NOT_LETTERS``: README, LICENSE, requirements.txt …),
  files of a type no reader reads, and what the configuration's ``include``/``exclude`` say.
A file named on the command line is checked whatever the walk would say, unless the
configuration's ``exclude`` names it (pre-commit names the files it hands over).

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

import pathspec

from lint_brieven import readers
from lint_brieven.config import Config
from lint_brieven.file_access import FileRefused, check_regular, dutch_reason, not_regular
from lint_brieven.findings import FileReport

STDIN = "-"
# Written by ``audit`` into its report folder, so that a walk passes the folder by.
REPORT_MARKER = ".lint-brieven-rapport"
REPORT_MARKER_TEXT = (
    "Deze map is een rapport van 'lint-brieven audit'. "
    "'lint-brieven check' en 'audit' slaan deze map over.\n"
)

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
        elif not config(path.parent).excludes(path):
            yield display(path), path  # named on the command line: links are followed


def _walk(folder: Path, config_for: Callable[[Path], Config]) -> Iterator[tuple[str, Entry]]:
    tree = os.path.realpath(folder)
    cwd = Path.cwd()
    failed: list[OSError] = []
    ignores = {folder: _outer_ignores(Path(tree))}  # per folder: the .gitignore rules in force
    for root, dirs, files in os.walk(folder, onerror=failed.append):
        yield from unreadable(failed)
        here = Path(root)
        config = config_for(here)
        rules = _with_own_rules(here, ignores.pop(here, ()))
        ignored = _ignored if config.respect_gitignore else _nothing
        walked = []
        for name in sorted(dirs):
            sub = here / name
            if config.is_excluded(sub, folder=True) or ignored(rules, sub, True):
                continue
            if os.path.islink(sub):  # never walked (os.walk does not follow links)
                if not _inside(sub, tree):
                    shown = _display_link(sub)
                    yield shown, skipped(shown, LINK_OUTSIDE_FOLDER)
                continue
            if _is_report(sub):
                continue
            walked.append(name)
            ignores[sub] = rules
        dirs[:] = walked
        real: Path | None = None  # the folder with links resolved, once
        for name in sorted(files):
            file = here / name
            if not (
                readers.supported(file, config.read_options)
                and config.is_included(file)
                and not config.is_excluded(file)
                and not ignored(rules, file, False)
            ):
                continue
            link = os.path.islink(file)
            if link and not _inside(file, tree):
                shown = _display_link(file)
                yield shown, skipped(shown, LINK_OUTSIDE_FILE)
                continue
            if link:
                shown = display(file)
            else:  # resolved as its folder is: not a path resolved per file
                real = real or Path(os.path.realpath(here))
                shown = _shown(real / name, file, cwd)
            try:
                check_regular(file)
            except FileRefused as refused:
                if refused.notice:
                    yield shown, skipped(shown, refused.message)
                    continue
                if link:  # a dangling link: name the link, not nothing
                    shown = _display_link(file)
            yield shown, file  # an error opening it is reported when it is read
    yield from unreadable(failed)


# -- .gitignore --------------------------------------------------------------------------------
# The rules in force in a folder: (folder the patterns are relative to, its patterns), from the
# outermost file to the innermost.
Rules = tuple[tuple[str, pathspec.GitIgnoreSpec], ...]


def _outer_ignores(tree: Path) -> Rules:
    """The rules in force at the walked folder ``tree`` (a real path) from above it: inside a
    git repository, .git/info/exclude and the .gitignore files from the top folder down to
    the one above ``tree``; outside one, none. A folder named on the command line that these
    rules ignore is walked all the same, with the .gitignore files inside it only."""
    for top in (tree, *tree.parents):
        if os.path.exists(top / ".git"):
            break
    else:
        return ()
    rules = _read_rules(top, top / ".git" / "info" / "exclude", ())
    for folder in (*reversed(tree.parents), tree):
        if folder != top and top not in folder.parents:
            continue
        if folder != top and _ignored(rules, folder, True):
            return ()
        if folder != tree:
            rules = _read_rules(folder, folder / ".gitignore", rules)
    return rules


def _with_own_rules(folder: Path, rules: Rules) -> Rules:
    """The rules in force inside ``folder``: those from above and its own .gitignore (a
    repository of its own inside, such as a submodule, starts afresh)."""
    if rules and os.path.exists(folder / ".git"):
        rules = _read_rules(folder, folder / ".git" / "info" / "exclude", ())
    return _read_rules(folder, folder / ".gitignore", rules)


def _read_rules(folder: Path, file: Path, rules: Rules) -> Rules:
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:  # none there (or not readable: then it ignores nothing, as for git)
        return rules
    return (*rules, (os.path.abspath(folder), pathspec.GitIgnoreSpec.from_lines(lines)))


def _ignored(rules: Rules, path: Path, folder: bool) -> bool:
    """Whether the rules ignore ``path``: the innermost file with a pattern that matches
    decides (its last matching pattern: ``!`` re-includes)."""
    full = os.path.abspath(path)
    for base, spec in reversed(rules):
        relative = os.path.relpath(full, base).replace(os.sep, "/")
        decided = spec.check_file(f"{relative}/" if folder else relative).include
        if decided is not None:
            return decided
    return False


def _nothing(_rules: Rules, _path: Path, _folder: bool) -> bool:
    return False


def _is_report(folder: Path) -> bool:
    """A report folder of ``audit``: its marker, or rapport.json beside brieven.csv."""
    return os.path.exists(folder / REPORT_MARKER) or (
        os.path.exists(folder / "rapport.json") and os.path.exists(folder / "brieven.csv")
    )


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
    return _shown(path.resolve(), path, Path.cwd())


def _shown(resolved: Path, path: Path, cwd: Path) -> str:
    """``display`` of ``path``, whose links ``resolved`` has followed."""
    try:
        return resolved.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()

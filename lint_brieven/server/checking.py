"""Check one document, or a workspace folder, as ``lint-brieven check`` would.

A document is checked from the editor's text, not the file on disk: ``RunRequest`` with an
``overlay``. Its configuration is the one ``check`` finds for the file (the nearest
lint-brieven.toml or pyproject.toml, read again for every check so an edited configuration
counts at once); suppressions apply as in ``check`` (the runner applies them), and so does
the configuration's ``baseline`` (``baseline.load`` and ``baseline.apply``, as ``check``).

Only the files ``check`` of their folder reads are checked (``is_letter``: a letter type,
not README or LICENSE, the configuration's ``include``/``exclude``); a Word document (.docx)
is not edited in a text editor and is left alone. A document that is not a file on disk (a new,
unsaved one) is checked as a letter of its name's type would be, with the configuration of
its folder (or of the server's working folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from pygls.uris import to_fs_path

from lint_brieven import readers
from lint_brieven.checks.rule import Rule
from lint_brieven.config import Config, ConfigError, find_config_file, load_config
from lint_brieven.findings import FileReport, Finding

# why a document has an error instead of findings
CONFIG_ERROR = "config"  # a bad configuration, rule pack or baseline: shown as a message too
READER_ERROR = "reader"  # the reader refused the file (or a bug while checking it)


@dataclass
class Checked:
    """The latest check of a document: what the published diagnostics came from."""

    uri: str
    path: Path
    text: str
    version: int | None
    findings: list[Finding] = field(default_factory=list)  # as ``check`` reports them
    rules: dict[str, Rule] = field(default_factory=dict)
    config: Config | None = None
    readability: dict | None = None  # FileReport.readability (the numbers of ``check``)
    error: str | None = None  # Dutch
    error_line: int | None = None  # 1-based line of the error, when the reader knows it
    error_kind: str | None = None  # CONFIG_ERROR or READER_ERROR
    ignored: bool = False  # not a letter ``check`` reads (or a .docx): nothing to publish


def document_path(uri: str) -> tuple[Path, bool]:
    """The file of ``uri`` and whether it is a file on disk (``file:`` scheme). Another scheme
    (``untitled:Naamloos-1``, ``vscode-notebook-cell:…``) gives its last path segment."""
    if urlparse(uri).scheme == "file":
        local = to_fs_path(uri)
        if local:
            return Path(os.path.abspath(local)), True
    name = unquote(urlparse(uri).path).rstrip("/").rsplit("/", 1)[-1] or "naamloos"
    return Path(name), False


def fresh_configuration() -> None:
    """Forget the configuration files found and read, so an edited, added or removed
    lint-brieven.toml counts for the next check (reading one takes a millisecond; rules and
    the Dutch pipeline stay loaded)."""
    find_config_file.cache_clear()
    load_config.cache_clear()


def check_document(uri: str, text: str, version: int | None = None) -> Checked:
    """Check the editor's ``text`` of the document at ``uri``."""
    from lint_brieven.baseline import BaselineError
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.runner import STDIN, Runner, RunRequest

    path, on_disk = document_path(uri)
    checked = Checked(uri=uri, path=path, text=text, version=version)
    fresh_configuration()
    data = _bytes(text)
    if on_disk and path.is_file():
        request = RunRequest(paths=[str(path)], overlay={path.resolve(): data})
    else:  # not saved yet: the text as a letter of this name, in this folder
        request = RunRequest(paths=[STDIN], stdin_filename=str(path), stdin_data=data)
    try:
        runner = Runner(request)
        config = runner.config(path.parent if on_disk else Path.cwd())
        checked.config = config
        if not is_letter(path, config, on_disk):
            checked.ignored = True
            return checked
        if not text.strip():  # a new, empty letter: nothing to say yet
            return checked
        result = runner.run()
        checked.rules = result.rules
        reports = [r for r in result.reports if _same_file(r.path, path, on_disk)]
        if config.baseline is not None:
            reports = without_baseline(reports, config.baseline)
    except (ConfigError, RulePackError, BaselineError) as exc:
        checked.error, checked.error_kind = str(exc), CONFIG_ERROR
        return checked
    return _with_reports(checked, reports)


def is_letter(path: Path, config: Config, on_disk: bool = True) -> bool:
    """Whether ``check`` of the document's folder would check it: a type a reader reads (but
    no .docx), and for a file on disk not one the walk passes by (README, LICENSE …, the
    configuration's ``exclude``, or outside its ``include``). An editor opens every file of a
    repository; only the letters get diagnostics."""
    if readers.kind_of(path, config.read_options) in (None, "docx"):
        return False
    if not on_disk:
        return True
    return config.is_included(path) and not config.is_excluded(path)


def _bytes(text: str) -> bytes:
    """The editor's text as the bytes of a UTF-8 file (a lone surrogate the client sent
    stays, and the reader says the text is no valid UTF-8)."""
    return text.encode("utf-8", errors="surrogatepass")


def _same_file(shown: str, path: Path, on_disk: bool) -> bool:
    if not on_disk:
        return shown == str(path)
    return Path(os.path.abspath(shown)) == path or Path(shown).resolve() == path.resolve()


def _with_reports(checked: Checked, reports: list[FileReport]) -> Checked:
    if not reports:  # the configuration's ``exclude`` names it, or it was skipped
        checked.ignored = True
        return checked
    for report in reports:
        if report.error:
            checked.error, checked.error_line = report.error, report.error_line
            checked.error_kind = READER_ERROR
            return checked
        checked.findings.extend(report.findings)
        checked.readability = checked.readability or report.readability
    if all(r.skipped for r in reports):
        checked.ignored = True
    return checked


def without_baseline(reports: list[FileReport], file: Path) -> list[FileReport]:
    """``reports`` without the findings the baseline ``file`` holds (``baseline.apply``, as
    ``check`` applies it). Raises ``BaselineError`` for a missing or broken file."""
    from lint_brieven import baseline

    entries = baseline.load(file)
    return baseline.apply(reports, entries, file.parent, baseline.Scope()).reports


@dataclass
class FolderCheck:
    """A workspace folder checked as ``lint-brieven check FOLDER`` checks it."""

    folder: Path
    checked: list[Checked] = field(default_factory=list)  # every file read, also the clean ones
    reports: list[FileReport] = field(default_factory=list)  # for the summary
    error: str | None = None  # a bad configuration, rule pack or baseline (Dutch)


def check_folder(folder: Path, open_texts: dict[Path, str]) -> FolderCheck:
    """Check every letter under ``folder`` (walk.py: .gitignore, ``include``/``exclude``),
    with the editor's texts of the open documents instead of what is on disk; the baseline
    is the one ``check`` run in ``folder`` uses (its configuration's ``baseline``)."""
    from lint_brieven.baseline import BaselineError
    from lint_brieven.checks.loader import RulePackError
    from lint_brieven.config import config_in
    from lint_brieven.runner import Runner, RunRequest

    fresh_configuration()
    outcome = FolderCheck(folder)
    overlay = {
        p.resolve(): t.encode("utf-8", errors="surrogatepass") for p, t in open_texts.items()
    }
    try:
        result = Runner(RunRequest(paths=[str(folder)], overlay=overlay)).run()
        reports = result.reports
        config = config_in(folder)
        if config.baseline is not None:
            reports = without_baseline(reports, config.baseline)
    except (ConfigError, RulePackError, BaselineError) as exc:
        outcome.error = str(exc)
        return outcome
    outcome.reports = reports
    texts = {p.resolve(): t for p, t in open_texts.items()}
    for report in reports:
        if report.skipped:
            continue
        path = Path(os.path.abspath(report.path))
        text = texts.get(path.resolve())
        if text is None:
            text = _disk_text(path)
        if text is None:
            continue
        checked = Checked(uri=path.as_uri(), path=path, text=text, version=None)
        if path.resolve() in texts and not text.strip():  # emptied in the editor, as
            # check_document has it (a file empty on disk stays check's error)
            outcome.checked.append(checked)
            continue
        checked.rules = result.rules
        try:
            checked.config = config_in(path.parent)
        except ConfigError:
            checked.config = None
        outcome.checked.append(_with_reports(checked, [report]))
    return outcome


def _disk_text(path: Path) -> str | None:
    """A file's text as its reader decodes it, for placing ranges; None for a file that is no
    text (a .docx) or cannot be read."""
    if readers.kind_of(path, readers.ReadOptions()) == "docx":
        return None
    try:
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""


__all__ = [
    "CONFIG_ERROR",
    "READER_ERROR",
    "Checked",
    "FolderCheck",
    "check_document",
    "check_folder",
    "document_path",
]

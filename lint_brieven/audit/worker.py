"""One letter of an audit, from plain data to plain data: ``check_letter``.

``check_letter`` is the function worker processes run, and the one to hand to another
executor (a Dask or Ray cluster, see ``audit.run``): it takes and returns only JSON values,
keeps nothing between calls and reads only the letter, its templates, its configuration and
rule packs and (when it may) the cache. It reads the letter's bytes once: the SHA-256 for the
cache key, the check and the source text for the report all come from that one read.

    job    {"path": str, "context": str | None, "cache": str | None, "cwd": str | None}
    result {"key": str | None, "digest": str | None, "entry": str, "store": bool}

``context`` is ``keys.Context.letters`` of the letter's configuration (None: no key, nothing
cached); ``cache`` the cache folder to look in first (None: check the letter). ``entry`` is
the letter's result as ``cache.encode`` writes it: the report, the letter's own source text
and the digest of every template it extends, includes or imports. ``store``: whether the
entry may be written to the cache (a letter that could not be read is checked again next
time). A letter whose check fails in an unexpected way gets that as its error. ``cwd`` is the
working folder of the audit: the report names files relative to it, also when the worker runs
in another folder (a cluster's worker process).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from lint_brieven.audit.cache import Cache, cacheable, decode, encode, text_digest
from lint_brieven.audit.cache_entry import Checked
from lint_brieven.audit.keys import content_digest, letter_key
from lint_brieven.audit.layout import layout_of
from lint_brieven.audit.layout import rebased as rebased_layout
from lint_brieven.checks.packs import RulePackError
from lint_brieven.config import ConfigError, config_in
from lint_brieven.crash import file_error, print_traceback
from lint_brieven.file_access import FileRefused, read_regular
from lint_brieven.findings import FileReport

__all__ = ["check_letter", "check_letters", "check_one", "failed"]


def check_letter(job: dict) -> dict:
    """The result for one job; never raises (see the module docstring)."""
    path = Path(job["path"])
    base = job.get("cwd")
    try:
        return _check_letter(path, job.get("context"), job.get("cache"), base)
    except Exception as exc:  # one letter must not stop the audit
        print_traceback(exc)  # with --debug
        return _result(None, None, _rebased(failed(path, file_error(exc)), base))


def _check_letter(path: Path, context: str | None, cache: str | None, base: str | None) -> dict:
    try:
        data = _read(path)
    except (ConfigError, RulePackError) as exc:
        return _result(None, None, _rebased(failed(path, str(exc)), base))
    digest = None if data is None else content_digest(data)
    key = letter_key(context, digest, path) if digest and context else None
    if key and cache:
        body = Cache(Path(cache)).read(key)
        if body is not None:
            return {"key": key, "digest": digest, "entry": body, "store": False}
    return _result(key, digest, _rebased(_checked(path, data), base))


def _rebased(checked: Checked, base: str | None) -> Checked:
    """The report with its file names relative to ``base`` instead of this process's working
    folder (absolute when outside it), as the audit's own process names them."""
    here = os.getcwd()
    if base is None or base == here:
        return checked

    def name(shown: str) -> str:
        absolute = os.path.normpath(os.path.join(here, shown))
        inside = os.path.relpath(absolute, base)
        return Path(absolute if inside.startswith("..") else inside).as_posix()

    report = checked.report
    checked.layout = rebased_layout(checked.layout, name)
    report.path = name(report.path)
    report.findings = [replace(f, path=name(f.path)) for f in report.findings]
    return checked


def check_letters(jobs: list[dict]) -> list[dict]:
    """``check_letter`` for a chunk of jobs (one task of a worker process)."""
    return [check_letter(job) for job in jobs]


def check_one(path: str) -> Checked:
    """One letter's report, source text and templates, checked here and now."""
    result = check_letter({"path": path, "context": None, "cache": None})
    return decode(result["entry"], "")


def run(request):
    """``runner.run``, imported when a letter is checked (so a cached audit never loads
    spaCy)."""
    from lint_brieven.runner import run as run_request

    return run_request(request)


def _read(path: Path) -> bytes | None:
    """The letter's bytes as the runner reads them; None when it refuses the file (the run
    then says why)."""
    limit = config_in(path.parent).read_options.max_file_bytes
    try:
        return read_regular(path, limit)
    except FileRefused:
        return None


def _checked(path: Path, data: bytes | None) -> Checked:
    try:
        return _check(path, data)
    except (ConfigError, RulePackError) as exc:
        return failed(path, str(exc))
    except Exception as exc:  # one letter must not stop the audit
        print_traceback(exc)  # with --debug
        return failed(path, file_error(exc))


def _check(path: Path, data: bytes | None) -> Checked:
    from lint_brieven.runner import RunRequest

    seen = {}
    overlay = {path.resolve(): data} if data else {}
    reports = run(
        RunRequest([str(path)], overlay=overlay, on_read=lambda d, read: seen.setdefault(d, read))
    ).reports
    display = _display(path)
    own = [r for r in reports if r.path == display]
    report = own[0] if own else FileReport(display)
    # findings in included templates are reported on those files; keep them with this letter
    for other in reports:
        if other is not report:
            report.findings.extend(other.findings)
    read = seen.get(report.path)
    if report.error or report.skipped or read is None:
        return Checked(report, "", None)
    mine = [s for s in read.sources if s.path == report.path]
    deps = {(os.path.abspath(s.path), text_digest(s.text)) for s in read.sources}
    deps -= {(os.path.abspath(s.path), text_digest(s.text)) for s in mine}
    source = mine[0].text if mine else ""
    return Checked(report, source, tuple(sorted(deps)), layout_of(read.letters))


def _result(key: str | None, digest: str | None, checked: Checked) -> dict:
    body = encode(key or "", checked)
    if body is None:  # a report JSON cannot hold (never seen): the letter's error instead
        checked = failed(Path(checked.report.path), file_error(ValueError("geen JSON")))
        body = encode(key or "", checked) or "{}"
    store = key is not None and cacheable(checked)
    return {"key": key, "digest": digest, "entry": body, "store": store}


def failed(path: Path, error: str) -> Checked:
    """A letter whose check failed: its report holds the error."""
    return Checked(FileReport(_display(path), error=error), "", None)


def _display(path: Path) -> str:
    """The path as the runner shows it: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()

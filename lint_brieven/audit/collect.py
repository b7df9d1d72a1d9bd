"""Check many letters: in parallel worker processes (the Dutch pipeline loaded once per worker),
with a progress bar on a terminal, and a cache so a re-audit of unchanged letters is near
instant.

The cache key is the file's content and place, the rules (every rule pack's bytes), the
configuration that applies to the file, the lint-brieven version and the Dutch model's metadata
(a retrained model changes it). A cached entry is the file's report, with the digest of every
template the letter extends, includes or imports; see ``cache`` for how entries are stored and
checked.

A letter whose check fails in an unexpected way gets that as its error (the audit goes on).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lint_brieven import nlp, readers
from lint_brieven.audit.cache import Cache, text_digest
from lint_brieven.audit.cache_entry import Checked
from lint_brieven.checks.loader import RulePackError, builtin_pack_dir, pack_files
from lint_brieven.config import ConfigError, config_in
from lint_brieven.crash import file_error, print_traceback
from lint_brieven.file_access import FileRefused, read_regular
from lint_brieven.findings import FileReport
from lint_brieven.runner import Runner, RunRequest, run

__all__ = ["Checked", "cache_key", "check_one", "collect", "default_jobs", "letters"]


@dataclass(frozen=True)
class Job:
    index: int
    path: Path
    key: str | None  # None: not cached (the file could not be read for its key)
    content: str | None  # SHA-256 of the file's bytes when the key was made


def letters(paths: Iterable[str]) -> tuple[list[Path], list[FileReport]]:
    """The letter files under ``paths``, as ``check`` finds them (template pieces, the
    ``partials``, are no letters of their own), and the reports of what is not checked: a
    file skipped with a notice (a FIFO, a link out of the folder), a folder that cannot be
    read, a path that does not exist."""
    runner = Runner(RunRequest(list(paths)))
    files: list[Path] = []
    finished: list[FileReport] = []
    for display, entry in runner.entries():
        if isinstance(entry, FileReport):
            finished.append(entry)
        elif entry is None:
            finished.append(FileReport(display, error="Bestand of map bestaat niet."))
        elif not runner.config(entry.parent).is_partial(entry):
            files.append(entry)
    return files, finished


def content_digest(path: Path) -> str | None:
    """SHA-256 of a regular file's bytes, read in blocks; None for anything else (a FIFO is
    never opened) or a file that cannot be read."""
    try:
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def cache_key(path: Path, content: str | None = None) -> str | None:
    """The cache key of one letter; None when the file cannot be read."""
    content = content or content_digest(path)
    if content is None:
        return None
    config = config_in(path.parent)
    digest = hashlib.sha256(_version().encode())
    digest.update((nlp.model_path() / "meta.json").read_bytes())  # a retrained model
    digest.update(content.encode())
    # where the letter is: includes are found beside it, settings apply by path, and the
    # report names files relative to the working folder
    for place in (os.path.abspath(path), os.getcwd(), str(config.path)):
        digest.update(b"\0" + place.encode("utf-8", "surrogateescape"))
    for pack in pack_files([builtin_pack_dir(), *config.rule_packs]):
        digest.update(pack.read_bytes())
    if config.path and config.path.is_file():
        digest.update(config.path.read_bytes())  # repr(config) is not stable (sets)
    return digest.hexdigest()


def check_one(path: str, content: str | None = None) -> Checked:
    """One letter's report, source text and templates (run in a worker process). Never
    raises: an unexpected failure becomes the letter's error."""
    try:
        return _check(Path(path), content)
    except (ConfigError, RulePackError) as exc:
        return Checked(FileReport(_display(Path(path)), error=str(exc)), "", None)
    except Exception as exc:  # one letter must not stop the audit
        print_traceback(exc)  # with --debug
        return Checked(FileReport(_display(Path(path)), error=file_error(exc)), "", None)


def _check(path: Path, content: str | None) -> Checked:
    reports = run(RunRequest([str(path)])).reports
    display = _display(path)
    own = [r for r in reports if r.path == display]
    report = own[0] if own else FileReport(display)
    # findings in included templates are reported on those files; keep them with this letter
    for other in reports:
        if other is not report:
            report.findings.extend(other.findings)
    if report.error or report.skipped:
        return Checked(report, "", None)
    source, deps = _source_and_deps(path, report.path, content)
    return Checked(report, source, deps)


def source_text(path: Path, display: str) -> str:
    """The letter's own source text as the reader sees it (DOCX: a line per paragraph)."""
    return _source_and_deps(path, display, None)[0]


def _source_and_deps(
    path: Path, display: str, content: str | None
) -> tuple[str, tuple[tuple[str, str], ...] | None]:
    """The letter's own source text, and (absolute path, text digest) of every other file the
    reader used: the templates it extends, includes or imports. The dependencies are None
    (the result is not cached) when the file cannot be read again or changed meanwhile."""
    config = config_in(path.parent)
    try:
        data = read_regular(path, config.read_options.max_file_bytes)  # as the runner reads
        result = readers.read(display, data, config.read_options)
    except (readers.ReaderError, FileRefused, OSError):
        return "", None
    own = [s for s in result.sources if s.path == display]
    deps = {(os.path.abspath(s.path), text_digest(s.text)) for s in result.sources}
    deps -= {(os.path.abspath(s.path), text_digest(s.text)) for s in own}
    changed = content is not None and hashlib.sha256(data).hexdigest() != content
    return (own[0].text if own else ""), (None if changed else tuple(sorted(deps)))


def collect(
    files: list[Path],
    jobs: int,
    cache_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Checked]:
    """Results for ``files`` in their order; cached where content, templates, rules and
    config match."""
    cache = Cache(cache_dir) if cache_dir is not None else None
    results: dict[int, Checked] = {}
    todo: list[Job] = []
    for index, path in enumerate(files):
        content = content_digest(path) if cache is not None else None
        key = cache_key(path, content) if content else None
        cached = cache.load(key) if cache is not None and key else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append(Job(index, path, key, content))
    done = len(results)
    if progress:
        progress(done, len(files))

    def finished(job: Job, checked: Checked) -> None:
        nonlocal done
        results[job.index] = checked
        if cache is not None and job.key:
            cache.store(job.key, checked)
        done += 1
        if progress:
            progress(done, len(files))

    workers = max(1, min(jobs, len(todo)))
    if workers == 1:
        for job in todo:
            finished(job, check_one(str(job.path), job.content))
    elif todo:
        _in_workers(todo, workers, finished)
    return [results[i] for i in range(len(files))]


def _in_workers(todo: list[Job], workers: int, finished: Callable[[Job, Checked], None]) -> None:
    broken = _pool(todo, workers, finished)
    # a worker process died (out of memory, a crash in a library): the letters it may have
    # been checking are checked again one at a time, so only the one that kills it fails
    for job in broken:
        if _pool([job], 1, finished):
            report = FileReport(_display(job.path), error=file_error(BrokenProcessPool(DIED)))
            finished(job, Checked(report, "", None))


DIED = "het proces dat deze brief controleerde is onverwacht gestopt"


def _pool(todo: list[Job], workers: int, finished: Callable[[Job, Checked], None]) -> list[Job]:
    """Check ``todo`` in ``workers`` processes; the jobs left when the pool broke."""
    pool = ProcessPoolExecutor(max_workers=workers)
    broken: list[Job] = []
    try:
        futures: dict[Future, Job] = {
            pool.submit(check_one, str(job.path), job.content): job for job in todo
        }
        for future in as_completed(futures):
            job = futures[future]
            try:
                checked = future.result()
            except BrokenProcessPool:
                broken.append(job)
                continue
            except Exception as exc:  # e.g. a result that cannot be sent back
                checked = Checked(FileReport(_display(job.path), error=file_error(exc)), "", None)
            finished(job, checked)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return sorted(broken, key=lambda job: job.index)


def _display(path: Path) -> str:
    """The path as the runner shows it: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def _version() -> str:
    try:
        return version("lint-brieven")
    except PackageNotFoundError:
        return "dev"


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

"""Check many letters: in parallel worker processes (the Dutch pipeline loaded once per worker),
with a progress bar on a terminal, and a cache so a re-audit of unchanged letters is near
instant.

The cache key is the file's content, the rules (every rule pack's bytes), the configuration
that applies to the file, the lint-brieven version and the Dutch model's metadata (a retrained
model changes it); a cached entry is the file's report.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lint_brieven import nlp, readers
from lint_brieven.checks.loader import builtin_pack_dir, pack_files
from lint_brieven.config import config_in
from lint_brieven.findings import FileReport
from lint_brieven.runner import Runner, RunRequest, run


@dataclass(frozen=True)
class Job:
    path: Path
    key: str


def letters(paths: Iterable[str]) -> list[Path]:
    """The letter files under ``paths``, as ``check`` finds them; template pieces (``partials``)
    are no letters of their own."""
    runner = Runner(RunRequest(list(paths)))
    files = [file for _display, file in runner.targets() if file is not None]
    return [f for f in files if not runner.config(f.parent).is_partial(f)]


def cache_key(path: Path) -> str:
    config = config_in(path.parent)
    digest = hashlib.sha256(_version().encode())
    digest.update((nlp.model_path() / "meta.json").read_bytes())  # a retrained model
    digest.update(path.read_bytes())
    digest.update(str(config.path).encode())  # the file's bytes follow; repr(config) is not
    # stable between processes (sets)
    for pack in pack_files([builtin_pack_dir(), *config.rule_packs]):
        digest.update(pack.read_bytes())
    if config.path and config.path.is_file():
        digest.update(config.path.read_bytes())
    return digest.hexdigest()


@dataclass
class Checked:
    """One letter's report and its own source text (for the highlighted page)."""

    report: FileReport
    source: str


def check_one(path: str) -> Checked:
    """One letter's report and source text (run in a worker process)."""
    reports = run(RunRequest([path])).reports
    own = [r for r in reports if Path(r.path) == Path(path)]
    report = own[0] if own else FileReport(path)
    # findings in included templates are reported on those files; keep them with this letter
    for other in reports:
        if other is not report:
            report.findings.extend(other.findings)
    return Checked(report, "" if report.error else source_text(Path(path), report.path))


def source_text(path: Path, display: str) -> str:
    """The letter's own source text as the reader sees it (DOCX: a line per paragraph)."""
    config = config_in(path.parent)
    try:
        result = readers.read(display, path.read_bytes(), config.read_options)
    except (readers.ReaderError, OSError):
        return ""
    own = [s for s in result.sources if s.path == display]
    return own[0].text if own else ""


def collect(
    files: list[Path],
    jobs: int,
    cache_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Checked]:
    """Results for ``files`` in their order; cached where content, rules and config match."""
    reports: dict[Path, Checked] = {}
    todo: list[Job] = []
    for path in files:
        key = cache_key(path)
        cached = _load(cache_dir, key)
        if cached is not None:
            reports[path] = cached
        else:
            todo.append(Job(path, key))
    done = len(reports)
    if progress:
        progress(done, len(files))
    if todo:
        workers = max(1, min(jobs, len(todo)))
        if workers == 1:
            results = map(check_one, (str(j.path) for j in todo))
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            results = pool.map(check_one, (str(j.path) for j in todo), chunksize=4)
        for job, report in zip(todo, results, strict=True):
            reports[job.path] = report
            _store(cache_dir, job.key, report)
            done += 1
            if progress:
                progress(done, len(files))
        if workers > 1:
            pool.shutdown()
    return [reports[p] for p in files]


def _version() -> str:
    try:
        return version("lint-brieven")
    except PackageNotFoundError:
        return "dev"


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _load(cache_dir: Path | None, key: str) -> Checked | None:
    if cache_dir is None:
        return None
    entry = cache_dir / f"{key}.pickle"
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)  # our own cache files, written by _store
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError):
        return None


def _store(cache_dir: Path | None, key: str, report: Checked) -> None:
    if cache_dir is None or report.report.error:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{key}.{os.getpid()}"
    tmp.write_bytes(pickle.dumps(report))
    os.replace(tmp, cache_dir / f"{key}.pickle")

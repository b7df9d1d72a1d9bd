"""An audit from start to end, as ``lint-brieven audit`` runs it: ``prepare`` finds the
letters and checks their configurations, ``write`` checks the letters (``collect``) and writes
the report as they come (``report.ReportWriter``).

``audit`` does both, for use from Python. Its ``map`` runs the per-letter function,
``worker.check_letter`` (plain JSON data in and out, nothing kept between calls), on another
executor, such as a Dask or Ray cluster for archives beyond one machine: any function like
``Executor.map`` that yields the results in the order of the jobs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lint_brieven.audit.cache import Cache, Index
from lint_brieven.audit.collect import (
    Collector,
    Contexts,
    Found,
    Mapper,
    RuleInfo,
    default_jobs,
    find,
    rule_names,
)
from lint_brieven.audit.layout import rebased
from lint_brieven.audit.model import Audit, LetterResult, Previous
from lint_brieven.audit.moments import moment_of
from lint_brieven.audit.names import printable, printable_report
from lint_brieven.audit.report import PAGES, ReportWriter
from lint_brieven.config import config_in
from lint_brieven.file_access import dutch_reason
from lint_brieven.output import WriteError
from lint_brieven.safe_text import terminal_safe

CACHE = ".lint-brieven-cache"


@dataclass
class Prepared:
    found: Found
    out: Path
    cache: Cache | None
    index: Index
    contexts: Contexts
    rules: dict[str, RuleInfo]


def prepare(paths: Iterable[str], out: Path, *, use_cache: bool = True) -> Prepared:
    """Find the letters and check the configurations (``ConfigError``, ``RulePackError``)."""
    found = find(paths)
    cache = Cache(out / CACHE) if use_cache else None
    index = cache.index() if cache is not None else Index()
    contexts = Contexts()
    rules = rule_names(found, contexts, index)
    return Prepared(found, out, cache, index, contexts, rules)


def write(
    prepared: Prepared,
    *,
    jobs: int,
    previous: Previous | None = None,
    progress: Callable[[int, int], None] | None = None,
    map: Mapper | None = None,  # noqa: A002 - the executor's map
) -> Audit:
    """Check the letters and write the report; an ``OSError`` when it cannot be written
    (``WriteError``: with a Dutch line naming the file)."""
    with prepared.found.files:  # the letters' list is deleted at the end
        return _write(prepared, jobs, previous, progress, map)


def _write(
    prepared: Prepared,
    jobs: int,
    previous: Previous | None,
    progress: Callable[[int, int], None] | None,
    map: Mapper | None,  # noqa: A002 - the executor's map
) -> Audit:
    found, out, cache = prepared.found, prepared.out, prepared.cache
    _folder(out / PAGES)  # before the first letter is checked: a report that cannot be written
    collector = Collector(found.files, jobs, cache, prepared.contexts, prepared.index, map)
    skipped = []
    total = len(found.files)
    if progress:
        progress(0, total)
    with prepared.index, collector, ReportWriter(out, prepared.rules, previous, cache) as writer:
        for i, path in enumerate(found.files):
            known = collector.known(i)
            if known is not None and writer.add_cached(known):
                collector.served(i)
            else:
                one, key = collector.take(i)
                report = printable_report(one.report)  # file names that are no UTF-8, escapes
                if report.skipped and not report.error:
                    skipped.append(report)
                else:
                    moments = config_in(Path(path).parent).moments
                    moment = moment_of(report.path, one.source, moments)
                    layout = rebased(one.layout, printable)  # names as the report's
                    letter = LetterResult(report, moment, one.source, layout=layout)
                    writer.add(letter, key, one.deps)
            if progress:
                progress(i + 1, total)
        for report in (printable_report(r) for r in found.finished):  # a folder that cannot …
            if report.error:
                writer.add(LetterResult(report, moment_of(report.path)))
            else:
                skipped.append(report)
        writer.finish(skipped, datetime.now().astimezone())
        if prepared.cache is not None:
            prepared.cache.save_index(prepared.index)
    return writer.audit


def audit(
    paths: Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    jobs: int | None = None,
    cache: bool = True,
    previous: Previous | None = None,
    map: Mapper | None = None,  # noqa: A002 - the executor's map
) -> Audit:
    """The audit of the letters under ``paths``, written to the folder ``out``. With ``map``
    the letters are checked by ``map(check_letter, jobs)`` (for instance
    ``dask.distributed.Client(…).get_executor().map``) instead of local processes; every
    machine needs the letters, their templates and configuration at the same paths."""
    prepared = prepare([os.fspath(p) for p in paths], Path(out), use_cache=cache)
    return write(prepared, jobs=jobs or default_jobs(), previous=previous, map=map)


def _folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        shown = terminal_safe(os.fspath(folder))
        reason = dutch_reason(exc)
        message = (
            f"het rapport kan niet worden geschreven: de map {shown} kan niet worden "
            f"gemaakt ({reason})."
        )
        raise WriteError(message, exc.errno) from exc

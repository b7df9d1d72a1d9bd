"""Check many letters: find them, serve unchanged ones from the cache, check the rest in
worker processes (or any executor's ``map``), and hand the results on in file order, one at a
time, so the report is written as they come and never held whole.

The main process reads no letter. For each letter it takes ``os.stat``: when the signature is
the one the cache's index wrote down, the letter's bytes are known (their SHA-256 is in the
index); when, besides, the templates its entry depends on are as they were and there is an
entry for its key, it is served from the cache without reading the letter and without loading
spaCy (nor importing it: a fully cached audit never does). This is decided for every letter
before the first one is checked (and kept on disk with the list of letters, see ``plans``),
so the letters to check are spread over the workers from the start (after an upgrade, a
changed configuration or a changed template as well). Any other
letter goes to a worker, which reads it once, looks for its entry by the bytes' SHA-256 (a
touched but unchanged letter is still found) and else checks it (see ``worker``). Workers
load the Dutch pipeline once each, on their first check, and take letters in chunks; results
come back as JSON text, and no more of them wait in the main process than a few chunks per
worker.

The cache key is the letter's bytes and place, the rules (every rule pack's bytes), the
configuration that applies to it, the lint-brieven code and the Dutch model's metadata (see
``keys``). A cached entry is the letter's report, with the digest of every template the letter
extends, includes or imports; see ``cache`` for how entries are stored and checked.

A letter whose check fails in an unexpected way gets that as its error (the audit goes on),
and so does one whose worker process dies: the letters that process may have been checking
are checked again one at a time, so only the one that kills it fails.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from lint_brieven import walk
from lint_brieven.audit.cache import Cache, Index, cacheable, decode, encode
from lint_brieven.audit.cache_entry import Checked
from lint_brieven.audit.keys import (
    Context,
    content_digest,
    context_of,
    letter_key,
    packed,
    settled,
    signature,
    unpacked,
)
from lint_brieven.audit.plans import Plan, Plans
from lint_brieven.audit.worker import check_letter, check_letters, check_one, failed
from lint_brieven.config import Config, config_in
from lint_brieven.crash import file_error
from lint_brieven.findings import FileReport

__all__ = [
    "Checked",
    "Found",
    "RuleInfo",
    "cache_key",
    "check_one",
    "Collector",
    "default_jobs",
    "find",
    "letters",
    "rule_names",
]

# (function, jobs) → results in the order of the jobs, like ``Executor.map``
Mapper = Callable[[Callable[[dict], dict], list[dict]], Iterable[dict]]
DIED = "het proces dat deze brief controleerde is onverwacht gestopt"
CHUNK = 8  # letters per task of a worker process, at most
WINDOW = 3  # tasks per worker process handed out ahead
HELD = 64  # results per worker process that may wait for an earlier, slower letter


@dataclass
class Found:
    """The letters under the paths (template pieces, the ``partials``, are no letters of
    their own), on disk (``plans.Plans``: nothing is kept in memory per letter); the reports
    of what is not checked (a file skipped with a notice, a folder that cannot be read, a
    path that does not exist); a folder of each configuration the walk used, in the order
    it was first used, and of each configuration of the letters, in the order of its first
    letter (``first``) and of its last (``last``)."""

    files: Plans
    finished: list[FileReport]
    folders: list[Path]
    first: list[Path] = field(default_factory=list)
    last: list[Path] = field(default_factory=list)


def find(paths: Iterable[str]) -> Found:
    """The letters as ``check`` finds them (without validating the configurations: see
    ``rule_names``)."""
    used: dict[Path | None, Path] = {}  # a folder of each configuration (by its file)
    asked: list = [None, None]  # the folder asked last (the walk goes folder by folder) …

    def config(folder: Path) -> Config:
        if asked[0] != folder:
            found = config_in(folder)
            used.setdefault(found.path, folder)
            asked[:] = [folder, found]  # … and its configuration
        return asked[1]

    files = Plans()
    finished: list[FileReport] = []
    first: dict[Path | None, Path] = {}
    last: dict[Path | None, Path] = {}
    try:
        for display, entry in walk.entries(list(paths), config):
            if isinstance(entry, FileReport):
                finished.append(entry)
            elif entry is None:
                finished.append(FileReport(display, error="Bestand of map bestaat niet."))
            elif not (own := config(entry.parent)).is_partial(entry):
                files.add(os.fspath(entry))
                first.setdefault(own.path, entry.parent)
                last.pop(own.path, None)
                last[own.path] = entry.parent
    except BaseException:
        files.close()
        raise
    return Found(files, finished, list(used.values()), list(first.values()), list(last.values()))


def letters(paths: Iterable[str]) -> tuple[list[Path], list[FileReport]]:
    found = find(paths)
    with found.files:
        return [Path(name) for name in found.files], found.finished


class RuleInfo(NamedTuple):
    """What the report shows of a rule."""

    name: str
    category: str
    explanation: str = ""  # the rule's page, as ``explain`` gives it (letter pages)


class Contexts:
    """``keys.Context`` of a folder's configuration, made once per configuration; the folder
    asked last is remembered (letters come folder by folder), not every folder."""

    def __init__(self) -> None:
        self._last: tuple[Path, Context | None] | None = None
        self._configs: dict[object, Context | None] = {}

    def of(self, folder: Path) -> Context | None:
        if self._last is None or self._last[0] != folder:
            config = config_in(folder)
            if config.path not in self._configs:
                self._configs[config.path] = context_of(config)
            self._last = (folder, self._configs[config.path])
        return self._last[1]


def rule_names(found: Found, contexts: Contexts, index: Index) -> dict[str, RuleInfo]:
    """Check the configuration of every folder the walk used, as ``check`` does (a bad one
    raises ``ConfigError`` or ``RulePackError``), and the names and categories of the rules
    of every letter's configuration. A configuration checked by an earlier audit (the same
    bytes, packs and code: its ``Context.rules`` is in the index) is not checked again, so a
    cached audit loads no rules and no spaCy."""
    used: set[str] = set()
    for folder in found.folders:
        context = contexts.of(folder)
        if context is not None and context.rules in index.rules:
            used.add(context.rules)
            continue
        from lint_brieven.checks.loader import rules_for
        from lint_brieven.runner import Runner, RunRequest

        config = Runner(RunRequest([])).config(folder)
        if context is not None:
            rules = rules_for(config.rule_packs)
            index.rules[context.rules] = {c: list(_info(r)) for c, r in rules.items()}
            used.add(context.rules)
    index.keep_rules(used)
    # the rules of each letter's configuration, as if they were taken letter by letter (a
    # code named in two configurations: as the later letter's names it): each configuration
    # once, in the order of its first letter (the order of the codes), then of its last
    names: dict[str, RuleInfo] = {}
    for folder in [*found.first, *found.last] if len(found.last) > 1 else found.last:
        names.update(_names(folder, contexts, index))
    return names


def _names(folder: Path, contexts: Contexts, index: Index) -> Iterable[tuple[str, RuleInfo]]:
    """The names and categories of the rules of a folder's configuration: from the index,
    else (a configuration that cannot be keyed) from its rule packs."""
    context = contexts.of(folder)
    if context is not None and context.rules in index.rules:
        return ((c, RuleInfo(*n)) for c, n in index.rules[context.rules].items())
    from lint_brieven.checks.loader import rules_for

    return ((c, _info(r)) for c, r in rules_for(config_in(folder).rule_packs).items())


def _info(rule) -> RuleInfo:
    from lint_brieven.commands.explain import explanation

    return RuleInfo(rule.name, rule.category, explanation(rule, rewrites=False))


def cache_key(path: Path) -> str | None:
    """The cache key of one letter as an audit makes it; None when it cannot be read."""
    context = context_of(config_in(path.parent))
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return letter_key(context.letters, content_digest(data), path) if context else None


class Collector:
    """The results of ``files``, taken in their order (``take``); ``index`` records the
    signatures of this run's letters as they come. A letter the index knows
    (``known``) may be served by the caller without its entry (``served``)."""

    def __init__(
        self,
        files: Plans,
        jobs: int,
        cache: Cache | None,
        contexts: Contexts,
        index: Index,
        map: Mapper | None = None,  # noqa: A002 - the executor's map
    ) -> None:
        self.started = time.time()
        self.cache, self.index = cache, index
        self.plans = files
        files.record((i, _plan(path, contexts, cache, index)) for i, path in enumerate(files))
        missing = files.missing()

        def job(i: int) -> dict:  # made when it is handed out, not held for every letter
            return _job(files.one(i), cache)

        if map is not None:
            self.checker: _Checker = _Mapped(map, files.misses, job)
        elif max(1, min(jobs, missing)) == 1:
            self.checker = _InProcess(job)
        else:
            self.checker = _Pool(min(jobs, missing), files.misses(), missing, job)

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.checker.close()

    def known(self, i: int) -> str | None:
        """The cache key of letter ``i`` when the index knows its bytes."""
        return self.plans[i].key

    def served(self, i: int) -> None:
        """Letter ``i`` was served from its cache key (``known``)."""
        plan = self.plans[i]
        self._seen(plan, _hex(plan.digest), plan.deps)

    def take(self, i: int) -> tuple[Checked, str | None]:
        """The result of letter ``i`` and its cache key (None: not cached)."""
        plan = self.plans[i]
        key = plan.key
        checked = self.cache.load(key) if self.cache is not None and key else None
        if checked is not None:
            self._seen(plan, _hex(plan.digest), checked.deps)
            return checked, key
        # not in the index, or its entry is damaged (rare: a worker checks it now, alone)
        result = self.checker.result(i) if key is None else self.checker.now(i, _job(plan))
        checked = _decoded(Path(plan.path), result)
        if self.cache is not None and result["store"]:
            self.cache.store_text(result["key"], result["entry"])
        good = cacheable(checked)
        self._seen(plan, result["digest"], checked.deps if good else None)
        return checked, result["key"] if result["key"] and good else None

    def _seen(self, plan: Plan, digest: str | None, deps) -> None:
        if digest and deps is not None and plan.signature is not None:
            info = unpacked(plan.signature)
            if settled(info, self.started):
                templates = tuple(tuple(d) for d in deps)
                self.index.record(os.path.abspath(plan.path), [*info, digest, templates])


def _plan(path: str, contexts: Contexts, cache: Cache | None, index: Index) -> Plan:
    """What is known of a letter before any is checked: with ``digest`` it is served from
    the cache (its bytes, its templates and its entry are there), else a worker reads it."""
    context = contexts.of(Path(path).parent)
    try:
        info: list[int] | None = signature(os.stat(path))
    except (OSError, ValueError):
        info = None
    letters = context.letters if context else None
    sig = packed(info) if info is not None else None
    if cache is None or letters is None or info is None:
        return Plan(path, letters, sig)
    known = index.known(os.path.abspath(path), info)
    if known is None or not cache.fresh(known[1]):
        return Plan(path, letters, sig)
    plan = Plan(path, letters, sig, bytes.fromhex(known[0]), known[1])
    return plan if cache.has(plan.key) else Plan(path, letters, sig)


def _hex(digest: bytes | None) -> str | None:
    return digest.hex() if digest is not None else None


def _job(plan: Plan, cache: Cache | None = None) -> dict:
    """A letter's job for ``worker.check_letter``; absolute paths, so a worker in another
    folder (or on another machine with the same files) finds them."""
    return {
        "path": os.path.abspath(plan.path),
        "context": plan.context,
        "cache": os.path.abspath(cache.folder) if cache is not None else None,
        "cwd": os.getcwd(),
    }


def _decoded(path: Path, result: dict) -> Checked:
    try:
        return decode(result["entry"], result["key"] or "")
    except Exception as exc:  # never seen: a worker's result that does not decode
        return failed(path, file_error(exc))


class _Checker:
    def result(self, index: int) -> dict:
        """The result of the miss ``index`` (the first one not yet taken)."""
        raise NotImplementedError

    def now(self, index: int, job: dict) -> dict:
        """The result of ``job``, a letter that was to come from the cache."""
        return check_letter(job)

    def close(self) -> None:
        pass


class _InProcess(_Checker):
    def __init__(self, job: Callable[[int], dict]) -> None:
        self.job = job

    def result(self, index: int) -> dict:
        return check_letter(self.job(index))


class _Mapped(_Checker):
    """Another executor: ``map(check_letter, jobs)`` gives the results in order."""

    def __init__(
        self,
        map: Mapper,  # noqa: A002
        misses: Callable[[], Iterator[int]],
        job: Callable[[int], dict],
    ) -> None:
        jobs = [job(i) for i in misses()]  # as ``Executor.map`` takes them: all at once
        self.results = zip(misses(), map(check_letter, jobs), strict=True)

    def result(self, index: int) -> dict:
        for i, result in self.results:
            if i == index:
                return result
        raise LookupError(index)


class _Pool(_Checker):
    """Worker processes, each taking chunks of letters; no more than ``WINDOW`` chunks per
    process are handed out at a time, and none while ``HELD`` results per process wait for an
    earlier, slower letter, so the results the main process holds stay few."""

    def __init__(
        self, workers: int, misses: Iterator[int], count: int, job: Callable[[int], dict]
    ) -> None:
        self.queue = _chunked(misses, count, workers)  # of letter numbers, made as needed
        self.next: list[int] | None = next(self.queue, None)
        self.job = job
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.running: dict[Future, list[tuple[int, dict]]] = {}
        self.done: dict[int, dict] = {}

    def result(self, index: int) -> dict:
        while index not in self.done:
            while self.next is not None and (
                not self.running
                or (
                    len(self.running) < self.workers * WINDOW
                    and len(self.done) < self.workers * HELD
                )
            ):
                chunk, self.next = self.next, next(self.queue, None)
                self._submit([(i, self.job(i)) for i in chunk])
            finished, _ = wait(self.running, return_when=FIRST_COMPLETED)
            broken: list[tuple[int, dict]] = []
            for future in finished:
                chunk = self.running.pop(future)
                broken += self._take(future, chunk)
            if broken:
                self._recover(broken)
        return self.done.pop(index)

    def now(self, index: int, job: dict) -> dict:
        self._submit([(index, job)])
        return self.result(index)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _submit(self, chunk: list[tuple[int, dict]]) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers)
        future = self.pool.submit(check_letters, [job for _i, job in chunk])
        self.running[future] = chunk

    def _take(self, future: Future, chunk: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
        """Keep a finished chunk's results; the chunk when its process died."""
        try:
            results = future.result()
        except (BrokenProcessPool, CancelledError):
            return chunk
        except Exception as exc:  # e.g. a result that cannot be sent back
            results = [_error(job, exc) for _i, job in chunk]
        for (i, _job), result in zip(chunk, results, strict=True):
            self.done[i] = result
        return []

    def _recover(self, broken: list[tuple[int, dict]]) -> None:
        """A worker process died (out of memory, a crash in a library): every chunk in flight
        is lost. Each of their letters is checked again alone in a process of its own
        making, so only the one that kills it fails; then the pool starts anew."""
        self.close()
        for future, chunk in self.running.items():
            broken += self._take(future, chunk) if future.done() else chunk
        self.running.clear()
        alone: ProcessPoolExecutor | None = None
        for i, job in sorted(broken, key=lambda pair: pair[0]):
            alone = alone or ProcessPoolExecutor(max_workers=1)
            try:
                self.done[i] = alone.submit(check_letters, [job]).result()[0]
            except BrokenProcessPool:
                alone.shutdown(wait=True)
                alone = None
                self.done[i] = _result_of(failed(Path(job["path"]), _died()))
            except Exception as exc:
                self.done[i] = _error(job, exc)
        if alone is not None:
            alone.shutdown(wait=True)


def _chunked(items: Iterator, count: int, workers: int) -> Iterator[list]:
    """The tasks for ``workers`` processes of the ``count`` items, taken as they are needed:
    up to ``CHUNK`` letters each, fewer towards the end (a few letters per process still to
    come at most), so the processes finish together rather than one waiting for the other's
    last large chunk."""
    left = count
    while left > 0:
        chunk = list(islice(items, max(1, min(CHUNK, left // (workers * 4)))))
        if not chunk:
            return
        yield chunk
        left -= len(chunk)


def _died() -> str:
    return file_error(BrokenProcessPool(DIED))


def _error(job: dict, exc: Exception) -> dict:
    return _result_of(failed(Path(job["path"]), file_error(exc)))


def _result_of(checked: Checked) -> dict:
    return {"key": None, "digest": None, "entry": encode("", checked) or "{}", "store": False}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

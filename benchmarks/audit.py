"""Speed and memory of ``lint-brieven audit``, measured (never asserted in tests).

    .venv/bin/python benchmarks/audit.py [N ...] [--runs no-cache-1,no-cache-2,fill,cached]
    .venv/bin/python benchmarks/audit.py 1000 10000 --reuse     # main-process memory, cheaply

Generates N letters (default 96) from the example corpus (copies of its templates and Word
letters, with their shared template pieces and configuration) in a temporary folder, then
runs, each in a fresh process:
- ``no-cache-1``: ``audit --jobs 1 --no-cache``;
- ``no-cache-2``: ``audit --jobs 2 --no-cache``;
- ``fill``: ``audit --jobs 2``, filling the cache;
- ``cached``: ``audit --jobs 2`` again: every letter comes from the cache.
For each: wall time, letters per second, the peak memory (max RSS) of the main process and of
the largest worker process, and the CPU seconds of the main process and of all workers. Several
N show whether the main process's memory stays flat. On a machine shared with other work the
wall times say little; the CPU seconds do: the main process's share shows whether it can keep
two workers busy, and with two idle cores ``--jobs 2`` takes at least
max(main CPU, (main + workers CPU) / 2) seconds.

``--reuse`` measures the main process at N letters without checking N letters (10,000 take
some 35 CPU minutes): the generated letters are copies of the corpus's ~100 letters (folders
``set000``, ``set001`` …). First an audit of ``set000`` alone (``seed``, a real one: every
distinct letter checked once) fills the cache of the report folder; then every other copy gets
the cache entry of the letter it copies, stored under its own key with its own file name in
the report (``seed_copies``, through the cache's own ``load`` and ``store``). The runs are then
- ``served``: ``audit --jobs 2`` of all N letters: the main process knows none of the copies
  (they are not in the cache's index), so each goes to a worker, which reads it, finds its
  entry and sends it back; the main process decodes every result, makes every page and row
  and writes the whole report: everything an uncached audit does in the main process;
- ``cached``: ``audit --jobs 2`` again: every letter comes from the cache's index and views.

With several N, the last lines give each run's main-process growth per letter between the
smallest and the largest N (peak memory difference / letters difference).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = {
    "no-cache-1": ("--jobs 1, no cache", ["--jobs", "1", "--no-cache"]),
    "no-cache-2": ("--jobs 2, no cache", ["--jobs", "2", "--no-cache"]),
    "fill": ("--jobs 2, filling the cache", ["--jobs", "2"]),
    "cached": ("--jobs 2, cached re-run", ["--jobs", "2"]),
    "served": ("--jobs 2, workers find entries", ["--jobs", "2"]),
}
SEED = "set000"  # the folder of the first copy of every letter (``make_letters``)
# the audit in a process of its own that reports its own peak memory and its workers'
_AUDIT = """
import json, resource, sys
from lint_brieven.cli import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = [u.ru_utime + u.ru_stime for u in (own, workers)]
sys.stderr.write("\\nPEAK " + json.dumps([code, own.ru_maxrss, workers.ru_maxrss, *cpu]) + "\\n")
"""


def make_letters(target: Path, count: int) -> int:
    """Copy the corpus into ``target`` until it holds ``count`` letters."""
    shutil.copytree(ROOT / "corpus" / "sjablonen" / "gedeeld", target / "sjablonen" / "gedeeld")
    shutil.copy(ROOT / "corpus" / "lint-brieven.toml", target / "lint-brieven.toml")
    sources = sorted((ROOT / "corpus" / "sjablonen").glob("*/[0-9]*.html.j2"))
    sources += sorted((ROOT / "corpus" / "docx").glob("*/*.docx"))
    made = 0
    while made < count:
        for source in sources:
            if made == count:
                break
            kind = "sjablonen" if source.suffix == ".j2" else "docx"
            folder = target / kind / f"set{made // len(sources):03d}" / source.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, folder / source.name)
            made += 1
    return made


def copies(target: Path) -> list[tuple[Path, Path]]:
    """Each letter ``make_letters`` made outside ``SEED``, with the one in ``SEED`` it copies."""
    pairs = []
    for kind in ("sjablonen", "docx"):
        for folder in sorted((target / kind).glob("set[0-9]*")):
            if folder.name != SEED:
                for copy in sorted(p for p in folder.rglob("*") if p.is_file()):
                    pairs.append((copy, target / kind / SEED / copy.relative_to(folder)))
    return pairs


def seed_copies(target: Path, out: Path) -> int:
    """Give every copy (``copies``) the cache entry of the letter it copies, which an audit of
    ``SEED`` stored in ``out``'s cache: the same report with the copy's file name, under the
    copy's key (``collect.cache_key``, as the audit makes it in this working folder)."""
    from dataclasses import replace

    from lint_brieven.audit.cache import Cache
    from lint_brieven.audit.collect import cache_key
    from lint_brieven.audit.layout import rebased
    from lint_brieven.audit.run import CACHE

    cache = Cache(out / CACHE)
    stored = 0
    for copy, source in copies(target):
        checked = cache.load(cache_key(source) or "")
        key = cache_key(copy)
        if checked is None or key is None:
            raise RuntimeError(f"no cache entry for {source}")
        old = checked.report.path
        new = old[: len(old) - len(source.relative_to(target).as_posix())]
        new += copy.relative_to(target).as_posix()
        if not old.endswith(source.relative_to(target).as_posix()):
            raise RuntimeError(f"{old} is not shown as {source}")

        def name(shown: str, old: str = old, new: str = new) -> str:
            return new if shown == old else shown

        report = checked.report
        report.path = new
        report.findings = [replace(f, path=name(f.path)) for f in report.findings]
        checked.layout = rebased(checked.layout, name)
        cache.store(key, checked)
        stored += 1
    return stored


@dataclass
class Measured:
    seconds: float
    main_mib: float  # peak resident memory of the main process
    workers_mib: float  # of the largest worker process (0: none ran)
    main_cpu: float = 0.0  # CPU seconds (user + system) of the main process
    workers_cpu: float = 0.0  # of all worker processes together


def audit(
    letters: Path,
    out: Path,
    extra: list[str],
    cpus: str | None = None,
    paths: list[Path] | None = None,
) -> Measured:
    """One ``audit`` of ``letters`` (or only of ``paths`` in it) into ``out`` in a fresh
    process (pinned to ``cpus``, e.g. ``"1"`` or ``"0,1"``, when given)."""
    audited = [str(p) for p in paths] if paths is not None else [str(letters)]
    command = [sys.executable, "-c", _AUDIT, "audit", *audited, "--out", str(out), *extra]
    if cpus is not None and shutil.which("taskset"):
        command = ["taskset", "-c", cpus, *command]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    if not peak:
        raise RuntimeError(f"audit failed ({done.returncode}):\n{done.stderr[-3000:]}")
    code, own, workers, own_cpu, workers_cpu = json.loads(peak[-1][len("PEAK ") :])
    if code not in (0, 2):
        raise RuntimeError(f"audit exit {code}:\n{done.stderr[-3000:]}")
    return Measured(seconds, own / 1024, workers / 1024, own_cpu, workers_cpu)


def settle() -> None:
    """Wait until files written just now count as left alone (``audit.keys.SETTLED``), so
    the cache's index records them."""
    from lint_brieven.audit.keys import SETTLED

    time.sleep(SETTLED + 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[96], metavar="N")
    parser.add_argument("--runs", default=",".join(RUNS), help="which runs, in order")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="check each distinct letter once and give the copies its cache entry; "
        "runs served,cached unless --runs is given",
    )
    args = parser.parse_args()
    if args.reuse and args.runs == parser.get_default("runs"):
        args.runs = "served,cached"
    runs = args.runs.split(",")
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{'letters':>8} {'run':32} {'wall s':>8} {'letters/s':>10} {'main MiB':>9} "
        f"{'worker MiB':>10} {'main CPU s':>10} {'workers CPU s':>13}"
    )
    peaks: dict[str, dict[int, float]] = {}  # run → letters → peak MiB of the main process
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = args.keep / str(count) if args.keep else Path(tmp)
            letters = make_letters(root / "brieven", count)
            settle()
            if args.reuse:
                seed = sorted((root / "brieven").glob(f"*/{SEED}"))
                m = audit(root / "brieven", root / "rapport", ["--jobs", "2"], paths=seed)
                seeded = seed_copies(root / "brieven", root / "rapport")
                print(
                    f"{letters:8d} {'seed: ' + str(letters - seeded) + ' letters checked':32} "
                    f"{m.seconds:8.1f} {'':>10} {m.main_mib:9.0f} {m.workers_mib:10.0f} "
                    f"{m.main_cpu:10.1f} {m.workers_cpu:13.1f}",
                    flush=True,
                )
                settle()
            for name in runs:
                label, extra = RUNS[name]
                m = audit(root / "brieven", root / "rapport", extra)
                peaks.setdefault(name, {}).setdefault(letters, m.main_mib)
                print(
                    f"{letters:8d} {label:32} {m.seconds:8.1f} {letters / m.seconds:10.1f} "
                    f"{m.main_mib:9.0f} {m.workers_mib:10.0f} {m.main_cpu:10.1f} "
                    f"{m.workers_cpu:13.1f}",
                    flush=True,
                )
    for name, by_count in peaks.items():  # the main process's growth per letter
        (few, low), (many, high) = min(by_count.items()), max(by_count.items())
        if many > few:
            growth = (high - low) * 1024 * 1024 / (many - few)
            print(
                f"{RUNS[name][0]}: main process {low:.0f} MiB at {few} letters, {high:.0f} MiB "
                f"at {many}: {growth:.0f} bytes per letter"
            )


if __name__ == "__main__":
    main()

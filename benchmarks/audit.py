"""Speed and memory of ``lint-brieven audit``, measured (never asserted in tests).

    .venv/bin/python benchmarks/audit.py [N ...] [--runs no-cache-1,no-cache-2,fill,cached]

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
}
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


@dataclass
class Measured:
    seconds: float
    main_mib: float  # peak resident memory of the main process
    workers_mib: float  # of the largest worker process (0: none ran)
    main_cpu: float = 0.0  # CPU seconds (user + system) of the main process
    workers_cpu: float = 0.0  # of all worker processes together


def audit(letters: Path, out: Path, extra: list[str], cpus: str | None = None) -> Measured:
    """One ``audit`` of ``letters`` into ``out`` in a fresh process (pinned to ``cpus``,
    e.g. ``"1"`` or ``"0,1"``, when given)."""
    command = [sys.executable, "-c", _AUDIT, "audit", str(letters), "--out", str(out), *extra]
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
    args = parser.parse_args()
    runs = args.runs.split(",")
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{'letters':>8} {'run':32} {'wall s':>8} {'letters/s':>10} {'main MiB':>9} "
        f"{'worker MiB':>10} {'main CPU s':>10} {'workers CPU s':>13}"
    )
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = args.keep / str(count) if args.keep else Path(tmp)
            letters = make_letters(root / "brieven", count)
            settle()
            for name in runs:
                label, extra = RUNS[name]
                m = audit(root / "brieven", root / "rapport", extra)
                print(
                    f"{letters:8d} {label:32} {m.seconds:8.1f} {letters / m.seconds:10.1f} "
                    f"{m.main_mib:9.0f} {m.workers_mib:10.0f} {m.main_cpu:10.1f} "
                    f"{m.workers_cpu:13.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()

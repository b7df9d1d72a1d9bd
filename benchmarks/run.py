"""Measure the ``check`` path: cold start of one letter, and letters per second on the corpus.

Run: .venv/bin/python benchmarks/check_speed.py [PATH]   (default: corpus/)
Prints wall times and peak memory; nothing here is asserted by the tests.
"""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold_single(letter: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one ``lint-brieven check`` process on one letter."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lint_brieven", "check", str(letter), "--exit-zero", "-q"],
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def warm_batch(target: Path, rounds: int = 3) -> tuple[int, float]:
    """Files checked and the best wall time over ``rounds`` in-process runs."""
    from lint_brieven.runner import RunRequest, run

    run(RunRequest([str(target)]))  # load pipeline and rules once
    best = float("inf")
    files = 0
    for _ in range(rounds):
        start = time.perf_counter()
        result = run(RunRequest([str(target)]))
        best = min(best, time.perf_counter() - start)
        files = len(result.reports)
    return files, best


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus"
    letter = next(iter(sorted(target.rglob("*.html.j2"))), None) if target.is_dir() else target
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, "
          f"python {platform.python_version()}")
    if letter is not None:
        wall, peak = cold_single(letter)
        print(f"cold check of one letter ({letter.name}): {wall:.2f} s, peak {peak:.0f} MiB")
    files, best = warm_batch(target)
    print(f"warm check of {files} files: {best:.2f} s ({files / best:.1f} files/s)")


if __name__ == "__main__":
    main()

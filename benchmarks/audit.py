"""Speed and memory of ``lint-brieven audit``, measured (never asserted in tests).

    .venv/bin/python benchmarks/audit.py [N]      (default N: 96 letters)

Generates N letters from the example corpus (copies of its templates and Word letters, with
their shared template pieces and configuration) in a temporary folder, then measures wall time,
letters per second and peak memory (of the largest process) of:
1. ``audit --jobs 1 --no-cache``;
2. ``audit --jobs 2 --no-cache``;
3. ``audit --jobs 2`` twice: the second run finds every letter in the cache.
"""

from __future__ import annotations

import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("lint-brieven")


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


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of the largest child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([str(CLI), *args], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 96
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        letters = make_letters(root / "brieven", count)
        out = root / "rapport"
        print(
            f"{letters} letters; {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}"
        )
        runs = [
            ("--jobs 1, no cache", ["--jobs", "1", "--no-cache"]),
            ("--jobs 2, no cache", ["--jobs", "2", "--no-cache"]),
            ("--jobs 2, filling the cache", ["--jobs", "2"]),
            ("--jobs 2, cached re-run", ["--jobs", "2"]),
        ]
        for label, extra in runs:
            seconds, peak = timed(["audit", str(root / "brieven"), "--out", str(out), *extra])
            print(
                f"{label:32s} {seconds:6.1f} s  {letters / seconds:6.1f} letters/s  "
                f"peak {peak:5.0f} MB (largest process)"
            )


if __name__ == "__main__":
    main()

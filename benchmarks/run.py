"""Speed and memory of lint-brieven, measured (never asserted in tests).

    .venv/bin/python benchmarks/run.py [PATH]      (default PATH: corpus/)

Measures, pinned to one CPU core:
1. words per second of the Dutch pipeline on the UD news test set (../shared) or, without it,
   on the text of the letters under PATH;
2. letters per second for the full ``check`` path on PATH (warm, in-process, best of 3);
3. cold wall time and peak memory of one ``lint-brieven check`` process on one letter.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "nlp" / "ud-dutch" / "nl_alpino-ud-test.conllu"


def pipeline_words_per_second(target: Path) -> tuple[float, int, str]:
    from lint_brieven.nlp import pipeline

    nlp = pipeline()
    if NEWS.exists():
        texts = [
            line[len("# text = ") :]
            for line in NEWS.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")
        ]
        source = "UD Alpino test (news)"
    else:
        from lint_brieven.config import config_in
        from lint_brieven.readers import read

        texts = []
        for path in sorted(target.rglob("*.html.j2")):
            options = config_in(path.parent).read_options
            result = read(str(path), path.read_bytes(), options)
            texts += [b.text for b in result.letters[0].blocks]
        source = f"the letters in {target}"
    words = sum(len(nlp.make_doc(t)) for t in texts)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - start)
    return words / best, words, source


def check_letters_per_second(target: Path) -> tuple[int, float]:
    from lint_brieven.runner import RunRequest, run

    run(RunRequest([str(target)]))  # warm: pipeline and rules loaded
    best = float("inf")
    files = 0
    for _ in range(3):
        start = time.perf_counter()
        result = run(RunRequest([str(target)]))
        best = min(best, time.perf_counter() - start)
        files = len([r for r in result.reports if not r.error])
    return files, best


def cold_single(letter: Path) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lint_brieven", "check", str(letter), "--exit-zero", "-q"],
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (1 used), "
        f"Python {platform.python_version()}, {platform.system()}"
    )
    wps, words, source = pipeline_words_per_second(target)
    print(f"pipeline: {wps:,.0f} words/s on one core ({words} words of {source})")
    files, seconds = check_letters_per_second(target)
    print(f"check: {files} files in {seconds:.2f} s warm = {files / seconds:.1f} letters/s")
    letters = sorted(target.rglob("*.html.j2")) if target.is_dir() else [target]
    letter = next((p for p in letters if "gedeeld" not in p.parts), letters[0])
    wall, peak = cold_single(letter)
    print(f"cold check of one letter ({letter.name}): {wall:.2f} s wall, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()

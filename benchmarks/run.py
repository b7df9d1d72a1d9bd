"""Speed and memory of lint-brieven in one run, as a Markdown table for the README (measured,
never asserted in tests).

    .venv/bin/python benchmarks/run.py [--letters N] [--repeat R] [--only PART]

``--only ratio`` (or ``cold``, ``audit``) measures one part alone.

1. The full check against the shipped pipeline's own parse, in CPU seconds, best of R (default
   3) fresh processes, each pinned to one core and warmed up by checking one small unrelated
   letter (``WARM_UP``: the pipeline, rules, word lists and modules loaded), then timing the
   *first* check of the files, as a ``lint-brieven check`` run pays it: on the corpus templates
   (``corpus/sjablonen/{voor,na}``, every variant as ``check`` reads them) and on plain letters
   (the ``.txt`` and ``.md`` texts of ``eval/dev``). The parse is what the engine asks of the
   pipeline for those files: each file's distinct block texts, parsed once (``nlp.parse``),
   timed the same way in its own fresh processes; the full check is ``check`` of the same files
   (``runner.run``: reading, parsing, every rule with the re-parses that test its rewrites,
   readability, suppressions), both with the garbage collector set as the command line sets it
   for its own run (``cli.YOUNG_OBJECTS``). For the templates also against the parse of every
   letter a tenant can receive (each variant's blocks parsed on their own, as a tool that
   checks letter by letter must). Also shown: a second check of the same files in the same
   process (what a language server or ``check --watch`` pays on a re-check; the checks keep
   answers such as parsed replacement sentences between runs, so this figure is no measure of
   a ``check`` run). And where a first check spends its time, in separate processes of the same
   kind (``timed_parts``): reading, the parse of the blocks, the re-parses that test rewrites,
   the made-up sentences about one word, and the rest (the checks and the engine).
2. Cold: the wall time and peak memory (max RSS) of a fresh ``lint-brieven check`` process on
   one letter, and of ``lint-brieven --help``; best of R.
3. ``audit`` of N generated letters (default 96; ``benchmarks/audit.py`` makes them): letters
   per second with ``--jobs 1`` and ``--jobs 2`` (no cache), then two re-runs from the cache
   (the first reads each page back once to record its signature; later ones are as the second).
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("lint-brieven")
TEMPLATES = sorted((ROOT / "corpus" / "sjablonen").glob("[!g]*/[0-9]*.html.j2"))  # not gedeeld/
PLAIN = sorted(p for p in (ROOT / "eval" / "dev").iterdir() if p.suffix in (".txt", ".md"))
LETTER = ROOT / "corpus" / "sjablonen" / "voor" / "01-woningaanbieding.html.j2"


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        memory = ""
    return (
        f"{model}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, "
        f"{platform.system()}"
    )


def best(repeat: int, work: Callable[[], object]) -> float:
    """The fewest CPU seconds of this process ``work`` took in ``repeat`` runs (on a shared
    machine CPU time stays near what an idle core would show; wall time does not)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def pinned() -> set[int] | None:
    """Pin this process to one core; the cores it had (None where it cannot be pinned)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})
    return cores


# A small letter that shares no sentence with the measured files: checked first in each
# measuring process, so that the pipeline, the rules, the word lists and the modules every
# check needs are loaded (what a ``lint-brieven`` process does once, before its first letter).
WARM_UP = (
    "Beste mevrouw Jansen,\n\nU heeft ons gevraagd om de kraan in de keuken te repareren. "
    "Wij komen op dinsdag 4 juni tussen 8.00 en 12.00 uur. Bent u niet thuis? Bel ons dan op "
    "010-1234567.\n\nMet vriendelijke groet,\n\nWoonstichting Voorbeeld\n"
)


def check_and_parse(files: list[Path], repeat: int) -> dict[str, float]:
    """CPU seconds, best of ``repeat`` fresh processes, each pinned to one core and warmed up
    by one small unrelated letter: ``check`` (the first check of ``files``, as a
    ``lint-brieven check`` run pays it), ``parse`` (the pipeline's parse of what the check asks
    of it: each file's distinct block texts once), ``letters`` (the parse of every letter they
    hold: each template variant's blocks, as a tool that checks one letter at a time parses
    them) and ``recheck`` (the same files checked again in the process that checked them: what
    a running language server or ``check --watch`` pays; the checks keep some answers, such as
    parsed replacement sentences, between runs)."""
    out: dict[str, float] = {}
    for work in ("check", "parse", "letters"):
        for _ in range(repeat):
            child = subprocess.run(
                [sys.executable, __file__, "--child", work, *map(str, files)],
                check=True,
                capture_output=True,
                text=True,
            )
            first, second = map(float, child.stdout.split())
            out[work] = min(out.get(work, first), first)
            if work == "check":
                out["recheck"] = min(out.get("recheck", second), second)
    return out


def child(work: str, files: list[Path]) -> None:
    """One measuring process (``check_and_parse``): prints the CPU seconds of ``work`` done
    the first time, and again."""
    from lint_brieven import engine, nlp, readers
    from lint_brieven.cli import YOUNG_OBJECTS
    from lint_brieven.config import config_in
    from lint_brieven.nlp.typography import has_line_break
    from lint_brieven.runner import RunRequest, run
    from lint_brieven.walk import display

    pinned()
    # the collector as the command line's own run sets it (``cli._starting``)
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
    with tempfile.TemporaryDirectory() as tmp:
        warm_up = Path(tmp) / "brief.txt"
        warm_up.write_text(WARM_UP, encoding="utf-8")
        run(RunRequest([str(warm_up)]))
    texts = []
    letters = []
    for path in files:
        read = readers.read(display(path), path.read_bytes(), config_in(path.parent).read_options)
        blocks = [b for letter in read.letters for b in letter.blocks]
        # as the engine asks: the longest source line of a hard-wrapped text, for the segmenter
        widths = {b.text: engine._source_width(b) for b in blocks if has_line_break(b.text)}
        texts.append(([b.text for b in blocks], widths))
        letters.extend(([b.text for b in letter.blocks], widths) for letter in read.letters)

    def parse() -> None:
        for blocks, widths in texts:
            nlp.parse(blocks, widths)

    def parse_letters() -> None:
        for blocks, widths in letters:
            nlp.parse(blocks, widths)

    def check() -> None:
        run(RunRequest([str(p) for p in files]))

    if work == "parts":
        spent = timed_parts()
        spent["total"] = best(1, check)
        print(json.dumps(spent))
        return
    task = {"check": check, "parse": parse, "letters": parse_letters}[work]
    print(best(1, task), best(1, task))


# the parts of a first check that ``timed_parts`` times (the rest: the checks and the engine)
PARTS_OF_A_CHECK = {
    "reading": "reading and layout",
    "blocks": "the parse of the blocks",
    "rewrites": "re-parses that test rewrites",
    "probes": "made-up sentences about one word",
}


def timed_parts() -> dict[str, float]:
    """Have the functions through which a check does each part of ``PARTS_OF_A_CHECK`` count
    their CPU seconds in the dict returned (a part called inside another counts as that
    other): ``readers.read``, the engine's parse of a file's blocks, the batches of sentences
    that test rewrites (``replacement_check._parse_all``) and ``nlp.Probe.prime``."""
    from lint_brieven import nlp, readers, runner
    from lint_brieven.checks import replacement_check

    spent = dict.fromkeys(PARTS_OF_A_CHECK, 0.0)
    active: list[str] = []

    def wrap(owner: object, name: str, part: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            if active:
                return inner(*args, **kwargs)
            active.append(part)
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - start
                active.pop()

        setattr(owner, name, timed)

    wrap(readers, "read", "reading")
    wrap(runner, "parse", "blocks")
    wrap(replacement_check, "_parse_all", "rewrites")
    wrap(nlp.Probe, "prime", "probes")
    return spent


def check_parts(files: list[Path], repeat: int) -> dict[str, float]:
    """CPU seconds of each part of a first check of ``files`` (``timed_parts``) in the fresh
    process, of ``repeat``, whose check took least; ``rest``: the checks and the engine."""
    runs = []
    for _ in range(repeat):
        child = subprocess.run(
            [sys.executable, __file__, "--child", "parts", *map(str, files)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(child.stdout))
    fastest = min(runs, key=lambda spent: spent["total"])
    fastest["rest"] = fastest["total"] - sum(fastest[part] for part in PARTS_OF_A_CHECK)
    return fastest


def cold(args: list[str], repeat: int) -> tuple[float, float]:
    """Best wall seconds and peak memory (MiB) of a fresh ``lint-brieven`` process."""
    walls, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(CLI), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        peaks.append(usage.ru_maxrss / 1024)
    return min(walls), max(peaks)


def audits(count: int) -> list[tuple[str, float, float, float, float]]:
    """(run, letters per second, peak MiB of the main process, CPU seconds of the main
    process and of the workers) of ``benchmarks/audit.py``'s runs on ``count`` generated
    letters."""
    sys.path.insert(0, str(Path(__file__).parent))
    from audit import RUNS, audit, make_letters, settle

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        letters = make_letters(root / "brieven", count)
        settle()
        # the first re-run reads each letter's page back once to record its file signature
        # (``audit.views``); every later re-run finds it unchanged by that signature
        for name, label in (
            ("no-cache-1", RUNS["no-cache-1"][0]),
            ("no-cache-2", RUNS["no-cache-2"][0]),
            ("fill", RUNS["fill"][0]),
            ("cached", "--jobs 2, first cached re-run"),
            ("cached", "--jobs 2, cached re-run, every later one"),
        ):
            extra = RUNS[name][1]
            measured = audit(root / "brieven", root / "rapport", extra)
            if name != "fill":
                out.append(
                    (
                        label,
                        letters / measured.seconds,
                        measured.main_mib,
                        measured.main_cpu,
                        measured.workers_cpu,
                    )
                )
    return out


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], [Path(p) for p in sys.argv[3:]])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=96, help="letters for the audit runs")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many")
    parser.add_argument(
        "--only", choices=PARTS, help="measure this part alone (default: every part)"
    )
    args = parser.parse_args()
    parts = (args.only,) if args.only else PARTS
    # processes first, while this one is small: on Linux a child's peak memory (max RSS)
    # counts what it had before it started the program, a copy of this process
    rows = []
    if "cold" in parts:
        rows += cold_rows(args.repeat)
    if "audit" in parts:
        rows += audit_rows(args.letters)
    if "ratio" in parts:
        rows = ratio_rows(args.repeat) + rows
    print(f"Machine: {machine()}.\n")
    print("| measure | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


PARTS = ("ratio", "cold", "audit")


def cold_rows(repeat: int) -> list[tuple[str, str]]:
    # a pip install leaves .pyc files beside every module; a checkout edited with
    # PYTHONDONTWRITEBYTECODE set has stale or missing ones (each recompiled at every start)
    compileall.compile_dir(ROOT / "lint_brieven", quiet=1)
    rows = []
    wall, peak = cold(["check", str(LETTER), "--exit-zero", "-q"], repeat)
    rows.append((f"cold `check` of one letter ({LETTER.name})", f"{wall:.2f} s, {peak:.0f} MiB"))
    wall, peak = cold(["--help"], repeat)
    rows.append(("cold `--help`", f"{wall:.2f} s, {peak:.0f} MiB"))
    return rows


def audit_rows(letters: int) -> list[tuple[str, str]]:
    rows = []
    measured = audits(letters)
    single = measured[0][1]
    single_cpu = measured[0][3] + measured[0][4]
    for label, per_second, main_mib, main_cpu, workers_cpu in measured:
        speedup = ""
        if "jobs 2, no" in label:
            # on a shared machine the wall times mislead; the CPU seconds give the bound on
            # two idle cores: the work of both processes and the main process spread over two
            bound = single_cpu / max(main_cpu, (main_cpu + workers_cpu) / 2)
            speedup = (
                f", {per_second / single:.2f}× `--jobs 1` (by CPU seconds, on two idle "
                f"cores: {bound:.2f}×)"
            )
        rows.append(
            (
                f"`audit` {letters} letters, {label}",
                f"{per_second:.1f} letters/s{speedup} (main process {main_mib:.0f} MiB, "
                f"CPU {main_cpu:.1f} s + workers {workers_cpu:.1f} s)",
            )
        )
    return rows


def ratio_rows(repeat: int) -> list[tuple[str, str]]:
    rows = []
    for label, files in (("corpus templates", TEMPLATES), ("plain letters", PLAIN)):
        t = check_and_parse(files, repeat)
        check, parse = t["check"], t["parse"]
        rows.append(
            (
                f"full check / parse, {label} ({len(files)} files, first check in a process, "
                "one core)",
                f"**{check / parse:.2f}×** ({check:.2f} s / {parse:.2f} s)",
            )
        )
        if label == "corpus templates":
            rows.append(
                (
                    f"full check / parse of every letter, {label} (each variant parsed)",
                    f"{check / t['letters']:.2f}× ({check:.2f} s / {t['letters']:.2f} s)",
                )
            )
        rows.append(
            (
                f"re-check / parse, {label} (the same files again in that process)",
                f"{t['recheck'] / parse:.2f}× ({t['recheck']:.2f} s / {parse:.2f} s)",
            )
        )
        spent = check_parts(files, repeat)
        parts = [*(f"{PARTS_OF_A_CHECK[p]} {spent[p]:.2f} s" for p in PARTS_OF_A_CHECK)]
        rows.append(
            (
                f"first check, {label}, by part (CPU seconds, separate processes)",
                " · ".join([*parts, f"the checks and the engine {spent['rest']:.2f} s"])
                + f" (total {spent['total']:.2f} s)",
            )
        )
    return rows


if __name__ == "__main__":
    main()

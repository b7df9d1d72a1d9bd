"""Time of ``lint-brieven check`` on hostile inputs near the limits, measured (never asserted in
tests: ``tests/test_hostile_*.py`` check what these inputs give, this script how long it takes).

    .venv/bin/python benchmarks/hostile.py

Each case is written to a temporary folder beside a normal letter and checked in a fresh
process; the table shows the wall time, the exit code and the peak memory of that process.
A case that takes minutes is a regression to a quadratic (or worse) path.
"""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = Path(sys.executable).with_name("lint-brieven")
GOOD = "Wij verzoeken u middels dit formulier uw gegevens te retourneren.\n"


def cases() -> dict[str, str]:
    """File name → text of each hostile input."""
    return {
        "lange-regel.txt": "woord " * 350_000,  # over the paragraph limit: refused
        "eindeloze-zin.txt": "woord " * 16_000,  # just under it, without a full stop
        "veel-tekst.txt": "\n\n".join(
            f"Alinea {i}: wij komen binnenkort langs voor de reparatie." for i in range(9000)
        ),
        "veel-alineas.txt": "Ja.\n\n" * 30_001,
        "invulvelden.txt": "Naam: ……… [naam] UW NAAM € xx,xx om xx.xx uur " * 2000,
        "plaatshouders.html.j2": "<p>Beste {{ a }},</p>\n"
        + "".join(
            f"<p>Uw huur is {{{{ bedrag{i} }}}} per {{{{ datum{i} }}}}.</p>\n" for i in range(600)
        ),
        "macros.html.j2": "".join(
            f"{{% macro m{i}() %}}{{{{ m{i + 1}() }}}}{{{{ m{i + 1}() }}}}{{% endmacro %}}"
            for i in range(18)
        )
        + "{% macro m18() %}tekst{% endmacro %}<p>{{ m0() }}</p>",
    }


def run_case(folder: Path, name: str) -> tuple[float, int, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(CLI), "check", name, "goed.txt", "--quiet"],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, done.returncode, peak


def main() -> int:
    print(f"{platform.machine()}, {platform.system()}, Python {platform.python_version()}")
    print(f"{'case':28} {'wall s':>8} {'exit':>5} {'peak MiB (so far)':>18}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "goed.txt").write_text(GOOD, encoding="utf-8")
        for name, text in cases().items():
            (folder / name).write_text(text, encoding="utf-8")
            wall, code, peak = run_case(folder, name)
            print(f"{name:28} {wall:8.1f} {code:5d} {peak:18.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How fast ``lint-brieven server`` checks a changed letter again, measured (never asserted).

    .venv/bin/python benchmarks/server.py [FILE ...] [--changes N] [--debounce MS]

Starts ``python -m lint_brieven server`` as an editor does (stdio, pygls's client), opens each
file (default: a corpus template with its shared pieces and variants, and a plain Markdown
letter), waits for its first diagnostics, then N times (default 7) changes one word (" de "
becomes " het " and back, as a full-text change) and times the time from sending
``didChange`` to receiving the diagnostics of that version. Printed per file: the best and the
median wall time, and the server's CPU seconds (user + system, from /proc) for the best
change. The server loads the rules, the Dutch pipeline and the word lists right after
``initialized`` (it checks a short letter) and says so in its log; the benchmark opens the
files after that, and shows the first check of each apart. ``--debounce`` is the server's
``debounceMs`` for the run (default 0, so the figure is the check itself; in an editor the
server first waits ``debounceMs``, 300 ms unless configured, for the typing to pause).

Compare CPU seconds on a shared machine; wall times say little when other work runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [
    ROOT / "corpus" / "sjablonen" / "voor" / "02-huurcontract.html.j2",
    ROOT / "eval" / "dev" / "huurcommissie-brief-aan-verhuurder-inkomensdaling.md",
]
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("lint-brieven-benchmark", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.counts: dict[tuple[str, int | None], int] = {}
        self.loaded = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.arrived.setdefault(key, time.perf_counter())
            self.counts[key] = len(params.diagnostics)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            print(f"  server: {params.message.strip()}")
            if "geladen" in params.message:
                self.loaded.set()

    async def wait(self, uri: str, version: int) -> float:
        while (uri, version) not in self.arrived:
            await asyncio.sleep(0.002)
        return self.arrived[(uri, version)]


async def measure(files: list[Path], changes: int, debounce: int) -> None:
    bench = Bench()
    client = bench.client
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "lint_brieven", "server")
    pid = client._server.pid
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
            initialization_options={"debounceMs": debounce, "readability": "off"},
        )
    )
    client.initialized(types.InitializedParams())
    print(f"server {pid} started, initialize answered in {time.perf_counter() - started:.2f} s")
    cpu0 = cpu_seconds(pid)
    await bench.loaded.wait()
    print(
        f"loaded {time.perf_counter() - started:.2f} s after the start "
        f"({cpu_seconds(pid):.2f} s CPU; {cpu_seconds(pid) - cpu0:.2f} s after initialize)"
    )
    for file in files:
        uri = file.resolve().as_uri()
        text = file.read_text(encoding="utf-8")
        if " de " not in text:
            print(f"{file}: no ' de ' to change; skipped")
            continue
        cpu0, sent = cpu_seconds(pid), time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
            )
        )
        arrived = await bench.wait(uri, 1)
        print(
            f"{file.relative_to(ROOT)} ({len(text)} characters, {bench.counts[(uri, 1)]} "
            f"diagnostics): open {arrived - sent:.3f} s wall, {cpu_seconds(pid) - cpu0:.2f} s CPU"
        )
        runs = []
        for n in range(changes):
            version = n + 2
            changed = text.replace(" de ", " het ", 1) if n % 2 == 0 else text
            cpu0, sent = cpu_seconds(pid), time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
                )
            )
            arrived = await bench.wait(uri, version)
            await asyncio.sleep(0.05)  # let the server finish writing before reading its CPU
            runs.append((arrived - sent, cpu_seconds(pid) - cpu0))
        best = min(runs)
        walls = [wall for wall, _ in runs]
        print(
            f"  change one word, {changes} times: best {best[0]:.3f} s wall "
            f"({best[1]:.2f} s CPU), median {statistics.median(walls):.3f} s wall, "
            f"CPU per change {min(c for _, c in runs):.2f}-{max(c for _, c in runs):.2f} s"
        )
    await client.shutdown_async(None)
    client.exit(None)
    await client._server.wait()
    await client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--changes", type=int, default=7)
    parser.add_argument("--debounce", type=int, default=0, help="the server's debounceMs")
    args = parser.parse_args()
    asyncio.run(measure([f.resolve() for f in args.files], args.changes, args.debounce))


if __name__ == "__main__":
    main()

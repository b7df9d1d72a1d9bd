"""``lint-brieven check --watch``, as a user runs it: ``python -m lint_brieven check --watch``
in a folder of letters, the letters changed, created and deleted on disk, Ctrl-C at the end.

Each report is read as it comes (JSON documents on standard output, status lines on standard
error), with generous waits that poll for output; nothing here measures time. After a change
the report printed must be what ``lint-brieven check`` prints for the folder as it is then.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lint_brieven.cli import main

WAIT = 180  # seconds: a loaded, shared machine; the process loads the Dutch pipeline first

LETTER = (
    "Beste huurder,\n\n"
    "Wij komen op 3 maart uw cv-ketel onderhouden. Bel ons op 010 123 45 67 als dat niet "
    "uitkomt.\n\nMet vriendelijke groet,\n\nJan de Vries, Woonstad\n"
)
PIECE = "<p>Met vriendelijke groet,<br>Team Onderhoud van Woonstad</p>\n"


def pack(phrase: str, use: str) -> str:
    """A rule pack of one rule: write ``use``, not ``phrase``."""
    return (
        "pack: huisstijl\nrules:\n  - code: LB901\n    name: eigen-woord\n"
        "    category: huisstijl\n    severity: warning\n    kind: substitution\n"
        "    message: \"Wij schrijven {suggestion}, niet '{match}'.\"\n"
        "    rationale: Zo schrijven wij het.\n"
        f"    swap:\n      - {{phrase: {phrase}, use: [{use}], safe: true}}\n"
        f'    examples:\n      flag: ["De {phrase} is er."]\n'
        f'      pass: ["De {use} is er."]\n'
    )


class Watch:
    """A running ``check --watch``: what it wrote so far, read by two threads."""

    def __init__(self, folder: Path, *options: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("LINT_BRIEVEN_DEBUG", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint_brieven", "check", "--watch", *options],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.out = ""
        self.err = ""
        self._lock = threading.Lock()
        self._taken = 0  # how much of ``out`` the reports read so far took
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, "out"), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, "err"), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, name: str) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):
            with self._lock:
                setattr(self, name, getattr(self, name) + chunk.decode("utf-8", "replace"))

    def _until(self, ready, what: str):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            with self._lock:
                found = ready()
            if found is not None:
                return found
            if self.process.poll() is not None:
                time.sleep(0.5)  # what it wrote last
                with self._lock:
                    found = ready()
                if found is not None:
                    return found
                break
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"geen {what}; uitvoer:\n{self.out}\nfouten:\n{self.err}")

    def report(self) -> dict:
        """The next JSON report on standard output."""

        def parsed():
            text = self.out[self._taken :]
            start = len(text) - len(text.lstrip())
            try:
                document, end = json.JSONDecoder().raw_decode(text, start)
            except json.JSONDecodeError:
                return None
            self._taken += end
            return document

        return self._until(parsed, "rapport")

    def printed_after(self, start: int, text: str) -> str:
        """Standard output from ``start`` up to and including ``text``, once it is there."""

        def upto():
            end = self.out.find(text, start)
            return self.out[start : end + len(text)] if end >= 0 else None

        return self._until(upto, repr(text))

    def said(self, text: str) -> str:
        """Wait for ``text`` on standard error; the line that holds it."""

        def line():
            return next((x for x in self.err.splitlines() if text in x), None)

        return self._until(line, repr(text))

    def stop(self) -> int:
        """Ctrl-C; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        for reader in self._readers:
            reader.join(10)
        self.process.stdout.close()
        self.process.stderr.close()
        return code


@pytest.fixture
def watching(tmp_path):
    """Start ``check --watch`` in ``tmp_path``; stopped (Ctrl-C) at the end of the test."""
    started: list[Watch] = []

    def start(*options: str) -> Watch:
        watch = Watch(tmp_path, *options)
        started.append(watch)
        return watch

    yield start
    for watch in started:
        watch.stop()


def check_now(folder: Path, *options: str, capsys, monkeypatch) -> dict:
    """What ``lint-brieven check`` reports for ``folder`` now (JSON)."""
    from lint_brieven.config import find_config_file, load_config

    find_config_file.cache_clear()
    load_config.cache_clear()
    monkeypatch.chdir(folder)
    capsys.readouterr()
    main(["check", *options, "--output-format", "json"])
    return json.loads(capsys.readouterr().out)


def findings(report: dict) -> dict[str, list[str]]:
    return {f["path"]: [x["code"] for x in f["findings"]] for f in report["files"]}


def test_watch_checks_again_when_a_letter_changes_and_stops_on_ctrl_c(
    tmp_path, watching, capsys, monkeypatch
):
    letters = tmp_path / "brieven"
    letters.mkdir()
    (letters / "onderhoud.txt").write_text(LETTER, encoding="utf-8")
    (letters / "oud.txt").write_text(LETTER, encoding="utf-8")
    watch = watching("brieven", "--output-format", "json")

    first = watch.report()
    assert set(findings(first)) == {"brieven/onderhoud.txt", "brieven/oud.txt"}
    assert "LB102" not in findings(first)["brieven/onderhoud.txt"]
    watch.said("Wacht op wijzigingen")

    # a file check does not read changes first: no report for that one
    (letters / "notities.log").write_text("geen brief\n", encoding="utf-8")
    time.sleep(1)  # (spacing, not a measurement: the two changes come one after the other)
    changed = LETTER.replace("Wij komen", "In verband met het onderhoud komen wij")
    (letters / "onderhoud.txt").write_text(changed, encoding="utf-8")
    second = watch.report()
    assert "LB102" in findings(second)["brieven/onderhoud.txt"]
    line = watch.said("opnieuw gecontroleerd")
    assert "Gewijzigd: brieven/onderhoud.txt —" in line
    assert line.startswith("[") and line[3] == ":"  # the time: [14:03:12]
    assert second == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)

    (letters / "oud.txt").unlink()
    third = watch.report()
    assert set(findings(third)) == {"brieven/onderhoud.txt"}
    assert "Verwijderd: brieven/oud.txt" in watch.said("Verwijderd")
    assert not [f for f in third["files"] if f["error"]]

    (letters / "nieuw.md").write_text(changed, encoding="utf-8")
    fourth = watch.report()
    assert "LB102" in findings(fourth)["brieven/nieuw.md"]
    assert "Nieuw: brieven/nieuw.md" in watch.said("Nieuw")

    assert watch.stop() == 0
    assert watch.err.rstrip().endswith("Gestopt.")
    assert "Traceback" not in watch.err


def test_a_shared_template_piece_checks_the_letters_that_include_it(
    tmp_path, watching, capsys, monkeypatch
):
    letters = tmp_path / "brieven"
    letters.mkdir()
    for name, body in (("a", "uw cv-ketel onderhouden"), ("b", "uw dak repareren")):
        (letters / f"{name}.html.j2").write_text(
            f"<p>Beste {{{{ naam }}}},</p>\n<p>Wij komen op {{{{ datum }}}} {body}.</p>\n"
            '{% include "_voet.html.j2" %}\n',
            encoding="utf-8",
        )
    (letters / "c.txt").write_text(LETTER, encoding="utf-8")
    (letters / "_voet.html.j2").write_text(PIECE, encoding="utf-8")
    watch = watching("brieven", "--output-format", "json")
    first = watch.report()
    assert first == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)

    # a finding in the piece, and a suppression comment there that only one letter's check
    # could find unused: the report must be the whole run's, as check gives it
    (letters / "_voet.html.j2").write_text(
        "<p>In verband met vragen kunt u ons bellen.</p>\n"
        "{# lint-brieven: disable-next-line=LB999 #}\n" + PIECE,
        encoding="utf-8",
    )
    second = watch.report()
    assert "LB102" in findings(second)["brieven/_voet.html.j2"]
    assert second == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)
    assert "Gewijzigd: brieven/_voet.html.j2" in watch.said("Gewijzigd")

    # letter c starts to include the piece too: it joins the letters that share it
    (letters / "c.txt").unlink()
    (letters / "c.html.j2").write_text(
        "<p>Beste huurder,</p>\n<p>Wij komen uw tuin bekijken.</p>\n"
        '{% include "_voet.html.j2" %}\n',
        encoding="utf-8",
    )
    third = watch.report()
    assert third == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)
    assert "brieven/c.html.j2" in findings(third)

    # the piece is deleted: the letters that include it say so, as check does
    (letters / "_voet.html.j2").unlink()
    fourth = watch.report()
    assert fourth == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)
    assert [f["path"] for f in fourth["files"] if f["error"]] == [
        "brieven/a.html.j2",
        "brieven/b.html.j2",
        "brieven/c.html.j2",
    ]

    # and back: the letters that could not be read are checked again
    (letters / "_voet.html.j2").write_text(PIECE, encoding="utf-8")
    fifth = watch.report()
    assert fifth == check_now(tmp_path, "brieven", capsys=capsys, monkeypatch=monkeypatch)
    assert not [f for f in fifth["files"] if f["error"]]
    assert watch.stop() == 0
    assert "Traceback" not in watch.err


def test_configuration_changes_check_everything_and_a_bad_one_keeps_watching(tmp_path, watching):
    letters = tmp_path / "brieven"
    letters.mkdir()
    changed = LETTER.replace("Wij komen", "In verband met het onderhoud komen wij")
    (letters / "onderhoud.txt").write_text(changed, encoding="utf-8")
    # the configuration lies above the folder watched: its file is watched on its own
    config = tmp_path / "lint-brieven.toml"
    config.write_text("ignore = []\n", encoding="utf-8")
    watch = watching("brieven")  # the text format, as a user sees it
    watch.said("Wacht op wijzigingen")
    assert "LB102" in watch.printed_after(0, "van 1 bestand.")

    shown = len(watch.out)
    config.write_text("ignore = [\n", encoding="utf-8")  # broken TOML
    error = watch.said("ongeldige TOML")
    assert error.startswith("lint-brieven: fout: ") and "lint-brieven.toml:" in error

    (tmp_path / "regels.yaml").write_text(pack("bewoner", "huurder"), encoding="utf-8")
    config.write_text('ignore = ["LB102"]\nrule-packs = ["regels.yaml"]\n', encoding="utf-8")
    watch.said("Gewijzigd: lint-brieven.toml — alles opnieuw gecontroleerd")
    report = watch.printed_after(shown, "van 1 bestand.")
    assert "brieven/onderhoud.txt:" in report and "LB102" not in report
    assert "LB901" not in report

    # the rule pack changes: read again, its checks built again
    shown = len(watch.out)
    (tmp_path / "regels.yaml").write_text(pack("cv-ketel", "verwarming"), encoding="utf-8")
    watch.said("Gewijzigd: regels.yaml — alles opnieuw gecontroleerd")
    report = watch.printed_after(shown, "van 1 bestand")
    assert "LB901 Wij schrijven 'verwarming', niet 'cv-ketel'." in report
    assert watch.stop() == 0
    assert "Traceback" not in watch.err


def test_a_letter_named_and_deleted_is_removed_not_an_error(tmp_path, watching):
    (tmp_path / "brief.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "ander.txt").write_text(LETTER, encoding="utf-8")
    watch = watching("brief.txt", "--output-format", "json")
    assert set(findings(watch.report())) == {"brief.txt"}
    watch.said("Wacht op wijzigingen")

    (tmp_path / "brief.txt").unlink()
    assert watch.report()["files"] == []
    assert "Verwijderd: brief.txt —" in watch.said("Verwijderd")

    (tmp_path / "ander.txt").write_text(LETTER + "\nIn verband met\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text(LETTER.replace("Wij komen", "In verband met"), "utf-8")
    back = watch.report()
    assert set(findings(back)) == {"brief.txt"}
    assert "LB102" in findings(back)["brief.txt"]
    assert watch.stop() == 0
    assert "Traceback" not in watch.err
    assert "bestaat niet" not in watch.out + watch.err


def test_a_report_file_among_the_letters_is_no_letter_and_no_change(tmp_path, watching):
    letters = tmp_path / "brieven"
    letters.mkdir()
    (letters / "onderhoud.txt").write_text(LETTER, encoding="utf-8")
    report = letters / "rapport.txt"
    watch = watching("brieven", "-o", "brieven/rapport.txt")
    watch.said("Wacht op wijzigingen")
    assert "brieven/onderhoud.txt" in report.read_text(encoding="utf-8")

    changed = LETTER.replace("Wij komen", "In verband met het onderhoud komen wij")
    (letters / "onderhoud.txt").write_text(changed, encoding="utf-8")
    watch.said("Gewijzigd: brieven/onderhoud.txt")
    watch._until(lambda: "LB102" in report.read_text(encoding="utf-8") or None, "LB102")
    (letters / "tweede.txt").write_text(changed, encoding="utf-8")
    watch.said("Nieuw: brieven/tweede.txt")
    watch._until(lambda: "brieven/tweede.txt" in report.read_text(encoding="utf-8") or None, "2")
    assert watch.stop() == 0
    assert "rapport.txt" not in watch.err  # written by the watch: not checked, no change
    assert "rapport.txt" not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--fix"], "--fix"),
        (["--diff"], "--diff"),
        (["--write-baseline", "--baseline", "bekend.json"], "--write-baseline"),
        (["-"], "'-' (standaardinvoer)"),
    ],
)
def test_watch_refuses_options_that_make_no_sense_with_it(in_tmp, capsys, options, named):
    Path("brief.txt").write_text(LETTER, encoding="utf-8")
    paths = [] if options == ["-"] else ["brief.txt"]
    assert main(["check", "--watch", *paths, *options]) == 2
    err = capsys.readouterr().err
    assert f"lint-brieven: fout: --watch gaat niet samen met {named}" in err
    assert not Path("bekend.json").exists()

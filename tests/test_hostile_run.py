"""Hostile and odd input for a whole run (issue 13): one clear Dutch line per bad file, the
other files still checked, never a traceback or a hang, nothing from outside the checked folder
or from escape sequences reaching the report."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import sys
import xml.etree.ElementTree as ET

import pytest
from lintkit import write

from lint_brieven import readers
from lint_brieven.cli import main
from lint_brieven.file_access import FileRefused, read_regular

BAD = "Wij sturen u middels deze brief het formulier.\n"
FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit"]
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture
def no_hang():
    """Fail (instead of hanging the test run) when a call blocks for over 60 seconds."""

    def stop(signum, frame):
        raise TimeoutError("the run hangs")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def lines_with(text: str, part: str) -> list[str]:
    return [line for line in text.splitlines() if part in line]


# -- files that are not regular files, too large, or out of reach -----------------------------


def test_fifo_is_skipped_with_a_notice_never_opened(tmp_path, capsys, no_hang):
    write(tmp_path, {"brieven/a.txt": BAD})
    os.mkfifo(tmp_path / "brieven" / "pijp.txt")
    os.mkfifo(tmp_path / "los.txt")
    code, out, _ = run(capsys, "check", "brieven", "los.txt")
    assert code == 1  # a notice is no error; a.txt has findings
    notice = "let op: Dit is geen gewoon bestand maar een named pipe (FIFO); overgeslagen."
    assert f"brieven/pijp.txt: {notice}" in out.splitlines()
    assert f"los.txt: {notice}" in out.splitlines()  # named on the command line too
    assert "brieven/a.txt:1:14: LB101" in out
    assert out.splitlines()[-1].endswith("2 bestanden of mappen overgeslagen.")
    assert "in 1 van 1 bestand" in out.splitlines()[-1]


def test_fifo_notice_in_json_sarif_github_and_junit(tmp_path, capsys, no_hang):
    write(tmp_path, {"a.txt": BAD})
    os.mkfifo(tmp_path / "pijp.txt")
    notice = "Dit is geen gewoon bestand maar een named pipe (FIFO); overgeslagen."
    _, out, _ = run(capsys, "check", ".", "--output-format", "json")
    assert {f["path"]: f["notices"] for f in json.loads(out)["files"]}["pijp.txt"] == [notice]
    _, out, _ = run(capsys, "check", ".", "--output-format", "sarif")
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [notice]
    _, out, _ = run(capsys, "check", ".", "--output-format", "github")
    assert f"::notice file=pijp.txt::{notice}" in out.splitlines()
    _, out, _ = run(capsys, "check", ".", "--output-format", "junit")
    skipped = ET.fromstring(out.encode()).find("testsuite/testcase/skipped")
    assert skipped is not None and skipped.get("message") == notice


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    with open(tmp_path / "groot.txt", "wb") as handle:  # sparse: 21 MB on paper, no disk
        handle.truncate(21 * 1024 * 1024)
    code, out, _ = run(capsys, "check", ".")
    assert code == 2
    assert lines_with(out, "groot.txt") == [
        "groot.txt: fout: Het bestand is te groot (21 MB; grens 20 MB)."
    ]
    assert "a.txt:1:14: LB101" in out


class Endless(io.RawIOBase):
    """Standard input that never ends (``yes | lint-brieven check -``)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_endless_standard_input_is_refused_at_the_limit(tmp_path, capsys, monkeypatch, no_hang):
    write(tmp_path, {"a.txt": BAD})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, out, _ = run(capsys, "check", "-", "a.txt", "--stdin-filename", "brief.txt")
    assert code == 2
    assert lines_with(out, "brief.txt") == [
        "brief.txt: fout: Het bestand is te groot (groter dan de grens van 20 MB)."
    ]
    assert "a.txt:1:14: LB101" in out


def test_reading_stops_at_the_limit_when_the_size_on_disk_lies():
    # /proc files say they are empty; reading must still stop at the limit
    message = r"^Het bestand is te groot \(groter dan de grens van 0,1 MB\)\.$"
    with pytest.raises(FileRefused, match=message):
        read_regular("/proc/self/maps", limit=10)  # type: ignore[arg-type]


def test_unreadable_file_is_an_error_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD, "geheim.txt": BAD})
    secret = tmp_path / "geheim.txt"
    if ROOT:  # root reads anything: make the system say no for this file
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if os.fspath(path) == "geheim.txt" or os.fspath(path) == str(secret):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        secret.chmod(0)
    code, out, _ = run(capsys, "check", ".")
    assert code == 2
    assert lines_with(out, "geheim.txt") == [
        "geheim.txt: fout: Het bestand kan niet worden geopend: geen toegang (onvoldoende rechten)."
    ]
    assert "a.txt:1:14: LB101" in out


def test_unreadable_subfolder_is_an_error_not_silence(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"brieven/a.txt": BAD, "brieven/dicht/b.txt": BAD})
    closed = tmp_path / "brieven" / "dicht"
    if ROOT:  # root lists anything: make the system say no for this folder
        real_scandir = os.scandir

        def refuse(path="."):
            if os.path.realpath(path) == str(closed):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    else:
        closed.chmod(0)
    try:
        code, out, _ = run(capsys, "check", "brieven")
    finally:
        closed.chmod(0o755)
    assert code == 2
    assert lines_with(out, "dicht") == [
        "brieven/dicht: fout: De map kan niet worden gelezen: geen toegang (onvoldoende rechten)."
    ]
    assert "brieven/a.txt:1:14: LB101" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_link_out_of_the_checked_folder_is_not_followed(tmp_path, capsys, fmt):
    write(
        tmp_path,
        {"brieven/a.txt": BAD, "buiten/geheim.txt": "Wij sturen middels GEHEIM-TOKEN-123.\n"},
    )
    (tmp_path / "brieven" / "geheim.txt").symlink_to(tmp_path / "buiten" / "geheim.txt")
    (tmp_path / "brieven" / "buiten").symlink_to(tmp_path / "buiten")
    code, out, _ = run(capsys, "check", "brieven", "--output-format", fmt)
    assert code == 1
    assert "GEHEIM-TOKEN-123" not in out
    assert "middels" in out  # brieven/a.txt was checked
    if fmt == "text":
        assert (
            "brieven/geheim.txt: let op: Dit bestand is een symbolische koppeling naar een "
            "bestand buiten de gecontroleerde map; overgeslagen. Noem het bestand zelf op de "
            "opdrachtregel om het toch te controleren."
        ) in out.splitlines()
        assert (
            "brieven/buiten: let op: Deze map is een symbolische koppeling naar een map buiten "
            "de gecontroleerde map; niet doorzocht. Noem de map zelf op de opdrachtregel om die "
            "toch te controleren."
        ) in out.splitlines()
    if fmt in ("json", "sarif", "github", "junit"):
        assert "symbolische koppeling naar een bestand buiten de gecontroleerde map" in out


def test_link_inside_the_folder_and_link_named_on_the_command_line_are_followed(tmp_path, capsys):
    write(tmp_path, {"brieven/a.txt": BAD, "buiten/b.txt": "Wij sturen reeds een brief.\n"})
    (tmp_path / "brieven" / "zelfde.txt").symlink_to("a.txt")
    (tmp_path / "brieven" / "b.txt").symlink_to(tmp_path / "buiten" / "b.txt")
    code, out, _ = run(capsys, "check", "brieven/b.txt", "brieven", "-q")
    assert code == 1
    assert "LB101 'reeds'" in out or "'reeds'" in out  # named on the command line: followed
    assert len(lines_with(out, "brieven/a.txt:1:14: LB101")) == 1  # the inner link: once


def test_a_link_that_leads_nowhere_is_an_error_naming_the_link(tmp_path, capsys):
    write(tmp_path, {"brieven/a.txt": BAD})
    (tmp_path / "brieven" / "weg.txt").symlink_to("nergens.txt")
    (tmp_path / "los.txt").symlink_to("nergens.txt")
    code, out, _ = run(capsys, "check", "brieven", "los.txt")
    assert code == 2
    error = "fout: Het bestand kan niet worden geopend: het bestaat niet (meer)."
    assert lines_with(out, "fout:") == [f"brieven/weg.txt: {error}", f"los.txt: {error}"]
    assert "brieven/a.txt:1:14: LB101" in out


# -- unexpected exceptions --------------------------------------------------------------------


def _break_reading(monkeypatch, name: str, exc: Exception) -> None:
    real_read = readers.read

    def read(path, data, options, kind=None):
        if path.endswith(name):
            raise exc
        return real_read(path, data, options, kind)

    monkeypatch.setattr(readers, "read", read)


def test_a_bug_in_one_file_is_that_files_error_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD, "kapot.txt": BAD})
    _break_reading(monkeypatch, "kapot.txt", RecursionError("maximum recursion depth exceeded"))
    code, out, err = run(capsys, "check", ".")
    assert code == 2
    assert lines_with(out, "kapot.txt") == [
        "kapot.txt: fout: Onverwachte fout bij het controleren (RecursionError): maximum "
        "recursion depth exceeded. Meld dit als fout in lint-brieven."
    ]
    assert "a.txt:1:14: LB101" in out
    assert err == ""


def test_debug_shows_the_traceback_of_a_file_error(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD, "kapot.txt": BAD})
    _break_reading(monkeypatch, "kapot.txt", KeyError("sleutel"))
    code = main(["check", ".", "--debug"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "kapot.txt: fout: Onverwachte fout bij het controleren (KeyError): 'sleutel'." in out
    assert "Traceback" in err and "KeyError: 'sleutel'" in err


def _crash(monkeypatch) -> None:
    from lint_brieven.commands import check

    def boom(request):
        raise ValueError("iets ging mis\nop twee regels")

    monkeypatch.setattr(check, "run", boom)


def test_a_crash_exits_2_with_one_dutch_line(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD})
    _crash(monkeypatch)
    code, out, err = run(capsys, "check", "a.txt")
    assert code == 2
    assert err == (
        "lint-brieven: onverwachte fout (ValueError: iets ging mis). Draai opnieuw met --debug "
        "voor de volledige melding.\n"
    )


@pytest.mark.parametrize(
    "args, env",
    [
        (["--debug", "check", "a.txt"], None),
        (["check", "a.txt", "--debug"], None),
        (["check", "a.txt"], "1"),
    ],
)
def test_debug_flag_or_variable_shows_the_traceback(tmp_path, capsys, monkeypatch, args, env):
    write(tmp_path, {"a.txt": BAD})
    _crash(monkeypatch)
    if env:
        monkeypatch.setenv("LINT_BRIEVEN_DEBUG", env)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" in err and "ValueError: iets ging mis" in err
    assert err.endswith("Draai opnieuw met --debug voor de volledige melding.\n")


# -- output to places that cannot take it -----------------------------------------------------


def test_output_naming_a_folder_is_an_error(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    (tmp_path / "uit").mkdir()
    code, out, err = run(capsys, "check", "a.txt", "-o", "uit")
    assert code == 2 and out == ""
    assert err == "lint-brieven: fout: uit is een map; geef een bestandsnaam op.\n"
    assert list((tmp_path / "uit").iterdir()) == []


def test_output_in_a_folder_that_cannot_be_made_is_an_error(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "bestand": "x"})
    code, _, err = run(capsys, "check", "a.txt", "-o", "bestand/uit/rapport.txt")
    assert code == 2
    assert err == (
        "lint-brieven: fout: bestand/uit/rapport.txt kan niet worden geschreven: een deel van "
        "het pad is geen map.\n"
    )


def test_output_in_a_read_only_folder_is_an_error(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD})
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    if ROOT:  # root writes anywhere: make the system say no in this folder
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if os.path.dirname(os.fspath(path)) == str(folder):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        folder.chmod(0o555)
    try:
        code, _, err = run(capsys, "check", "a.txt", "-o", "alleen-lezen/rapport.txt")
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert err == (
        "lint-brieven: fout: alleen-lezen/rapport.txt kan niet worden geschreven: geen toegang "
        "(onvoldoende rechten).\n"
    )
    assert list(folder.iterdir()) == []


def test_disk_full_is_an_error_and_the_old_report_stays(tmp_path, capsys, monkeypatch):
    from lint_brieven import output

    write(tmp_path, {"a.txt": BAD, "rapport.json": "oud\n"})

    class Full:
        def __init__(self, fd, *args, **kwargs):
            self.fd = fd

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            os.close(self.fd)

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "open", Full, raising=False)
    code, _, err = run(capsys, "check", "a.txt", "--output-format", "json", "-o", "rapport.json")
    assert code == 2
    assert err == (
        "lint-brieven: fout: rapport.json kan niet worden geschreven: de schijf is vol.\n"
    )
    assert (tmp_path / "rapport.json").read_text() == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "rapport.json"]


# -- file names and letter text that are data, not output -------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_that_are_not_utf8_work_in_every_format(tmp_path, capsys, fmt):
    write(tmp_path, {"a.txt": BAD})
    for name in (b"brief-\xff.txt", b"brief-\xfe.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(BAD.encode())
    code, out, _ = run(capsys, "check", ".", "--output-format", fmt)
    assert code == 1
    assert "\udcff" not in out
    out.encode("utf-8")  # the whole output is valid UTF-8
    if fmt == "sarif":  # a URI keeps the name's own byte, so it still finds the file
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]
        }
        assert uris == {"a.txt", "brief-%FE.txt", "brief-%FF.txt"}
        return
    if fmt in ("json", "gitlab"):
        data = json.loads(out)
        if fmt == "json":
            paths = {f["path"] for f in data["files"]}
        else:
            paths = {issue["location"]["path"] for issue in data}
        assert paths == {"a.txt", "brief-\\xfe.txt", "brief-\\xff.txt"}
        return
    # the bad byte written as \xff, as audit does: two names never look the same
    assert "brief-\\xff.txt" in out and "brief-\\xfe.txt" in out
    assert "a.txt" in out


def test_control_characters_and_escape_sequences_never_reach_the_terminal(
    tmp_path, capsys, monkeypatch
):
    letter = "Wij sturen u \x1b]0;gehackt\x07 middels \x1b[2Jdeze\x9b6n brief.\n"
    write(tmp_path, {"a\x1b[31mrood.txt": letter, "b.txt": BAD})
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)  # colours and source lines
    code, out, _ = run(capsys, "check", ".")
    assert code == 1
    for bad in ("\x1b]", "\x07", "\x1b[2J", "\x1b[31m", "\x9b"):
        assert bad not in out
    assert "\x1b[1m" in out  # our own colours stay
    # a control character from data is shown as a visible escape, never acted on
    assert "    Wij sturen u \\x1b]0;gehackt\\x07 middels \\x1b[2Jdeze\\x9b6n brief." in out
    assert re.search(
        r"\x1b\[1ma\\x1b\[31mrood\.txt:1:\d+\x1b\[0m: \x1b\[33mLB101\x1b\[0m 'middels'", out
    )
    assert "b.txt" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_workflow_command_can_come_from_a_letter_or_file_name(tmp_path, capsys, fmt):
    letter = "::error::gehackt\n::warning file=x::middels verzonden\n"
    write(tmp_path, {"::error::naam.txt": letter, "brief\n::error::regel.txt": BAD})
    code = main(["check", ".", "--output-format", fmt])
    out = capsys.readouterr().out
    assert code == 1
    assert "middels" in out and "naam.txt" in out and "regel.txt" in out
    ours = ("::error file=", "::warning file=", "::notice file=")
    for line in out.splitlines():  # GitHub reads a command at the start of any log line
        if line.lstrip().startswith("::"):
            assert fmt == "github" and line.startswith(ours), line
    if fmt in ("text", "github", "junit"):  # JSON keeps data as it is, inside its strings
        for data in ("::error::gehackt", "::warning file=x", "::error::naam", "::error::regel"):
            assert data not in out


def test_source_line_starting_with_colons_is_neutralised(tmp_path, capsys, monkeypatch):
    write(
        tmp_path, {"a.txt": "::set-output name=x::Wij sturen u middels deze brief een formulier.\n"}
    )
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    main(["check", "a.txt", "--no-color"])
    out = capsys.readouterr().out
    shown = "    :\u200b:set-output name=x:\u200b:Wij sturen u middels deze brief een formulier."
    assert shown in out.splitlines()
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]


# -- regular expressions from an organisation's rule pack -------------------------------------

PACK = """
pack: huis
rules:
  - code: LB901
    name: huis-regel
    category: huisstijl
    severity: warning
    kind: {kind}
    message: "Huisstijl: '{{match}}'."
    rationale: "Onze huisstijl."
{body}
    examples:
      flag: ["Wij sturen middels de post."]
      pass: ["Wij sturen met de post."]
"""


def _pack(tmp_path, kind: str, body: str) -> None:
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'rule-packs = ["regels.yaml"]\n',
            "regels.yaml": PACK.format(kind=kind, body=body),
        },
    )


HOSTILE = "Wij sturen middels " + "a" * 40 + "! Dat is alles.\n"


@pytest.mark.parametrize(
    "kind, body, field",
    [
        (
            "pattern",
            "    patterns:\n      - [{LOWER: middels}]\n    unless:\n      regex: ['(a|aa)+$']\n",
            "unless.regex",
        ),
        ("letter", "    forbid:\n      - regex: '(a|aa)+$'\n", "forbid.regex"),
        (
            "pattern",
            "    patterns:\n      - [{TEXT: {REGEX: '^(a|aa)+$'}}]\n",
            "patterns",
        ),
    ],
)
def test_a_runaway_pack_regex_stops_and_names_the_rule(tmp_path, capsys, kind, body, field):
    _pack(tmp_path, kind, body)
    hostile = HOSTILE if field != "patterns" else "Wij sturen " + "a" * 40 + "b mee.\n"
    write(tmp_path, {"a.txt": BAD, "b.txt": hostile})
    code, out, _ = run(capsys, "check", ".", "--select", "LB901,LB101")
    assert code == 2
    assert lines_with(out, "b.txt") == [
        f"b.txt: fout: Regel LB901 in {tmp_path / 'regels.yaml'}: de reguliere expressie in "
        f"veld '{field}' deed er langer dan 1 seconde over en is afgebroken; deze brief is niet "
        "helemaal gecontroleerd. Maak de expressie eenvoudiger (geen herhaling binnen een "
        "herhaling, zoals '(a+)+')."
    ]
    assert "a.txt:1:14: LB101" in out


def test_searches_of_one_file_share_a_time_budget(tmp_path, capsys, monkeypatch):
    """Many searches just under the per-search limit must not add up to hours: here the
    file's budget (made small) runs out before the one-second limit of a search."""
    from lint_brieven.checks import regexes

    monkeypatch.setattr(regexes, "FILE_BUDGET_SECONDS", 0.3)
    _pack(tmp_path, "letter", "    forbid:\n      - regex: '(a|aa)+$'\n")
    write(tmp_path, {"a.txt": BAD, "b.txt": HOSTILE})
    code, out, _ = run(capsys, "check", ".", "--select", "LB901,LB101")
    assert code == 2
    assert lines_with(out, "b.txt") == [
        f"b.txt: fout: Regel LB901 in {tmp_path / 'regels.yaml'}: de reguliere expressies "
        "deden samen langer dan 0,3 seconden over deze brief (het laatst in veld "
        "'forbid.regex') en zijn afgebroken; deze brief is niet helemaal gecontroleerd. Maak "
        "de expressie eenvoudiger (geen herhaling binnen een herhaling, zoals '(a+)+')."
    ]
    assert "a.txt:1:14: LB101" in out


def test_the_issues_own_example_does_not_hang(tmp_path, capsys):
    _pack(tmp_path, "letter", "    forbid:\n      - regex: '(a+)+$'\n")
    write(tmp_path, {"a.txt": "Wij sturen " + "a" * 30 + "! mee.\n"})
    code, out, _ = run(capsys, "check", "a.txt", "--select", "LB901")
    assert code == 0 and "Geen bevindingen in 1 bestand." in out


@pytest.mark.parametrize(
    "body, field",
    [
        (
            "    patterns:\n      - [{LOWER: middels}]\n    unless:\n      regex: ['(ab']\n",
            "unless.regex",
        ),
        ("    patterns:\n      - [{TEXT: {REGEX: 'a[b'}}]\n", "patterns"),
    ],
)
def test_an_invalid_pack_regex_names_file_rule_and_field(tmp_path, capsys, body, field):
    _pack(tmp_path, "pattern", body)
    write(tmp_path, {"a.txt": BAD})
    code, out, err = run(capsys, "check", "a.txt")
    assert code == 2 and out == ""
    assert err.startswith(
        f"lint-brieven: fout: {tmp_path / 'regels.yaml'}: regel LB901, veld '{field}': "
        "ongeldige reguliere expressie: "
    )
    assert err.count("\n") == 1

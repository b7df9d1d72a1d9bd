"""Writing never harms a user's file (issue 13): ``--fix`` and ``-o`` through links, owners,
modes, read-only files, FIFOs and ``/dev/stdout``, and no temporary files left by a kill."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest
from lintkit import REPO, write

from lint_brieven import output
from lint_brieven.cli import main

BAD = "Wij sturen u middels deze brief het formulier.\n"
FIXED = "Wij sturen u met deze brief het formulier.\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture
def umask():
    """Set the umask for one test, and put the old one back."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def temporaries(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if output.TEMP_MARK in p.name)


# -- --fix --------------------------------------------------------------------------------------


def test_fix_through_a_link_writes_the_target_and_keeps_the_link(tmp_path, capsys):
    write(tmp_path, {"buiten/brief.txt": BAD, "werk/a.txt": BAD})
    link = tmp_path / "werk" / "brief.txt"
    link.symlink_to(tmp_path / "buiten" / "brief.txt")
    os.chdir(tmp_path / "werk")  # the target lies outside the folder we work in
    code, _, err = run(capsys, "check", "brief.txt", "a.txt", "--fix", "--select", "LB101")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "buiten" / "brief.txt")
    assert (tmp_path / "buiten" / "brief.txt").read_text() == FIXED
    assert (tmp_path / "werk" / "a.txt").read_text() == FIXED
    assert temporaries(tmp_path / "buiten") == [] and temporaries(tmp_path / "werk") == []


def test_fix_keeps_owner_group_and_mode(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    path = tmp_path / "a.txt"
    path.chmod(0o640)
    uid, gid = (1234, 2345) if ROOT else (os.getuid(), os.getgid())
    if ROOT:
        os.chown(path, uid, gid)
    code, _, err = run(capsys, "check", "a.txt", "--fix", "--select", "LB101")
    assert code == 0, err
    info = path.stat()
    assert path.read_text() == FIXED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (uid, gid, 0o640)


def test_fix_refuses_a_read_only_file_and_fixes_the_others(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "b.txt": BAD})
    (tmp_path / "a.txt").chmod(0o444)
    code, _, err = run(capsys, "check", "a.txt", "b.txt", "--fix", "--select", "LB101")
    assert code == 2
    assert err.splitlines() == [
        "lint-brieven: 1 verbetering(en) toegepast in 1 bestand(en).",
        "lint-brieven: fout: a.txt is alleen-lezen; niet aangepast.",
    ]
    assert (tmp_path / "a.txt").read_text() == BAD
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o444
    assert (tmp_path / "b.txt").read_text() == FIXED


def test_fix_on_a_full_disk_keeps_the_original(tmp_path, capsys, monkeypatch):
    write(tmp_path, {"a.txt": BAD, "b.txt": BAD})
    real_replace = os.replace

    def full(src, dst):
        if os.fspath(dst).endswith("a.txt"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    code, _, err = run(capsys, "check", "a.txt", "b.txt", "--fix", "--select", "LB101")
    assert code == 2
    assert err.splitlines() == [
        "lint-brieven: 1 verbetering(en) toegepast in 1 bestand(en).",
        "lint-brieven: fout: a.txt kan niet worden geschreven: de schijf is vol.",
    ]
    assert (tmp_path / "a.txt").read_text() == BAD
    assert (tmp_path / "b.txt").read_text() == FIXED
    assert temporaries(tmp_path) == []


# -- -o -----------------------------------------------------------------------------------------


def test_output_to_a_link_writes_the_target_and_keeps_the_link(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "echt/rapport.json": "oud"})
    (tmp_path / "rapport.json").symlink_to("echt/rapport.json")
    code, out, _ = run(capsys, "check", "a.txt", "--output-format", "json", "-o", "rapport.json")
    assert code == 1 and out == ""
    assert (tmp_path / "rapport.json").is_symlink()
    data = json.loads((tmp_path / "echt" / "rapport.json").read_text())
    assert data["files"][0]["path"] == "a.txt"


def test_output_to_dev_stdout_writes_to_standard_output(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    before = os.lstat("/dev/stdout")
    code, out, _ = run(capsys, "check", "a.txt", "--output-format", "json", "-o", "/dev/stdout")
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "a.txt"
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_output_to_an_open_descriptor_writes_through_it(tmp_path, capfd):
    """``/dev/fd/1`` leads to whatever standard output is (here a file pytest reads): it is
    written into, never replaced."""
    write(tmp_path, {"a.txt": BAD})
    code = main(["check", "a.txt", "--output-format", "json", "-o", "/dev/fd/1"])
    out, err = capfd.readouterr()
    assert code == 1, err
    assert json.loads(out)["files"][0]["path"] == "a.txt"


def test_output_to_a_fifo_writes_through_it(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader():
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    code, _, _ = run(capsys, "check", "a.txt", "--output-format", "json", "-o", str(fifo))
    thread.join(timeout=60)
    assert code == 1
    assert json.loads(received[0])["files"][0]["path"] == "a.txt"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, not replaced by a file
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_of_the_umask(tmp_path, capsys, umask, mask, mode):
    write(tmp_path, {"a.txt": BAD})
    umask(mask)
    run(capsys, "check", "a.txt", "-o", "uit/rapport.txt")
    assert stat.S_IMODE((tmp_path / "uit" / "rapport.txt").stat().st_mode) == mode


def test_output_over_a_read_only_report_is_refused(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "rapport.txt": "oud\n"})
    (tmp_path / "rapport.txt").chmod(0o444)
    code, _, err = run(capsys, "check", "a.txt", "-o", "rapport.txt")
    assert code == 2
    assert err == "lint-brieven: fout: rapport.txt is alleen-lezen; niet aangepast.\n"
    assert (tmp_path / "rapport.txt").read_text() == "oud\n"


# -- temporary files ------------------------------------------------------------------------------

KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from lint_brieven import output

def stall(fd):
    Path(sys.argv[2]).write_text("in the middle")
    time.sleep(120)

os.fsync = stall
output.write_atomic(Path(sys.argv[1]), "half" * 1000)
"""


def test_a_kill_during_a_write_leaves_a_temporary_file_the_next_write_removes(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "rapport.txt": "oud\n"})
    marker = tmp_path / "bezig"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path / "rapport.txt"), str(marker)],
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the writer ended before it was killed"
            assert time.monotonic() < deadline, "the writer never got to the write"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    left = temporaries(tmp_path)
    assert left == [f".rapport.txt.lint-brieven-{child.pid}-" + left[0].split("-")[-1]]
    assert (tmp_path / "rapport.txt").read_text() == "oud\n"  # the kill harmed nothing
    code, _, _ = run(capsys, "check", "a.txt", "-o", "rapport.txt")
    assert code == 1
    assert temporaries(tmp_path) == []  # its process is gone: removed
    assert "LB101" in (tmp_path / "rapport.txt").read_text()


def test_a_temporary_file_of_a_running_process_stays_until_it_is_old(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    busy = tmp_path / f".rapport.txt.lint-brieven-{os.getpid()}-0a0b0c0d.tmp"
    busy.write_text("bezig")
    other = tmp_path / f".ander.txt.lint-brieven-{os.getpid()}-0a0b0c0d.tmp"
    other.write_text("van een ander bestand")
    old = time.time() - output.STALE_SECONDS - 60
    os.utime(other, (old, old))
    run(capsys, "check", "a.txt", "-o", "rapport.txt")
    assert busy.exists()  # a write in progress (this process) is left alone
    assert other.exists()  # beside another target: not ours to judge now
    os.utime(busy, (old, old))
    run(capsys, "check", "a.txt", "-o", "rapport.txt")
    assert not busy.exists()


def test_a_text_written_in_parts_is_each_part_as_written_alone(tmp_path):
    """``write_atomic_parts`` writes each part as ``write_atomic`` writes it: ASCII as it is,
    other text in UTF-8, a byte of a file name that is not UTF-8 (a lone surrogate) as
    ``\\xNN``, and a surrogate that is no such byte as ``\\udNNN``."""
    parts = [
        "<td>brief.txt</td>",
        "Geachte heer Müller,",
        "brief-\udcff.txt",
        "\ud800 en \udcff",
        "",
    ]
    output.write_atomic_parts(tmp_path / "deel.html", iter(parts))
    alone = []
    for n, part in enumerate(parts):
        output.write_atomic(tmp_path / f"{n}.txt", part)
        alone.append((tmp_path / f"{n}.txt").read_bytes())
    assert (tmp_path / "deel.html").read_bytes() == b"".join(alone)
    assert alone[1] == "Geachte heer Müller,".encode()
    assert alone[2] == b"brief-\\xff.txt" and alone[3] == b"\\ud800 en \\udcff"

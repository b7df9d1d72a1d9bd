"""``audit`` with hostile and odd input: the cache never runs code and never serves a stale or
damaged entry, CSV cells cannot start a formula, an unreadable letter or an unexpected failure
is listed in the report instead of stopping it, and file names that are not UTF-8 are shown
everywhere."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import pickle
import random
import stat

import pytest
from docx_factory import add_runs, new_document, to_bytes
from lintkit import write

from lint_brieven.audit import worker
from lint_brieven.audit.cache import Cache
from lint_brieven.audit.cache_entry import Checked, to_json
from lint_brieven.audit.collect import cache_key, check_one
from lint_brieven.cli import main
from lint_brieven.findings import FileReport, Finding, Severity, Suggestion

CACHE = ".lint-brieven-cache"
LETTER = (
    "Beste heer Jansen,\n\nWij sturen u middels deze brief het formulier. Wij repareren de "
    "lekkage binnen 5 werkdagen.\n\nMet vriendelijke groet,\nWoonstichting De Linde\n"
)
LATIN1 = b"Beste heer Jansen,\n\nU krijgt \xe9\xe9n brief.\n"  # not UTF-8 from byte 29
OTHER = "Beste mevrouw De Vries,\n\nU krijgt uw borg binnen dertig dagen terug.\n"
UNEXPECTED = (
    "Onverwachte fout bij het controleren (ValueError): kapot door de test. "
    "Meld dit als fout in lint-brieven."
)


pytestmark = pytest.mark.usefixtures("fresh_config")


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder with the letters in ``brieven/``; reports go to ``rapport/``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def audit(capsys, *args, out="rapport", jobs="1"):
    """Exit code, stdout + stderr, and rapport.json of one ``audit`` run."""
    code = main(["audit", *args, "--out", out, "--jobs", jobs])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    report = json.loads(_read(out, "rapport.json"))
    return code, output, report


def _read(out, name):
    with open(os.path.join(out, name), encoding="utf-8") as handle:
        return handle.read()


def letters_of(report):
    return {b["path"]: b for b in report["letters"]}


def cold(capsys, *paths):
    """rapport.json's letters from a run without the cache."""
    code, _output, report = audit(capsys, *paths, "--no-cache", out="koud")
    return code, letters_of(report)


def entries(root):
    return sorted((root / "rapport" / CACHE).glob("*.json"))


class Planted:
    """Unpickling this runs ``open(marker, "w")``: the marker file shows the code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_never_runs(here, capsys):
    write(here, {"brieven/a.txt": LETTER, "brieven/b.txt": OTHER})
    marker = here / "code-ran"
    evil = pickle.dumps(Planted(marker))
    cache = here / "rapport" / CACHE
    cache.mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        key = cache_key(here / "brieven" / name)
        (cache / f"{key}.pickle").write_bytes(evil)  # the old format's name
        (cache / f"{key}.json").write_bytes(evil)  # and the new one's
    code, output, report = audit(capsys, "brieven")
    assert not marker.exists()
    assert code == 0, output
    assert not list(cache.glob("*.pickle"))  # old entries are deleted, never opened
    assert letters_of(report) == cold(capsys, "brieven")[1]
    # the planted entries were replaced by real ones, which the next audit uses
    stamps = {p: p.stat().st_mtime_ns for p in entries(here)}
    assert len(stamps) == 2
    assert audit(capsys, "brieven")[0] == 0
    assert {p: p.stat().st_mtime_ns for p in entries(here)} == stamps
    assert not marker.exists()


def _valid_header(body: bytes) -> bytes:
    return b"lint-brieven-audit-cache 1 " + hashlib.sha256(body).hexdigest().encode() + b"\n"


def test_planted_json_entries_are_misses(here, capsys):
    """Entries with the right name but the wrong content: each letter is checked anew."""
    names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    write(here, {f"brieven/{n}": LETTER if i % 2 else OTHER for i, n in enumerate(names)})
    cache = here / "rapport" / CACHE
    cache.mkdir(parents=True)
    keys = {n: cache_key(here / "brieven" / n) for n in names}
    wrong_types = json.dumps(
        {"key": keys["a.txt"], "deps": [], "source": "x", "report": {"path": 5}}
    ).encode()
    fake_pickle = json.dumps({"py/reduce": [{"py/function": "os.system"}, ["touch x"]]}).encode()
    deep = b"[" * 200_000 + b"]" * 200_000
    lone_surrogate = _entry_with(keys["d.txt"], source="\ud800")
    plants = {
        "a.txt": _valid_header(wrong_types) + wrong_types,
        "b.txt": _valid_header(fake_pickle) + fake_pickle,
        "c.txt": _valid_header(deep) + deep,
        "d.txt": _valid_header(lone_surrogate) + lone_surrogate,
    }
    for name, data in plants.items():
        (cache / f"{keys[name]}.json").write_bytes(data)
    os.mkfifo(cache / f"{keys['e.txt']}.json")  # would hang if it were opened for reading
    os.symlink("/dev/zero", cache / f"{keys['f.txt']}.json")
    code, output, report = audit(capsys, "brieven")
    assert code == 0, output
    assert letters_of(report) == cold(capsys, "brieven")[1]
    assert not (here / "x").exists()


def _entry_with(key, source):
    body = {
        "key": key,
        "deps": [],
        "source": source,
        "report": {
            "path": "brieven/d.txt",
            "findings": [],
            "error": None,
            "error_line": None,
            "notices": [],
            "paragraphs": False,
            "readability": None,
            "skipped": False,
        },
    }
    return json.dumps(body).encode()


def _corrupt(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["flip", "truncate", "bad-utf8", "cut", "header"])
    at = rng.randrange(len(data))
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ rng.randrange(1, 256)]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    if kind == "bad-utf8":
        return data[:at] + b"\xff\xfe" + data[at:]
    if kind == "cut":
        return data[:at] + data[at + rng.randrange(1, 50) :]
    return data.replace(b" 1 ", b" 2 ", 1)  # another version


def test_corrupted_entries_are_misses_and_rewritten(here, capsys):
    write(here, {"brieven/a.txt": LETTER, "brieven/b.txt": OTHER})
    code, _output, first = audit(capsys, "brieven")
    assert code == 0
    pristine = {p: p.read_bytes() for p in entries(here)}
    assert len(pristine) == 2
    expected = letters_of(first)
    assert expected == cold(capsys, "brieven")[1]
    for seed in range(8):
        rng = random.Random(seed)
        for path, data in pristine.items():
            path.write_bytes(_corrupt(data, rng))
        for view in (here / "rapport" / CACHE).glob("*.view"):
            view.unlink()  # else an unchanged letter's part of the report comes from its view
        code, output, report = audit(capsys, "brieven")
        assert code == 0, (seed, output)
        assert letters_of(report) == expected, seed
        # each damaged entry was written again, byte for byte as before
        assert {p: p.read_bytes() for p in entries(here)} == pristine, seed


def test_the_cache_writes_every_field_of_a_report():
    """A field added to Finding or FileReport must be added to the cache format too."""
    finding = Finding("a.txt", "LB101", Severity.INFO, "m", 1, 1, 1, 2, "x", (Suggestion("y"),))
    data = to_json("k", Checked(FileReport("a.txt", [finding]), "", ()))
    assert set(data["report"]) == {f.name for f in dataclasses.fields(FileReport)}
    [written] = data["report"]["findings"]
    assert set(written) == {f.name for f in dataclasses.fields(Finding)}
    assert len(written["suggestions"][0]) == len(dataclasses.fields(Suggestion))


def test_entries_keep_every_field_and_have_normal_modes(here):
    """A cached report equals the checked one in every field (runs and source lines too)."""
    document = new_document()
    add_runs(document.add_paragraph(), ["Wij sturen u ", ("middels", {"bold": True}), " dit."])
    document.add_paragraph("U krijgt uw borg binnen dertig dagen terug.")
    write(here, {"brieven/a.docx": to_bytes(document), "brieven/b.txt": LETTER})
    old_umask = os.umask(0o022)
    try:
        cache = Cache(here / "rapport" / CACHE)
        for name in ("a.docx", "b.txt"):
            path = here / "brieven" / name
            checked = check_one(str(path))
            assert checked.report.findings and checked.deps == ()
            key = cache_key(path)
            cache.store(key, checked)
            loaded = Cache(here / "rapport" / CACHE).load(key)
            assert loaded is not None
            assert dataclasses.asdict(loaded) == dataclasses.asdict(checked)
            assert [f.runs for f in loaded.report.findings] == [
                f.runs for f in checked.report.findings
            ]
    finally:
        os.umask(old_umask)
    files = list((here / "rapport" / CACHE).iterdir())
    assert len(files) == 2  # no temporary files left behind
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in files)


TOML = 'partials = ["brieven/basis/*"]\n'
BASE = (
    "<p>Beste {{ naam }},</p>\r\n{% block inhoud %}{% endblock %}\r\n"
    '{% include "basis/voet.html.j2" %}\r\n'
)
FOOT = "\ufeff<p>Met vriendelijke groet,</p>\n<p>Woonstichting De Linde</p>\n"
CHILD_P = "brieven/brief.html.j2"
CHILD = (
    '{% extends "basis/basis.html.j2" %}\n{% block inhoud %}<p>U krijgt uw borg binnen '
    "dertig dagen terug.</p>{% endblock %}\n"
)


def _texts(report, path):
    return {(f["code"], f["text"]) for f in letters_of(report)[path]["findings"]}


@pytest.mark.parametrize(
    ("changed", "before", "after"),
    [
        ("brieven/basis/basis.html.j2", BASE, BASE.replace("Beste", "Middels deze brief, beste")),
        ("brieven/basis/voet.html.j2", FOOT, FOOT.replace("Met", "Wij verzoeken u middels")),
    ],
    ids=["extends", "include"],
)
def test_a_changed_template_invalidates_the_letters_entry(here, capsys, changed, before, after):
    write(
        here,
        {
            "lint-brieven.toml": TOML,
            "brieven/basis/basis.html.j2": BASE,
            "brieven/basis/voet.html.j2": FOOT,
            "brieven/brief.html.j2": CHILD,
        },
    )
    code, output, first = audit(capsys, "brieven")
    assert code == 0, output
    assert list(letters_of(first)) == ["brieven/brief.html.j2"]
    assert not any("iddels" in text for _c, text in _texts(first, CHILD_P))
    [entry] = entries(here)
    stamp = entry.stat().st_mtime_ns
    assert letters_of(audit(capsys, "brieven")[2]) == letters_of(first)
    assert entry.stat().st_mtime_ns == stamp  # unchanged templates: the entry is used
    (here / changed).write_text(after, encoding="utf-8")
    code, output, second = audit(capsys, "brieven")
    assert code == 0, output
    found = _texts(second, CHILD_P)
    assert any("iddels" in text for _c, text in found), found
    assert letters_of(second) == cold(capsys, "brieven")[1]
    assert entry.stat().st_mtime_ns != stamp


def test_letters_with_the_same_text_keep_their_own_names(here, capsys):
    write(here, {"noord/brief.txt": LETTER, "zuid/brief.txt": LETTER})
    for _ in range(2):  # the second run comes from the cache
        code, output, report = audit(capsys, "noord", "zuid")
        assert code == 0, output
        assert sorted(letters_of(report)) == ["noord/brief.txt", "zuid/brief.txt"]
        for letter in report["letters"]:
            # a finding in the letter names the letter's own file
            assert {f["code"] for f in letter["findings"]}


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("x.nl";"klik").txt', "+cmd.txt", "-2+3.txt", "@SOM(1).txt"]
)
def test_csv_cells_cannot_start_a_formula(here, capsys, monkeypatch, name):
    write(here, {f"brieven/{name}": LETTER, "brieven/gewoon.txt": OTHER})
    monkeypatch.chdir(here / "brieven")  # so the file name is the start of the path cell
    code, output, report = audit(capsys, ".", out="../rapport")
    assert code == 0, output
    rows = list(csv.reader(io.StringIO(_read("../rapport", "brieven.csv")), delimiter=";"))
    cells = {row[0] for row in rows[1:]}
    assert cells == {f"'{name}", "gewoon.txt"}
    assert name in letters_of(report)  # JSON keeps the name as it is


def test_a_moment_from_letter_text_cannot_start_a_formula(here, capsys):
    write(here, {"brieven/brief.md": "---\nmoment: =2+5\n---\n\n" + LETTER})
    code, output, _report = audit(capsys, "brieven")
    assert code == 0, output
    rows = list(csv.reader(io.StringIO(_read("rapport", "brieven.csv")), delimiter=";"))
    assert rows[1][1] == "'=2+5"


def test_an_unreadable_letter_is_listed_and_the_rest_is_reported(here, capsys):
    write(
        here,
        {
            "brieven/a.txt": LETTER,
            "brieven/kapot.txt": LATIN1,
            "brieven/b.txt": OTHER,
        },
    )
    code, output, report = audit(capsys, "brieven")
    assert code == 2
    message = "Het bestand is geen geldige UTF-8-tekst (byte 0xe9 op positie 29)."
    assert f"brieven/kapot.txt:3: fout: {message}" in output
    letters = letters_of(report)
    assert letters["brieven/kapot.txt"]["error"].startswith(message)
    assert letters["brieven/a.txt"]["grade"] and letters["brieven/b.txt"]["grade"]
    assert letters["brieven/a.txt"]["findings"]
    dashboard = _read("rapport", "index.html")
    unread = dashboard[dashboard.index('<h2 id="niet-gelezen">Niet gelezen</h2>') :]
    unread = unread[: unread.index("</table>")]
    assert "brieven/kapot.txt" in unread and message in unread
    assert "brieven/a.txt" not in unread
    rows = list(csv.reader(io.StringIO(_read("rapport", "brieven.csv")), delimiter=";"))
    assert len(rows) == 4
    assert len(os.listdir("rapport/brieven")) == 3
    # the unreadable letter is no cache entry: it is read again next time
    assert len(entries(here)) == 2
    assert audit(capsys, "brieven")[0] == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unexpected_error_becomes_the_letters_error(here, capsys, monkeypatch, jobs):
    real = worker.run

    def failing(request):
        if str(request.paths[0]).endswith("stuk.txt"):
            raise ValueError("kapot door de test.")
        return real(request)

    monkeypatch.setattr(worker, "run", failing)  # worker processes are forked with it
    write(here, {"brieven/a.txt": LETTER, "brieven/b.txt": OTHER, "brieven/stuk.txt": LETTER})
    code, output, report = audit(capsys, "brieven", jobs=jobs)
    assert code == 2
    assert f"brieven/stuk.txt: fout: {UNEXPECTED}" in output
    letters = letters_of(report)
    assert letters["brieven/stuk.txt"]["error"] == UNEXPECTED
    assert letters["brieven/a.txt"]["grade"] and letters["brieven/b.txt"]["grade"]
    assert UNEXPECTED in _read("rapport", "index.html")


def test_a_worker_that_dies_fails_only_its_own_letter(here, capsys, monkeypatch):
    real = worker.run

    def dying(request):
        if str(request.paths[0]).endswith("stuk.txt"):
            os._exit(3)  # as if the process ran out of memory
        return real(request)

    monkeypatch.setattr(worker, "run", dying)
    names = ["a.txt", "b.txt", "c.txt", "d.txt", "stuk.txt"]
    write(here, {f"brieven/{n}": LETTER if i % 2 else OTHER for i, n in enumerate(names)})
    code, output, report = audit(capsys, "brieven", jobs="2")
    assert code == 2
    died = (
        "Onverwachte fout bij het controleren (BrokenProcessPool): het proces dat deze brief "
        "controleerde is onverwacht gestopt. Meld dit als fout in lint-brieven."
    )
    letters = letters_of(report)
    assert letters.pop("brieven/stuk.txt")["error"] == died
    assert len(letters) == 4 and all(b["grade"] and not b["error"] for b in letters.values())
    assert f"brieven/stuk.txt: fout: {died}" in output


def test_skipped_files_and_missing_paths_are_in_the_report(here, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elders") / "geheim.txt"
    outside.write_text("GEHEIM=123\n", encoding="utf-8")
    write(here, {"brieven/a.txt": LETTER})
    os.mkfifo(here / "brieven" / "pijp.txt")  # would hang if it were opened
    os.symlink(outside, here / "brieven" / "link.txt")
    code, output, report = audit(capsys, "brieven", "ontbreekt")
    assert code == 2  # the missing path
    assert "ontbreekt: fout: Bestand of map bestaat niet." in output
    assert "brieven/pijp.txt: Dit is geen gewoon bestand" in output
    assert "brieven/link.txt: Dit bestand is een symbolische koppeling" in output
    letters = letters_of(report)
    assert set(letters) == {"brieven/a.txt", "ontbreekt"}
    assert letters["brieven/a.txt"]["grade"] and letters["ontbreekt"]["grade"] is None
    assert {s["path"] for s in report["skipped"]} == {"brieven/pijp.txt", "brieven/link.txt"}
    assert all(s["reason"] for s in report["skipped"])
    dashboard = _read("rapport", "index.html")
    assert '<h2 id="overgeslagen">Overgeslagen</h2>' in dashboard
    assert "GEHEIM" not in dashboard + _read("rapport", "rapport.json")
    # only skipped files: the audit says so, with no report of nothing
    write(here, {"leeg/.keep": ""})
    os.mkfifo(here / "leeg" / "pijp.txt")
    assert main(["audit", "leeg", "--out", "rapport2", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "leeg/pijp.txt: " in err and "geen brieven gevonden" in err


def test_file_names_that_are_not_utf8_or_hold_escapes(here, capsys):
    folder = os.fsencode(here / "brieven")
    os.makedirs(folder)
    with open(os.path.join(folder, b"brief-\xff.txt"), "wb") as handle:
        handle.write(LETTER.encode())
    with open(os.path.join(folder, b"kapot-\xfe.txt"), "wb") as handle:
        handle.write(LATIN1)
    with open(os.path.join(folder, b"kleur-\x1b[31m.txt"), "wb") as handle:
        handle.write(OTHER.encode())
    for _ in range(2):  # the second run reads the first from the cache
        code, output, report = audit(capsys, "brieven")
        assert code == 2
        assert "brieven/kapot-\\xfe.txt:3: fout: Het bestand is geen geldige UTF-8" in output
        assert "\x1b" not in output
        letters = letters_of(report)
        assert set(letters) == {
            "brieven/brief-\\xff.txt",
            "brieven/kapot-\\xfe.txt",
            "brieven/kleur-\\x1b[31m.txt",
        }
        assert letters["brieven/brief-\\xff.txt"]["findings"]
        rows = list(csv.reader(io.StringIO(_read("rapport", "brieven.csv")), delimiter=";"))
        assert {r[0] for r in rows[1:]} == set(letters)
        dashboard = _read("rapport", "index.html")
        assert "brieven/kapot-\\xfe.txt" in dashboard and "\x1b" not in dashboard
        assert len(os.listdir("rapport/brieven")) == 3


def test_compare_with_a_file_that_is_no_report(here, capsys):
    write(here, {"brieven/a.txt": LETTER, "vorige.json": '{"brieven": [{"pad": 3}]}'})
    assert main(["audit", "brieven", "--out", "rapport", "--compare", "vorige.json"]) == 2
    err = capsys.readouterr().err
    assert "vorige.json: dit is geen rapport.json van 'lint-brieven audit'." in err
    assert "Traceback" not in err


def test_a_report_folder_that_cannot_be_written(here, capsys):
    write(here, {"brieven/a.txt": LETTER, "rapport": "een bestand, geen map"})
    assert main(["audit", "brieven", "--out", "rapport", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = [x for x in err.splitlines() if "fout" in x]
    assert line.startswith("lint-brieven: fout: ") and "rapport" in line
    assert (here / "rapport").read_text(encoding="utf-8") == "een bestand, geen map"

"""``audit`` at scale, as behaviour (timings are measured by benchmarks/, never here): the
report is written as letters come and is the same text as one made whole; each letter's bytes
are read once; a fully cached audit reads no letter and never imports spaCy; a letter changed
behind the cache's back is checked again; the per-letter function takes and gives plain data,
so another executor's ``map`` (Dask, Ray) can run it."""

from __future__ import annotations

import builtins
import csv
import errno
import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from lintkit import REPO, write

from lint_brieven.audit import keys, worker
from lint_brieven.audit.cache import INDEX, Cache
from lint_brieven.audit.export import report_json_parts
from lint_brieven.audit.run import audit as run_audit
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config

CACHE = ".lint-brieven-cache"
LETTER = (
    "Beste heer Jansen,\n\nWij sturen u middels deze brief het formulier. Wij repareren de "
    "lekkage binnen 5 werkdagen.\n\nMet vriendelijke groet,\nWoonstichting De Linde\n"
)
OTHER = "Beste mevrouw De Vries,\n\nU krijgt uw borg binnen dertig dagen terug.\n"
LATIN1 = b"Beste heer Jansen,\n\nU krijgt \xe9\xe9n brief.\n"  # not UTF-8: an error
TOML = 'partials = ["brieven/basis/*"]\n'
BASE = "<p>Beste {{ naam }},</p>\n{% block inhoud %}{% endblock %}\n<p>Met groet</p>\n"
CHILD = (
    '{% extends "basis/basis.html.j2" %}\n{% block inhoud %}<p>Wij verzoeken u middels dit '
    "formulier de reparatie binnen 2 weken te melden.</p>{% endblock %}\n"
)


pytestmark = pytest.mark.usefixtures("fresh_config")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "lint-brieven.toml": TOML,
            "brieven/basis/basis.html.j2": BASE,
            "brieven/a.txt": LETTER,
            "brieven/b.txt": OTHER,
            "brieven/c.html.j2": CHILD,
            "brieven/kapot.txt": LATIN1,
            "brieven/sub/d.md": "---\nmoment: verhuizen\n---\n\n" + LETTER,
        },
    )
    os.mkfifo(tmp_path / "brieven" / "pijp.txt")  # skipped with a notice
    return tmp_path


def _audit(capsys, *args, out="rapport"):
    code = main(["audit", "brieven", "--out", out, *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code


def _outputs(out: str) -> dict[str, str]:
    """Every file of a report by name, the date left out."""
    files = {}
    for path in sorted(Path(out).rglob("*")):
        if path.is_file() and CACHE not in path.parts:
            text = path.read_text(encoding="utf-8")
            if path.name == "rapport.json":
                text = text[text.index('"letters"') :]
            elif path.name == "index.html":
                start = text.index("Gemaakt op ")
                text = text[:start] + text[text.index("</p>", start) :]
            files[path.relative_to(out).as_posix()] = text
    return files


def test_the_streamed_report_is_the_text_of_one_made_whole(here, capsys):
    assert _audit(capsys, "--jobs", "1", "--no-cache") == 2  # kapot.txt cannot be read
    text = (here / "rapport" / "rapport.json").read_text(encoding="utf-8")
    data = json.loads(text)
    # the same text as json.dumps of the whole report, which is how it was written before
    assert text == json.dumps(data, ensure_ascii=False, indent=2)
    assert [b["path"] for b in data["letters"]] == [
        "brieven/a.txt",
        "brieven/b.txt",
        "brieven/c.html.j2",
        "brieven/kapot.txt",
        "brieven/sub/d.md",
    ]
    assert data["letters"][0]["findings"] and data["letters"][3]["error"]
    assert [s["path"] for s in data["skipped"]] == ["brieven/pijp.txt"]
    assert data["findings_by_code"] and data["average_grade"] is not None
    table = (here / "rapport" / "brieven.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [b["path"] for b in data["letters"]]
    pages = sorted(p.name for p in (here / "rapport" / "brieven").iterdir())
    shared = [p for p in pages if p.startswith("gedeeld-")]  # c.html.j2 extends basis
    assert [p for p in pages if p not in shared] == [
        "0001-a.html",
        "0002-b.html",
        "0003-c-html.html",
        "0004-kapot.html",
        "0005-d.html",
    ]
    assert len(shared) == 1 and "basis" in shared[0]
    # the same report with two worker processes, and from the cache
    assert _audit(capsys, "--jobs", "2", out="twee") == 2
    assert _outputs("twee") == _outputs("rapport")
    assert _audit(capsys, "--jobs", "2", out="twee") == 2
    assert _outputs("twee") == _outputs("rapport")


def test_a_report_without_letters_in_its_list():
    head = {"version": 2, "generated": "2026-01-01T10:00:00+01:00"}
    parts = report_json_parts(head, [], 0, {"skipped": [], "findings_by_code": {}})
    whole = {**head, "letters": [], "skipped": [], "findings_by_code": {}}
    assert "".join(parts) == json.dumps(whole, ensure_ascii=False, indent=2)


def _opened(monkeypatch) -> dict[str, int]:
    """How often each file was opened (by ``os.open``, ``open`` or ``Path.read_bytes``)."""
    counts: dict[str, int] = {}
    real_os_open, real_open = os.open, builtins.open

    def count(path) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            name = os.path.realpath(os.fsdecode(path))
            counts[name] = counts.get(name, 0) + 1

    def os_open(path, *args, **kwargs):
        count(path)
        return real_os_open(path, *args, **kwargs)

    def any_open(file, *args, **kwargs):
        count(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", any_open)
    monkeypatch.setattr(io, "open", any_open)
    return counts


LETTERS = ["a.txt", "b.txt", "c.html.j2", "kapot.txt", "sub/d.md"]


def test_each_letter_is_read_once_and_a_cached_one_not_at_all(here, capsys, monkeypatch):
    monkeypatch.setattr(keys, "SETTLED", 0.0)  # files written just now count as settled
    opened = _opened(monkeypatch)
    assert _audit(capsys, "--jobs", "1") == 2
    letters = {n: os.path.realpath(here / "brieven" / n) for n in LETTERS}
    assert {n: opened.get(p) for n, p in letters.items()} == dict.fromkeys(LETTERS, 1)
    first = _outputs("rapport")

    real = worker.run

    def no_check(request):
        if request.paths[0].endswith("kapot.txt"):  # never cached: checked every time
            return real(request)
        raise AssertionError(f"checked again: {request.paths}")

    monkeypatch.setattr(worker, "run", no_check)
    opened.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    # the index knew every readable letter: none was opened (the unreadable one, which is
    # never cached, is checked again)
    assert {n: opened.get(p) for n, p in letters.items() if n != "kapot.txt"} == dict.fromkeys(
        ["a.txt", "b.txt", "c.html.j2", "sub/d.md"]
    )
    assert _outputs("rapport") == first
    # touched but unchanged: read once more for its digest, and served from the cache
    os.utime(here / "brieven" / "a.txt")
    opened.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    assert opened.get(letters["a.txt"]) == 1 and not opened.get(letters["b.txt"])
    assert _outputs("rapport") == first


def test_a_letter_changed_with_its_size_and_time_kept_is_checked_again(here, capsys, monkeypatch):
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    letter = here / "brieven" / "a.txt"
    assert _audit(capsys, "--jobs", "1") == 2
    before = json.loads((here / "rapport" / "rapport.json").read_text(encoding="utf-8"))
    info = letter.stat()
    changed = LETTER.replace("middels", "met    ")  # the same number of bytes
    letter.write_text(changed, encoding="utf-8")
    os.utime(letter, ns=(info.st_atime_ns, info.st_mtime_ns))  # the time put back
    assert letter.stat().st_size == info.st_size
    assert _audit(capsys, "--jobs", "1") == 2
    after = json.loads((here / "rapport" / "rapport.json").read_text(encoding="utf-8"))
    texts = [" ".join(f["text"] for f in d["letters"][0]["findings"]) for d in (before, after)]
    assert "middels" in texts[0] and "middels" not in texts[1]


def test_a_damaged_index_is_an_empty_one(here, capsys, monkeypatch):
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "1") == 2
    first = _outputs("rapport")
    index = here / "rapport" / CACHE / INDEX
    assert len(Cache(index.parent).index())
    for damage in (b"", b"lint-brieven-audit-index 1 " + b"0" * 64 + b"\n{}", b"\xff" * 40):
        index.write_bytes(damage)
        assert not len(Cache(index.parent).index())
        assert _audit(capsys, "--jobs", "1") == 2
        assert _outputs("rapport") == first
        assert len(Cache(index.parent).index())  # written again


def _modules_of_an_audit(folder: Path, jobs: str, *, forget: bool) -> set[str]:
    if forget:  # the index forgets the letters (it keeps the configurations' rule names)
        cache = Cache(folder / "rapport" / CACHE)
        index = cache.index()
        index.forget_letters()
        cache.save_index(index)
    script = (
        "import json, sys\n"
        "from lint_brieven.cli import main\n"
        f"code = main(['audit', 'brieven', '--out', 'rapport', '--jobs', '{jobs}'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0, done.stderr
    return set(modules)


@pytest.mark.parametrize("settled", [True, False], ids=["index", "digests"])
def test_a_fully_cached_audit_does_not_import_spacy(here, capsys, monkeypatch, settled):
    """From the index (letters not read) or, for letters the index does not know, from
    their digests (read once each, in the main process with one job or in workers)."""
    (here / "brieven" / "kapot.txt").unlink()  # never cached: it would be checked again
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "1") == 0
    first = _outputs("rapport")
    for jobs in ("1", "2"):
        modules = _modules_of_an_audit(here, jobs, forget=not settled)
        heavy = {"spacy", "thinc", "lint_brieven.runner", "lint_brieven.nlp", "lint_ii"}
        assert not heavy & modules
        assert _outputs("rapport") == first


def _plain_data_map(fn, jobs):
    """A map that sends every job and result through JSON, as a cluster might."""
    for job in jobs:
        yield json.loads(json.dumps(fn(json.loads(json.dumps(job)))))


def _elsewhere_map(folder: Path):
    """A map whose worker runs in another working folder, as a cluster's worker may."""

    def map_(fn, jobs):
        for job in jobs:
            back = os.getcwd()
            os.chdir(folder)
            try:
                result = json.loads(json.dumps(fn(json.loads(json.dumps(job)))))
            finally:
                os.chdir(back)
            yield result

    return map_


def test_a_worker_in_another_folder_names_the_files_as_the_audit_does(here, capsys, tmp_path):
    assert _audit(capsys, "--jobs", "1", "--no-cache") == 2
    expected = _outputs("rapport")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elders"
    elsewhere.mkdir()
    run_audit(["brieven"], "elders", map=_elsewhere_map(elsewhere))
    assert _outputs("elders") == expected
    # and what it cached serves the audit's own process the same report
    assert _audit(capsys, "--jobs", "1", out="elders") == 2
    assert _outputs("elders") == expected


def test_another_executors_map_gives_the_same_report(here, capsys):
    assert _audit(capsys, "--jobs", "1", "--no-cache") == 2
    expected = _outputs("rapport")
    audit = run_audit(["brieven"], "kaart", cache=False, map=_plain_data_map)
    assert audit.count == 5
    assert _outputs("kaart") == expected
    # a fresh interpreter (spawn): the function needs nothing of this process
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        run_audit(["brieven"], "apart", map=pool.map)
    assert _outputs("apart") == expected


def _takes(monkeypatch) -> list[str]:
    """The letters whose entry is decoded or who are checked (not served from their view)."""
    from lint_brieven.audit.collect import Collector

    taken: list[str] = []
    real = Collector.take

    def take(self, i):
        taken.append(Path(self.plans[i].path).name)
        return real(self, i)

    monkeypatch.setattr(Collector, "take", take)
    return taken


def test_a_view_serves_an_unchanged_letter_and_nothing_else(here, capsys, monkeypatch):
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "1") == 2
    first = _outputs("rapport")
    taken = _takes(monkeypatch)
    assert _audit(capsys, "--jobs", "1") == 2
    assert taken == ["kapot.txt"]  # never cached; the others came from their views
    assert _outputs("rapport") == first
    # a page changed on disk, a damaged view: those letters go the long way, the same report
    page = here / "rapport" / "brieven" / "0002-b.html"
    page.write_text("<p>veranderd</p>", encoding="utf-8")
    [view] = [v for v in (here / "rapport" / CACHE).glob("*.view") if b"a.txt" in v.read_bytes()]
    view.write_bytes(view.read_bytes().replace(b"a.txt", b"x.txt"))
    taken.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    assert sorted(taken) == ["a.txt", "b.txt", "kapot.txt"]
    assert _outputs("rapport") == first
    # the template a letter extends changed: its view no longer fits
    (here / "brieven" / "basis" / "basis.html.j2").write_text(
        BASE.replace("Met groet", "Wij verzoeken u middels deze brief te reageren."),
        encoding="utf-8",
    )
    taken.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    assert sorted(taken) == ["c.html.j2", "kapot.txt"]
    assert _audit(capsys, "--jobs", "1", "--no-cache", out="koud") == 2
    assert _outputs("rapport") == _outputs("koud") != first


def test_a_settled_page_is_known_by_its_signature_and_a_changed_one_written_again(
    here, capsys, monkeypatch
):
    """A re-audit confirms a letter's page by reading it back once; from then on the page's
    file signature, kept in the view, says it is unchanged. A page changed after that (with
    its size kept) is noticed and written again."""
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "1") == 2
    first = _outputs("rapport")
    pages = sorted(os.path.realpath(p) for p in (here / "rapport" / "brieven").glob("0*.html"))
    opened = _opened(monkeypatch)
    assert _audit(capsys, "--jobs", "1") == 2  # read back once, signatures recorded
    assert all(opened.get(p) for p in pages if "kapot" not in p)
    opened.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    assert not any(opened.get(p) for p in pages if "kapot" not in p)  # known by signature
    assert _outputs("rapport") == first
    page = here / "rapport" / "brieven" / "0002-b.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<", "[", 1), encoding="utf-8")  # same size, other bytes
    assert _audit(capsys, "--jobs", "1") == 2
    assert _outputs("rapport") == first


def test_a_view_cannot_put_a_formula_in_the_table():
    from lint_brieven.audit.model import Summary
    from lint_brieven.audit.views import make, served

    summary = Summary("a.txt", "a.txt", None, "overig", "", 8.0, 20.0, 1, ("LB101",), ())
    cells = ["a.txt", "overig", "8,0", "20,0", 1, "80,0", 120, 1, 0, 1, 0, "LB101", ""]
    entry = json.dumps(_ENTRY, indent=2).replace("\n", "\n    ")  # as ``json_entry`` lays it out
    view = make("r", b"<p></p>", entry, cells, summary, ())
    assert served(view, "r").cells == cells
    assert served(view, "andere regels") is None
    text_formula = [*cells[:11], "=HYPERLINK(1)", ""]
    assert served({**view, "csv": text_formula}, "r").cells[11] == "'=HYPERLINK(1)"
    for bad in ("=1+1", "-2+3", "@SOM(1)"):
        assert served({**view, "csv": [*cells[:2], bad, *cells[3:]]}, "r") is None
    assert served({**view, "json": '{"path": "a.txt"}'}, "r") is None
    assert served({**view, "page": "0" * 63}, "r") is None


_ENTRY = dict.fromkeys(
    [
        "path",
        "error",
        "error_line",
        "notices",
        "findings",
        "readability",
        "moment",
        "grade",
        "words",
    ]
)


def _no_letter_checked_alone(monkeypatch) -> list[str]:
    """The letters checked one at a time while the report waits (``_Checker.now``); an audit
    should hand every letter it has to check to the workers at the start."""
    from lint_brieven.audit import collect

    alone: list[str] = []
    for checker in (collect._Checker, collect._Pool):
        real = checker.now

        def now(self, index, job, real=real):
            alone.append(Path(job["path"]).name)
            return real(self, index, job)

        monkeypatch.setattr(checker, "now", now)
    return alone


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_letters_whose_template_or_configuration_changed_are_checked_by_the_workers(
    here, capsys, monkeypatch, jobs
):
    """The index knows these letters' bytes, but their entries no longer fit: the audit
    knows so before the first letter is checked (their templates' digests are in the index,
    and there is no entry for a new key), so they are spread over the workers, not checked
    one by one as the report reaches them."""
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", jobs) == 2
    alone = _no_letter_checked_alone(monkeypatch)
    taken = _takes(monkeypatch)
    # the template c.html.j2 extends
    (here / "brieven" / "basis" / "basis.html.j2").write_text(
        BASE.replace("Met groet", "Wij verzoeken u middels deze brief te reageren."),
        encoding="utf-8",
    )
    assert _audit(capsys, "--jobs", jobs) == 2
    assert sorted(taken) == ["c.html.j2", "kapot.txt"] and alone == []
    assert _audit(capsys, "--jobs", jobs, "--no-cache", out="koud") == 2
    assert _outputs("rapport") == _outputs("koud")
    # a changed configuration: every key is new
    (here / "lint-brieven.toml").write_text(TOML + "# anders\n", encoding="utf-8")
    find_config_file.cache_clear()
    load_config.cache_clear()
    taken.clear()
    assert _audit(capsys, "--jobs", jobs) == 2
    assert sorted(taken) == sorted(Path(n).name for n in LETTERS) and alone == []
    assert _outputs("rapport") == _outputs("koud")


def test_the_index_keeps_each_set_of_templates_once(here, capsys, monkeypatch):
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    write(here, {f"brieven/kind{i}.html.j2": CHILD for i in range(3)})
    assert _audit(capsys, "--jobs", "1") == 2
    cache = Cache(here / "rapport" / CACHE)
    db = sqlite3.connect(cache.folder / INDEX)
    sets = [
        json.loads(deps) for (deps,) in db.execute("SELECT deps FROM templates ORDER BY number")
    ]
    basis = os.path.abspath(here / "brieven" / "basis" / "basis.html.j2")
    assert [[dep[0] for dep in deps] for deps in sets] == [[], [basis]]
    index = cache.index()
    children = [
        os.path.abspath(here / "brieven" / n)
        for n in ["c.html.j2"] + [f"kind{i}.html.j2" for i in range(3)]
    ]
    known = [index.known(p, keys.signature(os.stat(p))) for p in children]
    assert {deps for _digest, deps in known} == {((basis, sets[1][0][1]),)}
    index.close()
    # a letter that names a set that is not there: the index does not know it
    db.execute("UPDATE letters SET templates = 7 WHERE path = ?", (os.fsencode(children[0]),))
    db.commit()
    db.close()
    index = cache.index()
    assert [index.known(p, keys.signature(os.stat(p))) for p in children] == [None, *known[1:]]
    index.close()


def test_a_word_letter_is_read_once_too(tmp_path, capsys, monkeypatch):
    """A .docx letter: the worker's one read gives the digest, the check (the Word reader
    works on the bytes) and the source text."""
    from docx_factory import new_document, to_bytes

    monkeypatch.chdir(tmp_path)
    document = new_document()
    for line in LETTER.split("\n\n"):
        document.add_paragraph(line)
    write(tmp_path, {"brieven/a.docx": to_bytes(document), "brieven/b.txt": OTHER})
    opened = _opened(monkeypatch)
    assert _audit(capsys, "--jobs", "1") == 0
    report = json.loads((tmp_path / "rapport" / "rapport.json").read_text(encoding="utf-8"))
    assert [b["path"] for b in report["letters"]] == ["brieven/a.docx", "brieven/b.txt"]
    assert any(f["code"] for f in report["letters"][0]["findings"])
    for name in ("a.docx", "b.txt"):
        assert opened.get(os.path.realpath(tmp_path / "brieven" / name)) == 1, name


@pytest.mark.parametrize("count", [1, 7, 64, 1000])
def test_the_work_is_split_in_order_into_chunks_that_shrink_at_the_end(count):
    from lint_brieven.audit.collect import CHUNK, _chunked

    chunks = list(_chunked(iter(range(count)), count, 2))
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= CHUNK and sizes == sorted(sizes, reverse=True)
    assert sizes[-8:] == [1] * min(8, count)  # the last letters go one by one
    if count == 1000:
        assert sizes[0] == CHUNK


def test_the_dashboard_is_written_in_parts_from_rows_on_disk_that_go_afterwards(
    here, capsys, monkeypatch
):
    """The letters' rows wait in a file in the report folder, not in memory; the dashboard
    is written as Jinja2 makes it, part by part; then the rows file goes, also when the
    report cannot be written."""
    from lint_brieven.audit import report
    from lint_brieven.audit.rows import PREFIX

    real = report.write_atomic_parts
    seen: dict[str, object] = {}

    def write_parts(path, parts):
        if path.name == "index.html":
            seen["parts"] = type(parts)
            seen["rows"] = [p.name for p in path.parent.glob(PREFIX + "*")]
        return real(path, parts)

    monkeypatch.setattr(report, "write_atomic_parts", write_parts)
    left = here / "rapport" / f"{PREFIX}gestopt.sqlite"  # of an audit that was killed
    write(here, {f"rapport/{left.name}": ""})
    os.utime(left, (left.stat().st_atime - 7200, left.stat().st_mtime - 7200))
    assert _audit(capsys, "--jobs", "1") == 2
    assert seen["parts"] is not str and len(seen["rows"]) == 1
    assert not list((here / "rapport").glob(PREFIX + "*"))
    dashboard = (here / "rapport" / "index.html").read_text(encoding="utf-8")
    assert dashboard.count('<tr data-moment="') == len(LETTERS)

    def full(path, parts):
        raise OSError(errno.ENOSPC, "No space left on device", os.fspath(path))

    monkeypatch.setattr(report, "write_atomic_parts", full)
    code = main(["audit", "brieven", "--out", "rapport", "--jobs", "1"])
    assert code == 2 and "kan niet worden geschreven" in capsys.readouterr().err
    assert not list((here / "rapport").glob(PREFIX + "*"))


def test_the_index_is_a_database_of_its_own_shape_only(here, capsys, monkeypatch):
    """An index with anything of its own (here a trigger) is no index, and the JSON index of
    earlier versions is deleted; either way the report is the same."""
    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "1") == 2
    first = _outputs("rapport")
    folder = here / "rapport" / CACHE
    assert len(Cache(folder).index()) == 4  # the readable letters
    db = sqlite3.connect(folder / INDEX)
    db.execute("CREATE TRIGGER t AFTER UPDATE ON rules BEGIN DELETE FROM letters; END")
    db.commit()
    db.close()
    assert len(Cache(folder).index()) == 0
    (folder / "index").write_bytes(b"lint-brieven-audit-index 1 " + b"0" * 64 + b"\n{}")
    assert _audit(capsys, "--jobs", "1") == 2
    assert _outputs("rapport") == first
    assert len(Cache(folder).index()) == 4 and not (folder / "index").exists()
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_rows_that_cannot_be_written_are_a_dutch_error(here, capsys, monkeypatch):
    """SQLite's own failure (here: the rows file may not grow, as on a full disk) is reported
    like any report file the audit cannot write: one Dutch line, exit code 2, nothing left."""
    from lint_brieven.audit import rows

    monkeypatch.setattr(rows, "CACHE_SIZE", rows.CACHE_SIZE + " PRAGMA max_page_count = 4;")
    code = main(["audit", "brieven", "--out", "rapport", "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.out + captured.err
    assert "tijdelijke lijst van brieven" in captured.err and "de schijf is vol" in captured.err
    assert not list((here / "rapport").glob(rows.PREFIX + "*"))


def test_the_letters_wait_on_disk_read_back_a_few_at_a_time(here, capsys, monkeypatch):
    """The list of letters and what is known of each (``plans``) is an SQLite database, read
    back a block at a time: with blocks of two letters the report is the same, checked by
    the workers (the letters to check, taken as the tasks are handed out) or from the cache."""
    from lint_brieven.audit import plans

    monkeypatch.setattr(keys, "SETTLED", 0.0)
    assert _audit(capsys, "--jobs", "2", "--no-cache", out="koud") == 2
    expected = _outputs("koud")
    monkeypatch.setattr(plans, "BLOCK", 2)
    for jobs in ("2", "2", "1"):  # filling the cache, from the index, from the views
        assert _audit(capsys, "--jobs", jobs) == 2
        assert _outputs("rapport") == expected


def test_a_list_of_letters_that_cannot_be_kept_is_a_dutch_error(here, capsys, monkeypatch):
    """SQLite's failure to keep the list of letters (here: it may not grow, as on a full
    disk) is one Dutch line and exit code 2, before any of the report is written."""
    from lint_brieven.audit import plans

    monkeypatch.setattr(plans, "CACHE_SIZE", plans.CACHE_SIZE + " PRAGMA max_page_count = 1;")
    code = main(["audit", "brieven", "--out", "rapport", "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.out + captured.err
    assert "de tijdelijke lijst van de brieven die worden gecontroleerd" in captured.err
    assert "de schijf is vol" in captured.err
    assert not (here / "rapport").exists()


def test_a_shared_piece_page_is_made_in_parts_and_written_only_when_it_differs(
    here, capsys, monkeypatch
):
    """A shared piece's page lists every letter that uses it (ten thousand, in a large
    audit): it is made part by part, compared with the page on disk as it is made, and
    written only when it differs."""
    from lint_brieven.audit import report

    real = report.write_atomic_parts
    written: list[str] = []

    def write_parts(path, parts):
        written.append(path.name)
        return real(path, parts)

    monkeypatch.setattr(report, "write_atomic_parts", write_parts)
    assert _audit(capsys, "--jobs", "1") == 2
    first = _outputs("rapport")
    [shared] = [name for name in first if name.startswith("brieven/gedeeld-")]
    assert shared.removeprefix("brieven/") in written
    written.clear()
    assert _audit(capsys, "--jobs", "1") == 2
    assert written == ["index.html", "rapport.json", "brieven.csv"]  # the page is as it was
    page = here / "rapport" / shared
    page.write_text(first[shared].replace("<", "[", 1), encoding="utf-8")  # the same size
    assert _audit(capsys, "--jobs", "1") == 2
    assert shared.removeprefix("brieven/") in written
    assert _outputs("rapport") == first

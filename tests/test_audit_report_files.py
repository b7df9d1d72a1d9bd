"""The audit's machine-readable files: ``rapport.json`` with the keys of ``check --output-format
json`` (format 2, its JSON Schema, an ISO date), ``brieven.csv`` for a Dutch Excel (BOM, ``;``,
decimal commas, no formulas), the same files from the cache, and ``--compare`` with a report of
format 2 and of the Dutch-keyed format 1."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import datetime
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from lintkit import write

from lint_brieven import __version__
from lint_brieven.audit import keys, views
from lint_brieven.audit.export import CSV_COLUMNS
from lint_brieven.audit.model import Summary, previous_report
from lint_brieven.audit.report import ReportWriter
from lint_brieven.cli import main

LETTER = (
    "Beste heer Jansen,\n\nWij sturen u middels deze brief het formulier. Wij repareren de "
    "lekkage binnen 5 werkdagen. Indien u vragen heeft, kunt u ons bellen.\n\n"
    "Met vriendelijke groet,\nWoonstichting De Linde\n"
)
OTHER = "Beste mevrouw De Vries,\n\nU krijgt uw borg binnen dertig dagen terug.\n"
TEMPLATE = (
    "Beste {{ naam }},\n\n{% if achterstand %}U heeft een betalingsachterstand. Wij verzoeken "
    "u vriendelijk doch dringend het openstaande bedrag reeds te voldoen.{% else %}Bedankt "
    "voor uw betaling.{% endif %}\n\nMet vriendelijke groet,\nWoonstichting De Linde\n"
)
BROKEN = "Beste {{ naam,\n\n{% if %}\n"
FILES = {
    "brieven/a.txt": LETTER,
    "brieven/b.txt": OTHER,
    "brieven/c.html.j2": TEMPLATE,
    "brieven/kapot.html.j2": BROKEN,
    "brieven/-1+2.txt": LETTER,  # a cell that would be a formula
}
PER_LETTER = {"moment", "grade", "words"}  # what the audit adds to check's file object
NUMBERS = {"cijfer", "lint_ii", "flesch_douma"}  # one decimal, with a comma
COUNTS = {"niveau", "woorden", "bevindingen", "fouten", "waarschuwingen", "info"}


pytestmark = pytest.mark.usefixtures("fresh_config")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(keys, "SETTLED", 0.0)  # the letters just written may be cached
    write(tmp_path, FILES)
    return tmp_path


def _audit(capsys, *args, out="rapport"):
    code = main(["audit", "brieven", "--out", out, "--jobs", "1", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


def _report(out="rapport") -> dict:
    with open(f"{out}/rapport.json", encoding="utf-8") as handle:
        return json.load(handle)


def _table(out="rapport") -> list[list[str]]:
    with open(f"{out}/brieven.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _without_date(out="rapport") -> str:
    text = Path(out, "rapport.json").read_text(encoding="utf-8")
    return re.sub(r'\n  "generated": "[^"]*",', "", text)


def test_each_letter_is_checks_json_object_with_its_grade_and_moment(here, capsys):
    assert _audit(capsys)[0] == 2  # kapot.html.j2 cannot be read
    letters = {letter["path"]: letter for letter in _report()["letters"]}
    assert main(["check", "brieven", "--output-format", "json"]) in (1, 2)
    checked = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert sorted(letters) == sorted(checked) == sorted(FILES)
    for path, letter in letters.items():
        # the same keys and the same values as check gives for the letter
        assert {k: v for k, v in letter.items() if k not in PER_LETTER} == checked[path], path
        assert set(letter) - set(checked[path]) == PER_LETTER
    a = letters["brieven/a.txt"]
    assert {f["code"] for f in a["findings"]} and a["findings"][0]["suggestions"] is not None
    assert set(a["findings"][0]) >= {"code", "severity", "message", "line", "column", "text"}
    assert 1 <= a["grade"] <= 10 and a["words"] > 10 and a["readability"]["lint_ii"]["level"]
    assert (
        letters["brieven/kapot.html.j2"]["error"]
        and letters["brieven/kapot.html.j2"]["grade"] is None
    )


def test_the_report_has_its_version_an_iso_date_and_follows_its_schema(here, capsys):
    _audit(capsys)
    data = _report()
    assert data["version"] == 2 and data["tool_version"] == __version__
    generated = datetime.fromisoformat(data["generated"])
    assert generated.tzinfo is not None and "T" in data["generated"]
    assert list(data)[:4] == ["version", "tool_version", "generated", "letters"]
    schema = json.loads(
        files("lint_brieven.audit").joinpath("rapport.schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["findings_by_code"] and data["average_grade"] is not None
    # the schema is no formality: a Dutch-keyed letter does not pass
    old = {**data, "letters": [{"pad": "a.txt", "cijfer": 5.0, "bevindingen": []}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(old, schema, cls=jsonschema.Draft202012Validator)


def test_the_table_opens_in_a_dutch_excel(here, capsys):
    _audit(capsys)
    raw = (here / "rapport" / "brieven.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1  # UTF-8 BOM
    rows = _table()
    assert tuple(rows[0]) == CSV_COLUMNS
    letters = {letter["path"]: letter for letter in _report()["letters"]}
    assert len(rows) == len(letters) + 1
    column = {name: i for i, name in enumerate(rows[0])}
    decimals = 0
    for row in rows[1:]:
        assert len(row) == len(CSV_COLUMNS), row
        path = row[0][1:] if row[0].startswith("'") else row[0]
        letter = letters[path]
        for name in NUMBERS:
            assert re.fullmatch(r"(-?\d+,\d)?", row[column[name]]), (name, row)
            decimals += bool(row[column[name]])
        for name in COUNTS:
            assert re.fullmatch(r"\d*", row[column[name]]), (name, row)
        grade = letter["grade"]
        assert row[column["cijfer"]] == ("" if grade is None else f"{grade:.1f}".replace(".", ","))
        assert int(row[column["bevindingen"]]) == len(letter["findings"])
    assert decimals >= 3 * 3  # every readable letter has its three decimal numbers
    # the formula guard: a text cell never starts with = + - @
    assert not any(row[i].startswith(("=", "+", "-", "@")) for row in rows for i in (0, 1, 11))


def test_the_csv_guard_holds_for_a_path_that_starts_a_formula(here, capsys, monkeypatch):
    monkeypatch.chdir(here / "brieven")
    main(["audit", ".", "--out", "../rapport", "--jobs", "1"])
    capsys.readouterr()
    cells = {row[0] for row in _table("../rapport")[1:]}
    assert "'-1+2.txt" in cells and "-1+2.txt" not in cells


def test_a_rerun_from_the_cache_writes_the_same_files(here, capsys, monkeypatch):
    _audit(capsys)
    first_json, first_csv = _without_date(), (here / "rapport" / "brieven.csv").read_bytes()
    served = []
    real = ReportWriter.add_cached

    def add_cached(self, key):
        served.append(real(self, key))
        return served[-1]

    monkeypatch.setattr(ReportWriter, "add_cached", add_cached)
    _audit(capsys)
    assert served and all(served)  # every letter written from its view
    assert _without_date() == first_json
    assert (here / "rapport" / "brieven.csv").read_bytes() == first_csv
    _audit(capsys, "--no-cache", out="koud")
    assert _without_date("koud") == first_json
    assert (here / "koud" / "brieven.csv").read_bytes() == first_csv


def test_a_view_of_another_format_is_never_served():
    summary = Summary("a.txt", "a.txt", None, "overig", "", 8.0, 20.0, 1, ("LB101",), ())
    cells = ["a.txt", "overig", "8,0", "20,0", 1, "80,0", 120, 1, 0, 1, 0, "LB101", ""]
    entry = _as_in_report(dict.fromkeys(views._ENTRY))
    view = views.make("r", b"<p></p>", entry, cells, summary, ())
    assert views.served(view, "r") is not None
    assert views.served({**view, "format": 1}, "r") is None
    assert views.served({k: v for k, v in view.items() if k != "format"}, "r") is None
    # an entry with the Dutch keys of format 1, one key too many or too few, not an entry
    old = dict.fromkeys(["pad", "moment", "cijfer", "woorden", "fout", "bevindingen"])
    for wrong in (old, {**dict.fromkeys(views._ENTRY), "extra": 1}, {"path": "a.txt"}):
        assert views.served({**view, "json": _as_in_report(wrong)}, "r") is None
    assert views.served({**view, "json": json.dumps(dict.fromkeys(views._ENTRY))}, "r") is None
    # a lone surrogate could not be written to rapport.json
    bad = _as_in_report({**dict.fromkeys(views._ENTRY), "path": "\udc80"})
    assert "\udc80" in bad and views.served({**view, "json": bad}, "r") is None


def _as_in_report(entry: dict) -> str:
    """A letter's entry as ``export.json_entry`` writes it (two levels deep in the list)."""
    return json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _format_1(data: dict) -> dict:
    """The report as format 1 wrote it (Dutch keys, no version)."""
    return {
        "gemaakt": "03-12-2026 10:00",
        "brieven": [
            {
                "pad": letter["path"],
                "moment": letter["moment"],
                "cijfer": letter["grade"],
                "woorden": letter["words"],
                "fout": letter["error"],
                "bevindingen": [
                    {"code": f["code"], "niveau": f["severity"], "regel": f["line"]}
                    for f in letter["findings"]
                ],
            }
            for letter in data["letters"]
        ],
        "overgeslagen": [],
        "regels": data["findings_by_code"],
        "gemiddeld_cijfer": data["average_grade"],
        "beloftes": {},
    }


def test_compare_reads_a_report_of_format_2_and_of_format_1(here, capsys):
    _audit(capsys)
    data = _report()
    shutil.copy(here / "rapport" / "rapport.json", here / "vorige.json")
    (here / "vorige-1.json").write_text(json.dumps(_format_1(data)), encoding="utf-8")
    new, old = (previous_report(json.loads((here / n).read_text())) for n in FILE_NAMES)
    assert (new.version, old.version) == (2, 1)
    assert new.letters == old.letters and new.average_grade == old.average_grade
    a = next(letter for letter in data["letters"] if letter["path"] == "brieven/a.txt")
    assert new.letters["brieven/a.txt"].findings == len(a["findings"]) > 0
    assert new.letters["brieven/a.txt"].grade == a["grade"]
    write(here, {"brieven/b.txt": OTHER + "\nWij verzoeken u middels deze brief te betalen.\n"})
    for name in FILE_NAMES:
        code, err = _audit(capsys, "--compare", name)
        assert code == 2 and "vorige" not in err  # only kapot.html.j2 is an error
        assert "Vergeleken met de vorige audit" in (here / "rapport" / "index.html").read_text()


FILE_NAMES = ("vorige.json", "vorige-1.json")


def test_compare_says_in_dutch_that_a_report_of_a_newer_format_cannot_be_compared(here, capsys):
    _audit(capsys)
    data = {**_report(), "version": 3}
    (here / "vorige.json").write_text(json.dumps(data), encoding="utf-8")
    code, err = _audit(capsys, "--compare", "vorige.json")
    assert code == 2
    assert "vorige.json: dit rapport.json heeft versie 3; deze lint-brieven kan alleen " in err
    assert "versie 1 tot en met 2 vergelijken" in err
    (here / "vorige.json").write_text(json.dumps({**data, "version": "2"}), encoding="utf-8")
    code, err = _audit(capsys, "--compare", "vorige.json")
    assert code == 2 and "vorige.json: dit is geen rapport.json van 'lint-brieven audit'." in err

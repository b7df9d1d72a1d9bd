"""Default rule selection by measured precision (like ruff's defaults): a rule measured below
the bar is off unless selected; ``rules`` and ``explain`` show the precision and the mark."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.checks import loader
from lint_brieven.checks.loader import builtin_pack_dir, rules_for
from lint_brieven.checks.precision import PRECISION_FILE, read_table
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

# LB101 ('middels') and LB102 ('Wij verzoeken u') both fire on this sentence
LETTER = "Wij verzoeken u het formulier middels de envelop terug te sturen.\n"
LB102_BELOW = """\
set: eval/dev
measured: '2026-12-05'
threshold: 0.9
min_judged: 5
rules:
  LB102: {judged: 10, tp: 4, tp_bad: 1, fp: 5}
"""


@pytest.fixture
def precision(tmp_path, monkeypatch):
    """Point the tool at a precision file of the test's own (written by the returned
    function); rules loaded with another file are forgotten before and after."""
    path = tmp_path / "meting" / PRECISION_FILE
    monkeypatch.setattr(loader, "precision_file", lambda: path)
    rules_for.cache_clear()

    def put(text: str) -> None:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")

    yield put
    rules_for.cache_clear()


def codes(capsys, *args: str) -> set[str]:
    code = main(["check", *args, "--output-format", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return {f["code"] for file in json.loads(out)["files"] for f in file["findings"]}


def test_rule_below_90_percent_is_off_by_default_and_on_when_selected(tmp_path, capsys, precision):
    precision(LB102_BELOW)
    write(tmp_path, {"brieven/a.txt": LETTER})
    found = codes(capsys, "brieven")
    assert "LB101" in found and "LB102" not in found
    assert "LB102" in codes(capsys, "brieven", "--select", "ALL")
    assert "LB102" in codes(capsys, "brieven", "--extend-select", "LB102")
    assert "LB102" in codes(capsys, "brieven", "--select", "LB1")  # a prefix names it too
    assert codes(capsys, "brieven", "--select", "LB1") >= {"LB101", "LB102"}
    # each configuration in a folder of its own (configurations are cached per folder)
    settings = {
        "alle": 'select = ["ALL"]\n',
        "erbij": 'extend-select = ["LB102"]\n',
        "zonder": 'ignore = ["LB101"]\n',
    }
    for folder, toml in settings.items():
        write(tmp_path, {f"{folder}/a.txt": LETTER, f"{folder}/lint-brieven.toml": toml})
    assert {"LB101", "LB102"} <= codes(capsys, "alle")
    assert {"LB101", "LB102"} <= codes(capsys, "erbij")
    assert not {"LB101", "LB102"} & codes(capsys, "zonder")


def test_few_judgments_leave_a_rule_on_and_the_file_sets_how_many(tmp_path, capsys, precision):
    write(tmp_path, {"brieven/a.txt": LETTER})
    precision("rules:\n  LB102: {judged: 3, tp: 0, tp_bad: 0, fp: 3}\n")
    assert "LB102" in codes(capsys, "brieven")  # 0% of 3: too few (min_judged 5)
    precision("min_judged: 3\nrules:\n  LB102: {judged: 3, tp: 0, tp_bad: 0, fp: 3}\n")
    rules_for.cache_clear()
    assert "LB102" not in codes(capsys, "brieven")
    # exactly at the bar is on: 9 of 10 is 90%
    precision("rules:\n  LB102: {judged: 10, tp: 8, tp_bad: 1, fp: 1}\n")
    rules_for.cache_clear()
    assert "LB102" in codes(capsys, "brieven")


def test_without_measurements_every_rule_is_on(tmp_path, capsys, precision):
    write(tmp_path, {"brieven/a.txt": LETTER})  # no precision file at all
    assert {"LB101", "LB102"} <= codes(capsys, "brieven")
    assert main(["rules", "--output-format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # (a pack may still keep a rule off: `default: false`, e.g. LB706, LB807, LB808)
    off_in_pack = {code for code, rule in loader.load_rules().items() if not rule.default}
    assert all(r["default"] is (r["code"] not in off_in_pack) for r in rows)
    assert all(r["precision"] is None for r in rows)


def test_pack_rule_with_default_false_is_opt_in(tmp_path, capsys, precision):
    pack = """\
pack: huisstijl
rules:
  - code: LB901
    name: eigen-woord
    category: huisstijl
    severity: warning
    kind: substitution
    default: false
    message: "'{match}' schrijven wij niet. Schrijf: {suggestion}."
    rationale: Onze huisstijl.
    examples: {flag: ["Zie de envelop."], pass: ["Zie de brief."]}
    swap:
      - {phrase: envelop, use: [antwoordenvelop]}
"""
    write(
        tmp_path,
        {
            "huisstijl/regels.yaml": pack,
            "lint-brieven.toml": 'rule-packs = ["huisstijl/regels.yaml"]\n',
            "brieven/a.txt": LETTER,
        },
    )
    assert "LB901" not in codes(capsys, "brieven")
    assert "LB901" in codes(capsys, "brieven", "--select", "ALL")
    assert "LB901" in codes(capsys, "brieven", "--extend-select", "LB901")
    assert main(["rules", "--output-format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["LB901"]["default"] is False and rows["LB101"]["default"] is True
    assert main(["explain", "LB901"]) == 0
    out = capsys.readouterr().out
    assert "Standaard: uit (het regelpakket zet haar alleen aan als u haar kiest)." in out


def test_rules_shows_precision_and_default_mark(capsys, precision):
    precision(LB102_BELOW)
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == [
        "Code",
        "Naam",
        "Categorie",
        "Niveau",
        "Soort",
        "Standaard",
        "Precisie",
    ]
    row = next(ln for ln in lines if ln.startswith("LB102"))
    assert row.split()[-3:] == ["uit", "50%", "(10)"]
    assert next(ln for ln in lines if ln.startswith("LB101")).split()[-2:] == ["aan", "–"]
    assert "zet zo'n regel aan met --select ALL" in out
    assert main(["rules", "--output-format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["LB102"]["default"] is False
    assert rows["LB102"]["precision"] == {
        "precision": 0.5,
        "usable": 0.4,
        "judged": 10,
        "tp": 4,
        "tp_bad": 1,
        "fp": 5,
        "measured": "2026-12-05",
        "set": "eval/dev",
        "default_off": True,
    }
    assert rows["LB101"]["default"] is True and rows["LB101"]["precision"] is None


def test_explain_shows_precision_and_default(capsys, precision):
    precision(LB102_BELOW)
    assert main(["explain", "LB102"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        "Precisie: 50% van 10 beoordeelde bevindingen was een echt probleem; 40% was "
        "bruikbaar zoals gegeven (eval/dev, 2026-12-05)." in lines
    )
    assert (
        "Standaard: uit (gemeten precisie 50% (10), onder de grens van 90%). Zet haar aan met "
        '--select ALL, select = ["ALL"] of extend-select = ["LB102"].' in lines
    )
    assert main(["explain", "LB101"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Precisie: nog niet gemeten." in lines and "Standaard: aan." in lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules: [LB101]\n", "'rules' moet een tabel van regelcode naar meting zijn"),
        ("rules:\n  LB101: {judged: 2, tp: 1, tp_bad: 0, fp: 0}\n", "niet gelijk aan judged"),
        ("threshold: 90\n", "'threshold' moet een getal tussen 0 en 1 zijn"),
        ("rules: {LB101: {judged: 1, tp: 1", "ongeldige YAML in de precisiegegevens"),
    ],
)
def test_bad_precision_file_is_one_dutch_error(tmp_path, capsys, precision, content, message):
    precision(content)
    write(tmp_path, {"brieven/a.txt": LETTER})
    assert main(["check", "brieven"]) == 2
    _, err = capsys.readouterr()
    assert message in err and PRECISION_FILE in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert main(["rules"]) == 2
    assert message in capsys.readouterr().err


def test_shipped_precision_file_is_valid_and_names_known_rules():
    table = read_table(builtin_pack_dir() / PRECISION_FILE)
    known = loader.load_rules()
    assert set(table.rules) <= set(known)
    assert 0 < table.threshold <= 1 and table.min_judged >= 1

"""``check --baseline FILE [--write-baseline]``: only new findings, matched by words and their
neighbourhood (not by line), through the command line on a text letter, a Jinja2 template
with variants and a Word document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_factory import new_document, to_bytes
from lintkit import write

from lint_brieven.cli import main
from lint_brieven.commands.check import FORMAT_NAMES

pytestmark = pytest.mark.usefixtures("in_tmp")

GREETING = "Geachte heer,"
SHIFT = "Dit gaat over uw huur."  # no findings of its own
MIDDELS = "Wij sturen u middels deze brief informatie."
TENEINDE = "U betaalt het bedrag teneinde de schuld te voldoen."
ABUIS = "Dit is per abuis gebeurd."  # exactly one finding: LB102 'per abuis'
CLOSING = ["Met vriendelijke groet,", "De verhuurder"]
BASE = [GREETING, MIDDELS, TENEINDE, *CLOSING]
STALE = "horen bij geen bevinding meer"


def as_text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def as_template(paragraphs: list[str]) -> str:
    """Each paragraph a <p>; the greeting with a placeholder; TENEINDE in one variant."""
    lines = []
    for p in paragraphs:
        if p == GREETING:
            lines.append("<p>Geachte {{ huurder.naam }},</p>")
        elif p == TENEINDE:
            lines += [
                "{% if huurder.achterstand %}",
                f"<p>{p}</p>",
                "{% else %}",
                "<p>U hoeft niets te doen.</p>",
                "{% endif %}",
            ]
        else:
            lines.append(f"<p>{p}</p>")
    return "\n".join(lines) + "\n"


def as_docx(paragraphs: list[str]) -> bytes:
    document = new_document()
    for p in paragraphs:
        document.add_paragraph(p)
    return to_bytes(document)


KINDS = {"brief.txt": as_text, "brief.html.j2": as_template, "brief.docx": as_docx}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def found(out: str) -> list[tuple[str, str, int]]:
    """(code, flagged words, line) of every finding in ``check --output-format json``."""
    return [
        (f["code"], f["text"], f["line"])
        for report in json.loads(out)["files"]
        for f in report["findings"]
    ]


def check(capsys, name: str, *options: str) -> tuple[int, list[tuple[str, str, int]], str]:
    code, out, err = run(capsys, "check", name, "--output-format", "json", *options)
    return code, found(out), err


@pytest.mark.parametrize("name", list(KINDS))
def test_round_trip(capsys, name):
    render = KINDS[name]
    write(Path.cwd(), {name: render(BASE)})
    code, today, _ = check(capsys, name)
    assert code == 1
    assert ("LB101", "middels", 2 if name != "brief.txt" else 3) in today

    # write: today's findings recorded, none reported, exit 0
    code, shown, err = check(capsys, name, "--baseline", "baseline.json", "--write-baseline")
    assert (code, shown) == (0, [])
    assert f"{len(today)} bevinding(en) vastgelegd" in err
    data = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    entries = data["findings"]
    assert sorted((e["code"], e["words"]) for e in entries) == sorted((c, t) for c, t, _ in today)
    assert {e["path"] for e in entries} == {name}
    assert entries == sorted(
        entries, key=lambda e: (e["path"], e["code"], e["words"], e["context"])
    )

    # lines inserted above every finding: they move, and nothing is new
    write(Path.cwd(), {name: render([SHIFT, *BASE])})
    code, moved, _ = check(capsys, name)
    assert [(c, t) for c, t, _ in moved] == [(c, t) for c, t, _ in today]
    assert [line for *_, line in moved] != [line for *_, line in today]
    code, shown, err = check(capsys, name, "--baseline", "baseline.json")
    assert (code, shown) == (0, [])
    assert STALE not in err
    assert f"{len(today)} bevinding(en) staan in de baseline" in err

    # one problem added: exactly that one is reported
    added = [SHIFT, *BASE[:-2], ABUIS, *CLOSING]
    write(Path.cwd(), {name: render(added)})
    code, shown, err = check(capsys, name, "--baseline", "baseline.json")
    assert code == 1
    assert [(c, t) for c, t, _ in shown] == [("LB102", "per abuis")]

    # a problem removed: its entry is reported as prunable, with the command that prunes
    write(Path.cwd(), {name: render([p for p in added if p != MIDDELS])})
    code, shown, err = check(capsys, name, "--baseline", "baseline.json")
    assert code == 1
    assert [(c, t) for c, t, _ in shown] == [("LB102", "per abuis")]
    assert STALE in err
    assert f"{name}: LB101 'middels'" in err
    assert f"lint-brieven check {name} --baseline baseline.json --write-baseline" in err

    # rewriting prunes it and records the new one
    code, shown, _ = check(capsys, name, "--baseline", "baseline.json", "--write-baseline")
    assert (code, shown) == (0, [])
    text = Path("baseline.json").read_text(encoding="utf-8")
    assert "middels" not in text
    assert '"per abuis"' in text
    code, shown, err = check(capsys, name, "--baseline", "baseline.json")
    assert (code, shown, STALE in err) == (0, [], False)
    # written again unchanged: the same bytes (a baseline diffs well)
    run(capsys, "check", name, "--baseline", "baseline.json", "--write-baseline")
    assert Path("baseline.json").read_text(encoding="utf-8") == text


def test_identical_findings_need_an_entry_each(capsys):
    write(Path.cwd(), {"brief.txt": as_text([GREETING, MIDDELS, MIDDELS, *CLOSING])})
    check(capsys, "brief.txt", "--baseline", "b.json", "--write-baseline")
    entries = json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"]
    assert [e["words"] for e in entries].count("middels") == 2
    write(Path.cwd(), {"brief.txt": as_text([GREETING, MIDDELS, MIDDELS, MIDDELS, *CLOSING])})
    code, shown, _ = check(capsys, "brief.txt", "--baseline", "b.json")
    assert code == 1
    assert [(c, t) for c, t, _ in shown] == [("LB101", "middels")]


def test_configuration_names_the_baseline_relative_to_itself(capsys, monkeypatch):
    write(
        Path.cwd(),
        {
            "lint-brieven.toml": 'baseline = "ci/baseline.json"\n',
            "brieven/a.txt": as_text(BASE),
        },
    )
    root = Path.cwd()
    code, shown, _ = check(capsys, "brieven", "--write-baseline")
    assert (code, shown) == (0, [])
    entries = json.loads((root / "ci/baseline.json").read_text(encoding="utf-8"))["findings"]
    # paths relative to the baseline's folder: the same from any working folder
    assert {e["path"] for e in entries} == {"../brieven/a.txt"}
    assert check(capsys, "brieven")[:2] == (0, [])
    monkeypatch.chdir(root / "brieven")
    assert check(capsys, "a.txt")[:2] == (0, [])
    monkeypatch.chdir(root)
    # the command line wins over the configuration
    code, _, err = run(capsys, "check", "brieven", "--baseline", "ander.json")
    assert code == 2
    assert "ander.json" in err
    assert "bestaat niet" in err
    code, shown, _ = check(capsys, "brieven", "--no-baseline")
    assert code == 1
    assert ("LB101", "middels", 3) in shown


def test_missing_baseline_is_an_error(capsys):
    write(Path.cwd(), {"brief.txt": as_text(BASE)})
    code, out, err = run(capsys, "check", "brief.txt", "--baseline", "geen.json")
    assert code == 2
    assert (
        err
        == "lint-brieven: fout: geen.json: baseline bestaat niet. Maak hem met --write-baseline.\n"
    )
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{niet json", "baseline.json:1: baseline is geen geldige JSON"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "vermelding 1 moet de teksten"),
        ('{"version": 7, "findings": []}', "versie 7 wordt niet ondersteund"),
        ("[]", "geen lint-brieven-baseline"),
    ],
)
def test_corrupt_baseline_is_an_error_naming_the_file(capsys, content, says):
    write(Path.cwd(), {"brief.txt": as_text(BASE), "baseline.json": content})
    code, out, err = run(capsys, "check", "brief.txt", "--baseline", "baseline.json")
    assert code == 2
    assert err.startswith("lint-brieven: fout: baseline.json")
    assert says in err
    assert "Traceback" not in err
    # --write-baseline replaces it, saying so
    code, _, err = run(
        capsys, "check", "brief.txt", "--baseline", "baseline.json", "--write-baseline"
    )
    assert code == 0
    assert "wordt vervangen" in err
    assert json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]


def test_select_and_ignore_speak_only_for_their_rules(capsys):
    write(Path.cwd(), {"brief.txt": as_text([GREETING, MIDDELS, ABUIS, *CLOSING])})
    check(capsys, "brief.txt", "--baseline", "b.json", "--write-baseline")
    full = Path("b.json").read_text(encoding="utf-8")
    write(Path.cwd(), {"brief.txt": as_text([GREETING, ABUIS, *CLOSING])})
    # LB101 left out of the run: its entries are not stale, and a rewrite keeps them
    code, shown, err = check(capsys, "brief.txt", "--baseline", "b.json", "--ignore", "LB101")
    assert (code, shown, STALE in err) == (0, [], False)
    check(capsys, "brief.txt", "--baseline", "b.json", "--select", "LB102", "--write-baseline")
    assert Path("b.json").read_text(encoding="utf-8") == full
    # with LB101 in the run the removed 'middels' is stale
    code, shown, err = check(capsys, "brief.txt", "--baseline", "b.json", "--select", "LB101")
    assert (code, shown) == (0, [])
    assert "LB101 'middels'" in err


def test_a_file_not_checked_keeps_its_entries_and_a_deleted_one_is_stale(capsys):
    write(Path.cwd(), {"brieven/a.txt": as_text(BASE), "brieven/b.txt": as_text(BASE)})
    check(capsys, "brieven", "--baseline", "b.json", "--write-baseline")
    code, shown, err = check(capsys, "brieven/a.txt", "--baseline", "b.json")
    assert (code, shown, STALE in err) == (0, [], False)
    Path("brieven/b.txt").unlink()
    code, shown, err = check(capsys, "brieven", "--baseline", "b.json")
    assert (code, shown) == (0, [])
    assert "brieven/b.txt: LB101 'middels'" in err
    assert "brieven/a.txt:" not in err


def test_fix_fixes_known_findings_too(capsys):
    """--fix applies every safe fix, in the baseline or not; what it fixed away is prunable."""
    write(Path.cwd(), {"brief.txt": as_text(BASE)})
    check(capsys, "brief.txt", "--baseline", "b.json", "--write-baseline")
    code, shown, err = check(capsys, "brief.txt", "--baseline", "b.json", "--fix")
    assert "teneinde" not in Path("brief.txt").read_text(encoding="utf-8")
    assert (code, shown) == (0, [])
    assert "LB101 'teneinde'" in err
    assert STALE in err


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_every_format_gets_only_the_new_findings(capsys, fmt):
    """Every reporter gets the findings the baseline leaves: the same output as a run that
    finds only the new one."""
    write(Path.cwd(), {"brief.txt": as_text(BASE)})
    check(capsys, "brief.txt", "--baseline", "b.json", "--write-baseline")
    write(Path.cwd(), {"brief.txt": as_text([SHIFT, *BASE[:-2], ABUIS, *CLOSING])})
    code, out, _ = run(capsys, "check", "brief.txt", "--baseline", "b.json", "--output-format", fmt)
    assert code == 1
    assert "abuis" in out
    only_new = run(capsys, "check", "brief.txt", "--select", "LB102", "--output-format", fmt)
    assert (code, out) == only_new[:2]


def test_baseline_key_must_be_a_file_name(capsys):
    write(Path.cwd(), {"lint-brieven.toml": "baseline = 3\n", "brief.txt": as_text(BASE)})
    code, _, err = run(capsys, "check", "brief.txt")
    assert code == 2
    assert "lint-brieven.toml: 'baseline' moet een bestandsnaam (tekst) zijn." in err


def test_write_baseline_needs_a_file(capsys):
    write(Path.cwd(), {"brief.txt": as_text(BASE)})
    code, _, err = run(capsys, "check", "brief.txt", "--write-baseline")
    assert code == 2
    assert "--write-baseline heeft een bestand nodig" in err
    assert not list(Path.cwd().glob("*.json"))

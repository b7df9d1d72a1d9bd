"""The command line end to end: check, rules, explain; exit codes, formats, stdin, output."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from lintkit import write

from lint_brieven.cli import main

BAD = "Wij verzoeken u middels dit formulier uw gegevens te retourneren.\n"
CLEAN = (
    "Beste heer Jansen,\n\nStuur het formulier vóór 1 mei terug in de antwoordenvelop. "
    "Bel ons op 030 123 45 67 of mail naar info@delinde.nl.\n\n"
    "Met vriendelijke groet,\n\nPetra de Vries\nTeam Verhuur\n"
)


pytestmark = pytest.mark.usefixtures("in_tmp")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_findings_exit_1_with_exact_text_lines(tmp_path, capsys):
    write(tmp_path, {"brieven/a.txt": BAD})
    code, out, _ = run(capsys, "check", "brieven")
    assert code == 1
    lines = out.splitlines()
    assert (
        "brieven/a.txt:1:17: LB101 'middels' is ambtelijke taal. Schrijf: 'met' of 'via'." in lines
    )
    assert re.fullmatch(
        r"\d+ bevindingen in 1 van 1 bestand \(1 met een veilige suggestie\)\.", lines[-1]
    )


def test_clean_exit_0(tmp_path, capsys):
    write(tmp_path, {"a.txt": CLEAN})
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "Geen bevindingen in 1 bestand."
    assert lines[0].startswith("a.txt: leesbaarheid: LiNT-II ")
    assert "Flesch-Douma" in lines[0]


def test_unreadable_file_exit_2_and_run_goes_on(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "b.txt": b"\xff\xfe kapot", "c.html.j2": "{% if %}"})
    code, out, _ = run(capsys, "check", ".")
    assert code == 2
    assert "a.txt:1:17: LB101" in out
    assert "b.txt:1: fout: Het bestand is geen geldige UTF-8-tekst" in out
    assert "c.html.j2:1: fout: Sjabloonfout" in out
    assert "2 bestanden konden niet worden gelezen." in out


def test_missing_path_is_an_error(capsys):
    code, out, _ = run(capsys, "check", "bestaat-niet.txt")
    assert code == 2 and "bestaat-niet.txt: fout: Bestand of map bestaat niet." in out


def test_exit_zero_fail_on_select_ignore(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    assert run(capsys, "check", "a.txt", "--exit-zero")[0] == 0
    assert run(capsys, "check", "a.txt", "--fail-on", "error")[0] == 0
    code, out, _ = run(capsys, "check", "a.txt", "--select", "LB102", "-q")
    assert code == 1 and {line.split()[1] for line in out.splitlines()} == {"LB102"}
    code, out, _ = run(capsys, "check", "a.txt", "--ignore", "LB1,LB3,LB4")
    assert code == 0


def test_unknown_code_on_command_line_is_usage_error(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    code, _, err = run(capsys, "check", "a.txt", "--select", "LB999")
    assert code == 2 and "onbekende regelcode(s): LB999" in err


def test_bad_config_is_usage_error(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD, "lint-brieven.toml": "selekt = []\n"})
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "Bedoelt u 'select'?" in err


def test_config_severity_and_per_file_ignores(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": (
                'fail-on = "error"\n[severity]\nLB101 = "error"\n'
                '[per-file-ignores]\n"oud/*" = ["LB101"]\n'
            ),
            "oud/a.txt": BAD,
            "nieuw/a.txt": BAD,
        },
    )
    code, out, _ = run(capsys, "check", ".", "--output-format", "json")
    data = json.loads(out)
    by_path = {f["path"]: f["findings"] for f in data["files"]}
    assert code == 1
    assert not [f for f in by_path["oud/a.txt"] if f["code"] == "LB101"]
    assert {f["severity"] for f in by_path["nieuw/a.txt"] if f["code"] == "LB101"} == {"error"}


def test_accept_and_reject_words_from_config(tmp_path, capsys):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'accept = ["middels"]\n[reject]\nmutatie = "verhuizing"\n',
            "a.txt": "Na de mutatie sturen wij middels de post een brief. Bel 030 123 45 67.\n",
        },
    )
    code, out, _ = run(capsys, "check", "a.txt", "-q")
    assert "LB101" not in out
    assert (
        "a.txt:1:7: LB002 'mutatie' staat op de lijst van woorden die uw organisatie niet "
        "gebruikt. Schrijf: 'verhuizing'." in out
    )
    assert code == 1


def test_statistics(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD + BAD})
    code, out, _ = run(capsys, "check", "a.txt", "--statistics")
    assert code == 1
    assert "    4  LB101  ambtelijk-woord [*]" in out.splitlines()  # middels, retourneren


def test_stdin_with_filename(tmp_path, capsys, monkeypatch):
    template = "<p>Wij sturen u {{ brief }} middels de post.</p>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(template.encode())))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "brief.html.j2", "-q")
    assert code == 1
    assert "brief.html.j2:1:29: LB101 'middels'" in out


def test_output_file_is_written_whole(tmp_path, capsys):
    write(tmp_path, {"a.txt": BAD})
    target = tmp_path / "rapport" / "uit.sarif"
    code, out, _ = run(capsys, "check", "a.txt", "--output-format", "sarif", "-o", str(target))
    assert code == 1 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"
    assert [p.name for p in target.parent.iterdir()] == ["uit.sarif"]  # no temp files left


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab", "junit", "text"])
def test_every_format_reports_the_same_finding(tmp_path, capsys, fmt):
    write(tmp_path, {"a.txt": BAD})
    code, out, _ = run(capsys, "check", "a.txt", "--output-format", fmt, "--select", "LB101")
    assert code == 1
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out.encode())
    assert "middels" in out and "LB101" in out


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    rows = json.loads(out)
    assert code == 0
    assert {"LB001", "LB002", "LB101", "LB102", "LB201", "LB202", "LB301"} <= {
        r["code"] for r in rows
    }
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "LB201" in out and "lange-zin" in out


def test_explain_shows_rationale_examples_and_suggestions(capsys):
    code, out, _ = run(capsys, "explain", "lb101")
    assert code == 0
    assert out.startswith("LB101 ambtelijk-woord\n")
    for heading in ("## Waarom", "## Voorbeelden die de regel meldt", "## Schrijf liever"):
        assert heading in out
    assert "middels → 'met' of 'via' (veilig te vervangen)" in out


def test_explain_unknown_code_suggests_close_ones(capsys):
    code, _, err = run(capsys, "explain", "LB10")
    assert code == 2 and "onbekende regel 'LB10'" in err


def test_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--output-format", "pdf"])
    assert exc.value.code == 2


def test_console_script_runs(tmp_path):
    write(tmp_path, {"a.txt": BAD})
    done = subprocess.run(
        [sys.executable, "-m", "lint_brieven", "check", "a.txt", "--no-color"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert "a.txt:1:17: LB101" in done.stdout

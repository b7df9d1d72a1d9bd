"""The runner: grouping findings by file and naming template variants."""

from __future__ import annotations

import json

import pytest
from lintkit import write

from lint_brieven.cli import main
from lint_brieven.runner import RunRequest, run

pytestmark = pytest.mark.usefixtures("in_tmp")


def test_variant_is_named_only_when_a_finding_is_not_in_every_variant(tmp_path):
    write(
        tmp_path,
        {
            "b.html.j2": (
                "<p>Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl."
                " Wij sturen middels de post.</p>\n"
                "{% if x %}<p>Wij sturen reeds een brief.</p>{% endif %}\n"
            )
        },
    )
    result = run(RunRequest(["b.html.j2"]))
    variants = {f.text: f.variant for r in result.reports for f in r.findings}
    assert variants == {"middels": None, "reeds": "regel 2 {% if %}"}


def test_findings_in_an_included_template_are_reported_on_that_file(tmp_path):
    write(
        tmp_path,
        {
            "voet.html.j2": "<p>Wij sturen middels de post.</p>\n",
            "b.html.j2": "<p>Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl."
            "</p>\n{% include 'voet.html.j2' %}",
        },
    )
    result = run(RunRequest(["b.html.j2"]))
    located = [(r.path, f.line, f.column, f.code) for r in result.reports for f in r.findings]
    assert located == [("voet.html.j2", 1, 15, "LB101")]


def test_each_file_gets_suggestions_filled_from_its_own_configuration(tmp_path, capsys):
    """Two folders with their own organisation profile, checked in one run: a proposal names
    the phone number of the file's own organisation, not the one of the file before it."""
    letter = (
        "Beste mevrouw Jansen,\n\nWij komen uw kraan maken.\n\nMet vriendelijke groet,\n\nPetra\n"
    )
    write(
        tmp_path,
        {
            "a/lint-brieven.toml": '[organisatie]\ntelefoon = "030 111 11 11"\n',
            "a/brief.txt": letter,
            "b/lint-brieven.toml": '[organisatie]\ntelefoon = "020 222 22 22"\n',
            "b/brief.txt": letter,
        },
    )
    capsys.readouterr()
    main(["check", "a", "b", "--select", "LB301", "--output-format", "json"])
    files = json.loads(capsys.readouterr().out)["files"]
    proposals = {
        r["path"]: " ".join(s["text"] for f in r["findings"] for s in f["suggestions"])
        for r in files
    }
    assert "030 111 11 11" in proposals["a/brief.txt"]
    assert "020 222 22 22" in proposals["b/brief.txt"]
    assert "030 111 11 11" not in proposals["b/brief.txt"]


def test_files_checked_together_get_the_findings_of_each_checked_alone(tmp_path, capsys):
    # a run reads and parses several files ahead of checking them (``PARSE_AHEAD``): each file
    # must still be checked with its own docs and configuration, and come out in its place,
    # also when a file in between cannot be read
    write(
        tmp_path,
        {
            "a.txt": "Wij sturen u middels deze brief reeds de sleutel.\n",
            "b.html.j2": "<p>Wij sturen u middels de post.</p>\n"
            "{% if x %}<p>Dit is reeds gedaan.</p>{% endif %}\n",
            "c.html.j2": "<p>{% if %}</p>\n",
            "d.md": "# Brief\n\nU dient de huur middels een machtiging te betalen.\n",
        },
    )
    names = ["a.txt", "b.html.j2", "c.html.j2", "d.md"]

    def checked(paths: list[str]) -> list[dict]:
        main(["check", *paths, "--select", "ALL", "--output-format", "json"])
        return json.loads(capsys.readouterr().out)["files"]

    alone = [entry for name in names for entry in checked([name])]
    together = checked(names)
    assert [e["path"] for e in together] == names
    assert all(e["findings"] for e in together if e["path"] != "c.html.j2")
    assert together[2]["error"]
    assert together == alone

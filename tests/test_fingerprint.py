"""Fingerprints in SARIF (``partialFingerprints``) and GitLab (``fingerprint``) output: from
the file, code, flagged words and their neighbourhood, never the line; unique per result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_factory import new_document, to_bytes
from lintkit import write

from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")

SHIFT = "Dit gaat over uw huur."  # no findings of its own
MIDDELS = "Wij sturen u middels deze brief informatie."
LETTER = [
    "Geachte heer,",
    MIDDELS,
    MIDDELS,  # the same finding twice, words and neighbourhood alike
    "U betaalt het bedrag teneinde de schuld te voldoen.",
    "Met vriendelijke groet,",
    "De verhuurder",
]


def as_text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def as_template(paragraphs: list[str]) -> str:
    body = [f"<p>{p}</p>" for p in paragraphs]
    return (
        "\n".join(
            ["{% if huurder.naam %}", "<p>Beste {{ huurder.naam }},</p>", "{% endif %}"] + body
        )
        + "\n"
    )


def as_docx(paragraphs: list[str]) -> bytes:
    document = new_document()
    for p in paragraphs:
        document.add_paragraph(p)
    return to_bytes(document)


KINDS = {"brief.txt": as_text, "brief.html.j2": as_template, "brief.docx": as_docx}


def sarif(capsys, name: str) -> list[tuple[str, int, str]]:
    """(code, start line, fingerprint) of every SARIF result."""
    main(["check", name, "--output-format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["lintBrieven/v1"],
        )
        for r in results
    ]


def gitlab(capsys, name: str) -> list[tuple[str, int, str]]:
    main(["check", name, "--output-format", "gitlab"])
    issues = json.loads(capsys.readouterr().out)
    return [(i["check_name"], i["location"]["lines"]["begin"], i["fingerprint"]) for i in issues]


@pytest.mark.parametrize("name", list(KINDS))
@pytest.mark.parametrize("output", [sarif, gitlab])
def test_fingerprints_survive_lines_inserted_above(capsys, name, output):
    render = KINDS[name]
    write(Path.cwd(), {name: render(LETTER)})
    before = output(capsys, name)
    prints = [p for *_, p in before]
    assert len(before) > 4
    assert len(set(prints)) == len(prints)  # unique, the twin 'middels' findings too
    assert [c for c, *_ in before].count("LB101") >= 3

    write(Path.cwd(), {name: render([SHIFT, SHIFT, *LETTER])})
    after = output(capsys, name)
    assert [line for _, line, _ in after] != [line for _, line, _ in before]  # they moved
    assert sorted(p for *_, p in after) == sorted(prints)  # letter-level findings too


@pytest.mark.parametrize("name", list(KINDS))
def test_other_words_around_make_another_fingerprint(capsys, name):
    render = KINDS[name]
    write(Path.cwd(), {name: render(LETTER)})
    before = {p for *_, p in sarif(capsys, name)}
    changed = [p.replace("deze brief", "een formulier") if p == MIDDELS else p for p in LETTER]
    write(Path.cwd(), {name: render(changed)})
    after = {p for *_, p in sarif(capsys, name)}
    # the two 'middels' findings are new; the rest keep their fingerprints
    assert len(after - before) == 2
    assert len(before - after) == 2

"""DOCX through the whole run: paragraph locations, run offsets, Word-comment suppressions."""

from __future__ import annotations

import pytest
from docx_factory import add_runs, new_document, to_bytes

from lint_brieven.reporters import text
from lint_brieven.reporters.base import ReportContext
from lint_brieven.runner import RunRequest, run

pytestmark = pytest.mark.usefixtures("in_tmp")


def make_letter(tmp_path, comment: str | None) -> None:
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    paragraph = document.add_paragraph()
    runs = add_runs(paragraph, ["Wij sturen u mid", ("dels", {"bold": True}), " de post."])
    document.add_paragraph("Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl.")
    if comment:
        document.add_comment(runs, text=comment, author="Communicatie")
    (tmp_path / "brief.docx").write_bytes(to_bytes(document))


def findings():
    result = run(RunRequest(["brief.docx"]))
    return [f for r in result.reports for f in r.findings], result


def test_docx_finding_has_paragraph_location_and_runs(tmp_path):
    make_letter(tmp_path, None)
    found, result = findings()
    assert [(f.code, f.line, f.column, f.end_column) for f in found] == [("LB101", 2, 14, 21)]
    assert found[0].paragraphs
    assert found[0].runs == ((0, 13, 16), (1, 0, 4))  # "mid" in run 0, "dels" = run 1
    out = text.render(result.reports, ReportContext(rules=result.rules))
    assert out.splitlines()[0].startswith("brief.docx:¶2:14: LB101 'middels'")


def test_word_comment_suppresses_the_paragraph(tmp_path):
    make_letter(tmp_path, "lint-brieven: disable=LB101")
    found, _ = findings()
    assert found == []


def test_word_comment_that_suppresses_nothing_is_reported(tmp_path):
    make_letter(tmp_path, "lint-brieven: disable=LB201")
    found, _ = findings()
    assert [(f.code, f.line, f.paragraphs) for f in found] == [
        ("LB001", 2, True),
        ("LB101", 2, True),
    ]


def test_text_output_shows_source_caret_suggestions_and_variant(tmp_path):
    (tmp_path / "b.html.j2").write_text(
        "<p>Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl."
        "</p>{% if x %}<p>Wij sturen u middels de post.</p>{% endif %}",
        encoding="utf-8",
    )
    result = run(RunRequest(["b.html.j2"]))
    out = text.render(result.reports, ReportContext(rules=result.rules, show_source=True))
    lines = out.splitlines()
    assert (
        lines[0] == "b.html.j2:1:92: LB101 'middels' is ambtelijke taal. Schrijf: 'met' of 'via'."
    )
    source_line = lines[1]
    caret = lines[2]
    assert source_line.startswith("    <p>Bel")
    assert caret.index("^") == source_line.index("middels") and caret.count("^") == 7
    assert "    suggestie (veilig): met" in lines
    assert "    in variant: regel 1 {% if %}" in lines

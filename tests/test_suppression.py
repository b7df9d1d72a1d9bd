"""Inline suppressions in Jinja2 and HTML/Markdown; unused ones are reported as LB001."""

from __future__ import annotations

import pytest
from lintkit import write

from lint_brieven.letter import SourceText
from lint_brieven.runner import RunRequest, run
from lint_brieven.suppression import directive_codes, suppressions_in

pytestmark = pytest.mark.usefixtures("in_tmp")


def codes_by_line(path: str) -> list[tuple[int, str]]:
    result = run(RunRequest([path], config_file=None))
    return sorted((f.line, f.code) for r in result.reports for f in r.findings)


def test_parse_disable_enable_and_next_line():
    text = (
        "{# lint-brieven: disable=LB101 #}\n"  # 1
        "a\n"  # 2
        "{# lint-brieven: enable=LB101 #}\n"  # 3
        "<!-- lint-brieven: disable-next-line=LB102,lb201 -->\n"  # 4
        "b\n"  # 5
        "{#- lint-brieven: disable -#}\n"  # 6
    )
    found = sorted(suppressions_in(SourceText("x", text)), key=lambda s: (s.line, s.first_line))
    assert [(sorted(s.codes), s.first_line, s.last_line) for s in found] == [
        (["LB101"], 1, 3),
        (["LB102", "LB201"], 5, 5),
        ([], 6, 6),
    ]


def test_enable_one_code_keeps_the_others_disabled():
    text = "{# lint-brieven: disable=LB101,LB102 #}\nx\n{# lint-brieven: enable=LB101 #}\ny\n"
    found = suppressions_in(SourceText("x", text))
    assert sorted((sorted(s.codes), s.first_line, s.last_line) for s in found) == [
        (["LB101", "LB102"], 1, 3),
        (["LB102"], 3, 4),
    ]


def test_word_comment_text():
    assert directive_codes("lint-brieven: disable=LB101, LB102") == {"LB101", "LB102"}
    assert directive_codes("lint-brieven: disable") == frozenset()
    assert directive_codes("Graag nog aanpassen") is None


def test_jinja_suppression_in_a_run(tmp_path):
    write(
        tmp_path,
        {
            "b.html.j2": (
                "<p>Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl."
                "</p>\n"  # 1
                "{# lint-brieven: disable-next-line=LB101 #}\n"  # 2
                "<p>Wij sturen u middels de post een brief.</p>\n"  # 3
                "<p>Wij sturen u middels de post nog een brief.</p>\n"  # 4
            )
        },
    )
    assert codes_by_line("b.html.j2") == [(4, "LB101")]


def test_unused_suppression_is_reported(tmp_path):
    write(
        tmp_path,
        {
            "b.md": (
                "Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl.\n\n"
                "<!-- lint-brieven: disable-next-line=LB102 -->\n"
                "Wij sturen u middels de post een brief.\n"
            )
        },
    )
    result = run(RunRequest(["b.md"]))
    findings = [f for r in result.reports for f in r.findings]
    unused = [f for f in findings if f.code == "LB001"]
    assert [(f.line, f.column) for f in unused] == [(3, 1)]
    assert "LB102" in unused[0].message
    assert [f.code for f in findings if f.code != "LB001"] == ["LB101"]


def test_unused_suppression_can_itself_be_ignored(tmp_path):
    write(
        tmp_path,
        {
            "lint-brieven.toml": 'ignore = ["LB001"]\n',
            "b.md": "Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl.\n\n"
            "<!-- lint-brieven: disable=LB102 -->\nHallo.\n",
        },
    )
    assert codes_by_line("b.md") == []


def test_suppression_in_an_included_template_applies_there(tmp_path):
    write(
        tmp_path,
        {
            "voet.html.j2": (
                "{# lint-brieven: disable-next-line=LB101 #}\n<p>Wij sturen middels de post.</p>\n"
            ),
            "b.html.j2": "<p>Bel team Verhuur op 030 123 45 67 of mail info@delinde.nl."
            "</p>{% include 'voet.html.j2' %}",
        },
    )
    assert codes_by_line("b.html.j2") == []

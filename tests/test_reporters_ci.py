"""The CI output formats through the command line: SARIF (rule help, ``docs-url``, Word
paragraphs), rdjson (reviewdog), json-lines and the GitHub job summary, each on a text
letter, a Jinja2 template and a Word document."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from docx_factory import new_document, to_bytes
from lintkit import sarif_schema, write

from lint_brieven.checks.loader import load_rules
from lint_brieven.cli import main
from lint_brieven.commands.explain import explanation
from lint_brieven.reporters.sarif import help_markdown

pytestmark = pytest.mark.usefixtures("in_tmp")

DOCS = "https://voorbeeld.nl/regels/{code}.html"
CONFIG = f'docs-url = "{DOCS}"\n'
# 'café' before 'reeds' (in both): character and UTF-8 byte columns differ from there on
TEXT = (
    "Beste mevrouw Jansen,\n\n"
    "Indien u vragen heeft, kunt u ons bellen. Wij hebben uw café reeds geïnformeerd.\n\n"
    "Met vriendelijke groet,\n\nTeam Verhuur\n"
)
TEMPLATE = (
    "<p>Beste {{ huurder.naam }},</p>\n"
    "<p>Wij hebben de reparatie in uw café reeds gepland.</p>\n"
    "{% if huurder.achterstand %}<p>Indien u niet betaalt, volgt een aanmaning.</p>{% endif %}\n"
    "<p>Met vriendelijke groet,<br>Team Onderhoud</p>\n"
)
PARAGRAPHS = (
    "Beste meneer De Vries,",
    "Wij sturen u deze brief teneinde u te informeren over het onderhoud.",
    "Het onderhoud begint reeds op maandag 4 maart.",
    "Met vriendelijke groet,",
)
FILES = ("brief.txt", "sjabloon.html.j2", "brief.docx")


def docx_letter() -> bytes:
    document = new_document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    return to_bytes(document)


@pytest.fixture
def letters(tmp_path):
    write(
        tmp_path,
        {
            "lint-brieven.toml": CONFIG,
            "brief.txt": TEXT,
            "sjabloon.html.j2": TEMPLATE,
            "brief.docx": docx_letter(),
        },
    )
    return tmp_path


def check(capsys, fmt: str, *paths: str) -> tuple[int, str]:
    code = main(["check", "--output-format", fmt, *(paths or FILES)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def json_files(capsys) -> dict[str, dict]:
    code, out = check(capsys, "json")
    assert code == 1
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert set(files) == set(FILES)
    assert all(files[name]["findings"] for name in FILES)
    return files


# -- SARIF --------------------------------------------------------------------------------


def test_sarif_validates_and_every_rule_has_its_explain_page(letters, capsys):
    code, out = check(capsys, "sarif")
    assert code == 1
    log = json.loads(out)
    errors = list(jsonschema.Draft7Validator(sarif_schema()).iter_errors(log))
    assert errors == []
    run = log["runs"][0]
    rules = load_rules()
    descriptors = run["tool"]["driver"]["rules"]
    assert {d["id"] for d in descriptors} >= {r["ruleId"] for r in run["results"]}
    for descriptor in descriptors:
        page = explanation(rules[descriptor["id"]])
        assert descriptor["help"]["text"] == page
        assert descriptor["help"]["markdown"] == help_markdown(page)
        assert descriptor["help"]["markdown"].startswith(f"# {descriptor['id']} ")
        assert descriptor["helpUri"] == DOCS.replace("{code}", descriptor["id"])
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == set(FILES)


def test_sarif_without_docs_url_has_no_help_uri(tmp_path, capsys):
    write(tmp_path, {"brief.txt": TEXT})
    code, out = check(capsys, "sarif", "brief.txt")
    assert code == 1
    descriptors = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert descriptors and all("helpUri" not in d for d in descriptors)
    assert all(d["help"]["markdown"] for d in descriptors)


def test_sarif_locates_docx_findings_by_paragraph_with_its_text(letters, capsys):
    code, out = check(capsys, "sarif", "brief.docx")
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    teneinde = next(r for r in results if "'teneinde'" in r["message"]["text"])
    region = teneinde["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2  # the second paragraph
    assert region["snippet"]["text"] == PARAGRAPHS[1]
    column = PARAGRAPHS[1].index("teneinde") + 1
    assert region["startColumn"] == column
    assert teneinde["message"]["text"].startswith(f"Alinea 2, teken {column}: 'teneinde'")
    assert "fixes" not in teneinde
    for result in results:  # every one names its paragraph and shows that paragraph's text
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["message"]["text"].startswith(f"Alinea {region['startLine']}")
        assert region["snippet"]["text"] == PARAGRAPHS[region["startLine"] - 1]


def test_rule_help_markdown_keeps_letter_text_literal():
    page = (
        "LB1 naam\n\nCategorie: x\nStandaard: aan.\n\n## Waarom\nGebruik <b>*geen*</b> [link](x)\n"
    )
    page += "\n## Voorbeelden die de regel meldt\n- {{ naam }} | _huurder_\n"
    markdown = help_markdown(page)
    assert markdown == (
        "# LB1 naam\n\nCategorie: x\n\nStandaard: aan.\n\n## Waarom\n"
        "Gebruik \\<b\\>\\*geen\\*\\</b\\> \\[link\\](x)\n\n"
        "## Voorbeelden die de regel meldt\n- \\{\\{ naam \\}\\} \\| \\_huurder\\_\n"
    )


def test_a_bad_docs_url_is_a_dutch_error_naming_the_file(tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": 'docs-url = "regels/{code}"\n', "brief.txt": TEXT})
    assert main(["check", "--output-format", "sarif", "brief.txt"]) == 2
    err = capsys.readouterr().err
    assert "lint-brieven.toml" in err and "'docs-url' moet een webadres" in err


# -- rdjson -------------------------------------------------------------------------------

# reviewdog's DiagnosticResult (proto/rdf/reviewdog.proto, its JSON schema in
# proto/rdf/jsonschema), made strict: every key this tool writes, with its type, and no
# others; severities as reviewdog names them; columns and lines from 1.
POSITION = {
    "type": "object",
    "properties": {
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
    },
    "required": ["line"],
    "additionalProperties": False,
}
RANGE = {
    "type": "object",
    "properties": {"start": POSITION, "end": POSITION},
    "required": ["start"],
    "additionalProperties": False,
}
SEVERITY = {"enum": ["ERROR", "WARNING", "INFO"]}
RDJSON_SCHEMA = {
    "type": "object",
    "required": ["source", "diagnostics"],
    "additionalProperties": False,
    "properties": {
        "source": {
            "type": "object",
            "properties": {"name": {"const": "lint-brieven"}, "url": {"type": "string"}},
            "required": ["name"],
            "additionalProperties": False,
        },
        "severity": SEVERITY,
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message", "location", "severity", "code"],
                "additionalProperties": False,
                "properties": {
                    "message": {"type": "string", "minLength": 1},
                    "location": {
                        "type": "object",
                        "properties": {"path": {"type": "string", "minLength": 1}, "range": RANGE},
                        "required": ["path"],
                        "additionalProperties": False,
                    },
                    "severity": SEVERITY,
                    "code": {
                        "type": "object",
                        "properties": {"value": {"type": "string"}, "url": {"type": "string"}},
                        "required": ["value"],
                        "additionalProperties": False,
                    },
                    "suggestions": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "properties": {"range": RANGE, "text": {"type": "string"}},
                            "required": ["range", "text"],
                            "additionalProperties": False,
                        },
                    },
                },
            },
        },
    },
}


def byte_slice(source: str, start: dict, end: dict) -> str:
    """The text between two reviewdog positions (UTF-8 byte columns, end exclusive)."""
    assert start["line"] == end["line"]
    line = source.split("\n")[start["line"] - 1].encode("utf-8")
    return line[start["column"] - 1 : end["column"] - 1].decode("utf-8")


def test_rdjson_matches_reviewdogs_format_on_every_kind_of_file(letters, capsys):
    files = json_files(capsys)
    code, out = check(capsys, "rdjson")
    assert code == 1
    result = json.loads(out)
    jsonschema.Draft7Validator(RDJSON_SCHEMA).validate(result)
    diagnostics = result["diagnostics"]
    expected = [
        (p, f["code"])
        for p in FILES
        for f in sorted(files[p]["findings"], key=lambda f: (f["line"], f["column"], f["code"]))
    ]
    assert sorted((d["location"]["path"], d["code"]["value"]) for d in diagnostics) == sorted(
        expected
    )
    assert result["severity"] == "WARNING"  # the worst one: these letters have no errors
    assert all(d["code"]["url"] == DOCS.replace("{code}", d["code"]["value"]) for d in diagnostics)
    assert result["source"]["url"] == "https://voorbeeld.nl/regels/.html"


def test_rdjson_schema_check_can_fail():
    validator = jsonschema.Draft7Validator(RDJSON_SCHEMA)
    good = {"source": {"name": "lint-brieven"}, "diagnostics": []}
    assert validator.is_valid(good)
    bad = {
        "message": "x",
        "location": {"path": "a"},
        "severity": "warning",
        "code": {"value": "LB1"},
    }
    assert not validator.is_valid({**good, "diagnostics": [bad]})
    assert not validator.is_valid(
        {**good, "diagnostics": [{**bad, "severity": "WARNING", "extra": 1}]}
    )


@pytest.mark.parametrize(("path", "source"), [("brief.txt", TEXT), ("sjabloon.html.j2", TEMPLATE)])
def test_rdjson_ranges_are_utf8_byte_columns_of_the_flagged_words(letters, capsys, path, source):
    code, out = check(capsys, "rdjson", path)
    assert code == 1
    diagnostics = json.loads(out)["diagnostics"]
    reeds = next(d for d in diagnostics if "'reeds'" in d["message"])
    span = reeds["location"]["range"]
    assert byte_slice(source, span["start"], span["end"]) == "reeds"
    assert reeds["suggestions"] == [{"range": span, "text": "al"}]
    for d in diagnostics:  # every suggestion replaces exactly the finding's range
        for suggestion in d.get("suggestions", []):
            assert suggestion["range"] == d["location"]["range"]
    # 'café' comes first: the column counts one byte more than characters
    line = source.split("\n")[span["start"]["line"] - 1]
    assert span["start"]["column"] == line.index("reeds") + 2


def test_rdjson_docx_findings_name_the_paragraph_without_a_range(letters, capsys):
    code, out = check(capsys, "rdjson", "brief.docx")
    assert code == 1
    diagnostics = json.loads(out)["diagnostics"]
    assert diagnostics
    for d in diagnostics:
        assert d["location"] == {"path": "brief.docx"}
        assert re.match(r"Alinea \d+(-\d+)?, teken \d+: ", d["message"])
        assert "suggestions" not in d
    column = PARAGRAPHS[1].index("teneinde") + 1
    assert any(
        d["message"].startswith(f"Alinea 2, teken {column}: 'teneinde'") for d in diagnostics
    )


def test_rdjson_reports_an_unreadable_file_as_an_error(tmp_path, capsys):
    write(tmp_path, {"kapot.docx": b"geen zip", "brief.txt": TEXT})
    code, out = check(capsys, "rdjson", "kapot.docx", "brief.txt")
    assert code == 2
    result = json.loads(out)
    jsonschema.Draft7Validator(RDJSON_SCHEMA).validate(result)
    errors = [d for d in result["diagnostics"] if d["location"]["path"] == "kapot.docx"]
    assert [(d["severity"], d["code"]["value"]) for d in errors] == [
        ("ERROR", "lint-brieven-leesfout")
    ]
    assert result["severity"] == "ERROR"


# -- json-lines ---------------------------------------------------------------------------


def test_json_lines_is_the_json_findings_one_per_line(letters, capsys):
    files = json_files(capsys)
    code, out = check(capsys, "json-lines")
    assert code == 1
    assert out.endswith("\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == [
        {"path": path, **finding} for path in FILES for finding in files[path]["findings"]
    ]
    assert {line["path"] for line in lines} == set(FILES)


def test_json_lines_has_a_line_for_an_unreadable_file(tmp_path, capsys):
    write(tmp_path, {"kapot.docx": b"geen zip"})
    code, out = check(capsys, "json-lines", "kapot.docx")
    assert code == 2
    [line] = [json.loads(line) for line in out.splitlines()]
    assert line["path"] == "kapot.docx" and line["error"] and "code" not in line


# -- GitHub job summary -------------------------------------------------------------------


def table(markdown: str, heading: str) -> list[list[str]]:
    """The rows of the table under ``### heading`` (without its header and rule)."""
    part = markdown.split(f"### {heading}\n\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.strip("|").split(" | ") for line in part.splitlines()]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def test_github_summary_totals_per_file_and_rule_and_top_findings(letters, capsys):
    files = json_files(capsys)
    code, out = check(capsys, "github-summary")
    assert code == 1
    findings = [f for path in FILES for f in files[path]["findings"]]
    assert out.startswith("## lint-brieven\n")
    assert f"**{len(findings)} bevindingen** in 3 van 3 bestanden" in out
    per_file = {row[0]: row[1:] for row in table(out, "Per bestand")}
    for path in FILES:
        counts = [
            sum(f["severity"] == s for f in files[path]["findings"])
            for s in ("error", "warning", "info")
        ]
        assert per_file[path] == [str(n) for n in counts] + [str(len(files[path]["findings"]))]
    per_rule = {row[0]: int(row[2]) for row in table(out, "Per regel")}
    codes = {f["code"] for f in findings}
    assert per_rule == {
        f"[{c}]({DOCS.replace('{code}', c)})": sum(f["code"] == c for f in findings) for c in codes
    }
    top = table(out, "Belangrijkste bevindingen")
    assert len(top) == min(len(findings), 50)
    ranks = {"fout": 2, "waarschuwing": 1, "info": 0}
    assert [ranks[row[0]] for row in top] == sorted((ranks[row[0]] for row in top), reverse=True)
    docx_rows = [row for row in top if row[1] == "brief.docx"]
    assert docx_rows and all(
        re.fullmatch(r"alinea \d+(-\d+)?, teken \d+", row[2]) for row in docx_rows
    )
    text_rows = [row for row in top if row[1] == "brief.txt"]
    assert text_rows and all(re.fullmatch(r"regel \d+, kolom \d+", row[2]) for row in text_rows)


def test_github_summary_of_a_clean_run_and_of_a_read_error(tmp_path, capsys):
    write(tmp_path, {"kapot.docx": b"geen zip"})
    code, out = check(capsys, "github-summary", "kapot.docx")
    assert code == 2
    assert "Geen bevindingen in 1 bestand. **1 bestand kon niet worden gelezen.**" in out
    assert table(out, "Leesfouten")[0][0] == "kapot.docx"
    assert "### Per bestand" not in out


def test_github_summary_keeps_table_cells_whole(tmp_path, capsys):
    write(tmp_path, {"a|b.txt": TEXT})
    code, out = check(capsys, "github-summary", "a|b.txt")
    assert code == 1
    assert table(out, "Per bestand")[0][0] == "a\\|b.txt"

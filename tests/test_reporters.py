"""Tests for the machine-readable reporters: JSON, SARIF, GitHub, GitLab and JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import jsonschema
import pytest
from lintkit import sarif_schema

from lint_brieven.checks.rule import Rule
from lint_brieven.commands.explain import explanation
from lint_brieven.findings import FileReport, Finding, Severity, Suggestion
from lint_brieven.reporters import github, gitlab, json_format, junit, sarif
from lint_brieven.reporters.base import ReportContext

TEMPLATE = "brieven/huurverhoging.j2"
DOCX = "brieven/brief.docx"
BROKEN = "brieven/kapot.j2"
CLEAN = "brieven/leeg.j2"
READ_ERROR = "Sjabloon kan niet worden gelezen: onverwacht einde van blok"
LONG_MESSAGE = "Zin te lang: 31 woorden, max 25 (124%)\nKort de zin in."


def make_rule(code: str, name: str, severity: Severity, message: str) -> Rule:
    return Rule(
        code=code,
        name=name,
        category="woordkeus" if code.startswith("B1") else "zinsbouw",
        severity=severity,
        kind="swap" if code.startswith("B1") else "length",
        message=message,
        rationale=f"Uitleg bij {name}.",
        examples_flag=(),
        examples_pass=(),
        pack="basis",
        pack_path="rules/basis.yaml",
    )


RULES = {
    "B1001": make_rule(
        "B1001", "moeilijk-woord", Severity.WARNING, "'{match}' is moeilijk; gebruik '{suggestion}'"
    ),
    "B2001": make_rule("B2001", "lange-zin", Severity.ERROR, "Zin te lang"),
    "B3001": make_rule("B3001", "lijdende-vorm", Severity.INFO, "Lijdende vorm"),
}

MIDDELS = Finding(
    path=TEMPLATE,
    code="B1001",
    severity=Severity.WARNING,
    message="'middels' is moeilijk; gebruik één kort woord",
    line=3,
    column=5,
    end_line=3,
    end_column=12,
    text="middels",
    suggestions=(Suggestion("met", safe=True), Suggestion("door middel van", safe=False)),
    rule_name="moeilijk-woord",
)
LONG = Finding(
    path=TEMPLATE,
    code="B2001",
    severity=Severity.ERROR,
    message=LONG_MESSAGE,
    line=7,
    column=1,
    end_line=8,
    end_column=10,
    text="",
    rule_name="lange-zin",
    variant="b1",
)
TENEINDE = Finding(
    path=DOCX,
    code="B1001",
    severity=Severity.INFO,
    message="'teneinde' is moeilijk; gebruik 'om'",
    line=4,
    column=10,
    end_line=4,
    end_column=18,
    text="teneinde",
    suggestions=(Suggestion("om", safe=True),),
    rule_name="moeilijk-woord",
    paragraphs=True,
)


def make_reports() -> list[FileReport]:
    return [
        # Deliberately out of order: reporters sort findings by position.
        FileReport(path=TEMPLATE, findings=[LONG, MIDDELS]),
        FileReport(path=DOCX, findings=[TENEINDE], paragraphs=True),
        FileReport(path=BROKEN, error=READ_ERROR, error_line=12),
        FileReport(path=CLEAN, notices=["Leeg sjabloon"]),
    ]


@pytest.fixture
def reports() -> list[FileReport]:
    return make_reports()


@pytest.fixture
def ctx() -> ReportContext:
    return ReportContext(rules=RULES, version="9.8.7")


# --- JSON -------------------------------------------------------------------------------------


def test_json_round_trips_with_documented_shape(reports, ctx):
    text = json_format.render(reports, ctx)
    assert text.endswith("}\n")
    assert "één" in text  # ensure_ascii=False
    assert text.startswith('{\n  "version"')  # indent=2
    data = json.loads(text)
    assert data == json_format.to_dict(reports, ctx)
    assert list(data) == ["version", "files", "summary"]
    assert data["version"] == "9.8.7"
    assert [f["path"] for f in data["files"]] == [TEMPLATE, DOCX, BROKEN, CLEAN]


def test_json_findings_and_files(reports, ctx):
    files = json_format.to_dict(reports, ctx)["files"]
    template = files[0]
    assert list(template) == [
        "path",
        "error",
        "error_line",
        "notices",
        "findings",
        "readability",
    ]
    assert template["error"] is None
    assert template["error_line"] is None
    assert [f["code"] for f in template["findings"]] == ["B1001", "B2001"]
    assert template["findings"][0] == {
        "code": "B1001",
        "severity": "warning",
        "message": "'middels' is moeilijk; gebruik één kort woord",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 12,
        "text": "middels",
        "suggestions": [
            {"text": "met", "safe": True, "replaces": True},
            {"text": "door middel van", "safe": False, "replaces": True},
        ],
        "rule": "moeilijk-woord",
        "variant": None,
        "paragraphs": False,
    }
    assert template["findings"][1]["variant"] == "b1"
    assert template["findings"][1]["severity"] == "error"
    assert files[1]["findings"][0]["paragraphs"] is True
    assert files[2]["error"] == READ_ERROR
    assert files[2]["error_line"] == 12
    assert files[2]["findings"] == []
    assert files[3]["notices"] == ["Leeg sjabloon"]


def test_json_summary(reports, ctx):
    summary = json_format.to_dict(reports, ctx)["summary"]
    assert summary == {
        "files": 4,
        "findings": 3,
        "errors": 1,
        "by_severity": {"error": 1, "warning": 1, "info": 1},
    }


def test_json_rule_name_falls_back_to_rule_table(ctx):
    report = FileReport(path=TEMPLATE, findings=[replace(MIDDELS, rule_name="")])
    finding = json_format.to_dict([report], ctx)["files"][0]["findings"][0]
    assert finding["rule"] == "moeilijk-woord"


# --- SARIF ------------------------------------------------------------------------------------


def test_sarif_validates_against_official_schema(reports, ctx):
    log = json.loads(sarif.render(reports, ctx))
    validator = jsonschema.Draft7Validator(sarif_schema())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_schema_check_can_fail(reports, ctx):
    validator = jsonschema.Draft7Validator(sarif_schema())
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})
    assert not validator.is_valid({"version": "2.1.0", "runs": [], "extra": 1})
    log = sarif.to_dict(reports, ctx)
    log["runs"][0]["results"][0]["level"] = "warnung"
    assert not validator.is_valid(log)


def test_sarif_driver_and_rules(reports, ctx):
    driver = sarif.to_dict(reports, ctx)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "lint-brieven"
    assert driver["version"] == "9.8.7"
    assert "informationUri" not in driver  # no public home yet
    assert [r["id"] for r in driver["rules"]] == ["B1001", "B2001", "B3001"]
    first = driver["rules"][0]
    assert first == {
        "id": "B1001",
        "name": "moeilijk-woord",
        "shortDescription": {"text": "'…' is moeilijk; gebruik '…'"},
        "fullDescription": {"text": "Uitleg bij moeilijk-woord."},
        "help": {
            "text": explanation(RULES["B1001"]),
            "markdown": sarif.help_markdown(explanation(RULES["B1001"])),
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "woordkeus"},
    }
    levels = [r["defaultConfiguration"]["level"] for r in driver["rules"]]
    assert levels == ["warning", "error", "note"]


def test_sarif_results(reports, ctx):
    run = sarif.to_dict(reports, ctx)["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("B1001", 0, "warning"),
        ("B2001", 1, "error"),
        ("B1001", 0, "note"),
    ]
    middels = results[0]
    location = middels["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == TEMPLATE
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 12,
        "snippet": {"text": "middels"},
    }
    assert middels["message"]["text"] == MIDDELS.message
    assert middels["properties"]["suggestions"] == [
        {"text": "met", "safe": True, "replaces": True},
        {"text": "door middel van", "safe": False, "replaces": True},
    ]
    assert "paragraph" not in middels["properties"]
    assert "variant" not in middels["properties"]
    long = results[1]
    assert "snippet" not in long["locations"][0]["physicalLocation"]["region"]
    assert long["properties"]["variant"] == "b1"
    assert "fixes" not in long
    assert long["message"]["text"] == LONG_MESSAGE


def test_sarif_fixes_only_safe_suggestions(reports, ctx):
    middels = sarif.to_dict(reports, ctx)["runs"][0]["results"][0]
    assert middels["fixes"] == [
        {
            "description": {"text": "Vervang door 'met'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": TEMPLATE},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 3,
                                "startColumn": 5,
                                "endLine": 3,
                                "endColumn": 12,
                            },
                            "insertedContent": {"text": "met"},
                        }
                    ],
                }
            ],
        }
    ]


def test_sarif_docx_is_marked_as_paragraph_without_fixes(reports, ctx):
    teneinde = sarif.to_dict(reports, ctx)["runs"][0]["results"][2]
    assert teneinde["properties"]["paragraph"] is True
    assert teneinde["properties"]["suggestions"] == [{"text": "om", "safe": True, "replaces": True}]
    assert "fixes" not in teneinde
    region = teneinde["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 10)


def test_sarif_unreadable_file_is_a_notification(reports, ctx):
    invocation = sarif.to_dict(reports, ctx)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert errors == [
        {
            "level": "error",
            "message": {"text": READ_ERROR},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": BROKEN},
                        "region": {"startLine": 12},
                    }
                }
            ],
        }
    ]


def test_sarif_successful_without_errors(ctx):
    log = sarif.to_dict([FileReport(path=CLEAN)], ctx)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True}
    assert log["runs"][0]["results"] == []


def test_sarif_fingerprints_are_stable(reports, ctx):
    def prints(log: dict) -> list[str]:
        return [r["partialFingerprints"]["lintBrieven/v1"] for r in log["runs"][0]["results"]]

    first = prints(sarif.to_dict(reports, ctx))
    assert first == prints(sarif.to_dict(make_reports(), ctx))
    assert len(set(first)) == 3
    assert all(len(p) == 64 for p in first)
    # never the line or column: moved text keeps its fingerprint (lint_brieven/fingerprint.py)
    moved = [FileReport(path=TEMPLATE, findings=[replace(MIDDELS, line=4, end_line=4)])]
    assert prints(sarif.to_dict(moved, ctx)) == [first[0]]
    shifted = [FileReport(path=TEMPLATE, findings=[replace(MIDDELS, column=6)])]
    assert prints(sarif.to_dict(shifted, ctx)) == [first[0]]
    other = [FileReport(path=TEMPLATE, findings=[replace(MIDDELS, text="teneinde")])]
    assert prints(sarif.to_dict(other, ctx)) != [first[0]]


def test_sarif_unknown_code_gets_a_rule(ctx):
    finding = replace(MIDDELS, code="X9999", rule_name="onbekend")
    run = sarif.to_dict([FileReport(path=TEMPLATE, findings=[finding])], ctx)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "X9999"
    assert run["results"][0]["ruleIndex"] == len(rules) - 1


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("brieven/huur brief.j2", "brieven/huur%20brief.j2"),
        ("brieven\\brief.docx", "brieven/brief.docx"),
        ("a:b/brief.j2", "a%3Ab/brief.j2"),
        ("/tmp/huur brief.j2", "file:///tmp/huur%20brief.j2"),
        ("C:\\brieven\\brief.j2", "file:///C:/brieven/brief.j2"),
    ],
)
def test_sarif_artifact_uri(path, uri):
    assert sarif.artifact_uri(path) == uri


# --- GitHub -----------------------------------------------------------------------------------


def test_github_lines(reports, ctx):
    assert github.render(reports, ctx).splitlines() == [
        "::warning file=brieven/huurverhoging.j2,line=3,col=5,endLine=3,endColumn=12,"
        "title=B1001 moeilijk-woord::'middels' is moeilijk; gebruik één kort woord",
        "::error file=brieven/huurverhoging.j2,line=7,col=1,endLine=8,endColumn=10,"
        "title=B2001 lange-zin::Zin te lang: 31 woorden, max 25 (124%25)%0AKort de zin in.",
        "::notice file=brieven/brief.docx,title=B1001 moeilijk-woord::"
        "Alinea 4, teken 10: 'teneinde' is moeilijk; gebruik 'om'",
        "::error file=brieven/kapot.j2,line=12::" + READ_ERROR,
    ]


def test_github_escapes_properties(ctx):
    finding = replace(MIDDELS, path="map,a/b:c%.j2", rule_name="naam: x,y", message="a\r\nb")
    assert github.render([FileReport(path=finding.path, findings=[finding])], ctx) == (
        "::warning file=map%2Ca/b%3Ac%25.j2,line=3,col=5,endLine=3,endColumn=12,"
        "title=B1001 naam%3A x%2Cy::a%0D%0Ab\n"
    )


def test_github_error_without_line(ctx):
    report = FileReport(path=BROKEN, error="Kan bestand niet openen")
    assert (
        github.render([report], ctx) == "::error file=brieven/kapot.j2::Kan bestand niet openen\n"
    )


def test_github_empty_output(ctx):
    assert github.render([FileReport(path=CLEAN)], ctx) == ""


# --- GitLab -----------------------------------------------------------------------------------


def test_gitlab_issues(reports, ctx):
    issues = json.loads(gitlab.render(reports, ctx))
    assert isinstance(issues, list)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("B1001", "minor"),
        ("B2001", "major"),
        ("B1001", "info"),
        ("lint-brieven-leesfout", "blocker"),
    ]
    assert issues[0]["description"] == "B1001: 'middels' is moeilijk; gebruik één kort woord"
    assert issues[0]["location"] == {"path": TEMPLATE, "lines": {"begin": 3, "end": 3}}
    assert issues[1]["location"]["lines"] == {"begin": 7, "end": 8}
    assert issues[3]["description"] == READ_ERROR
    assert issues[3]["location"] == {"path": BROKEN, "lines": {"begin": 12, "end": 12}}


def test_gitlab_fingerprints_are_stable(reports, ctx):
    first = [i["fingerprint"] for i in gitlab.to_list(reports)]
    assert first == [i["fingerprint"] for i in gitlab.to_list(make_reports())]
    assert len(set(first)) == 4
    assert all(len(p) == 64 and int(p, 16) >= 0 for p in first[:3])  # findings
    assert len(first[3]) == 32  # the unreadable file: path and line (no words to go by)
    # the same fingerprints as SARIF's (lint_brieven/fingerprint.py), never from the line
    sarif_results = sarif.to_dict(reports, ctx)["runs"][0]["results"]
    assert first[:3] == [r["partialFingerprints"]["lintBrieven/v1"] for r in sarif_results]
    moved = [FileReport(path=TEMPLATE, findings=[replace(MIDDELS, line=4, end_line=4)])]
    assert gitlab.to_list(moved)[0]["fingerprint"] == first[0]
    other = [FileReport(path=TEMPLATE, findings=[replace(MIDDELS, text="teneinde")])]
    assert gitlab.to_list(other)[0]["fingerprint"] != first[0]
    same = [FileReport(path=TEMPLATE, findings=[MIDDELS])]
    assert gitlab.to_list(same)[0]["fingerprint"] == first[0]


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_counts_and_structure(reports, ctx):
    text = junit.render(reports, ctx)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "lint-brieven", "tests": "5", "failures": "3", "errors": "1"}
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [TEMPLATE, DOCX, BROKEN, CLEAN]
    assert [(s.get("tests"), s.get("failures"), s.get("errors")) for s in suites] == [
        ("2", "2", "0"),
        ("1", "1", "0"),
        ("1", "0", "1"),
        ("1", "0", "0"),
    ]
    assert [c.get("name") for c in suites[0].findall("testcase")] == ["B1001 3:5", "B2001 7:1"]


def test_junit_failure_details(reports, ctx):
    root = ET.fromstring(junit.render(reports, ctx).encode("utf-8"))
    suites = root.findall("testsuite")
    case = suites[0].find("testcase")
    assert case.get("classname") == TEMPLATE
    failure = case.find("failure")
    assert failure.get("message") == MIDDELS.message
    assert failure.get("type") == "B1001"
    assert failure.text == (
        "brieven/huurverhoging.j2:3:5\n"
        "Tekst: middels\n"
        "Suggestie: met (veilig)\n"
        "Suggestie: door middel van"
    )
    long_failure = suites[0].findall("testcase")[1].find("failure")
    assert long_failure.get("message") == LONG_MESSAGE
    docx_failure = suites[1].find("testcase/failure")
    assert docx_failure.text.splitlines()[0] == "brieven/brief.docx, alinea 4, teken 10"


def test_junit_error_and_clean_cases(reports, ctx):
    root = ET.fromstring(junit.render(reports, ctx).encode("utf-8"))
    suites = root.findall("testsuite")
    broken = suites[2].findall("testcase")
    assert len(broken) == 1
    error = broken[0].find("error")
    assert error.get("message") == READ_ERROR
    assert error.text == "brieven/kapot.j2:12"
    clean = suites[3].findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in clean] == [(CLEAN, "geen bevindingen")]
    assert list(clean[0]) == []


def test_junit_strips_characters_xml_cannot_hold(ctx):
    finding = replace(MIDDELS, text="mid\x0bdels", message="fout\x01")
    text = junit.render([FileReport(path=TEMPLATE, findings=[finding])], ctx)
    failure = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == "fout\ufffd"
    assert "Tekst: mid\ufffddels" in failure.text


# --- All formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [json_format, sarif, github, gitlab, junit])
def test_every_format_ends_with_newline(module, reports, ctx):
    text = module.render(reports, ctx)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")

"""Configuration: discovery upward, keys, clear errors, selection, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintkit import write

from lint_brieven.config import (
    Config,
    ConfigError,
    Overrides,
    config_in,
    find_config_file,
    load_config,
    parse_config,
    selected_codes,
    severity_for,
    unknown_selectors,
)
from lint_brieven.findings import Severity

CODES = ["LB001", "LB002", "LB101", "LB102", "LB201", "LB202", "LB301"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    find_config_file.cache_clear()
    load_config.cache_clear()
    yield
    find_config_file.cache_clear()
    load_config.cache_clear()


def test_found_upward_and_nearest_wins(tmp_path):
    write(
        tmp_path,
        {
            "pyproject.toml": '[tool.lint-brieven]\nignore = ["LB201"]\n',
            "a/b/brief.txt": "x",
            "a/lint-brieven.toml": 'ignore = ["LB101"]\n',
        },
    )
    assert config_in(tmp_path / "a" / "b").ignore == ("LB101",)
    assert config_in(tmp_path).ignore == ("LB201",)


def test_dot_file_beats_plain_file_beats_pyproject(tmp_path):
    write(
        tmp_path,
        {
            ".lint-brieven.toml": 'ignore = ["LB001"]\n',
            "lint-brieven.toml": 'ignore = ["LB002"]\n',
            "pyproject.toml": '[tool.lint-brieven]\nignore = ["LB101"]\n',
        },
    )
    assert config_in(tmp_path).ignore == ("LB001",)


def test_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n", "sub/x.txt": "x"})
    assert find_config_file((tmp_path / "sub").resolve()) != tmp_path / "pyproject.toml"


def test_all_keys_parse(tmp_path):
    data = {
        "select": ["LB1", "LB201"],
        "extend-select": ["LB301"],
        "ignore": ["lb102"],
        "per-file-ignores": {"oud/*": ["LB201"]},
        "severity": {"LB2": "info", "LB201": "error"},
        "fail-on": "error",
        "include": ["brieven/**"],
        "exclude": ["archief"],
        "partials": ["gedeeld/*"],
        "rule-packs": ["regels"],
        "template-paths": ["sjablonen"],
        "template-extensions": ["tpl"],
        "max-variants": 10,
        "accept": ["Servicekosten"],
        "reject": {"mutatie": "verhuizing"},
        "organisatie": {
            "naam": "De Linde",
            "telefoon": "030 123 45 67",
            "iban": "NL12 BANK 0123 4567 89",
        },
        "servicetermijnen": {"reparatie": " binnen 5 werkdagen "},
    }
    c = parse_config(data, tmp_path / "lint-brieven.toml", tmp_path)
    assert c.ignore == ("LB102",)
    assert c.fail_on is Severity.ERROR
    assert c.rule_packs == (tmp_path / "regels",)
    assert c.read_options.template_suffixes[-1] == ".tpl"
    assert c.read_options.max_variants == 10
    assert c.accept == {"servicekosten"}
    assert severity_for(c, "LB201", Severity.WARNING) is Severity.ERROR  # longest prefix
    assert severity_for(c, "LB202", Severity.WARNING) is Severity.INFO
    assert severity_for(c, "LB101", Severity.WARNING) is Severity.WARNING
    assert c.organisation["telefoon"] == "030 123 45 67"
    assert c.organisation["iban"] == "NL12 BANK 0123 4567 89"
    assert c.service_terms == {"reparatie": "binnen 5 werkdagen"}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"selekt": ["LB1"]}, "onbekende instelling 'selekt'. Bedoelt u 'select'?"),
        ({"fail-on": "fout"}, "'fail-on' moet 'error', 'warning' of 'info' zijn"),
        ({"select": "LB1"}, "'select' moet een lijst met teksten zijn"),
        ({"max-variants": 0}, "'max-variants' moet een heel getal groter dan 0 zijn"),
        ({"severity": {"LB101": "hoog"}}, "'severity.LB101'"),
        ({"organisatie": {"fax": "1"}}, "onbekende instelling 'organisatie.fax'"),
        ({"reject": 5}, "'reject' moet"),
        ({"servicetermijnen": {"reparatie": 5}}, "'servicetermijnen' moet een tabel"),
        ({"per-file-ignores": {"x": "LB1"}}, "'per-file-ignores' moet"),
    ],
)
def test_bad_values_are_dutch_errors_naming_the_file(tmp_path, data, words):
    with pytest.raises(ConfigError) as exc:
        parse_config(data, tmp_path / "lint-brieven.toml", tmp_path)
    assert words in str(exc.value)
    assert "lint-brieven.toml" in str(exc.value)


def test_invalid_toml_names_file(tmp_path):
    write(tmp_path, {"lint-brieven.toml": "select = [\n"})
    with pytest.raises(ConfigError, match="ongeldige TOML"):
        load_config(tmp_path / "lint-brieven.toml")


def test_selection_select_extend_ignore_per_file(tmp_path):
    c = Config(
        root=tmp_path,
        select=("LB1",),
        extend_select=("LB301",),
        ignore=("LB102",),
        per_file_ignores={"oud/*": ("LB101",)},
    )
    assert selected_codes(c, CODES, tmp_path / "nieuw" / "a.txt") == {"LB101", "LB301"}
    assert selected_codes(c, CODES, tmp_path / "oud" / "a.txt") == {"LB301"}
    assert selected_codes(Config(), CODES, Path("a.txt")) == set(CODES)


def test_unknown_selectors_are_reported():
    c = Config(select=("LB1", "LB999"), ignore=("XX",))
    assert unknown_selectors(c, CODES) == ["LB999", "XX"]


def test_command_line_overrides_file(tmp_path):
    c = parse_config({"select": ["LB1"], "fail-on": "info"}, None, tmp_path)
    o = Overrides(select=("LB2",), fail_on=Severity.ERROR).apply(c)
    assert o.select == ("LB2",) and o.fail_on is Severity.ERROR


def test_include_exclude_and_partials(tmp_path):
    c = Config(
        root=tmp_path, include=("brieven/*",), exclude=("concept*",), partials=("gedeeld/*",)
    )
    assert c.is_included(tmp_path / "brieven" / "a.txt")
    assert not c.is_included(tmp_path / "anders" / "a.txt")
    assert c.is_excluded(tmp_path / "brieven" / "concept-a.txt")
    assert c.is_excluded(tmp_path / "node_modules", folder=True)
    assert c.is_partial(tmp_path / "gedeeld" / "kop.html.j2")
    assert c.is_partial(tmp_path / "brieven" / "_voet.html.j2")
    assert not c.is_partial(tmp_path / "brieven" / "a.html.j2")


def test_repository_documentation_is_not_a_letter(tmp_path):
    c = Config(root=tmp_path)
    assert c.is_excluded(tmp_path / "README.md")
    assert not c.is_excluded(tmp_path / "brieven" / "welkom.md")

"""``lint-brieven config [PAD]``: the resolved configuration for a file or folder, through the
command line, as text (Dutch labels) and JSON (English keys)."""

from __future__ import annotations

import json

import pytest
from lintkit import write
from test_startup import HEAVY, _modules_after

from lint_brieven.cli import main

CONFIG = """\
[tool.lint-brieven]
ignore = ["LB1"]
fail-on = "error"
partials = ["stukken/**"]

[tool.lint-brieven.per-file-ignores]
"brieven/*.txt" = ["LB201"]

[tool.lint-brieven.per-file-soort]
"web/*.md" = "webtekst"
"""


def _json(capsys, *argv: str) -> dict:
    assert main(["config", *argv, "--output-format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _default_codes(capsys) -> list[str]:
    assert main(["rules", "--output-format", "json"]) == 0
    return sorted(r["code"] for r in json.loads(capsys.readouterr().out) if r["default"])


def test_without_configuration_everything_is_default(in_tmp, tmp_path, capsys):
    shown = _json(capsys)
    assert shown["config_file"] is None
    assert shown["folder"] is True
    assert {s["source"] for s in shown["settings"].values()} == {"default"}
    assert shown["settings"]["fail-on"]["value"] == "warning"
    assert shown["settings"]["max-variants"]["value"] == 64
    assert shown["selected_rules"] == _default_codes(capsys)


def test_file_shows_where_each_value_comes_from_and_per_file_settings(in_tmp, tmp_path, capsys):
    write(tmp_path, {"pyproject.toml": CONFIG, "brieven/a.txt": "Beste huurder,\n"})
    shown = _json(capsys, "brieven/a.txt", "--select", "LB2")
    assert shown["config_file"] == str(tmp_path / "pyproject.toml")
    settings = shown["settings"]
    assert settings["select"] == {"value": ["LB2"], "source": "command-line"}
    assert settings["ignore"] == {"value": ["LB1"], "source": "config"}
    assert settings["fail-on"] == {"value": "error", "source": "config"}
    assert settings["per-file-ignores"]["value"] == {"brieven/*.txt": ["LB201"]}
    assert settings["respect-gitignore"] == {"value": True, "source": "default"}
    assert shown["file"]["ignored"] == ["LB201"]
    assert shown["file"]["partial"] is False
    codes = shown["selected_rules"]
    assert codes and all(c.startswith("LB2") for c in codes)
    assert "LB201" not in codes


def test_per_file_settings_differ_by_file(in_tmp, tmp_path, capsys):
    write(
        tmp_path,
        {
            "pyproject.toml": CONFIG,
            "web/pagina.md": "Welkom.\n",
            "stukken/kop.html.j2": "Beste {{ naam }},\n",
            "brieven/a.txt": "Beste huurder,\n",
        },
    )
    web = _json(capsys, "web/pagina.md")["file"]
    piece = _json(capsys, "stukken/kop.html.j2")["file"]
    letter = _json(capsys, "brieven/a.txt")["file"]
    assert web["soort"] == "webtekst" and web["ignored"] == []
    assert piece["partial"] is True and piece["soort"] == "fragment"
    assert letter["soort"] is None and letter["partial"] is False


def test_text_output_has_dutch_labels(in_tmp, tmp_path, capsys):
    write(tmp_path, {"pyproject.toml": CONFIG, "brieven/a.txt": "Beste huurder,\n"})
    assert main(["config", "brieven/a.txt", "--fail-on", "info"]) == 0
    out = capsys.readouterr().out
    assert f"Configuratiebestand: {tmp_path / 'pyproject.toml'}" in out
    assert 'fail-on              "info"  (opdrachtregel)' in out
    assert 'ignore               ["LB1"]  (configuratiebestand)' in out
    assert "(standaard)" in out
    assert "Voor dit bestand:" in out
    assert "per-file-ignores               LB201" in out
    assert "Geselecteerde regels (" in out


def test_nearest_file_and_explicit_config(in_tmp, tmp_path, capsys):
    write(
        tmp_path,
        {
            "pyproject.toml": CONFIG,
            "sub/lint-brieven.toml": 'select = ["LB3"]\n',
            "ander.toml": 'extend-select = ["ALL"]\n',
        },
    )
    assert _json(capsys, "sub")["config_file"] == str(tmp_path / "sub" / "lint-brieven.toml")
    explicit = _json(capsys, "sub", "--config", "ander.toml")
    assert explicit["config_file"] == "ander.toml"
    assert explicit["settings"]["extend-select"] == {"value": ["ALL"], "source": "config"}
    assert explicit["selected_rules"] == sorted(json.loads(_rules_json(capsys)))  # ALL


def _rules_json(capsys) -> str:
    assert main(["rules", "--output-format", "json"]) == 0
    return json.dumps([r["code"] for r in json.loads(capsys.readouterr().out)])


def test_bad_toml_is_a_dutch_error_with_file_and_line(in_tmp, tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": 'select = ["LB1"]\nfail-on =\n'})
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'lint-brieven.toml'}:2: ongeldige TOML (regel 2, kolom" in err
    assert "Traceback" not in err


def test_bad_value_and_unknown_code_are_dutch_errors(in_tmp, tmp_path, capsys):
    write(tmp_path, {"lint-brieven.toml": 'fail-on = "soms"\n'})
    assert main(["config"]) == 2
    assert "'fail-on' moet 'error', 'warning' of 'info' zijn" in capsys.readouterr().err
    write(tmp_path, {"lint-brieven.toml": 'select = ["LB999"]\n'})
    from lint_brieven.config import find_config_file, load_config

    find_config_file.cache_clear()
    load_config.cache_clear()
    assert main(["config"]) == 2
    assert "onbekende regelcode(s): LB999" in capsys.readouterr().err


def test_missing_path_is_an_error(in_tmp, tmp_path, capsys):
    assert main(["config", "bestaat-niet.txt"]) == 2
    assert "bestaat-niet.txt: bestand of map bestaat niet." in capsys.readouterr().err


def test_config_help_imports_nothing_heavy():
    modules, done = _modules_after("from lint_brieven.cli import main\nmain(['config', '--help'])")
    assert "--output-format" in done.stdout
    assert sorted(m for m in HEAVY if m in modules) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('select = ["LB1"]\n\nfail-on = "soms"\n', "'fail-on' moet 'error', 'warning' of 'info'"),
        ('select = ["LB1"]\nselekt = ["LB2"]\n', "onbekende instelling 'selekt'. Bedoelt u"),
        ('[severity]\nLB1 = "error"\nLB101 = "hoog"\n', "'severity.LB101' moet"),
    ],
)
def test_bad_value_names_the_line(in_tmp, tmp_path, capsys, text, shown):
    write(tmp_path, {"lint-brieven.toml": text})
    line = len(text.splitlines())
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert shown in err and f"Zie regel {line}." in err


def test_bad_value_in_pyproject_names_the_line_in_our_section(in_tmp, tmp_path, capsys):
    write(
        tmp_path,
        {"pyproject.toml": '[tool.ruff]\nignore = ["E1"]\n\n[tool.lint-brieven]\nignore = "LB1"\n'},
    )
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml: 'ignore' moet een lijst met teksten zijn. Zie regel 5." in err

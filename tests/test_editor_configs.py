"""The Neovim and Helix set-ups in editors/ (the README shows them): they start
`lint-brieven server` with settings the server takes, for the letters' file types; Neovim's own
LSP client, given editors/neovim/lsp/lint_brieven.lua, gets the findings `check` reports."""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from lint_brieven.server.settings import SECTION, Settings

REPO = Path(__file__).resolve().parent.parent
HELIX = REPO / "editors" / "helix" / "languages.toml"
NEOVIM = REPO / "editors" / "neovim" / "lsp" / "lint_brieven.lua"
NEOVIM_HARNESS = REPO / "editors" / "neovim" / "test" / "attach.lua"
TEMPLATE = REPO / "corpus" / "sjablonen" / "voor" / "02-huurcontract.html.j2"
BIN = Path(sys.executable).parent  # this checkout's `lint-brieven`


def _server_keys() -> set[str]:
    return {
        "".join(part if i == 0 else part.title() for i, part in enumerate(field.name.split("_")))
        for field in dataclasses.fields(Settings)
    }


def _taken(values: dict) -> None:
    """Every setting of the server, each with a value it takes."""
    assert set(values) == _server_keys()
    assert Settings().updated({SECTION: values})[1] == []


def test_helix_starts_the_server_for_templates_html_markdown_and_text():
    config = tomllib.loads(HELIX.read_text(encoding="utf-8"))
    server = config["language-server"]["lint-brieven"]
    assert (server["command"], server["args"]) == ("lint-brieven", ["server"])
    _taken(server["config"])  # Helix sends `config` as initializationOptions
    languages = {language["name"]: language for language in config["language"]}
    assert set(languages) == {"jinja", "html", "markdown", "text"}
    for language in languages.values():
        assert "lint-brieven" in language["language-servers"]
    assert languages["text"]["file-types"] == ["txt"] and languages["text"]["scope"]


def test_neovim_config_gets_the_findings_check_reports(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim ontbreekt (.ci/run installeert het Debian-pakket neovim)")
    out = tmp_path / "nvim.json"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        "LB_CONFIG": str(NEOVIM),
        "LB_LETTER": str(TEMPLATE),
        "LB_OUT": str(out),
        "HOME": str(tmp_path),  # no user configuration, no shada in the real home
    }
    done = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {NEOVIM_HARNESS}"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["filetype"] in got["filetypes"]  # a *.j2 template is a `jinja` buffer
    assert got["root"] == str(REPO / "corpus")  # root_markers: corpus/lint-brieven.toml
    assert got["published"] and got["stopped"]
    assert "lint-brieven.checkWorkspace" in got["commands"]
    assert {diagnostic["source"] for diagnostic in got["diagnostics"]} == {"lint-brieven"}

    checked = subprocess.run(
        [str(BIN / "lint-brieven"), "check", str(TEMPLATE), "--output-format", "json"],
        cwd=REPO / "corpus",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(checked.stdout)
    (letter,) = [entry for entry in report["files"] if Path(entry["path"]).name == TEMPLATE.name]
    expected = collections.Counter((f["code"], f["line"] - 1) for f in letter["findings"])
    assert expected  # the template before the rewrite has findings
    assert collections.Counter((d["code"], d["lnum"]) for d in got["diagnostics"]) == expected


def test_neovim_config_is_the_servers_command_and_settings(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim ontbreekt (.ci/run installeert het Debian-pakket neovim)")
    out = tmp_path / "config.json"
    lua = (
        f"local f = io.open('{out}', 'w') f:write(vim.fn.json_encode(dofile('{NEOVIM}'))) f:close()"
    )
    done = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"lua {lua}", "-c", "qall!"],
        env={**os.environ, "HOME": str(tmp_path)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    config = json.loads(out.read_text(encoding="utf-8"))
    assert config["cmd"] == ["lint-brieven", "server"]
    assert config["filetypes"] == ["jinja", "html", "markdown", "text"]
    assert config["root_markers"] == ["lint-brieven.toml", "pyproject.toml", ".git"]
    _taken(config["init_options"])

"""The VS Code extension (editors/vscode): installed with `npm ci` and packaged with vsce as a
release is, in a copy of the folder (the checkout gets no node_modules), then its activate() run
under node with a stub of the `vscode` module (editors/vscode/test/activate.js) that records
what the extension hands vscode-languageclient: the server command, the documents, the settings."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lint_brieven.server.settings import MAX_DEBOUNCE_MS, READABILITY_MODES, SECTION, Settings

REPO = Path(__file__).resolve().parent.parent
EXTENSION = REPO / "editors" / "vscode"
MANIFEST = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
# Settings the extension itself reads (not sent to the server).
EXTENSION_ONLY = {f"{SECTION}.path", f"{SECTION}.trace.server"}
CHECK_WORKSPACE = "lint-brieven.checkWorkspace"  # the server's workspace/executeCommand
LETTER_LANGUAGES = {"jinja-html", "jinja", "html", "markdown", "plaintext"}

pytestmark = pytest.mark.slow


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} ontbreekt: installeer de Debian-pakketten nodejs en npm (zie .ci/run)"
    return found


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(the installed copy of editors/vscode, the .vsix vsce made of it)."""
    npm = _tool("npm")
    copy = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    env = {**os.environ, "npm_config_update_notifier": "false"}
    _run([npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"], copy, env)
    vsix = copy.parent / f"lint-brieven-{MANIFEST['version']}.vsix"
    _run([npm, "exec", "--no", "--", "vsce", "package", "--out", str(vsix)], copy, env)
    return copy, vsix


@pytest.fixture(scope="module")
def packaged(built) -> tuple[set[str], dict]:
    """The .vsix's file names and its extension/package.json."""
    with zipfile.ZipFile(built[1]) as vsix:
        names = set(vsix.namelist())
        return names, json.loads(vsix.read("extension/package.json"))


def _activate(built, tmp_path: Path, scenario: dict, path_dirs: list[Path] = ()) -> dict:
    """Runs activate() (and the scenario's steps) under node; what the extension did."""
    scenario_file = tmp_path / "scenario.json"
    scenario_file.write_text(json.dumps(scenario), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": os.pathsep.join([*map(str, path_dirs), os.environ.get("PATH", "")]),
    }
    out = _run([_tool("node"), "test/activate.js", str(scenario_file)], built[0], env)
    return json.loads(out)


def _fake_server(folder: Path) -> Path:
    """An executable named lint-brieven (the extension only looks it up; nothing runs it)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "lint-brieven"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_the_vsix_holds_the_extension_and_its_runtime_dependencies(packaged):
    names, manifest = packaged
    main = os.path.normpath(manifest["main"])
    assert f"extension/{main}" in names
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert "extension/node_modules/which/package.json" in names
    assert {"extension/LICENSE.txt", "extension/readme.md", "extension.vsixmanifest"} <= names
    assert not [name for name in names if name.startswith("extension/test/")]  # .vscodeignore
    assert not [name for name in names if "/node_modules/@vscode/vsce" in name]  # a devDependency
    assert manifest["license"] == "EUPL-1.2" and manifest["publisher"] and manifest["repository"]


def test_the_contributed_settings_are_the_servers_settings(packaged):
    _, manifest = packaged
    properties = manifest["contributes"]["configuration"]["properties"]
    defaults = Settings()
    fields = {
        f"{SECTION}.{_camel(field.name)}": field.name for field in dataclasses.fields(Settings)
    }
    assert set(properties) == set(fields) | EXTENSION_ONLY
    for key, name in fields.items():
        assert properties[key]["default"] == getattr(defaults, name)
        assert properties[key]["description"]
    readability = properties[f"{SECTION}.readability"]
    assert readability["enum"] == list(READABILITY_MODES)
    assert len(readability["enumDescriptions"]) == len(READABILITY_MODES)
    for mode in readability["enum"]:  # every choice VS Code offers, the server takes
        assert defaults.updated({SECTION: {"readability": mode}}) == (
            Settings(readability=mode),
            [],
        )
    debounce = properties[f"{SECTION}.debounceMs"]
    assert debounce["type"] == "integer"
    assert (debounce["minimum"], debounce["maximum"]) == (0, MAX_DEBOUNCE_MS)
    assert properties[f"{SECTION}.path"]["default"] == "lint-brieven"
    assert properties[f"{SECTION}.trace.server"]["enum"] == ["off", "messages", "verbose"]
    commands = {command["command"] for command in manifest["contributes"]["commands"]}
    assert commands == {f"{SECTION}.checkWorkspace"}


def test_activate_starts_lint_brieven_server_for_letters(built, tmp_path):
    program = _fake_server(tmp_path / "bin")
    done = _activate(
        built, tmp_path, {"settings": {}, "steps": ["checkWorkspace"]}, [program.parent]
    )
    (client,) = done["clients"]
    assert client["id"] == SECTION  # vscode-languageclient reads `<id>.trace.server`
    assert client["serverOptions"] == {"command": str(program), "args": ["server"]}  # stdio
    options = client["clientOptions"]
    defaults = Settings()
    assert options["initializationOptions"] == {
        _camel(field.name): getattr(defaults, field.name) for field in dataclasses.fields(Settings)
    }
    assert options["synchronize"] == {"configurationSection": SECTION}
    selector = options["documentSelector"]
    for scheme in ("file", "untitled"):
        languages = {entry.get("language") for entry in selector if entry["scheme"] == scheme}
        assert languages >= LETTER_LANGUAGES
    assert {"scheme": "file", "pattern": "**/*.{j2,html,md,txt}"} in selector
    assert client["hasErrorHandler"]
    assert done["commands"] == [f"{SECTION}.checkWorkspace"]
    assert done["requests"] == [
        {
            "method": "workspace/executeCommand",
            "params": {"command": CHECK_WORKSPACE, "arguments": []},
        }
    ]
    assert done["errors"] == [] and done["stopped"] == 1  # deactivate() stops the client


def test_path_setting_relative_to_the_workspace_and_server_settings_passed(built, tmp_path):
    folder = tmp_path / "brieven"
    program = _fake_server(folder / ".venv" / "bin")
    settings = {"path": ".venv/bin/lint-brieven", "readability": "diagnostic", "debounceMs": 50}
    done = _activate(built, tmp_path, {"settings": settings, "workspaceFolder": str(folder)})
    (client,) = done["clients"]
    assert client["serverOptions"]["command"] == str(program)
    assert client["clientOptions"]["initializationOptions"] == {
        "readability": "diagnostic",
        "debounceMs": 50,
    }


def test_changing_the_path_restarts_the_server(built, tmp_path):
    first = _fake_server(tmp_path / "bin")
    second = _fake_server(tmp_path / "andere")
    scenario = {"settings": {}, "steps": ["changePath"], "newPath": str(second)}
    done = _activate(built, tmp_path, scenario, [first.parent])
    commands = [client["serverOptions"]["command"] for client in done["clients"]]
    assert commands == [str(first), str(second)]
    assert done["stopped"] == 2  # the first when the path changed, the second at deactivate()


def test_a_missing_server_gives_a_dutch_message_with_how_to_install(built, tmp_path):
    scenario = {"settings": {"path": "lint-brieven-nergens"}, "answer": "Instelling openen"}
    done = _activate(built, tmp_path, scenario)
    assert done["clients"] == []
    (error,) = done["errors"]
    assert '"lint-brieven-nergens"' in error["message"] and "niet gevonden" in error["message"]
    assert "Installeer lint-brieven" in error["message"] and "lintBrieven.path" in error["message"]
    assert error["items"] == ["Instelling openen", "Opnieuw proberen"]
    assert done["executed"] == [
        {"id": "workbench.action.openSettings", "args": [f"{SECTION}.path"]}
    ]


def test_a_server_that_fails_to_start_gives_a_dutch_message(built, tmp_path):
    program = _fake_server(tmp_path / "bin")
    reason = "Launching server using command lint-brieven failed."
    done = _activate(built, tmp_path, {"settings": {}, "startError": reason}, [program.parent])
    (error,) = done["errors"]
    assert error["message"].startswith("lint-brieven: de server kon niet starten")
    assert reason in error["message"] and "lintBrieven.path" in error["message"]


def test_a_crashing_server_is_restarted_four_times_then_left_with_a_dutch_message(built, tmp_path):
    program = _fake_server(tmp_path / "bin")
    done = _activate(built, tmp_path, {"settings": {}, "steps": ["crash"]}, [program.parent])
    actions = [closed["action"] for closed in done["closed"]]
    assert actions == ["restart"] * 4 + ["stop"] * 2
    assert "niet opnieuw gestart" in done["closed"][4]["message"]


def test_the_real_server_takes_the_extensions_command_and_settings(built, tmp_path):
    """`lint-brieven server` as the extension starts it: initialize with its initializationOptions,
    the command it sends is one the server offers, the synchronised section is taken."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    program = Path(sys.executable).with_name("lint-brieven")
    settings = {"readability": "off", "debounceMs": 100}
    done = _activate(built, tmp_path, {"settings": {**settings, "path": str(program)}})
    (client,) = done["clients"]
    server = client["serverOptions"]

    async def session() -> list[str]:
        lsp = LanguageClient("vscode-stub", "0")
        shown: list[types.ShowMessageParams] = []

        @lsp.feature(types.WINDOW_SHOW_MESSAGE)
        def show_message(params: types.ShowMessageParams) -> None:
            shown.append(params)

        await lsp.start_io(server["command"], *server["args"], cwd=str(tmp_path))
        try:
            result = await asyncio.wait_for(
                lsp.initialize_async(
                    types.InitializeParams(
                        capabilities=types.ClientCapabilities(),
                        root_uri=tmp_path.as_uri(),
                        initialization_options=client["clientOptions"]["initializationOptions"],
                    )
                ),
                timeout=120,
            )
            lsp.initialized(types.InitializedParams())
            lsp.workspace_did_change_configuration(
                types.DidChangeConfigurationParams(
                    settings={SECTION: {"readability": "inlay", "debounceMs": 200}}
                )
            )
            commands = result.capabilities.execute_command_provider.commands
            await asyncio.wait_for(lsp.shutdown_async(None), timeout=60)
            lsp.exit(None)
        finally:
            await lsp.stop()
        assert [
            message.message for message in shown if message.type == types.MessageType.Error
        ] == []
        return commands

    assert CHECK_WORKSPACE in asyncio.run(session())

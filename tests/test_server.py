"""``lint-brieven server`` end to end: an LSP client (pytest-lsp) starts
``python -m lint_brieven server`` and drives it over stdio as an editor does.

One server for the module (starting one loads the Dutch pipeline); tests that need a server
of their own (another position encoding, shutting down) start one.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from test_rule_packs import GOOD as PACK  # a rule pack of one's own (LB901)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "corpus" / "sjablonen" / "voor" / "02-huurcontract.html.j2"
SERVER = [sys.executable, "-m", "lint_brieven", "server"]
WAIT = 120  # seconds: the first check loads the Dutch pipeline on a loaded machine

pytestmark = pytest.mark.asyncio(loop_scope="module")

LETTER = """\
# Uw reparatieverzoek

Beste mevrouw De Vries,

Wij hebben uw verzoek middels dit formulier ontvangen. Wij komen middels een afspraak langs.

<!-- lint-brieven: disable-next-line=LB101 -->
Dit regelen wij middels een brief.

Met vriendelijke groet,

Woonstichting De Linde
"""
DOCS_URL = "https://example.org/regels/{code}.html"
BROKEN_TEMPLATE = "{% if huurder %}\nBeste {{ huurder }},\n{% else %}\nBeste huurder,\n"


def _record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def recording_client() -> LanguageClient:
    """pytest-lsp's client, keeping every published diagnostics message (with its version)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    register_lsp_features(
        client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record}
    )
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A folder of letters with its configuration and baseline."""
    folder = tmp_path_factory.mktemp("werkmap")
    (folder / "lint-brieven.toml").write_text(
        f'baseline = "baseline.json"\nexclude = ["uitgezonderd/*"]\ndocs-url = "{DOCS_URL}"\n',
        encoding="utf-8",
    )
    (folder / "brief.md").write_text(LETTER, encoding="utf-8")
    (folder / "bekend.txt").write_text(
        "Beste huurder,\n\nWij sturen u middels deze brief informatie.\n", encoding="utf-8"
    )
    (folder / "uitgezonderd").mkdir()
    (folder / "uitgezonderd" / "oud.txt").write_text(
        "Beste huurder,\n\nWij sturen u middels deze brief informatie.\n", encoding="utf-8"
    )
    (folder / "kapot.html.j2").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    # the baseline as ``check --write-baseline`` makes it, of bekend.txt alone
    done = _cli(folder, "check", "bekend.txt", "--write-baseline", "--exit-zero")
    assert "vastgelegd" in done.stderr, done.stderr
    return folder


def vscode_start(folder: Path, **settings) -> types.InitializeParams:
    """What VS Code sends first: its capabilities, ``folder`` as the workspace, ``settings``
    as initializationOptions."""
    return types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
        initialization_options=settings or None,
    )


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(vscode_start(workspace, readability="inlay", debounceMs=50))
    yield
    await lsp_client.shutdown_session()


# -- helpers ----------------------------------------------------------------------------------
def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lint_brieven", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def check_json(file: Path) -> dict:
    """``lint-brieven check --output-format json FILE``: the file's entry."""
    done = _cli(file.parent, "check", file.name, "--output-format", "json", "--no-baseline")
    report = json.loads(done.stdout)
    (entry,) = [f for f in report["files"] if Path(file.parent / f["path"]).resolve() == file]
    return entry


def utf16(line: str, column: int) -> int:
    """The LSP character (UTF-16 code units) of 1-based ``column`` in ``line``."""
    return len(line[: column - 1].encode("utf-16-le")) // 2


def expected_places(entry: dict, text: str) -> list[tuple]:
    lines = text.split("\n")
    return sorted(
        (
            f["code"],
            f["line"] - 1,
            utf16(lines[f["line"] - 1], f["column"]),
            f["end_line"] - 1,
            utf16(lines[f["end_line"] - 1], f["end_column"]),
        )
        for f in entry["findings"]
    )


def _position(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def places(diagnostics) -> list[tuple]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
        if d.code
    )


async def published(client: LanguageClient, uri: str, after: int = 0, version=None):
    """The first diagnostics for ``uri`` published after the ``after``-th message (of
    ``version`` when given)."""
    async with asyncio.timeout(WAIT):
        while True:
            for params in client.published[after:]:
                if params.uri == uri and (version is None or params.version == version):
                    return params.diagnostics
            await asyncio.sleep(0.05)


async def open_document(client: LanguageClient, path: Path, text: str | None = None, version=1):
    uri = path.as_uri()
    mark = len(client.published)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=uri,
                language_id="plaintext",
                version=version,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return await published(client, uri, mark, version)


def close_document(client: LanguageClient, path: Path) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=path.as_uri()))
    )


async def set_readability(client: LanguageClient, mode: str) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"lintBrieven": {"readability": mode}})
    )
    await client.text_document_inlay_hint_async(  # answered after the settings are in
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=TEMPLATE.as_uri()),
            range=types.Range(types.Position(0, 0), types.Position(1, 0)),
        )
    )


# -- tests ------------------------------------------------------------------------------------
async def test_a_template_gets_the_findings_of_check_at_the_same_places(client):
    diagnostics = await open_document(client, TEMPLATE)
    entry = check_json(TEMPLATE)
    assert entry["findings"]
    assert places(diagnostics) == expected_places(entry, TEMPLATE.read_text(encoding="utf-8"))
    by_place = {
        (d.code, d.range.start.line, d.range.start.character): d for d in diagnostics if d.code
    }
    for finding in entry["findings"]:
        line = TEMPLATE.read_text(encoding="utf-8").split("\n")[finding["line"] - 1]
        d = by_place[(finding["code"], finding["line"] - 1, utf16(line, finding["column"]))]
        assert d.source == "lint-brieven"
        assert d.message.startswith(finding["message"])
        assert d.severity.name.lower().startswith(finding["severity"][:4])
        assert d.data["line"] == finding["line"] and d.data["column"] == finding["column"]
        assert d.code_description is None  # the corpus names no docs-url
        if finding["variant"]:
            assert f"(in variant: {finding['variant']})" in d.message
    assert any(f["variant"] for f in entry["findings"])  # the template has branches
    close_document(client, TEMPLATE)


async def test_a_markdown_letter_change_and_save(client, workspace):
    letter = workspace / "brief.md"
    diagnostics = await open_document(client, letter)
    assert places(diagnostics) == expected_places(check_json(letter), LETTER)
    assert [d.code for d in diagnostics].count("LB101") == 3
    assert not [d for d in diagnostics if d.range.start.line == 7]  # suppressed
    for d in diagnostics:  # the configuration's docs-url, as SARIF's helpUri
        assert d.code_description.href == DOCS_URL.replace("{code}", d.code)

    # change a word: "middels" (twice) becomes "met"; the diagnostics follow the buffer
    mark = len(client.published)
    changed = LETTER.replace("middels", "met")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=letter.as_uri(), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
        )
    )
    diagnostics = await published(client, letter.as_uri(), mark, version=2)
    assert [d.code for d in diagnostics].count("LB101") == 1  # "verzoek" is left
    assert "middels" in letter.read_text(encoding="utf-8")  # the buffer, not the file

    mark = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=letter.as_uri()))
    )
    saved = await published(client, letter.as_uri(), mark, version=2)
    assert places(saved) == places(diagnostics)
    close_document(client, letter)


async def test_quick_changes_are_checked_once_the_typing_pauses(client, workspace):
    letter = workspace / "brief.md"
    await open_document(client, letter)
    mark = len(client.published)
    for version in range(2, 7):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=letter.as_uri(), version=version
                ),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(4, 0), types.Position(4, 0)),
                        text="Ja. ",
                    )
                ],
            )
        )
    await published(client, letter.as_uri(), mark, version=6)
    versions = [p.version for p in client.published[mark:] if p.uri == letter.as_uri()]
    assert versions[-1] == 6 and versions.count(6) == 1
    close_document(client, letter)


async def test_non_ascii_before_a_finding_gives_utf16_columns(client, workspace):
    letter = workspace / "emoji.txt"
    text = "Beste huurder,\n\n🏠🏠 Wij sturen u middels deze brief informatie.\n"
    letter.write_text(text, encoding="utf-8")
    diagnostics = await open_document(client, letter)
    (middels,) = [d for d in diagnostics if d.code == "LB101"]
    line = text.split("\n")[2]
    assert middels.range.start == types.Position(2, line.index("middels") + 2)  # 2 per emoji
    assert places(diagnostics) == expected_places(check_json(letter), text)
    close_document(client, letter)
    # the same letter with Windows line ends: the same places
    crlf = workspace / "emoji-crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    crlf_diagnostics = await open_document(client, crlf, text.replace("\n", "\r\n"))
    assert places(crlf_diagnostics) == places(diagnostics)
    close_document(client, crlf)


async def test_a_word_document_and_files_that_are_no_letters_are_left_alone(client, workspace):
    document = workspace / "brief.docx"
    document.write_bytes(b"PK\x03\x04 not really a word document")
    readme = workspace / "README.md"
    readme.write_text("# Werkmap\n\nWij sturen u middels deze brief informatie.\n")
    unread = workspace / "notities.rtf"
    unread.write_text("Wij sturen u middels deze brief informatie.\n")
    excluded = workspace / "uitgezonderd" / "oud.txt"
    for path, text in [
        (document, "PK\x03\x04 ..."),
        (readme, None),
        (unread, None),
        (excluded, None),
    ]:
        assert list(await open_document(client, path, text=text)) == [], path.name
        close_document(client, path)


async def test_a_broken_template_gives_an_error_at_its_line(client, workspace):
    template = workspace / "kapot.html.j2"
    (diagnostic,) = await open_document(client, template)
    entry = check_json(template)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.message == entry["error"]
    assert diagnostic.range.start.line == entry["error_line"] - 1
    close_document(client, template)


async def test_a_bad_configuration_gives_a_message_and_the_server_goes_on(
    client, workspace, tmp_path
):
    (tmp_path / "lint-brieven.toml").write_text("select = [", encoding="utf-8")
    letter = tmp_path / "brief.txt"
    letter.write_text(
        "Beste huurder,\n\nWij sturen u middels deze brief informatie.\n", encoding="utf-8"
    )
    shown = len(client.messages)
    (diagnostic,) = await open_document(client, letter)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range.start.line == 0
    assert "lint-brieven.toml" in diagnostic.message
    async with asyncio.timeout(WAIT):
        while len(client.messages) == shown:
            await asyncio.sleep(0.05)
    message = client.messages[shown]
    assert message.type == types.MessageType.Error
    assert str(tmp_path / "lint-brieven.toml") in message.message
    # still serving: the configuration put right and saved, the open letter is checked again
    config = tmp_path / "lint-brieven.toml"
    config.write_text('select = ["LB101"]\n', encoding="utf-8")
    mark = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=config.as_uri()))
    )
    diagnostics = await published(client, letter.as_uri(), mark)
    assert places(diagnostics) == expected_places(check_json(letter), letter.read_text())
    close_document(client, letter)


async def test_a_saved_rule_pack_counts_at_once(client, tmp_path):
    (tmp_path / "lint-brieven.toml").write_text(
        'rule-packs = ["eigen.yaml"]\nselect = ["LB901"]\n', encoding="utf-8"
    )
    pack = tmp_path / "eigen.yaml"
    pack.write_text(PACK, encoding="utf-8")
    letter = tmp_path / "brief.txt"
    letter.write_text("Beste huurder,\n\nDe bewoner krijgt een brief.\n", encoding="utf-8")
    (found,) = await open_document(client, letter)
    assert found.code == "LB901" and found.message == "'bewoner': schrijf 'huurder'."
    pack.write_text(PACK.replace("use: [huurder]", "use: [bewoonster]"), encoding="utf-8")
    mark = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=pack.as_uri()))
    )
    (found,) = await published(client, letter.as_uri(), mark)
    assert found.message == "'bewoner': schrijf 'bewoonster'."
    assert places([found]) == expected_places(check_json(letter), letter.read_text())
    close_document(client, letter)


async def test_a_document_that_is_no_file_yet(client):
    named = "untitled:brief.txt"
    mark = len(client.published)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=named,
                language_id="plaintext",
                version=1,
                text="Beste huurder,\n\nWij sturen u middels deze brief informatie.\n",
            )
        )
    )
    assert "LB101" in [d.code for d in await published(client, named, mark)]
    nameless = "untitled:Naamloos-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=nameless, language_id="plaintext", version=1, text="x")
        )
    )
    assert list(await published(client, nameless, mark)) == []  # no type: not a letter


async def test_readability_as_inlay_hint_diagnostic_or_nothing(client, workspace):
    letter = workspace / "brief.md"
    entry = check_json(letter)
    score = entry["readability"]["lint_ii"]
    shown = f"LiNT-II {score['score']:.1f}".replace(".", ",") + f" (niveau {score['level']})"
    await open_document(client, letter)
    whole = types.Range(types.Position(0, 0), types.Position(10, 0))
    ask = types.InlayHintParams(types.TextDocumentIdentifier(uri=letter.as_uri()), whole)

    await set_readability(client, "inlay")
    (hint,) = await client.text_document_inlay_hint_async(ask)
    assert hint.position == types.Position(0, 0)
    assert hint.label.startswith("Leesbaarheid: ") and shown in hint.label

    mark = len(client.published)
    await set_readability(client, "diagnostic")
    diagnostics = await published(client, letter.as_uri(), mark)
    (info,) = [d for d in diagnostics if d.code is None]
    assert info.severity == types.DiagnosticSeverity.Information
    assert info.range.start.line == 0 and shown in info.message
    assert not await client.text_document_inlay_hint_async(ask)

    mark = len(client.published)
    await set_readability(client, "off")
    diagnostics = await published(client, letter.as_uri(), mark)
    assert all(d.code for d in diagnostics)
    assert not await client.text_document_inlay_hint_async(ask)
    await set_readability(client, "inlay")
    close_document(client, letter)


async def test_check_workspace_honours_configuration_and_baseline(client, workspace):
    mark, shown = len(client.published), len(client.messages)
    counts = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="lint-brieven.checkWorkspace")
    )
    folder_run = json.loads(
        _cli(workspace, "check", ".", "--output-format", "json", "--exit-zero").stdout
    )
    by_uri = {}
    for params in client.published[mark:]:
        by_uri[params.uri] = params.diagnostics
    expected = {
        (workspace / f["path"]).resolve().as_uri(): f for f in folder_run["files"] if not f["error"]
    }
    # every file check reads, with the findings check reports (the baseline's left out)
    for uri, entry in expected.items():
        text = Path(uri.removeprefix("file://")).read_text(encoding="utf-8")
        assert places(by_uri[uri]) == expected_places(entry, text), uri
    assert places(by_uri[(workspace / "bekend.txt").as_uri()]) == []  # all in the baseline
    assert (workspace / "uitgezonderd" / "oud.txt").as_uri() not in by_uri  # excluded
    (error,) = by_uri[(workspace / "kapot.html.j2").as_uri()]
    assert error.severity == types.DiagnosticSeverity.Error
    assert counts["findings"] == sum(len(f["findings"]) for f in expected.values())
    message = client.messages[shown:][-1]
    assert "gecontroleerd" in message.message and "bevinding" in message.message


async def test_check_workspace_takes_an_emptied_buffer_as_it_is(client, workspace):
    """An open letter whose text was all deleted is checked as the editor has it (empty),
    not as the file on disk (which still has findings)."""
    letter = workspace / "leeg.txt"
    letter.write_text("Beste huurder,\n\nWij sturen u middels deze brief informatie.\n", "utf-8")
    assert [d.code for d in await open_document(client, letter)].count("LB101") == 1
    mark = len(client.published)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=letter.as_uri(), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="")],
        )
    )
    assert not await published(client, letter.as_uri(), mark, version=2)
    mark = len(client.published)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="lint-brieven.checkWorkspace")
    )
    from_folder = [p for p in client.published[mark:] if p.uri == letter.as_uri()]
    assert from_folder and not any(p.diagnostics for p in from_folder)
    close_document(client, letter)
    letter.unlink()


async def test_a_second_check_loads_no_rules_or_pipeline_again(monkeypatch, workspace):
    """In this process, with the server's own checking: after the first check, checking a
    changed letter reads no rule pack and loads no Dutch pipeline."""
    from lint_brieven import nlp
    from lint_brieven.checks import loader
    from lint_brieven.server import checking

    uri = (workspace / "brief.md").as_uri()
    first = checking.check_document(uri, LETTER)
    loads = []
    monkeypatch.setattr(loader, "load_rules", lambda *args: loads.append("regels"))
    monkeypatch.setattr(nlp, "letter_pipeline", lambda *args: loads.append("spaCy"))
    second = checking.check_document(uri, LETTER.replace("middels", "met", 2), 2)
    assert loads == []
    assert len(second.findings) == len(first.findings) - 2


FAULT = """\
from lint_brieven.server import checking

_check = checking.check_document


def check_document(uri, text, version=None):
    if uri.endswith("stuk.txt"):
        raise RuntimeError("kapot gemaakt door de test")
    return _check(uri, text, version)


checking.check_document = check_document
"""


async def test_a_bug_is_logged_and_shown_and_the_server_goes_on_utf8_and_exit(workspace, tmp_path):
    """Its own server: one whose checks fail for stuk.txt (a bug planted through
    sitecustomize), that speaks UTF-8 positions, and that is shut down."""
    (tmp_path / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    client = await ClientServerConfig(  # --stdio, as vscode-languageclient and others pass it
        server_command=[*SERVER, "--stdio"], client_factory=recording_client, server_env=env
    ).start()
    capabilities = pytest_lsp.client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8]
    )
    result = await client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=workspace.as_uri())
    )
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8

    broken = workspace / "stuk.txt"
    broken.write_text("Beste huurder,\n", encoding="utf-8")
    (diagnostic,) = await open_document(client, broken)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "Onverwachte fout" in diagnostic.message and "RuntimeError" in diagnostic.message
    assert any(
        "kapot gemaakt door de test" in m.message and m.type == types.MessageType.Error
        for m in client.log_messages
    )

    letter = workspace / "utf8.txt"
    text = "Beste huurder,\n\nÉén 🏠 Wij sturen u middels deze brief informatie.\n"
    letter.write_text(text, encoding="utf-8")
    diagnostics = await open_document(client, letter, text)
    (middels,) = [d for d in diagnostics if d.code == "LB101"]
    line = text.split("\n")[2]
    assert middels.range.start.character == len(line[: line.index("middels")].encode("utf-8"))

    await client.shutdown_session()
    assert client._server.returncode == 0
    await client.stop()


async def test_a_log_file_that_cannot_be_written_is_one_dutch_error(tmp_path):
    done = subprocess.run(
        [*SERVER, "--log-file", str(tmp_path / "ontbreekt" / "server.log")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "het logboek kan niet worden geschreven" in done.stderr
    assert "server.log" in done.stderr and "Traceback" not in done.stderr

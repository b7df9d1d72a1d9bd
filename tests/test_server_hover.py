"""Hover of ``lint-brieven server`` end to end (pytest-lsp over stdio, as an editor): on a
finding the rule's ``explain`` page with the finding's message and suggestions; elsewhere
nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from test_server import (
    SERVER,
    _cli,
    close_document,
    open_document,
    recording_client,
    vscode_start,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

LETTER = """\
# Uw reparatieverzoek

Beste mevrouw De Vries,

Wij hebben uw verzoek middels dit formulier ontvangen. Bel ons als u vragen heeft.

Met vriendelijke groet,

Woonstichting De Linde
"""
CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("uitleg")


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, folder: Path):
    await lsp_client.initialize_session(vscode_start(folder))
    yield
    await lsp_client.shutdown_session()


async def hover(client: LanguageClient, uri: str, line: int, character: int):
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, character),
        )
    )


def plain(markdown: str) -> str:
    """The Markdown's text: escapes and emphasis gone, white space single."""
    text = re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))
    return " ".join(text.split())


async def test_hover_on_a_finding_shows_its_message_suggestions_and_explain_page(client, folder):
    letter = folder / "brief.md"
    letter.write_text(LETTER, encoding="utf-8")
    diagnostics = await open_document(client, letter)
    line = LETTER.split("\n")[4]
    column = line.index("middels") + 3  # inside the word
    (middels,) = [
        d for d in diagnostics if d.code == "LB101" and d.range.start.character < column
        and d.range.end.character > column and d.range.start.line == 4
    ]  # fmt: skip

    found = await hover(client, letter.as_uri(), 4, column)
    assert found.contents.kind == types.MarkupKind.Markdown
    assert found.range == middels.range
    value = found.contents.value
    assert value.startswith("**LB101** ambtelijk-woord · waarschuwing")
    assert plain(middels.message) in plain(value)
    assert '- vervang "middels" door "met" (veilig)' in value

    # the rule's page as ``lint-brieven explain LB101`` prints it, every line of it
    page = _cli(folder, "explain", "LB101").stdout
    for text in page.splitlines():
        text = text.removeprefix("## ").removeprefix("- ")
        assert plain(text) in plain(value), text
    close_document(client, letter)


async def test_no_hover_outside_findings(client, folder):
    letter = folder / "leeg.md"
    letter.write_text(LETTER, encoding="utf-8")
    diagnostics = await open_document(client, letter)
    assert diagnostics
    uri = letter.as_uri()
    lines = LETTER.split("\n")
    assert await hover(client, uri, 2, 0) is None  # a blank line
    assert await hover(client, uri, 4, lines[4].index("ontvangen")) is None
    assert await hover(client, uri, 9, 3) is None  # "Woonstichting"
    close_document(client, letter)

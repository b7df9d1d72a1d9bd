"""Code actions of ``lint-brieven server`` end to end (pytest-lsp over stdio, as an editor):
quick fixes, suggestions, "schakel LBxxx uit voor deze regel" and "pas alle veilige
verbeteringen toe", each applied to the text and checked against ``lint-brieven check``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Union

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from test_server import (
    SERVER,
    TEMPLATE,
    _cli,
    check_json,
    close_document,
    expected_places,
    open_document,
    places,
    published,
    recording_client,
    vscode_start,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

LETTER_MD = """\
# Uw reparatieverzoek

Beste mevrouw De Vries,

Wij hebben uw verzoek middels dit formulier ontvangen. Indien u vragen heeft, kunt u ons bellen.
Wij zullen de werkzaamheden spoedig aanvangen en de kosten bij u in rekening brengen.

Met vriendelijke groet,

Woonstichting De Linde
"""
LETTER_J2 = """\
<p>Beste {{ naam }},</p>
<p>Wij sturen u middels deze brief het formulier
  en wij verzoeken u om het reeds in te vullen.</p>
{% if x %}
    <p>Indien u vragen heeft, belt u ons.</p>
{% endif %}
"""
LETTER_TXT = "Beste huurder,\n\nWij sturen u middels deze brief het formulier.\n"
FIX_ALL = "Pas alle veilige verbeteringen toe"

CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("acties")


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def client(lsp_client: LanguageClient, folder: Path):
    await lsp_client.initialize_session(vscode_start(folder, debounceMs=50))
    yield
    await lsp_client.shutdown_session()


# -- helpers ----------------------------------------------------------------------------------
def offset(text: str, position: types.Position) -> int:
    """The character offset of an LSP position (UTF-16 units) in ``text`` ("\\n" lines)."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    line, units, index = lines[position.line], 0, 0
    while index < len(line) and units < position.character:
        units += len(line[index].encode("utf-16-le")) // 2
        index += 1
    return before + index


def apply_edit(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """``text`` with the edit's text edits for ``uri`` applied, as an editor applies them."""
    if edit.document_changes is not None:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri
                 for e in change.edits]  # fmt: skip
    else:
        edits = edit.changes[uri]
    spans = sorted(
        ((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def at(diagnostics, code: str, text: str, words: str) -> types.Diagnostic:
    """The diagnostic of ``code`` over ``words``."""
    (found,) = [
        d
        for d in diagnostics
        if d.code == code and text[offset(text, d.range.start) : offset(text, d.range.end)] == words
    ]
    return found


async def actions_at(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    """What the editor's light bulb asks for at a diagnostic."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def change(client: LanguageClient, path: Path, text: str, version: int):
    """Send the new text as ``didChange``; the diagnostics of that version."""
    mark = len(client.published)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, path.as_uri(), mark, version)


def check_places(folder: Path, name: str, text: str) -> list[tuple]:
    """Where ``lint-brieven check`` puts its findings in a file of ``text``."""
    copy = folder / "kopie" / name
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    return expected_places(check_json(copy), text)


def titled(actions: list[types.CodeAction], title: str) -> types.CodeAction:
    (found,) = [a for a in actions if a.title == title]
    return found


# -- quick fixes and suggestions --------------------------------------------------------------
async def test_a_quick_fix_replaces_the_words_and_the_finding_goes(client, folder):
    letter = folder / "reparatie.md"
    letter.write_text(LETTER_MD, encoding="utf-8")
    uri = letter.as_uri()
    diagnostics = await open_document(client, letter)
    middels = at(diagnostics, "LB101", LETTER_MD, "middels")
    actions = await actions_at(client, uri, middels)

    fix = titled(actions, 'Vervang "middels" door "met"')
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert list(fix.diagnostics) == [middels]
    other = titled(actions, 'Vervang "middels" door "via"')  # also safe, but not what --fix does
    assert not other.is_preferred
    assert titled(actions, FIX_ALL).kind == types.CodeActionKind.QuickFix

    fixed = apply_edit(LETTER_MD, fix.edit, uri)
    assert fixed == LETTER_MD.replace("middels", "met")
    after = await change(client, letter, fixed, 2)
    assert places(after) == check_places(folder, "reparatie.md", fixed)
    assert len(places(after)) == len(places(diagnostics)) - 1
    assert all(d.code != "LB101" or d.range.start != middels.range.start for d in after)
    close_document(client, letter)


async def test_other_suggestions_say_so_and_advice_is_no_action(client, folder):
    letter = folder / "suggesties.md"
    letter.write_text(LETTER_MD, encoding="utf-8")
    uri = letter.as_uri()
    diagnostics = await open_document(client, letter)

    actions = await actions_at(client, uri, at(diagnostics, "LB101", LETTER_MD, "verzoek"))
    suggestion = titled(actions, 'Suggestie: vervang "verzoek" door "vraag"')
    assert not suggestion.is_preferred
    assert apply_edit(LETTER_MD, suggestion.edit, uri) == LETTER_MD.replace(
        "uw verzoek", "uw vraag"
    )

    # "aanvangen": the suggestion "beginnen" is advice (the sentence needs rewording)
    aanvangen = at(diagnostics, "LB101", LETTER_MD, "aanvangen")
    actions = await actions_at(client, uri, aanvangen)
    mine = [a for a in actions if list(a.diagnostics or ()) == [aanvangen]]
    assert [a.title for a in mine] == ["Schakel LB101 uit voor deze regel"]
    close_document(client, letter)


# -- switching a rule off for a line ----------------------------------------------------------
async def test_switching_off_in_a_template_and_adding_a_code_to_the_comment(client, folder):
    letter = folder / "formulier.html.j2"
    letter.write_text(LETTER_J2, encoding="utf-8")
    uri = letter.as_uri()
    before = await open_document(client, letter)
    reeds = at(before, "LB101", LETTER_J2, "reeds")
    off = titled(await actions_at(client, uri, reeds), "Schakel LB101 uit voor deze regel")
    text = apply_edit(LETTER_J2, off.edit, uri)
    assert text.split("\n")[2] == "  {# lint-brieven: disable-next-line=LB101 -#}"
    after = await change(client, letter, text, 2)
    assert places(after) == check_places(folder, "formulier.html.j2", text)
    assert "LB001" not in [d.code for d in after]  # the comment is used
    # the same findings as before, less "reeds", those below one line further down
    moved = sorted((c, ln + (ln >= 2), ch, e + (e >= 2), ec) for c, ln, ch, e, ec in places(before))
    moved.remove(("LB101", 3, reeds.range.start.character, 3, reeds.range.end.character))
    assert places(after) == moved

    # a second rule on that line: its code joins the comment (no second comment)
    verzoeken = at(after, "LB102", text, "wij verzoeken u")
    off = titled(await actions_at(client, uri, verzoeken), "Schakel LB102 uit voor deze regel")
    text = apply_edit(text, off.edit, uri)
    assert text.split("\n")[2] == "  {# lint-brieven: disable-next-line=LB101,LB102 -#}"
    assert text.count("lint-brieven:") == 1
    again = await change(client, letter, text, 3)
    assert places(again) == check_places(folder, "formulier.html.j2", text)
    assert [p for p in places(again) if p[1] == 3] == []
    close_document(client, letter)


async def test_switching_off_in_markdown_keeps_the_paragraph_whole(client, folder):
    letter = folder / "uit.md"
    letter.write_text(LETTER_MD, encoding="utf-8")
    uri = letter.as_uri()
    before = await open_document(client, letter)
    # "aanvangen" is on the paragraph's second line: the comment ends the line before it
    aanvangen = at(before, "LB101", LETTER_MD, "aanvangen")
    off = titled(await actions_at(client, uri, aanvangen), "Schakel LB101 uit voor deze regel")
    text = apply_edit(LETTER_MD, off.edit, uri)
    assert text.split("\n")[4].endswith(
        "kunt u ons bellen. <!-- lint-brieven: disable-next-line=LB101 -->"
    )
    after = await change(client, letter, text, 2)
    assert places(after) == check_places(folder, "uit.md", text)
    expected = places(before)
    expected.remove(("LB101", 5, aanvangen.range.start.character, 5, aanvangen.range.end.character))
    assert places(after) == expected  # nothing else changed: the same paragraphs

    # a whole-letter finding points at the first text: its comment goes on a line above it
    whole = next(d for d in after if d.code == "LB301")
    off = titled(await actions_at(client, uri, whole), "Schakel LB301 uit voor deze regel")
    text = apply_edit(text, off.edit, uri)
    assert text.startswith("<!-- lint-brieven: disable-next-line=LB301 -->\n# Uw reparatieverzoek")
    again = await change(client, letter, text, 3)
    assert places(again) == check_places(folder, "uit.md", text)
    assert "LB301" not in [d.code for d in again] and "LB001" not in [d.code for d in again]
    close_document(client, letter)


async def test_a_plain_text_letter_has_no_comment_to_switch_a_rule_off(client, folder):
    letter = folder / "kort.txt"
    letter.write_text(LETTER_TXT, encoding="utf-8")
    uri = letter.as_uri()
    diagnostics = await open_document(client, letter)
    actions = await actions_at(client, uri, at(diagnostics, "LB101", LETTER_TXT, "middels"))
    titles = [a.title for a in actions]
    assert 'Vervang "middels" door "met"' in titles
    assert not [t for t in titles if t.startswith("Schakel")]
    close_document(client, letter)


async def test_windows_line_ends_and_characters_beyond_utf16s_first_plane(client, folder):
    """The comment gets the document's line end; positions count UTF-16 units (🏠 is two)."""
    letter = folder / "windows.txt.j2"
    text = LETTER_J2.replace("<p>Wij", "<p>🏠 Wij").replace("\n", "\r\n")
    letter.write_bytes(text.encode("utf-8"))
    uri = letter.as_uri()
    diagnostics = await open_document(client, letter, text)
    lf = text.replace("\r\n", "\n")  # the test's offsets count "\n" lines
    middels = at(diagnostics, "LB101", lf, "middels")
    assert middels.range.start.character == len("<p>🏠 Wij sturen u ") + 1
    actions = await actions_at(client, uri, middels)
    fixed = apply_edit(lf, titled(actions, 'Vervang "middels" door "met"').edit, uri)
    assert fixed == lf.replace("middels", "met")
    off = titled(actions, "Schakel LB101 uit voor deze regel")
    (edit,) = off.edit.document_changes[0].edits
    assert edit.new_text == "{# lint-brieven: disable-next-line=LB101 -#}\r\n"
    assert edit.range.start == edit.range.end == types.Position(1, 0)
    close_document(client, letter)


async def test_an_unused_suppression_is_not_switched_off_by_another(client, folder):
    """LB001 (a comment that switches nothing off) is reported after the suppressions: a
    comment cannot switch it off, so none is offered."""
    letter = folder / "ongebruikt.md"
    text = "Beste huurder,\n\n<!-- lint-brieven: disable-next-line=LB101 -->\nDank u wel.\n"
    letter.write_text(text, encoding="utf-8")
    diagnostics = await open_document(client, letter)
    (unused,) = [d for d in diagnostics if d.code == "LB001"]
    actions = await actions_at(client, letter.as_uri(), unused)
    assert [a.title for a in actions if a.diagnostics] == []
    close_document(client, letter)


# -- all safe fixes at once -------------------------------------------------------------------
async def test_fix_all_makes_the_edits_of_check_fix_on_the_editors_text(client, folder):
    # a template of the corpus, with its shared pieces and configuration
    corpus = folder / "corpus"
    shutil.copytree(TEMPLATE.parents[1], corpus / "sjablonen")
    shutil.copy(TEMPLATE.parents[2] / "lint-brieven.toml", corpus)
    letter = corpus / "sjablonen" / "voor" / TEMPLATE.name
    on_disk = letter.read_text(encoding="utf-8")
    # the editor's text is not saved yet: a paragraph more than the file
    opening = "<p>Geachte heer/mevrouw,</p>\n"
    assert opening in on_disk
    text = on_disk.replace(
        opening, opening + "<p>Wij sturen u middels deze brief reeds het formulier.</p>\n"
    )
    uri = letter.as_uri()
    await open_document(client, letter, text)
    (action,) = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert action.title == FIX_ALL and action.kind == types.CodeActionKind.SourceFixAll
    assert action.edit is None  # made when asked for: codeAction/resolve
    resolved = await client.code_action_resolve_async(action)
    fixed = apply_edit(text, resolved.edit, uri)

    copy = letter.with_name("kopie.html.j2")
    copy.write_text(text, encoding="utf-8")
    done = _cli(copy.parent, "check", copy.name, "--fix", "--exit-zero")
    assert "verbetering(en) toegepast" in done.stderr, done.stderr
    assert fixed == copy.read_text(encoding="utf-8") != text
    assert "met deze brief al het formulier" in fixed
    assert letter.read_text(encoding="utf-8") == on_disk  # the server writes no file
    (change_,) = resolved.edit.document_changes
    assert change_.text_document.version == 1

    after = await change(client, letter, fixed, 2)
    copy.write_text(fixed, encoding="utf-8")
    assert places(after) == expected_places(check_json(copy), fixed)
    close_document(client, letter)


async def test_an_editor_that_cannot_resolve_actions_gets_a_command(folder):
    """Emacs (eglot/lsp-mode) resolves no code actions: fix-all comes as a command that the
    server carries out with workspace/applyEdit."""
    applied: list[types.ApplyWorkspaceEditParams] = []

    def applying_client() -> LanguageClient:
        client = recording_client()
        # lsprotocol takes any answer with a "command" key for a Command; a CodeAction's
        # "command" is an object, a Command's a string (as editors tell them apart)
        converter = client.protocol._converter
        converter.register_structure_hook(
            Union[types.Command, types.CodeAction],  # noqa: UP007 - lsprotocol's own key
            lambda obj, _: converter.structure(
                obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction
            ),
        )

        @client.feature(types.WORKSPACE_APPLY_EDIT)
        def apply(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
            applied.append(params)
            return types.ApplyWorkspaceEditResult(applied=True)

        return client

    client = await ClientServerConfig(server_command=SERVER, client_factory=applying_client).start()
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=pytest_lsp.client_capabilities("emacs"),
                root_uri=folder.as_uri(),
            )
        )
        letter = folder / "emacs.txt"
        letter.write_text(LETTER_TXT, encoding="utf-8")
        uri = letter.as_uri()
        diagnostics = await open_document(client, letter)
        actions = await actions_at(client, uri, at(diagnostics, "LB101", LETTER_TXT, "middels"))
        fix_all = titled(actions, FIX_ALL)
        assert fix_all.data is None and fix_all.command.command == "lint-brieven.fixAll"
        done = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command=fix_all.command.command, arguments=fix_all.command.arguments
            )
        )
        assert done is True
        (params,) = applied
        assert params.label == FIX_ALL
        fixed = apply_edit(LETTER_TXT, params.edit, uri)
        assert fixed == LETTER_TXT.replace("middels", "met")
        await client.shutdown_session()
    finally:
        if client._server.returncode is None:  # a failed test: end the server it started
            client._server.terminate()
        await client.stop()

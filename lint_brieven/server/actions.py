"""textDocument/codeAction: what the editor offers at a finding (titles in Dutch).

For each finding in the asked range (the document's latest check, ``LintServer.checked``; a
finding is tied to the editor's diagnostic by the diagnostic's ``data``):

- a quick fix for each safe replacement, the one ``check --fix`` applies marked preferred (an
  editor's "auto fix" applies it: a single preferred action), and the other replacements as
  further quick fixes whose title says they are a suggestion; advice that replaces nothing
  is no action;
- "Schakel LBxxx uit voor deze regel": the ``disable-next-line`` comment for the file type
  (``suppress``), or the code added to the comment that is there;
- "Pas alle veilige verbeteringen toe" (kind ``source.fixAll``, and among the quick fixes when
  the document has a safe fix): the edits ``lint-brieven check --fix`` makes of this text
  (``fix.files.fix`` on the editor's text, on the check thread). Its edit is made when the
  editor asks for it (``codeAction/resolve``), or, for an editor that cannot resolve actions,
  by the command ``lint-brieven.fixAll`` (``workspace/applyEdit``).

A replacement is an edit only where ``check --fix`` could make it: the flagged words stand in
the text as written, without template tags or markup (``fix.edits.edits_for``). Nothing is
offered while the document has changed since its last check (its new diagnostics are coming).
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from lint_brieven import readers
from lint_brieven.findings import Finding, Suggestion
from lint_brieven.fix.edits import Edit, edits_for, line_starts, replacement
from lint_brieven.server.diagnostics import BOM, codec_for, finding_range, lines_of
from lint_brieven.server.suppress import suppression_edit

if TYPE_CHECKING:
    from lint_brieven.server.app import LintServer
    from lint_brieven.server.checking import Checked

FIX_ALL = "lint-brieven.fixAll"
FIX_ALL_TITLE = "Pas alle veilige verbeteringen toe"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
_TITLE_WORDS = 40  # characters of flagged text in a title, then "…"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_PLACE = ("code", "line", "column", "end_line", "end_column")  # a diagnostic's data


def register(server: LintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=True),
    )
    def code_action(ls: LintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return actions_for(ls, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: LintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        if data.get("action") != FIX_ALL or not isinstance(data.get("uri"), str):
            return action
        action.edit = await fix_all_edit(ls, data["uri"])
        return action

    @server.command(FIX_ALL)
    async def fix_all(ls, *args: Any) -> bool:  # pygls reads the hints: no LintServer here
        uri = _uri_argument(args)
        if uri is None:
            return False
        edit = await fix_all_edit(ls, uri)
        if edit is None:
            return False
        answer = await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(edit=edit, label=FIX_ALL_TITLE)
        )
        return bool(answer and answer.applied)


# -- the actions at a range -------------------------------------------------------------------
def actions_for(ls: LintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = ls.checked(uri)
    document = ls.workspace.text_documents.get(uri)
    if checked is None or document is None or checked.error is not None or checked.ignored:
        return []
    if document.source != checked.text:  # changed since: its check is on its way
        return []
    only = params.context.only
    doc = _Document(checked, ls.position_encoding, _versioned(ls), document.version)
    out: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        for finding, diagnostics in findings_at(checked, params, ls.position_encoding):
            out += finding_actions(doc, finding, diagnostics)
    if not doc.safe_fixes():
        return out
    if not checked.path.is_file():  # ``check --fix`` fixes files
        return out
    if out:
        out.append(fix_all_action(ls, uri, types.CodeActionKind.QuickFix))
    if _wanted(types.CodeActionKind.SourceFixAll, only) and (only or not out):
        # asked for by kind (a "source" menu, fix on save), or else not twice in one list
        out.append(fix_all_action(ls, uri, types.CodeActionKind.SourceFixAll))
    return out


def findings_at(
    checked: Checked, params: types.CodeActionParams, encoding: Any
) -> list[tuple[Finding, list[types.Diagnostic]]]:
    """The findings that overlap the range or that one of the context's diagnostics came
    from, each with those diagnostics."""
    asked = params.range
    out = []
    for finding in checked.findings:
        mine = [d for d in params.context.diagnostics if _same(d, finding)]
        if mine or _overlaps(finding_range(finding, checked.text, encoding), asked):
            out.append((finding, mine))
    return out


def finding_actions(
    doc: _Document, finding: Finding, diagnostics: list[types.Diagnostic]
) -> list[types.CodeAction]:
    out = []
    fixed_by_check = replacement(finding, unsafe=False)
    for suggestion in finding.suggestions:
        edit = doc.replacement(finding, suggestion)
        if edit is None:
            continue
        title = _replace_title(finding.text, suggestion.text)
        out.append(
            types.CodeAction(
                title=title if suggestion.safe else f"Suggestie: {title[0].lower()}{title[1:]}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=diagnostics or None,
                # the one ``check --fix`` makes: an editor's "auto fix" applies a single
                # preferred action, so two safe ones ("met", "via") both preferred would not do
                is_preferred=True if suggestion is fixed_by_check else None,
                edit=doc.workspace_edit([edit]),
            )
        )
    silence = suppression_edit(doc.body, finding, doc.kind)
    if silence is not None:
        out.append(
            types.CodeAction(
                title=f"Schakel {finding.code} uit voor deze regel",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=diagnostics or None,
                edit=doc.workspace_edit([silence]),
            )
        )
    return out


def fix_all_action(ls: LintServer, uri: str, kind: str) -> types.CodeAction:
    """The fix-all action without its edit: ``codeAction/resolve`` or the command makes it."""
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=kind)
    if _resolves_edits(ls):
        action.data = {"action": FIX_ALL, "uri": uri}
    else:
        action.command = types.Command(title=FIX_ALL_TITLE, command=FIX_ALL, arguments=[uri])
    return action


async def fix_all_edit(ls: LintServer, uri: str) -> types.WorkspaceEdit | None:
    """The edit of ``check --fix`` for the editor's text of ``uri`` (None: nothing to fix)."""
    from lint_brieven.server.checking import document_path

    document = ls.workspace.text_documents.get(uri)
    path, on_disk = document_path(uri)
    if document is None or not on_disk:
        return None
    text, version = document.source, document.version
    try:
        fixed = await ls.in_worker(fixed_text, path, text)
    except Exception as exc:  # noqa: BLE001 - a bug must not end the server
        ls.log_error(exc)
        return None
    if fixed is None or fixed == text:
        return None
    doc = _Document(None, ls.position_encoding, _versioned(ls), version, uri=uri, text=text)
    return doc.workspace_edit(text_edits(text, fixed), raw=True)


def fixed_text(path: Path, text: str) -> str | None:
    """``text`` (the editor's text of ``path``) as ``lint-brieven check --fix`` would leave
    it: the same run, configuration and passes (``fix.files.fix``), nothing written."""
    from lint_brieven.fix.files import fix
    from lint_brieven.runner import RunRequest
    from lint_brieven.server.checking import fresh_configuration

    fresh_configuration()
    data = text.encode("utf-8", errors="surrogatepass")
    outcome = fix(RunRequest(paths=[str(path)], overlay={path.resolve(): data}), write=False)
    for changed, (_, after) in outcome.changed.items():
        if changed.resolve() == path.resolve():
            return after.decode("utf-8", errors="surrogatepass")
    return None


def text_edits(before: str, after: str) -> list[Edit]:
    """Edits that turn ``before`` into ``after``, word by word (difflib on words, spaces and
    punctuation), so that the editor changes only what the fixes changed."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    offsets = [0]
    for token in old:
        offsets.append(offsets[-1] + len(token))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(offsets[i1], offsets[i2], "".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# -- one document's text, its edits and their positions ---------------------------------------
@dataclass
class _Document:
    checked: Checked | None
    encoding: Any
    versioned: bool
    version: int | None
    uri: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        if self.checked is not None:
            self.uri, self.text = self.checked.uri, self.checked.text
        self._bom = len(BOM) if self.text.startswith(BOM) else 0
        self.body = self.text[self._bom :]  # the text as the reader decoded it
        self._starts = line_starts(self.text)
        self._lines = lines_of(self.text)
        self._codec = codec_for(self.encoding)
        self._safe: list[Edit] | None = None
        self.kind = None
        if self.checked is not None:
            config = self.checked.config
            options = config.read_options if config is not None else readers.ReadOptions()
            self.kind = readers.kind_of(self.checked.path, options)

    def safe_fixes(self) -> list[Edit]:
        """The edits ``check --fix`` makes of the findings shown (its first pass)."""
        if self._safe is None:
            self._safe = edits_for(self.checked.findings, self.body) if self.checked else []
        return self._safe

    def replacement(self, finding: Finding, suggestion: Suggestion) -> Edit | None:
        """The edit that puts ``suggestion`` in place of the finding's words, where
        ``check --fix`` could make it."""
        if not suggestion.replaces:
            return None
        only = replace(finding, suggestions=(Suggestion(suggestion.text, True, True),))
        edits = edits_for([only], self.body)
        return edits[0] if edits else None

    def workspace_edit(self, edits: list[Edit], raw: bool = False) -> types.WorkspaceEdit:
        """``edits`` (offsets in the reader's text, or in the editor's with ``raw``) as an
        LSP edit: with the document's version when the editor takes one."""
        shift = 0 if raw else self._bom
        text_edits_ = [
            types.TextEdit(
                range=types.Range(
                    start=self._position(e.start + shift), end=self._position(e.end + shift)
                ),
                new_text=e.text,
            )
            for e in edits
        ]
        if not self.versioned:
            return types.WorkspaceEdit(changes={self.uri: text_edits_})
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=self.uri, version=self.version
                    ),
                    edits=text_edits_,
                )
            ]
        )

    def _position(self, offset: int) -> types.Position:
        """The LSP position of a character offset in the editor's text."""
        line = bisect.bisect_right(self._starts, offset) - 1
        character = offset - self._starts[line]
        return self._codec.position_to_client_units(self._lines, types.Position(line, character))


# -- small helpers ----------------------------------------------------------------------------
def _replace_title(before: str, after: str) -> str:
    if not after:
        return f'Verwijder "{_short(before)}"'
    return f'Vervang "{_short(before)}" door "{_short(after)}"'


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_WORDS else text[: _TITLE_WORDS - 1].rstrip() + "…"


def _same(diagnostic: types.Diagnostic, finding: Finding) -> bool:
    data = diagnostic.data
    if not isinstance(data, dict):
        return False
    place = (finding.code, finding.line, finding.column, finding.end_line, finding.end_column)
    return tuple(data.get(key) for key in _PLACE) == place


def _overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges share a position, ends included (a cursor just after a word)."""
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the editor asks for actions of ``kind`` (``context.only``: kinds or parents)."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _versioned(ls: LintServer) -> bool:
    workspace = ls.client_capabilities.workspace
    edit = workspace.workspace_edit if workspace else None
    return bool(edit and edit.document_changes)


def _resolves_edits(ls: LintServer) -> bool:
    document = ls.client_capabilities.text_document
    action = document.code_action if document else None
    support = action.resolve_support if action else None
    return bool(support and "edit" in support.properties)


def _uri_argument(args: tuple) -> str | None:
    """The document's URI from the command's arguments (pygls passes them as given)."""
    for arg in args:
        if isinstance(arg, str):
            return arg
        if isinstance(arg, list | tuple):
            found = _uri_argument(tuple(arg))
            if found:
                return found
    return None

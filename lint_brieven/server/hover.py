"""textDocument/hover on a finding: the rule's code and name, the finding's message and
suggestions, and the rule's ``explain`` page, as Markdown (Dutch). Outside findings: nothing.

The page is ``commands.explain.explanation`` in the Markdown of the SARIF rule help
(``reporters.sarif.help_markdown``), without the rewrites a detector builds of its own
examples (those need the Dutch analysis, which belongs to the check on the worker thread; the
finding's own rewrite stands above the page).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types

from lint_brieven.findings import Finding
from lint_brieven.reporters.markdown import markdown_text
from lint_brieven.server.diagnostics import finding_range, message_of

if TYPE_CHECKING:
    from lint_brieven.checks.rule import Rule
    from lint_brieven.server.app import LintServer
    from lint_brieven.server.checking import Checked

_HEADING = re.compile(r"^(#+) ", re.MULTILINE)
_pages: dict[str, tuple[Rule, str]] = {}  # code -> (the rule, its page in Markdown)


def register(server: LintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LintServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.checked(params.text_document.uri)
        if checked is None:
            return None
        return hover_at(checked, params.position, ls.position_encoding)


def hover_at(
    checked: Checked, position: types.Position, encoding: str | types.PositionEncodingKind | None
) -> types.Hover | None:
    """The hover for ``position`` (in the client's encoding): every finding there."""
    if checked.error is not None or checked.ignored:
        return None
    here = []
    for finding in checked.findings:
        where = finding_range(finding, checked.text, encoding)
        if _contains(where, position):
            here.append((finding, where))
    if not here:
        return None
    parts, shown = [], set()
    for finding, _ in here:
        rule = checked.rules.get(finding.code)
        parts.append(finding_markdown(finding, rule, with_page=finding.code not in shown))
        shown.add(finding.code)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=here[0][1],
    )


def finding_markdown(finding: Finding, rule: Rule | None, *, with_page: bool = True) -> str:
    """One finding: code, name and level, its message and suggestions, the rule's page."""
    name = finding.rule_name or (rule.name if rule else "")
    head = f"**{finding.code}** {markdown_text(name)} · {finding.severity.dutch}".replace("  ", " ")
    lines = [head, "", markdown_text(message_of(finding)).replace("\n", "  \n")]
    if finding.suggestions:
        lines += ["", "**Suggesties**", ""]
        lines += [f"- {suggestion_text(finding, s)}" for s in finding.suggestions]
    if with_page and rule is not None:
        lines += ["", "---", "", rule_page(rule)]
    return "\n".join(lines).rstrip("\n")


def suggestion_text(finding: Finding, suggestion) -> str:
    """A suggestion in Markdown: a replacement of the flagged words, or advice."""
    if not suggestion.replaces:
        return markdown_text(suggestion.text)
    before = markdown_text(finding.text)
    after = markdown_text(suggestion.text)
    what = f'vervang "{before}" door "{after}"' if suggestion.text else f'schrap "{before}"'
    if not finding.text:
        what = f'schrijf "{after}"'
    return what + (" (veilig)" if suggestion.safe else " (lees het na)")


def rule_page(rule: Rule) -> str:
    """The rule's ``explain`` page as Markdown, headings three levels down (a hover is small);
    made once per rule."""
    known = _pages.get(rule.code)
    if known is not None and known[0] is rule:
        return known[1]
    from lint_brieven.commands.explain import explanation
    from lint_brieven.reporters.sarif import help_markdown

    page = help_markdown(explanation(rule, rewrites=False))
    page = _HEADING.sub(lambda m: "#" * min(len(m[1]) + 2, 6) + " ", page).rstrip("\n")
    _pages[rule.code] = (rule, page)
    return page


def _contains(where: types.Range, position: types.Position) -> bool:
    """Whether ``position`` is in ``where``, its end included (the cursor just after a word)."""
    at = (position.line, position.character)
    return (where.start.line, where.start.character) <= at <= (where.end.line, where.end.character)

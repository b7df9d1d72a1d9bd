"""The comment that switches one rule off for one line (``disable-next-line``, read by
``suppression.py``), in the syntax of the document's type, as an edit of its text.

- Jinja templates (.html.j2, .txt.j2, .md.j2, …): a Jinja comment on its own line above the
  finding's line, with that line's indentation, ending in ``-#}`` so that Jinja also drops the
  line break and indentation after it. The letter the template renders (what the tenant gets)
  stays the same character for character, and so does what lint-brieven reads of it.
- HTML (.html, .htm): an HTML comment on its own line above the finding's line (white space
  between HTML elements is no text).
- Markdown (.md, .markdown): an HTML comment, on its own line above a paragraph's first line,
  else at the end of the line before the finding's line: a comment line inside a paragraph
  would end the paragraph there (CommonMark starts an HTML block; the Markdown reader reads
  the comment's line as an empty one).
- Plain text (.txt): none. The reader would honour a comment there, but a plain letter is sent
  as written: the tenant would read it.

When a ``disable-next-line`` for that line is there already, the code is added to its list.
An unused suppression (LB001) is no finding a comment can switch off: none for it.
"""

from __future__ import annotations

import re

from lint_brieven.checks.builtin import UNUSED_SUPPRESSION
from lint_brieven.findings import Finding
from lint_brieven.fix.edits import Edit, line_starts
from lint_brieven.layout.markdown import FRONT_MATTER
from lint_brieven.letter import SourceText
from lint_brieven.suppression import suppressions_in

JINJA = "jinja"
HTML = "html"
MARKDOWN = "markdown"
_INDENT = re.compile(r"[ \t]*")
_LAST_CODE = re.compile(r"=\s*[A-Za-z0-9_, ]*[A-Za-z0-9_]")
_JINJA_OPEN = ("{{", "{%", "{#")
_JINJA_CLOSE = ("}}", "%}", "#}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def comment(kind: str, code: str) -> str:
    """The ``disable-next-line`` comment for ``code`` in a document of ``kind``."""
    if kind == JINJA:
        return f"{{# lint-brieven: disable-next-line={code} -#}}"
    return f"<!-- lint-brieven: disable-next-line={code} -->"


def suppression_edit(text: str, finding: Finding, kind: str | None) -> Edit | None:
    """The edit of ``text`` (a document as the reader decodes it, without a byte order mark)
    that switches ``finding.code`` off for the finding's line. ``kind`` is the reader's kind
    of the document (``readers.kind_of``). None when that kind has no comment for it, the
    line already has one, or a comment cannot stand there (inside a tag or a front matter)."""
    if kind not in (JINJA, HTML, MARKDOWN) or finding.paragraphs:
        return None
    if finding.code == UNUSED_SUPPRESSION.code:  # about a comment: no comment switches it off
        return None
    starts = line_starts(text)
    line = finding.line
    if not 1 <= line <= len(starts):
        return None
    existing = _existing(text, starts, line, finding.code)
    if existing is not False:
        return existing
    line_start = starts[line - 1]
    indent = _INDENT.match(text, line_start)[0]
    eol = _line_break(text)
    if kind == JINJA:
        if _inside(text, line_start, _JINJA_OPEN, _JINJA_CLOSE):
            return None
        return Edit(line_start, line_start, f"{indent}{comment(JINJA, finding.code)}{eol}")
    own_line = Edit(line_start, line_start, f"{indent}{comment(kind, finding.code)}{eol}")
    if kind == HTML:
        return None if _inside_html(text, line_start) else own_line
    front = FRONT_MATTER.match(text.replace("\r\n", "\n").replace("\r", "\n"))
    front_end = _front_matter_end(starts, front[0].count("\n")) if front else 0
    if line_start < front_end:
        return None
    if line == 1 or line_start == front_end or not text[starts[line - 2] : line_start].strip():
        return None if _inside_html(text, line_start) else own_line
    end = starts[line - 2] + len(_LINE_BREAK.split(text[starts[line - 2] : line_start])[0])
    if _inside_html(text, end):
        return None
    return Edit(end, end, f" {comment(MARKDOWN, finding.code)}")


def _existing(text: str, starts: list[int], line: int, code: str) -> Edit | None | bool:
    """For a ``disable-next-line`` comment on the line before ``line``: the edit that adds
    ``code`` to it, or None when it covers ``code`` already. False when there is none."""
    if line == 1:
        return False
    source = SourceText("", text.replace("\r\n", "\n").replace("\r", "\n"))
    for s in suppressions_in(source):
        if s.line != line - 1 or s.first_line != line or s.last_line != line:
            continue
        if not s.codes or code in s.codes:
            return None
        start = starts[s.line - 1] + s.column - 1
        found = _LAST_CODE.search(s.comment)
        if text[start : start + len(s.comment)] != s.comment or found is None:
            return None
        return Edit(start + found.end(), start + found.end(), f",{code}")
    return False


def _front_matter_end(starts: list[int], lines: int) -> int:
    """Where the line after a front matter of ``lines`` line breaks starts."""
    return starts[lines] if lines < len(starts) else starts[-1]


def _line_break(text: str) -> str:
    """The document's line break (its first one; "\\n" when it has none)."""
    found = _LINE_BREAK.search(text)
    return found[0] if found else "\n"


def _inside(text: str, pos: int, opens: tuple[str, ...], closes: tuple[str, ...]) -> bool:
    """Whether ``pos`` lies inside a tag that opens with one of ``opens`` and closes with one
    of ``closes`` (the last opening before it is not closed before it)."""
    opened = max(text.rfind(mark, 0, pos) for mark in opens)
    closed = max(text.rfind(mark, 0, pos) for mark in closes)
    return opened > closed


def _inside_html(text: str, pos: int) -> bool:
    return _inside(text, pos, ("<",), (">",))

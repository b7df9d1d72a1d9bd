"""What kind of text a file says it is (``soort``), in its own front matter.

- a Jinja comment ``{# soort: fragment #}`` in a template (any markup);
- an HTML comment ``<!-- soort: webtekst -->`` in HTML or Markdown;
- a line ``soort: brief`` in a Markdown file's YAML front matter (``---`` … ``---`` at the top).

Values: ``brief``, ``fragment``, ``webtekst``, ``huurder-aan-verhuurder``. The first declaration
counts; any other value is an error that names the line. Without a declaration the
configuration decides, and without that the text (``dutch.letter_parts.document_kind``).

``brieftype: aanmaning`` declares the type of letter in the same places (the content checks,
``dutch.letter_type``); its value is checked against the types the rule packs define.
"""

from __future__ import annotations

import re

from lint_brieven.layout.markdown import FRONT_MATTER
from lint_brieven.letter import DocumentKind
from lint_brieven.readers.errors import ReaderError

_VALUE = r"[\"']?(?P<value>[^\s\"'#>-][^\s\"']*?)[\"']?"
_JINJA_COMMENT = re.compile(rf"\{{#-?[ \t]*soort[ \t]*:[ \t]*{_VALUE}[ \t]*-?#\}}", re.IGNORECASE)
_HTML_COMMENT = re.compile(rf"<!--[ \t]*soort[ \t]*:[ \t]*{_VALUE}[ \t]*-->", re.IGNORECASE)
_YAML_LINE = re.compile(rf"^soort[ \t]*:[ \t]*{_VALUE}[ \t]*$", re.IGNORECASE | re.MULTILINE)
KNOWN = ", ".join(k.value for k in DocumentKind)
_TYPE_PLACES = (
    re.compile(rf"\{{#-?[ \t]*brieftype[ \t]*:[ \t]*{_VALUE}[ \t]*-?#\}}", re.IGNORECASE),
    re.compile(rf"<!--[ \t]*brieftype[ \t]*:[ \t]*{_VALUE}[ \t]*-->", re.IGNORECASE),
    re.compile(rf"^brieftype[ \t]*:[ \t]*{_VALUE}[ \t]*$", re.IGNORECASE | re.MULTILINE),
)


def kind_value(value: str) -> DocumentKind | None:
    """The kind a ``soort`` value names (any case), or None."""
    try:
        return DocumentKind(value.strip().lower())
    except ValueError:
        return None


def declared_kind(text: str, markup: str, *, template: bool = False) -> DocumentKind | None:
    """The ``soort`` the file declares, or None. A plain text file has no comments, so it
    declares nothing (its kind comes from the configuration). Raises :class:`ReaderError`
    for an unknown value."""
    found: list[re.Match[str]] = []
    if markup == "markdown":
        front = FRONT_MATTER.match(text)
        if front:
            found += _YAML_LINE.finditer(text, 0, front.end())
    if template:
        found += _JINJA_COMMENT.finditer(text)
    if markup in ("markdown", "html"):
        found += _HTML_COMMENT.finditer(text)
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    value = first.group("value") or ""
    kind = kind_value(value)
    if kind is None:
        raise ReaderError(
            f"Onbekende soort '{value}'. Kies uit: {KNOWN}.", text.count("\n", 0, first.start()) + 1
        )
    return kind


def declared_letter_type(
    text: str, markup: str, *, template: bool = False
) -> tuple[str, int] | None:
    """The ``brieftype`` the file declares (lower case) and its line, or None; where
    ``soort`` may stand. Which values are known is for the caller to check (the rule packs
    define the types)."""
    jinja, html, yaml_line = _TYPE_PLACES
    found: list[re.Match[str]] = []
    if markup == "markdown":
        front = FRONT_MATTER.match(text)
        if front:
            found += yaml_line.finditer(text, 0, front.end())
    if template:
        found += jinja.finditer(text)
    if markup in ("markdown", "html"):
        found += html.finditer(text)
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.group("value").strip().lower(), text.count("\n", 0, first.start()) + 1

"""Inline suppressions: comments in a letter that switch rules off.

    {# lint-brieven: disable=LB101 #}            until an enable or the end of the file
    {# lint-brieven: disable-next-line=LB101 #}  only the next line
    {# lint-brieven: enable=LB101 #}             ends an earlier disable
    <!-- lint-brieven: disable=LB101,LB201 -->   the same in HTML and Markdown

Without ``=CODES`` a directive covers every rule. DOCX letters use a Word comment instead (see
the DOCX reader), which covers the paragraph it is attached to.
"""

from __future__ import annotations

import re

from lint_brieven.letter import SourceText, Suppression

_DIRECTIVE = re.compile(
    r"(?:\{#-?|<!--)\s*lint-brieven:\s*(?P<action>disable-next-line|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]+?))?\s*(?:-?#\}|-->)"
)
_TEXT_DIRECTIVE = re.compile(
    r"^\s*lint-brieven:\s*(?P<action>disable)(?:\s*=\s*(?P<codes>[A-Za-z0-9_, ]+))?"
)


def parse_codes(raw: str | None) -> frozenset[str]:
    if not raw:
        return frozenset()
    return frozenset(c.strip().upper() for c in raw.split(",") if c.strip())


def directive_codes(text: str) -> frozenset[str] | None:
    """Codes of a ``lint-brieven: disable=…`` text (a Word comment); None if it is not one."""
    m = _TEXT_DIRECTIVE.match(text)
    return parse_codes(m["codes"]) if m else None


def suppressions_in(source: SourceText) -> list[Suppression]:
    """Every suppression written as a comment in ``source``."""
    last_line = max(len(source.text.splitlines()), 1)
    done: list[Suppression] = []
    open_: list[Suppression] = []
    for m in _DIRECTIVE.finditer(source.text):
        line, column = source.line_col(m.start())
        codes = parse_codes(m["codes"])
        action = m["action"]
        if action == "disable-next-line":
            done.append(Suppression(codes, source.path, line + 1, line + 1, line, column, m[0]))
        elif action == "disable":
            open_.append(Suppression(codes, source.path, line, last_line, line, column, m[0]))
        else:
            still_open = []
            for s in open_:
                if codes and s.codes and not (s.codes & codes):
                    still_open.append(s)
                    continue
                done.append(_until(s, line))
                rest = s.codes - codes if s.codes and codes else frozenset()
                if rest:
                    still_open.append(
                        Suppression(rest, s.path, line, last_line, s.line, s.column, s.comment)
                    )
            open_ = still_open
    return done + open_


def _until(s: Suppression, line: int) -> Suppression:
    return Suppression(s.codes, s.path, s.first_line, line, s.line, s.column, s.comment)

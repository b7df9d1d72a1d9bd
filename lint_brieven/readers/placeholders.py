"""Template placeholders: Jinja tags in running text (``JINJA_TAG``), and what a ``{{ … }}``
stands for with the stand-in word the NLP sees.

A placeholder is never prose. Later stages see a stand-in of its kind (a name, a date, an
amount) so that sentences stay grammatical, and rules skip matches that touch it. The kinds and
stand-ins live in ``lint_brieven.placeholder_kinds`` (shared with the placeholders written in
the text itself, ``layout/placeholders.py``) and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lint_brieven.placeholder_kinds import classify, from_expression_text, stand_in

__all__ = ["JINJA_TAG", "TagMatch", "classify", "from_expression_text", "stand_in"]


@dataclass(frozen=True)
class TagMatch:
    """One Jinja tag found in text, with the ``re.Match`` methods its callers use."""

    string: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.string[self.begin : self.finish]


class _JinjaTags:
    """Jinja tags as they appear in running text (DOCX templates, docxtpl's {%p …%} included):
    what ``re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)`` finds, in linear time. That
    regex retries from every opening brace and takes minutes on a paragraph full of unclosed
    tags; here a closing mark that is not there is looked for once."""

    _OPENING = re.compile(r"(?=\{[{%#])")
    _CLOSING = {"{": "}}", "%": "%}", "#": "#}"}

    def finditer(self, text: str) -> Iterator[TagMatch]:
        missing: set[str] = set()  # closing marks absent from some point on: absent after it
        pos = 0
        for opening in self._OPENING.finditer(text):
            start = opening.start()
            kind = text[start + 1]
            if start < pos or kind in missing:
                continue
            close = text.find(self._CLOSING[kind], start + 2)
            if close == -1:
                missing.add(kind)
                continue
            pos = close + 2
            yield TagMatch(text, start, pos)

    def findall(self, text: str) -> list[str]:
        return [m.group() for m in self.finditer(text)]


JINJA_TAG = _JinjaTags()

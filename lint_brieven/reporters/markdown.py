"""Letter text inside Markdown (SARIF rule help, the GitHub job summary): shown as written."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: its ``*``, ``<``, ``|`` … are no markup."""
    return _SPECIAL.sub(r"\\\1", text)


def table_cell(text: str) -> str:
    """``text`` in one cell of a Markdown table: literal, on one line."""
    return markdown_text(_LINE_BREAKS.sub(" ", text.strip()))

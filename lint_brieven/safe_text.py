"""Text from letters and file names made safe to show: on a terminal, in a CI log, in a file.

Letter text and file names are data from outside. Shown as they are, they could move the
cursor or retitle a terminal (ANSI/OSC escape sequences), start a line of their own (a file
name may hold a newline) or be read by GitHub Actions as a workflow command (a line starting
with ``::``). File names that are not UTF-8 reach Python as lone surrogates
(``b"brief-\\xff.txt"`` → ``"brief-\\udcff.txt"``), which no UTF-8 output can hold.

The choices, the same in every output format and the same as ``audit`` (``audit/names.py``):

- a byte of a file name that is not UTF-8 is written ``\\xff`` (two different bad bytes stay
  two different names);
- a control character (C0, DEL, C1: ESC too, so no escape sequence can work) is written
  ``\\x1b``, a bidirectional control ``\\u202e``: visible, never acted on;
- ``::`` becomes ``:\\u200b:`` (a zero-width space between the colons): GitHub never sees a
  workflow command in data, whatever line it ends up on, and a reader sees the same text.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SHOWN_ESCAPED = re.compile(f"[{_CONTROL}]")  # tab, newline and carriage return kept
_ESCAPED_ON_ONE_LINE = re.compile(f"[\t\n\r{_CONTROL}]")


def no_surrogates(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 (a lone surrogate) written
    as ``\\xNN``."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_no_surrogates(json_text: str) -> str:
    """JSON text (``ensure_ascii=False``) with each lone surrogate written as in
    :func:`no_surrogates`, its backslash escaped for JSON (``"brief-\\xff.txt"``)."""
    return _SURROGATE.sub(lambda m: no_surrogates(m.group()).replace("\\", "\\\\"), json_text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """No lone surrogates and no control characters except tab, newline and carriage
    return: each written as a visible escape (``\\xff``, ``\\x1b``, ``\\u202e``)."""
    return _SHOWN_ESCAPED.sub(_escape, no_surrogates(text))


def one_line(text: str) -> str:
    """As :func:`printable`, and tab, newline and carriage return escaped too: a file name
    stays on one line and in one cell (the audit's HTML, JSON and CSV)."""
    return _ESCAPED_ON_ONE_LINE.sub(_escape, no_surrogates(text))


def no_workflow_commands(text: str) -> str:
    """``::`` broken up by a zero-width space, so GitHub Actions never parses a command."""
    while "::" in text:
        text = text.replace("::", f":{ZERO_WIDTH_SPACE}:")
    return text


def log_safe(text: str) -> str:
    """For output that keeps line breaks of its own (GitHub messages, JUnit XML text):
    :func:`printable`, and no ``::``."""
    return no_workflow_commands(printable(text))


def terminal_safe(text: str) -> str:
    """For one line on a terminal: as :func:`log_safe`, and a tab, newline or carriage
    return becomes a space, so data can never start a line of its own."""
    return log_safe(text.translate({9: " ", 10: " ", 13: " "}))

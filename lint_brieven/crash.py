"""Unexpected exceptions: the one Dutch line a user sees, and the traceback with ``--debug``.

A bug while checking one file becomes that file's error (the run goes on); a bug anywhere
else ends the program with exit code 2 and one line on standard error. ``--debug`` (or
``LINT_BRIEVEN_DEBUG=1``) adds the full traceback on standard error.
"""

from __future__ import annotations

import os
import sys
import traceback

from lint_brieven.safe_text import terminal_safe

DEBUG_ENV = "LINT_BRIEVEN_DEBUG"
_OFF = {"", "0", "false", "no", "nee", "off"}
_MAX_MESSAGE = 200

_debug = False


def set_debug(on: bool) -> None:
    global _debug
    _debug = on


def debug_enabled() -> bool:
    return _debug or os.environ.get(DEBUG_ENV, "").strip().lower() not in _OFF


def short_message(exc: BaseException) -> str:
    """The first line of the exception's message, shortened, safe to show, without a final
    full stop (the sentence around it adds one)."""
    lines = str(exc).strip().splitlines()
    text = terminal_safe(lines[0].strip()) if lines else ""
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1].rstrip() + "…"
    return text.rstrip(".") or "geen nadere melding"


def file_error(exc: BaseException) -> str:
    """A file's error for an exception nobody expected while checking it."""
    return (
        f"Onverwachte fout bij het controleren ({type(exc).__name__}): {short_message(exc)}. "
        "Meld dit als fout in lint-brieven."
    )


def program_error(exc: BaseException) -> str:
    """The one line for an exception that ends the program."""
    return (
        f"lint-brieven: onverwachte fout ({type(exc).__name__}: {short_message(exc)}). "
        "Draai opnieuw met --debug voor de volledige melding."
    )


def print_traceback(exc: BaseException) -> None:
    """The full traceback on standard error, only with ``--debug``."""
    if debug_enabled():
        text = "".join(traceback.format_exception(exc))
        sys.stderr.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
        sys.stderr.flush()

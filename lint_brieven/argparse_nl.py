"""argparse's own strings in Dutch: ``gebruik:``, ``opties``, ``ongeldige keuze: …``.

argparse looks each of its messages up through gettext, with the functions it imported as
``argparse._`` and ``argparse.ngettext``. :func:`dutch` points those two at a small catalogue
(a ``gettext.NullTranslations`` whose ``gettext`` and ``ngettext`` look in ``MESSAGES`` and
``PLURALS``) for as long as the command line builds its parser and reads the arguments, and puts
argparse's own back afterwards: the global gettext domain, other libraries and a program that
calls ``main`` in-process keep theirs (the approach of s-ball/i18nparse, without .mo files).

The catalogue holds every message argparse (Python 3.11 to 3.14) shows a user; messages only a
programmer meets (conflicting options, bad ``add_argument`` calls) stay English.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

MESSAGES = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",  # before Python 3.10
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde: %r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s past bij %(matches)s"
    ),
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r?": (
        "ongeldige keuze: %(value)r, bedoelt u %(closest)r?"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}
# singular msgid → (Dutch singular, Dutch plural)
PLURALS = {
    "expected %s argument": ("verwacht %s waarde", "verwacht %s waarden"),
}


class DutchArgparse(gettext.NullTranslations):
    """The Dutch catalogue for argparse's messages; a message it lacks stays as it is."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if msgid1 in PLURALS:
            one, many = PLURALS[msgid1]
            return one if n == 1 else many
        return msgid1 if n == 1 else msgid2


@contextmanager
def dutch() -> Iterator[None]:
    """argparse speaks Dutch inside the ``with`` block (build the parser and parse in it: the
    help of ``-h`` is looked up when the parser is made, the rest when it is shown)."""
    translation = DutchArgparse()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = translation.gettext  # type: ignore[attr-defined]
    argparse.ngettext = translation.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]

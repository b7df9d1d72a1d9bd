"""Template placeholders: what a ``{{ … }}`` stands for, and the stand-in word the NLP sees.

A placeholder is never prose. Later stages see a stand-in of its kind (a name, a date, an
amount) so that sentences stay grammatical, and rules skip matches that touch it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lint_brieven.letter import Placeholder, PlaceholderKind

# A hint matches when it ends a filter name or a part of the variable name: Dutch compounds put
# the head last ("huurbedrag", "ophaaldatum"). The longest match wins, then the earlier kind.
_HINTS: tuple[tuple[PlaceholderKind, tuple[str, ...]], ...] = (
    (PlaceholderKind.DATE, ("datum", "date", "dag", "deadline", "termijn_tot", "jaar")),
    (PlaceholderKind.TIME, ("tijd", "time", "uur", "tijdstip")),
    (
        PlaceholderKind.AMOUNT,
        ("bedrag", "euro", "currency", "amount", "huur", "prijs", "kosten", "saldo", "achterstand"),
    ),
    (PlaceholderKind.EMAIL, ("email", "mail", "mailadres")),
    (PlaceholderKind.PHONE, ("telefoon", "telefoonnummer", "phone", "tel", "mobiel")),
    (PlaceholderKind.URL, ("url", "website", "link", "portaal")),
    (
        PlaceholderKind.ADDRESS,
        ("adres", "address", "straat", "postcode", "plaats", "woonplaats", "huisnummer"),
    ),
    (PlaceholderKind.NAME, ("naam", "name", "aanhef", "voorletters", "medewerker", "huurder")),
    (PlaceholderKind.NUMBER, ("aantal", "nummer", "count", "number", "nr", "percentage")),
)

_STAND_INS: dict[PlaceholderKind, str] = {
    PlaceholderKind.NAME: "Jansen",
    PlaceholderKind.DATE: "1 maart 2026",
    PlaceholderKind.TIME: "10.00 uur",
    PlaceholderKind.AMOUNT: "€ 100",
    PlaceholderKind.ADDRESS: "Dorpsstraat 1",
    PlaceholderKind.PHONE: "030 123 45 67",
    PlaceholderKind.EMAIL: "info@voorbeeld.nl",
    PlaceholderKind.URL: "www.voorbeeld.nl",
    PlaceholderKind.NUMBER: "3",
    PlaceholderKind.TEXT: "Xxx",
}


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
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# Parts of an address or a date get stand-ins of their own, so that "{{ a.straat }}
# {{ a.huisnummer }} in {{ a.plaats }}" reads "Dorpsstraat 1 in Utrecht", not three whole
# addresses, and "1 januari {{ jaar }}" reads "1 januari 2026".
_PART_STAND_INS: tuple[tuple[str, str], ...] = (
    ("huisnummer", "1"),
    ("postcode", "1234 AB"),
    ("woonplaats", "Utrecht"),
    ("plaats", "Utrecht"),
    ("straat", "Dorpsstraat"),
    ("jaar", "2026"),
)


def _parts(candidates: list[str]) -> list[str]:
    return [p for c in candidates for p in c.lower().replace("-", "_").split("_") if p]


def classify(names: list[str], filters: list[str]) -> PlaceholderKind:
    """Guess the kind from filter names first, then from the variable's last name, then from
    all its names. The longest matching hint wins: "huur" is an amount, not a time ("uur")."""
    for candidates in (filters, names[-1:], names):
        parts = _parts(candidates)
        matches = [
            (len(hint), -order, kind)
            for order, (kind, hints) in enumerate(_HINTS)
            for hint in hints
            if any(part.endswith(hint) for part in parts)
        ]
        if matches:
            return max(matches)[2]
    return PlaceholderKind.TEXT


def stand_in(kind: PlaceholderKind, names: list[str] | None = None) -> str:
    """The stand-in word for a placeholder of ``kind``; a part of an address or date by the
    variable's own name."""
    last = _parts((names or [])[-1:])
    for hint, word in _PART_STAND_INS:
        if any(part.endswith(hint) for part in last):
            return word
    return _STAND_INS[kind]


def from_expression_text(tag: str) -> tuple[Placeholder, str]:
    """A placeholder for a ``{{ … }}`` tag given as text (for DOCX templates), and its
    stand-in word."""
    inner = tag.strip("{}").strip().lstrip("pr-").strip()
    head, _, filter_part = inner.partition("|")
    names = _IDENTIFIER.findall(head)
    filters = [f.strip().split("(")[0].strip() for f in filter_part.split("|") if f.strip()]
    kind = classify(names, filters)
    return Placeholder(tag, kind), stand_in(kind, names)

"""What a placeholder stands for (a name, a date, an amount…), guessed from its words, and the
stand-in word the NLP reads in its place.

Every convention shares this: a Jinja ``{{ huurder.naam }}``, a Word merge field «Naam», a
written ``[naam huurder]`` or ``UW NAAM``. Dutch compounds put the head last ("huurbedrag",
"ophaaldatum"), so a hint matches the end of a word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lint_brieven.letter import Placeholder, PlaceholderKind

# A hint matches when it ends a filter name or a part of the variable name. The longest match
# wins, then the earlier kind.
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
        (
            "adres",
            "address",
            "straat",
            "straatnaam",
            "postcode",
            "plaats",
            "plaatsnaam",
            "woonplaats",
            "huisnummer",
        ),
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

# Parts of an address or a date get stand-ins of their own, so that "{{ a.straat }}
# {{ a.huisnummer }} in {{ a.plaats }}" reads "Dorpsstraat 1 in Utrecht", not three whole
# addresses, and "1 januari {{ jaar }}" reads "1 januari 2026".
_PART_STAND_INS: tuple[tuple[str, str], ...] = (
    ("straatnaam", "Dorpsstraat"),
    ("plaatsnaam", "Utrecht"),
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
        kind = _best(tuple(_parts(candidates)))
        if kind is not None:
            return kind
    return PlaceholderKind.TEXT


@lru_cache(maxsize=4096)
def _best(parts: tuple[str, ...]) -> PlaceholderKind | None:
    """The kind of the longest hint that ends one of ``parts`` (None: no hint)."""
    matches = [
        (len(hint), -order, kind)
        for order, (kind, hints) in enumerate(_HINTS)
        for hint in hints
        if any(part.endswith(hint) for part in parts)
    ]
    return max(matches)[2] if matches else None


def stand_in(kind: PlaceholderKind, names: list[str] | None = None) -> str:
    """The stand-in word for a placeholder of ``kind``; a part of an address or date by the
    variable's own name."""
    last = _parts((names or [])[-1:])
    for hint, word in _PART_STAND_INS:
        if any(part.endswith(hint) for part in last):
            return word
    return _STAND_INS[kind]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def from_expression_text(tag: str) -> tuple[Placeholder, str]:
    """A placeholder for a ``{{ … }}`` tag given as text (for DOCX templates), and its
    stand-in word."""
    inner = tag.strip("{}").strip().lstrip("pr-").strip()
    head, _, filter_part = inner.partition("|")
    names = _IDENTIFIER.findall(head)
    filters = [f.strip().split("(")[0].strip() for f in filter_part.split("|") if f.strip()]
    kind = classify(names, filters)
    return Placeholder(tag, kind), stand_in(kind, names)

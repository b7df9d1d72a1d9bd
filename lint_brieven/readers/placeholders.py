"""Template placeholders: what a ``{{ … }}`` stands for, and the stand-in word the NLP sees.

A placeholder is never prose. Later stages see a stand-in of its kind (a name, a date, an
amount) so that sentences stay grammatical, and rules skip matches that touch it.
"""

from __future__ import annotations

import re

from lint_brieven.letter import Placeholder, PlaceholderKind

# Checked in order: the first kind with a hint that ends a filter name or a part of the variable
# name wins. Dutch compounds put the head last ("huurbedrag", "ophaaldatum"), hence endswith.
_HINTS: tuple[tuple[PlaceholderKind, tuple[str, ...]], ...] = (
    (PlaceholderKind.DATE, ("datum", "date", "dag", "deadline", "termijn_tot")),
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
    (PlaceholderKind.NUMBER, ("aantal", "nummer", "count", "number", "nr")),
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

# Jinja tags as they appear in running text (DOCX templates, docxtpl's {%p …%} included).
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def classify(names: list[str], filters: list[str]) -> PlaceholderKind:
    """Guess the kind from filter names first, then from the variable's last name."""
    for candidates in (filters, names[-1:], names):
        parts = [p for c in candidates for p in c.lower().replace("-", "_").split("_") if p]
        for kind, hints in _HINTS:
            if any(part.endswith(hint) for part in parts for hint in hints):
                return kind
    return PlaceholderKind.TEXT


def from_expression_text(tag: str) -> Placeholder:
    """A placeholder for a ``{{ … }}`` tag given as text (for DOCX templates)."""
    inner = tag.strip("{}").strip().lstrip("pr-").strip()
    head, _, filter_part = inner.partition("|")
    names = _IDENTIFIER.findall(head)
    filters = [f.strip().split("(")[0].strip() for f in filter_part.split("|") if f.strip()]
    return Placeholder(tag, classify(names, filters))


def stand_in(kind: PlaceholderKind) -> str:
    return _STAND_INS[kind]

"""Promise consistency: the commitments with a term that letters make ("binnen 5 werkdagen",
"binnen 24 uur", "dezelfde week", "uiterlijk op …"), what each is about, and the topics where
letters promise different terms for the same thing. Staff promising different things for the
same request was one of the journey findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

_NUMBERS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "twaalf": 12,
    "veertien": 14,
    "twintig": 20,
    "dertig": 30,
}
_UNITS = {
    "uur": "uur",
    "uren": "uur",
    "dag": "dagen",
    "dagen": "dagen",
    "werkdag": "werkdagen",
    "werkdagen": "werkdagen",
    "week": "weken",
    "weken": "weken",
    "maand": "maanden",
    "maanden": "maanden",
}
TERM = re.compile(
    r"\b(?:binnen|in|na uiterlijk|uiterlijk binnen)\s+(\d+|" + "|".join(_NUMBERS) + r")\s+"
    r"(uur|uren|werkdagen|werkdag|dagen|dag|weken|week|maanden|maand)\b"
    r"|\b(dezelfde|diezelfde) (dag|week)\b"
    r"|\b(binnen een|binnen één) (dag|week|maand|werkdag)\b",
    re.IGNORECASE,
)
# Topic: the first whose words occur in the sentence. Urgent repairs before repairs.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("spoedreparatie", ("spoed", "noodgeval", "lekkage", "geen warm water", "geen verwarming")),
    ("reparatie", ("reparatie", "repareren", "monteur", "storing", "verhelpen")),
    ("antwoord op een klacht", ("klacht",)),
    ("antwoord op een bezwaar", ("bezwaar",)),
    ("terugbetaling van de borg", ("borg", "waarborgsom")),
    ("afspraak voor een inspectie", ("inspectie", "opname", "controle van de woning")),
    ("terugbellen", ("bellen wij u", "bellen u", "terugbellen", "contact met u op")),
    ("afspraak maken", ("afspraak",)),
    ("antwoord op een aanvraag", ("aanvraag", "verzoek")),
    ("terugbetaling", ("terugbetal", "terug op uw rekening", "maken het geld")),
)


@dataclass(frozen=True)
class Commitment:
    path: str
    line: int | None
    topic: str
    term: str  # normalised: "5 werkdagen", "24 uur", "dezelfde week"
    sentence: str


def normalise(match: re.Match[str]) -> str:
    if match.group(1):
        raw = match.group(1).lower()
        number = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = _UNITS[match.group(2).lower()]
        if number == 1:
            unit = {
                "dagen": "dag",
                "werkdagen": "werkdag",
                "weken": "week",
                "maanden": "maand",
            }.get(unit, unit)
        return f"{number} {unit}"
    if match.group(3):
        return f"dezelfde {match.group(4).lower()}"
    return f"1 {match.group(6).lower()}"


def topic_of(sentence: str) -> str | None:
    lowered = sentence.lower()
    for topic, words in TOPICS:
        if any(w in lowered for w in words):
            return topic
    return None


def commitments(path: str, sentences: list[dict]) -> list[Commitment]:
    """The commitments in a letter's sentences (``readability["sentences"]``)."""
    out = []
    for s in sentences:
        text = s["text"]
        if not TERM.search(text):  # most sentences promise no term
            continue
        topic = topic_of(text)
        if topic is None:
            continue
        for match in TERM.finditer(text):
            out.append(Commitment(path, s.get("line"), topic, normalise(match), text))
    return out


def conflicts(found: list[Commitment]) -> dict[str, dict[str, list[Commitment]]]:
    """Topics for which letters promise different terms: topic → term → commitments."""
    by_topic: dict[str, dict[str, list[Commitment]]] = defaultdict(lambda: defaultdict(list))
    for c in found:
        by_topic[c.topic][c.term].append(c)
    return {
        topic: dict(terms)
        for topic, terms in sorted(by_topic.items())
        if len(terms) > 1 and len({c.path for cs in terms.values() for c in cs}) > 1
    }

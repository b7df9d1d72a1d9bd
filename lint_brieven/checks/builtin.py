"""Rules the tool itself reports, defined in code because no pack data drives them.

LB001 reports an inline suppression that suppressed nothing (like ruff's RUF100); LB002 flags
the words an organisation rejected in its configuration (``reject``).
"""

from __future__ import annotations

from dataclasses import replace

from lint_brieven.checks.rule import Rule
from lint_brieven.findings import Severity

UNUSED_SUPPRESSION = Rule(
    code="LB001",
    name="ongebruikte-onderdrukking",
    category="lint-brieven",
    severity=Severity.WARNING,
    kind="builtin",
    message="Deze onderdrukking ({codes}) zet niets uit: er is hier geen bevinding. Haal haar weg.",
    rationale=(
        "Een opmerking die een regel uitzet, hoort bij een bevinding. Als de tekst is verbeterd "
        "of de regel er niet meer op slaat, blijft de opmerking achter en zet zij later "
        "ongemerkt een echte bevinding uit. Haal onderdrukkingen weg die niets meer doen."
    ),
    examples_flag=("{# lint-brieven: disable=LB101 #} (terwijl de brief geen LB101 heeft)",),
    examples_pass=("{# lint-brieven: disable=LB101 #} boven een zin met 'middels'",),
    pack="lint-brieven",
    pack_path="",
)

REJECTED_WORD = Rule(
    code="LB002",
    name="afgewezen-woord",
    category="lint-brieven",
    severity=Severity.WARNING,
    kind="builtin",
    message="'{match}' staat op de lijst van woorden die uw organisatie niet gebruikt. "
    "Schrijf: {suggestion}.",
    rationale=(
        "Een organisatie kan in haar configuratie (reject) woorden opnemen die zij in brieven "
        "niet wil zien, met een eigen alternatief. Zo gebruikt iedereen dezelfde woorden."
    ),
    examples_flag=("Met reject = {mutatie = 'verhuizing'}: 'Na de mutatie krijgt u bericht.'",),
    examples_pass=("Met reject = {mutatie = 'verhuizing'}: 'Na uw verhuizing krijgt u bericht.'",),
    pack="lint-brieven",
    pack_path="",
)

BUILTIN_RULES = (UNUSED_SUPPRESSION, REJECTED_WORD)


def rejected_word_rule(words: dict[str, str]) -> Rule:
    """LB002 as a substitution rule over the configured words (word -> replacement or "")."""
    swap = [{"phrase": w, "use": [r] if r else [], "safe": False} for w, r in words.items()]
    return replace(REJECTED_WORD, kind="substitution", spec={"swap": swap})

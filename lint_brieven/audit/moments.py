"""The tenant's key moment a letter belongs to: moving in, repairs and maintenance, rent and
payment, moving out (or "overig").

In order: the configuration's mapping (``[audit.momenten]``, glob → moment), front matter in
the letter (``moment: verhuizen`` in a ``{# … #}`` or ``<!-- … -->`` comment, or a Markdown
front matter block), the folder and file names, and last the letter's words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from lint_brieven.config import glob_matches

MOMENTS = ("intrekken", "reparatie en onderhoud", "huur en betalen", "verhuizen", "overig")
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "intrekken": (
        "woningaanbieding",
        "aanbieding",
        "huurcontract",
        "huurovereenkomst",
        "welkom",
        "sleutels ophalen",
        "bezichtiging",
        "inschrijving",
        "toewijzing",
        "intrek",
    ),
    "reparatie en onderhoud": (
        "reparatie",
        "onderhoud",
        "storing",
        "lekkage",
        "schimmel",
        "monteur",
        "renovatie",
        "schilder",
        "overlast",
        "cv-ketel",
        "aannemer",
    ),
    "huur en betalen": (
        "huurverhoging",
        "betaling",
        "herinnering",
        "achterstand",
        "servicekosten",
        "huurprijs",
        "incasso",
        "betalingsregeling",
        "huurtoeslag",
    ),
    "verhuizen": (
        "opzegging",
        "huuropzegging",
        "opzeggen",
        "voorinspectie",
        "eindinspectie",
        "vertrek",
        "oplevering",
        "borg",
        "verhuizen",
        "eindafrekening",
    ),
}
_FRONT_MATTER = re.compile(
    r"(?:\{#|<!--|^---)\s*(?:moment|reismoment)\s*:\s*([^#\-\n]+)", re.I | re.M
)


def moment_of(path: str, text: str = "", mapping: Mapping[str, str] | None = None) -> str:
    posix = PurePosixPath(path)
    for pattern, moment in (mapping or {}).items():
        if glob_matches(posix, (pattern,)):  # gitignore patterns, as the configuration's
            return moment
    found = _FRONT_MATTER.search(text[:2000])
    if found:
        return found.group(1).strip().lower()
    name = " ".join(posix.parts).lower().replace("-", " ").replace("_", " ")
    for moment, words in _KEYWORDS.items():
        if any(w.replace("-", " ") in name for w in words):
            return moment
    lowered = text.lower()
    counts = {m: sum(lowered.count(w) for w in words) for m, words in _KEYWORDS.items()}
    best = max(counts, key=lambda m: counts[m])
    return best if counts[best] else "overig"

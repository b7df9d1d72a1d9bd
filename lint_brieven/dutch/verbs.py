"""Present-tense verb forms, for rewrites such as passive → active ("wordt verhoogd" →
"wij verhogen", "de aannemer verhoogt").

Dutch present tense is regular apart from a handful of verbs: the plural is the infinitive,
the singular is the stem (+ t for the third person). The stem is the infinitive without -en,
spelled as Dutch spelling wants: a long vowel doubled in the closed syllable (halen → haal),
a double consonant single (bellen → bel), v/z at the end as f/s (geven → geef, lezen → lees).
"""

from __future__ import annotations

import re

_IRREGULAR_3SG = {
    "zijn": "is",
    "hebben": "heeft",
    "kunnen": "kan",
    "willen": "wil",
    "zullen": "zal",
    "mogen": "mag",
}
_IRREGULAR_1SG = {
    "zijn": "ben",
    "hebben": "heb",
    "kunnen": "kan",
    "willen": "wil",
    "zullen": "zal",
    "mogen": "mag",
}
_VOWELS = "aeiouy"
# -eren/-elen/-enen verbs whose last e before the ending is a schwa: no doubled vowel, stem
# ends in -er/-el/-en ("levert", "regelt", "tekent"). Romance -eren verbs are stressed
# ("informeert", "repareert"); they are the rule, these are the exceptions.
_SCHWA_EREN = re.compile(
    r"(lever|ander|inner|beter|luister|wonder|minder|gader|hinder|timmer|schilder|wander|wijder|vorder|"
    r"ouder|ijver|ever|oper|ooier|wapper|kletter|klapper|opper)en$"
)
# Separable particles, longest first: "opnemen" → "op" + "nemen".
PARTICLES = (
    "terug",
    "samen",
    "tegen",
    "voorbij",
    "binnen",
    "buiten",
    "onder",
    "over",
    "door",
    "weg",
    "aan",
    "af",
    "bij",
    "in",
    "mee",
    "na",
    "om",
    "op",
    "toe",
    "uit",
    "vast",
    "los",
    "voor",
    "neer",
    "langs",
    "rond",
    "thuis",
    "kapot",
    "schoon",
    "leeg",
    "klaar",
)


def stem(infinitive: str) -> str:
    """The first-person stem: "maken" → "maak", "bellen" → "bel", "geven" → "geef"."""
    inf = infinitive.lower()
    if inf in ("gaan", "staan", "slaan", "doen", "zien"):
        return inf[:-1]
    if not inf.endswith("en"):
        return inf[:-1] if inf.endswith("n") else inf
    base = inf[:-2]
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        base = base[:-1]  # bellen → bel, zetten → zet
    elif _lengthens(inf, base):
        base = base[:-1] + base[-2] + base[-1]  # halen → haal, nemen → neem
    if base.endswith("v"):
        base = base[:-1] + "f"
    elif base.endswith("z"):
        base = base[:-1] + "s"
    return base


def _lengthens(inf: str, base: str) -> bool:
    """Whether the vowel before the last consonant is long in an open syllable."""
    if len(base) < 2 or base[-1] in _VOWELS or base[-2] not in "aeou":
        return False
    if len(base) >= 3 and base[-3] in _VOWELS:
        return False  # already a digraph: "voeren", "huren" → "huur" handled by aeou check
    if base[-2] == "e" and base[-1] in "lnr" and _SCHWA_EREN.search(inf):
        return False
    # regelen → regel, tekenen → teken: an unstressed e after an earlier vowel
    return not (base[-2] == "e" and base[-1] in "ln" and any(c in _VOWELS for c in base[:-2]))


def present(infinitive: str, person: str) -> str:
    """Present-tense form: person is "1sg", "2sg" (u/je), "3sg" or "pl"."""
    inf = infinitive.lower()
    if person == "pl":
        return inf
    irregular = _IRREGULAR_1SG if person == "1sg" else _IRREGULAR_3SG
    if inf in irregular:
        return irregular[inf]
    base = stem(inf)
    if person == "1sg" or base.endswith("t"):
        return base
    return base + "t"


def split_particle(infinitive: str, participle: str) -> tuple[str, str]:
    """("op", "nemen") for "opnemen"/"opgenomen"; ("", "verhogen") for an inseparable verb."""
    inf, part = infinitive.lower(), participle.lower()
    for particle in PARTICLES:
        if (
            inf.startswith(particle)
            and part.startswith(particle + "ge")
            and len(inf) > len(particle) + 2
        ):
            return particle, inf[len(particle) :]
    return "", inf


def weak_stem(participle: str, particle: str = "") -> str | None:
    """The stem a weak participle shows: "gebeld" → "bel", "opgehaald" → "haal", "verhoogd"
    → "verhoog". None for a strong participle ("genomen")."""
    word = participle.lower()[len(particle) :]
    if not word.endswith(("d", "t")):
        return None
    word = word[2:] if word.startswith("ge") else word
    return word[:-1] or None


def infinitive_of(stem_: str) -> str | None:
    """The infinitive of a stem: "bel" → "bellen", "haal" → "halen", "lever" → "leveren",
    "geef" → "geven". Spelling leaves several candidates; the one Dutch uses most (wordfreq)
    wins, and None is returned when none is a word in common use."""
    from wordfreq import zipf_frequency

    stem_ = stem_.lower()
    if len(stem_) < 2:
        return None
    bases = {stem_}
    if stem_.endswith("f"):
        bases.add(stem_[:-1] + "v")
    if stem_.endswith("s"):
        bases.add(stem_[:-1] + "z")
    candidates = set()
    for base in bases:
        candidates.add(base + "en")
        if base[-1] not in _VOWELS:
            candidates.add(base + base[-1] + "en")  # bel → bellen
            if len(base) >= 3 and base[-2] == base[-3] and base[-2] in "aeou":
                candidates.add(base[:-2] + base[-1] + "en")  # haal → halen
    best = max(sorted(candidates), key=lambda c: zipf_frequency(c, "nl"))
    return best if zipf_frequency(best, "nl") >= 2.0 else None


def consistent(infinitive: str, participle: str) -> bool:
    """Whether a lemma fits its participle: a weak participle must show the lemma's stem."""
    particle, base = split_particle(infinitive, participle)
    if not infinitive.lower().endswith("n"):
        return False
    shown = weak_stem(participle, particle)
    if shown is None or participle.lower().endswith("en"):
        return True  # strong verb: nothing to compare
    return stem(base) == shown

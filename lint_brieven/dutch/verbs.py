"""Verb forms, for rewrites such as passive → active ("wordt verhoogd" → "wij verhogen", "de
aannemer verhoogt") and for putting a plainer verb in the form of the word it replaces
("verstrekt" → "geeft", "heeft verstrekt" → "heeft gegeven").

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
# "u" takes the second person: "u bent", "u kunt", "u wilt" (never "u is").
_IRREGULAR_U = {
    "zijn": "bent",
    "hebben": "heeft",
    "kunnen": "kunt",
    "willen": "wilt",
    "zullen": "zult",
    "mogen": "mag",
}
# Stems spelling does not predict ("komen" → "kom", not "koom"); also after a particle or an
# inseparable prefix ("aankomen" → "aankom", "ontstaan" → "ontsta").
_IRREGULAR_STEM = {
    "komen": "kom",
    "gaan": "ga",
    "staan": "sta",
    "slaan": "sla",
    "doen": "doe",
    "zien": "zie",
    "zijn": "ben",
}
_INSEPARABLE_PREFIXES = ("be", "ge", "her", "ver", "ont", "er")
# Verbs that begin like a particle but do not split ("ondertekenen" → "ondertekend").
_INSEPARABLE = {
    "ondertekenen",
    "overleggen",
    "onderhandelen",
    "overwegen",
    "onderzoeken",
    "overtuigen",
    "onderhouden",
    "ontvangen",
    "omvatten",
    "voorzien",
    "voldoen",
    "verbouwen",
    "doorzoeken",
    "herhalen",
    "ondersteunen",
    "onderbreken",
    "overlijden",
    "overschrijden",
    "aanvaarden",
    "beantwoorden",
    "bevestigen",
}
# Strong and irregular verbs: past singular, past plural, participle (without a particle or
# prefix: "terugkrijgen" and "bekijken" are built from "krijgen" and "kijken").
STRONG = {
    "geven": ("gaf", "gaven", "gegeven"),
    "krijgen": ("kreeg", "kregen", "gekregen"),
    "beginnen": ("begon", "begonnen", "begonnen"),
    "zien": ("zag", "zagen", "gezien"),
    "vinden": ("vond", "vonden", "gevonden"),
    "doen": ("deed", "deden", "gedaan"),
    "gaan": ("ging", "gingen", "gegaan"),
    "komen": ("kwam", "kwamen", "gekomen"),
    "nemen": ("nam", "namen", "genomen"),
    "vragen": ("vroeg", "vroegen", "gevraagd"),
    "zeggen": ("zei", "zeiden", "gezegd"),
    "brengen": ("bracht", "brachten", "gebracht"),
    "denken": ("dacht", "dachten", "gedacht"),
    "kopen": ("kocht", "kochten", "gekocht"),
    "zoeken": ("zocht", "zochten", "gezocht"),
    "laten": ("liet", "lieten", "gelaten"),
    "houden": ("hield", "hielden", "gehouden"),
    "lezen": ("las", "lazen", "gelezen"),
    "helpen": ("hielp", "hielpen", "geholpen"),
    "sluiten": ("sloot", "sloten", "gesloten"),
    "schrijven": ("schreef", "schreven", "geschreven"),
    "blijven": ("bleef", "bleven", "gebleven"),
    "kijken": ("keek", "keken", "gekeken"),
    "liggen": ("lag", "lagen", "gelegen"),
    "zitten": ("zat", "zaten", "gezeten"),
    "staan": ("stond", "stonden", "gestaan"),
    "hebben": ("had", "hadden", "gehad"),
    "zijn": ("was", "waren", "geweest"),
    "weten": ("wist", "wisten", "geweten"),
    "kunnen": ("kon", "konden", "gekund"),
    "moeten": ("moest", "moesten", "gemoeten"),
    "mogen": ("mocht", "mochten", "gemogen"),
    "willen": ("wilde", "wilden", "gewild"),
    "zullen": ("zou", "zouden", ""),
    "bieden": ("bood", "boden", "geboden"),
    "wijzen": ("wees", "wezen", "gewezen"),
    "trekken": ("trok", "trokken", "getrokken"),
    "worden": ("werd", "werden", "geworden"),
    "lopen": ("liep", "liepen", "gelopen"),
    "roepen": ("riep", "riepen", "geroepen"),
    "dragen": ("droeg", "droegen", "gedragen"),
    "spreken": ("sprak", "spraken", "gesproken"),
    "breken": ("brak", "braken", "gebroken"),
    "stijgen": ("steeg", "stegen", "gestegen"),
    "vallen": ("viel", "vielen", "gevallen"),
    "hangen": ("hing", "hingen", "gehangen"),
    "vangen": ("ving", "vingen", "gevangen"),
    "zenden": ("zond", "zonden", "gezonden"),
    "sterven": ("stierf", "stierven", "gestorven"),
    "wegen": ("woog", "wogen", "gewogen"),
    "scheiden": ("scheidde", "scheidden", "gescheiden"),
    "treffen": ("trof", "troffen", "getroffen"),
    "vergeten": ("vergat", "vergaten", "vergeten"),
    "eten": ("at", "aten", "gegeten"),
    "zwijgen": ("zweeg", "zwegen", "gezwegen"),
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
    for verb, irregular in _IRREGULAR_STEM.items():
        if inf.endswith(verb) and (_is_prefix(inf[: -len(verb)]) or inf in _INSEPARABLE):
            return inf[: -len(verb)] + irregular
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


def _is_prefix(text: str) -> bool:
    return text in ("", *PARTICLES, *_INSEPARABLE_PREFIXES)


def present(infinitive: str, person: str) -> str:
    """Present-tense form: person is "1sg", "2sg" (je), "u", "3sg" or "pl"."""
    inf = infinitive.lower()
    if person == "pl":
        return inf
    if person == "u" and inf in _IRREGULAR_U:
        return _IRREGULAR_U[inf]
    irregular = _IRREGULAR_1SG if person == "1sg" else _IRREGULAR_3SG
    if inf in irregular:
        return irregular[inf]
    base = stem(inf)
    if person == "1sg" or base.endswith("t"):
        return base
    if base.endswith(("ga", "sta", "sla")):
        base += "a"  # "ik ga", "hij gaat"
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


def separable(infinitive: str) -> tuple[str, str]:
    """("terug", "sturen") for a separable verb, ("", infinitive) for any other: the particle
    that moves to the end of a main clause ("u stuurt het terug")."""
    inf = infinitive.lower()
    if inf in _INSEPARABLE:
        return "", inf
    for particle in sorted(PARTICLES, key=len, reverse=True):
        rest = inf[len(particle) :]
        if (
            inf.startswith(particle)
            and len(rest) > 3
            and rest.endswith("n")
            and (rest in STRONG or rest[:2] in ("be", "ge") or _looks_like_verb(rest))
        ):
            return particle, rest
    return "", inf


def _looks_like_verb(word: str) -> bool:
    from wordfreq import zipf_frequency

    return word.endswith("en") and zipf_frequency(word, "nl") >= 3.0


def _parts(infinitive: str) -> tuple[str, str, str]:
    """(particle, inseparable prefix, core): "terugsturen" → ("terug", "", "sturen"),
    "bekijken" → ("", "be", "kijken"), "ondertekenen" → ("", "onder", "tekenen")."""
    particle, verb = separable(infinitive)
    if verb in _INSEPARABLE:
        for i in range(2, len(verb) - 3):
            if verb[i:] in STRONG:
                return particle, verb[:i], verb[i:]  # "voldoen" → "vol" + "doen"
        for prefix in sorted((*PARTICLES, *_INSEPARABLE_PREFIXES), key=len, reverse=True):
            if verb.startswith(prefix) and len(verb) > len(prefix) + 3:
                return particle, prefix, verb[len(prefix) :]
    for prefix in _INSEPARABLE_PREFIXES:
        core = verb[len(prefix) :]
        if not verb.startswith(prefix) or len(core) < 4:
            continue
        vowel_start = core[0] in _VOWELS or core[0] in "ëé"
        if vowel_start and prefix not in ("her", "ver", "ont") and core[0] != "ë":
            continue
        if not vowel_start and core[0] == core[1]:
            continue  # "bellen" is no "be-" verb
        return particle, prefix, core
    return particle, "", verb


def participle(infinitive: str) -> str | None:
    """The past participle: "sturen" → "gestuurd", "terugsturen" → "teruggestuurd", "geven"
    → "gegeven", "bekijken" → "bekeken", "regelen" → "geregeld". None for "zullen"."""
    particle, prefix, core = _parts(infinitive)
    if core in STRONG:
        strong = STRONG[core][2]
        if not strong:
            return None
        return particle + (prefix + strong[2:] if prefix else strong)
    weak = stem(prefix + core)
    ending = "" if weak.endswith(("t", "d")) else _dental(core, weak)[0]
    return particle + ("" if prefix else "ge") + weak + ending


def past(infinitive: str, plural: bool) -> str | None:
    """The past tense of the whole verb, particle included ("terugstuurde"), as a subclause
    writes it."""
    particle, prefix, core = _parts(infinitive)
    if core in STRONG:
        return particle + prefix + STRONG[core][1 if plural else 0]
    weak = stem(prefix + core)
    return particle + weak + _dental(core, weak) + ("n" if plural else "")


def _dental(infinitive: str, weak: str) -> str:
    """ "te" after a voiceless stem ('t kofschip: t k f s ch p), "de" after any other; a stem
    whose f or s comes from v or z ("leven" → "leef") is voiced."""
    base = infinitive[:-2] if infinitive.endswith("en") else infinitive
    voiced = base.endswith(("v", "z"))
    return "te" if not voiced and weak.endswith(("t", "k", "f", "s", "ch", "p")) else "de"


def strong_infinitive(participle: str) -> str | None:
    """The infinitive of a strong or irregular participle: "meegenomen" → "meenemen",
    "ontvangen" → "ontvangen", "bekeken" → "bekijken"; None for any other word."""
    word = participle.lower()
    by_participle = {forms[2]: verb for verb, forms in STRONG.items() if forms[2]}
    if word in by_participle:
        return by_participle[word]
    for particle in sorted(PARTICLES, key=len, reverse=True):
        rest = word[len(particle) :]
        if word.startswith(particle) and rest in by_participle:
            return particle + by_participle[rest]
    for prefix in _INSEPARABLE_PREFIXES:
        rest = "ge" + word[len(prefix) :]
        if word.startswith(prefix) and rest in by_participle:
            return prefix + by_participle[rest]
    return None

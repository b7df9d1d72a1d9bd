"""Forms of Dutch adjectives and nouns, for putting a plainer word in the form of the word it
replaces: "de benodigde onderdelen" → "de nodige onderdelen" (an attributive adjective keeps
its -e), "mededelingen" → "berichten" (a plural stays plural), "het verzoek" → "de vraag" (the
article follows the new noun's gender).

Spelling rules give candidates; a candidate is only used when Dutch text has it (wordfreq), so
a rule that does not fit a word gives no form rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

_VOWELS = "aeiouyëéèïöü"
_DIGRAPHS = ("aa", "ee", "oo", "uu", "ie", "ei", "ij", "ui", "ou", "au", "eu", "oe")
# Attributive adjectives that never take -e ("een gratis reparatie", "de extra kosten").
UNINFLECTED = {"gratis", "extra", "prima", "plus", "oranje", "roze", "lila", "beige", "open"}
# Unstressed endings: no doubled consonant before the -e ("nodige", "simpele", "lekkere").
_UNSTRESSED = ("ig", "lijk", "isch", "el", "er", "em", "en", "ing")
# Nouns our tagger gives the wrong gender out of context.
_GENDER = {"regenpijp": "de", "akkoord": "het", "einde": "het", "begin": "het"}
MIN_ZIPF = 1.0


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


def _known(candidates: list[str]) -> str | None:
    best = max(candidates, key=_zipf, default=None)
    return best if best is not None and _zipf(best) >= MIN_ZIPF else None


def _last_vowels(word: str) -> tuple[int, int]:
    """Start and end of the last group of vowel letters."""
    end = len(word)
    while end and word[end - 1] not in _VOWELS and word[end - 2 : end] != "ij":
        end -= 1
    start = end
    if word[end - 2 : end] == "ij":
        start -= 2
    while start and word[start - 1] in _VOWELS:
        start -= 1
    return start, end


def _unstressed(word: str, start: int) -> bool:
    """Whether the last syllable (vowel at ``start``) is an unstressed ending after another
    syllable: "nodig", "simpel", "lekker" (not "snel")."""
    return word.endswith(_UNSTRESSED) and _last_vowels(word[:start])[1] > 0


def inflect_adjective(word: str) -> str | None:
    """The attributive form with -e: "nodig" → "nodige", "groot" → "grote", "wit" → "witte",
    "lief" → "lieve", "betaald" → "betaalde"; the word itself when it takes no -e."""
    lower = word.lower()
    if lower in UNINFLECTED or lower.endswith(("en", "e", "a", "o", "i", "u", "y")):
        return word
    start, end = _last_vowels(lower)
    vowels, tail = lower[start:end], lower[end:]
    if not vowels:
        return None
    stem = lower
    if len(tail) == 1:
        if len(vowels) == 2 and vowels[0] == vowels[1] and vowels in _DIGRAPHS:
            stem = lower[:start] + vowels[0] + tail  # groot → grot-e
        elif len(vowels) == 1 and tail not in "wj" and not _unstressed(lower, start):
            stem = lower + tail  # wit → witt-e
    if (vowels in _DIGRAPHS or len(vowels) == 2) and tail in ("f", "s"):
        stem = stem[:-1] + {"f": "v", "s": "z"}[tail]  # lief → liev-e, boos → boz-e
    return _known([stem + "e"])


def uninflect_adjective(word: str) -> str | None:
    """The base form of an inflected adjective: "nodige" → "nodig", "grote" → "groot"."""
    lower = word.lower()
    if not lower.endswith("e") or len(lower) < 4:
        return word
    stem = lower[:-1]
    candidates = [stem]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        candidates.append(stem[:-1])  # witte → wit
    start, end = _last_vowels(stem)
    if end - start == 1 and len(stem) - end == 1:
        candidates.append(stem[:start] + stem[start] * 2 + stem[end:])  # grote → groot
    candidates += [c[:-1] + {"v": "f", "z": "s"}[c[-1]] for c in candidates if c[-1] in "vz"]
    candidates = [c for c in candidates if inflect_adjective(c) == lower]
    return _known(candidates)


def plural(noun: str) -> str | None:
    """The plural of a noun: "bericht" → "berichten", "brief" → "brieven", "reactie" →
    "reacties", "probleem" → "problemen"."""
    lower = noun.lower()
    if " " in lower:
        return None
    if lower.endswith("heid"):
        return lower[:-4] + "heden"
    candidates = [lower + "s", lower + "en"]
    if lower[-1] in _VOWELS:
        candidates.append(lower + "'s")
    start, end = _last_vowels(lower)
    vowels, tail = lower[start:end], lower[end:]
    if len(tail) == 1:
        if vowels in ("aa", "ee", "oo", "uu"):
            candidates.append(lower[:start] + vowels[0] + tail + "en")
        elif len(vowels) == 1:
            candidates.append(lower + tail + "en")
        if tail in "fs":
            voiced = {"f": "v", "s": "z"}[tail]
            base = lower[:start] + (vowels[0] if vowels in ("aa", "ee", "oo", "uu") else vowels)
            candidates.append(base + voiced + "en")
    return _known(candidates)


@lru_cache(maxsize=4096)
def gender(noun: str) -> str | None:
    """ "de" or "het" for a singular noun, as our tagger reads it in a neutral sentence."""

    lower = noun.lower()
    if lower in _GENDER:
        return _GENDER[lower]
    head = _compound_head(lower)
    if head is not None:
        found = _tagged_gender(head)
        if found is not None:
            return found
    return _tagged_gender(lower)


def _compound_head(lower: str) -> str | None:
    """The last part a compound is read by: a compound has the gender of its last part
    ("ordernummer": het nummer), which the tagger knows better than the whole; the longest
    common ending that leaves at least three letters before it and is five or more long."""
    for cut in range(3, len(lower) - 4):
        head = lower[cut:]
        if _zipf(head) >= 3.5:
            return head
    return None


def _tagged_gender(lower: str) -> str | None:
    return _gender_probe()(lower)


def prime_genders(nouns: Iterable[str]) -> None:
    """Have the words ``gender`` reads for ``nouns`` tagged in one batch: each noun (in lower
    case) not in ``_GENDER`` and the last part a compound would be read by."""
    words = []
    for noun in nouns:
        lower = noun.lower()
        if lower in _GENDER:
            continue
        head = _compound_head(lower)
        if head is not None:
            words.append(head)
        words.append(lower)
    _gender_probe().prime(words)


@lru_cache(maxsize=1)
def _gender_probe():
    from lint_brieven import nlp

    # only the tagger's tags are read: the components after it leave a noun's tag as it is
    # (the finite-verb repair turns an infinitive's tag into a finite verb's, neither a noun's;
    # tests/test_probe_batch.py compares every answer the corpus asks with the whole pipeline's)
    return nlp.Probe(lambda lower: f"Wij bespreken {lower}.", _gender_in, 4096, upto="tagger")


def _gender_in(_lower: str, doc) -> str | None:
    tags = [t.tag_ for t in doc[2:-1]]
    if not tags or not tags[-1].startswith("N|") or "|ev|" not in tags[-1] + "|":
        return None
    if "|onz|" in tags[-1] + "|":
        return "het"
    if "|zijd|" in tags[-1] + "|":
        return "de"
    return None


# Determiners that change with the gender of their noun: the het-form and the de-form.
DETERMINERS = {"het": "de", "dit": "deze", "dat": "die", "ons": "onze", "welk": "welke"}
DE_DETERMINERS = {v: k for k, v in DETERMINERS.items()}
# Determiners after which an adjective before a het-word keeps its base form.
INDEFINITE = {"een", "geen", "elk", "ieder", "zo'n", "veel", "weinig", "wat", "welk", "enig"}


def determiner_for(determiner: str, noun_gender: str) -> str | None:
    """The determiner a noun of ``noun_gender`` takes: ("het", "de") → "de", ("deze",
    "het") → "dit"; None when it does not change with gender ("een", "uw")."""
    lower = determiner.lower()
    if noun_gender == "de" and lower in DETERMINERS:
        return DETERMINERS[lower]
    if noun_gender == "het" and lower in DE_DETERMINERS:
        return DE_DETERMINERS[lower]
    if lower in DETERMINERS or lower in DE_DETERMINERS:
        return lower
    return None

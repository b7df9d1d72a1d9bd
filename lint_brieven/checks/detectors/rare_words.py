"""Rare words and very long compounds, by wordfreq's Dutch word frequencies (Zipf scale: 3 is a
word seen once per million words, 1 once per billion).

A word below ``min-zipf`` is rare, unless it is an inflected form of a known word
("krentenboompjes", "speelterreintje") or a compound of known words ("huuropzegging",
"sleutelinlevering"): a compound of common words is not rare, however seldom the whole is
written. A word of ``long-compound`` letters or more that is itself not common is reported as
a long compound: the reader has to take it apart. There is no rewrite: a paraphrase of the
form "Y van de X" is seldom right ("klacht van de onderhoud").

Names, numbers and codes are not words: proper names (the organisation's own name and the
names in its profile ``[organisatie]``, street and project names, a capitalised word inside a
sentence), words in capitals, numbers, dates, times, amounts, postcodes, URLs, e-mail
addresses and placeholders are never rare words. Also skipped: the organisation's accepted
words (``accept`` in the configuration) and words another rule pack already explains
(jargon, abbreviations, officialese).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext, found_in
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_tokens
from lint_brieven.dutch.clauses import is_name_like

_CONTENT = ("NOUN", "ADJ", "VERB", "ADV")
# A part of a compound, or a base form, at least this common counts as a known word.
KNOWN_ZIPF = 2.3
# Compounds are split into at most this many words ("huurprijs|aanpassing|brief").
_MAX_PARTS = 3
_WORD_IN_PROFILE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def covered_elsewhere() -> frozenset[str]:
    """Words and terms the shipped term and substitution rules handle themselves."""
    from lint_brieven.checks.loader import rules_for  # the rules the run loaded already

    words: set[str] = set()
    for rule in rules_for().values():
        for entry in rule.spec.get("terms", []) + rule.spec.get("swap", []):
            for text in [entry.get("term") or entry.get("phrase"), *entry.get("forms", [])]:
                words.update(text.lower().split())
    return frozenset(words)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    """``zipf_frequency(word, "nl")``, kept per word (wordfreq's lists do not change while
    the process runs; its own cache still rebuilds its key and rounds at every call)."""
    return zipf_frequency(word, "nl")


def base_forms(word: str) -> list[str]:
    """Candidate uninflected forms of a Dutch word: without a diminutive ("boompjes" →
    "boom"), a plural ("kosten" → "kost", "woningen" → "woning") or an adjective -e."""
    out: list[str] = []
    for suffix in ("etjes", "etje", "tjes", "tje", "pjes", "pje", "kjes", "kje", "jes", "je"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out.append(stem)
            if suffix.startswith("etj") and len(stem) >= 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "bolletje" → "bol"
            break
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        out.append(stem)
        if len(stem) >= 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])  # "bakken" → "bak"
        if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
            out.append(stem[:-1] + stem[-2] + stem[-1])  # "boten" → "boot"
    if word.endswith(("s", "'s")) and len(word) > 4:
        out.append(word.rstrip("s").rstrip("'"))
    if word.endswith("e") and len(word) > 4:
        out.append(word[:-1])
    if word.endswith("aaf"):
        out.append(word[:-3] + "ave")  # the older spelling: "opgaaf" is "opgave"
    return out


# Word endings that make words ("gelijk|heid", "eigen|schap"), not words of a compound.
_SUFFIXES = {"heid", "heden", "schap", "baar", "lijk", "lijke", "ing", "ingen", "isch", "ische"}


def _known_form(word: str) -> str | None:
    """The word, or its uninflected form, when that is common; a short piece must be very
    common ("rij" in "voorrijkosten", not "jaa" in "jaaropgaaf")."""
    known = next((w for w in (word, *base_forms(word)) if _known_piece(w)), None)
    return known or _from_verb(word)


def _from_verb(word: str) -> str | None:
    """A noun made from a common verb: "inzamel|aar" (inzamelen), "dubbel|ing"."""
    for suffix in ("aars", "aar", "ingen", "ing", "ers", "er"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:
            for verb in (stem + "en", stem + stem[-1] + "en"):
                if _zipf(verb) >= 3.0:
                    return verb
    return None


# Short words that are common but never a part of a compound here ("pre|cario", "een").
_NOT_PARTS = {
    *("een", "het", "van", "die", "dat", "der", "den", "des", "wat", "wie", "hoe", "pre"),
    *("hee", "rio", "jaa"),
}


def _known_piece(word: str) -> bool:
    """Common enough to count as a word of a compound; a three-letter piece must be very
    common and a content word ("rij" in "voorrijkosten", not "jaa" in "jaaropgaaf")."""
    if len(word) >= 4:
        return _zipf(word) >= KNOWN_ZIPF
    return len(word) == 3 and word not in _NOT_PARTS and _zipf(word) >= 3.75


@lru_cache(maxsize=65536)
def decompose(word: str, parts: int = 1) -> tuple[str, ...] | None:
    """The word as known words: itself when common (or an inflected form of a common word),
    else the compound split with the fewest parts into such words (linking -s-, -e- and
    -en- dropped: "huurverhogingspercentages" → huurverhoging + percentages); None when it
    does not split into known words."""
    known = _known_form(word)
    if known is not None:
        return (known,)
    if parts >= _MAX_PARTS or len(word) < 6:
        return None
    best: tuple[str, ...] | None = None
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if tail in _SUFFIXES:
            continue
        right = decompose(tail, parts + 1)
        if right is None:
            continue
        for left in _left_parts(head):
            left_parts = decompose(left, parts + 1)
            if left_parts is None:
                continue
            if best is None or len(left_parts) + len(right) < len(best):
                best = (*left_parts, *right)
    return best


def _left_parts(head: str) -> list[str]:
    """What the first part of a compound may stand for: itself, without a linking -s-, -e- or
    -en-, or a verb stem ("invul|veld" → "invullen", "inzamel|systeem" → "inzamelen")."""
    out = [head, *(head[: -len(s)] for s in ("s", "e", "en") if head.endswith(s))]
    if len(head) >= 4:
        out += [v for v in (head + "en", head + head[-1] + "en") if _zipf(v) >= 3.0]
    return [w for w in out if len(w) >= 3]


def known_word(word: str) -> bool:
    """A word many readers know: common itself, an inflected form of a common word, or a
    compound of such words."""
    return decompose(word) is not None


def _plain(word: str) -> str:
    """The word without accents written for emphasis ("wáárom" → "waarom")."""
    if word.isascii():
        return word
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn"
    )
    return stripped if _zipf(stripped) > _zipf(word) else word


def _names(letter: AnalysedLetter, ctx: CheckContext, name: str) -> frozenset[str]:
    """The words of the organisation's profile, made once per file."""
    key = (name, "names")
    if key not in letter.shared:
        letter.shared[key] = profile_words(ctx.organisation)
    return letter.shared[key]


def profile_words(organisation: Mapping[str, str]) -> frozenset[str]:
    """The words of the organisation's profile: its name, address, website and the like."""
    return frozenset(
        w.lower() for value in organisation.values() for w in _WORD_IN_PROFILE.findall(value)
    )


def is_name_or_code(token: Token, names: frozenset[str]) -> bool:
    """A proper name, a capitalised word inside a sentence, a word in capitals, a name from
    the organisation's profile, or part of a number, URL or e-mail address."""
    if token.lower_ in names or is_name_like(token):
        return True
    if token.is_upper and len(token) > 1:
        return True  # "ABNA", "ACHTERNAAM", an abbreviation another rule explains
    if any(c.isupper() for c in token.text[1:]):
        return True  # a product or brand name: "onderhoudsABC"
    if not token.is_alpha or token.like_url or token.like_email:
        return True
    return _in_address(token)


_ADDRESS = re.compile(r"@|/|\w\.\w")


def _in_address(token: Token) -> bool:
    """Part of a URL, an e-mail address or a file name as written ("delinde" in
    "info@delinde.nl"): the run of text between spaces holds "@", "/" or an inner dot.

    The run is found through the neighbouring tokens (``Doc.text`` would join the whole
    block again for every word)."""
    doc = token.doc
    if token.is_space:
        return False
    start = end = token.i
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and not doc[end + 1].is_space:
        end += 1
    chunk = doc[start : end + 1].text.rstrip(".,;:!?)'\"")
    return bool(_ADDRESS.search(chunk))


_COMMON = 2.5  # a word this frequent (Zipf) is one many people know


def _frequency(token: Token) -> tuple[str, str, float]:
    """The word without emphasis accents, its lemma and the higher Zipf frequency of both."""
    return _frequency_of(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def _frequency_of(lower: str, lemma: str) -> tuple[str, str, float]:
    """``_frequency`` of a token with these lower-case form and lemma (all it reads), kept
    per pair (as ``_zipf`` is per word)."""
    word = _plain(lower)
    lemma = lemma.lower()
    return word, lemma, max(_zipf(word), _zipf(lemma) if lemma.isalpha() else 0.0)


@register("rare-words")
class RareWords(Detector):
    scope = "letter"  # a word is reported once per letter
    defaults = {"min-zipf": 1.5, "long-compound": 24}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        seen: set[str] = set()  # a word is reported once per letter
        name = f"rare-words:{id(self)}:{id(ctx)}"  # its options and the profile's names
        blocks = letter.letter.blocks
        for index, rare in found_in(
            letter, name, lambda d: self._rare(d, _names(letter, ctx, name))
        ):
            content = blocks[index].content
            for token, word, found in rare:
                if word in seen or content.placeholders_in(token.idx, token.idx + len(token)):
                    continue
                seen.add(word)
                yield Found(index, token.idx, token.idx + len(token), token.text, found)

    def _rare(self, doc: Doc, names: frozenset[str]) -> list[tuple[Token, str, dict[str, object]]]:
        """The rare words of one doc, each with its lower-case form and why it is rare (once
        per file: template variants share the doc; placeholders and the words reported
        earlier in the letter are for the letter to leave out)."""
        min_zipf = float(self.options["min-zipf"])  # type: ignore[arg-type]
        long = int(self.options["long-compound"])  # type: ignore[arg-type]
        skip = covered_elsewhere()
        out = []
        for token in doc_tokens(doc):
            if token.pos_ not in _CONTENT:
                continue
            word = token.lower_
            if word in skip:
                continue
            if _frequency(token)[2] >= _COMMON:
                continue  # never rare (looked at before its neighbours: most words are common)
            if is_name_or_code(token, names):
                continue
            found = self._check(token, min_zipf, long)
            if found is not None:
                out.append((token, word, found))
        return out

    @staticmethod
    def _check(token: Token, min_zipf: float, long: int) -> dict[str, object] | None:
        word, lemma, zipf = _frequency(token)
        if zipf >= _COMMON:
            return None  # a word many people know, however long ("identiteitskaart")
        if len(word) >= long:
            parts = decompose(word)
            if parts is not None and len(parts) > 1:
                return {"why": f"een lang samengesteld woord ({' + '.join(parts)})"}
        if zipf >= min_zipf or known_word(word) or (lemma.isalpha() and known_word(lemma)):
            return None  # known, or an inflected form or compound of known words
        return {"why": "een woord dat weinig mensen kennen"}

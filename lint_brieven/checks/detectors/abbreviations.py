"""Abbreviations in capitals that the letter does not explain ("Het CAK stuurt u een brief.").

A word of ``min-letters`` to ``max-letters`` capitals (or such a word before a hyphen: "KCA-afval")
is an abbreviation the reader has to know. It is fine when the letter explains it where it uses
it, in the ways ``checks/term.py`` accepts ("Centraal Administratiekantoor (CAK)", "CAK (het
Centraal Administratiekantoor)", "CAK: …", "CAK, dat is …", "CAK staat voor …"), and when it is
on the ``accept`` list (what every tenant knows, or a name: IBAN, BTW, GGD, UWV, NS, KPN…) or
in the configuration's ``accept``.

Not abbreviations:
- placeholders in capitals ("ACHTERNAAM", "UW NAAM", "XXX": ``layout/placeholders.py`` turns them
  into stand-ins, so they are no capitals here);
- words in a heading or sentence written in capitals, and a run of capitals ("LET OP", "ABN
  AMRO"); a Dutch word in capitals for emphasis ("U hoeft NIET te betalen"): a word common
  in Dutch (by wordfreq) is read as a word;
- Roman numerals ("fase II"), the letters of a postcode ("1234 AB"), of an IBAN ("NL91 ABNA
  …"), a law reference ("art. 7:248 BW") or of a code with digits (license plates
  "AB-123-C", room codes "B2.14");
- names: words of the organisation's profile ``[organisatie]``; an abbreviation without an
  article or possessive before it ("Via KVK controleren wij …", "Dit geldt ook voor RVO"; a
  noun has one: "het OPK", "uw WOZ"), right after a company word ("Waterleidingbedrijf PWN",
  "aannemer BAM") or next to a capitalised word inside the sentence ("Beentjes GWW", "MS
  Teams"). A name found once is a name in the whole letter;
- abbreviations a term rule explains with its own proposal (LB512: WOZ, VvE, ZAV…).

One finding per abbreviation, at its first use in the running text (a heading only when the
text does not use it). Its proposal is advice, never a rewrite: only the writer knows what the
abbreviation stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext, per_block
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.detectors.rare_words import profile_words
from lint_brieven.checks.doc_cache import doc_tokens, sentence_of
from lint_brieven.checks.term import explained
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind

_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CAPITALS = re.compile(r"[A-Z]+")
# a word this common in Dutch is a word (emphasis: "NIET", "LET OP") or known to everyone
_COMMON_ZIPF = 4.0
# an abbreviation after one of these is used as a noun ("het OPK"), not as a name ("via KVK")
_DETERMINERS = frozenset(
    {"de", "het", "een", "uw", "ons", "onze", "deze", "dit", "die", "dat", "zijn", "haar", "hun"}
    | {"elk", "elke", "ieder", "iedere", "geen", "welk", "welke", "jullie", "mijn"}
)
# "Waterleidingbedrijf PWN", "aannemer BAM", "de firma KWS": the abbreviation is a name
_COMPANY_WORDS = (
    "bedrijf",
    "bedrijven",
    "aannemer",
    "aannemers",
    "firma",
    "stichting",
    "installateur",
    "leverancier",
    "bureau",
    "bank",
    "verzekeraar",
    "zorgverzekeraar",
    "netbeheerder",
    "energieleverancier",
    "groep",
    "partner",
)


@register("unexplained-abbreviation")
class UnexplainedAbbreviation(Detector):
    scope = "letter"  # an abbreviation is fine once the letter explains it anywhere
    defaults = {"min-letters": 2, "max-letters": 5, "accept": []}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        first: dict[str, tuple[int, Token, str]] = {}
        in_heading: dict[str, tuple[int, Token, str]] = {}
        fine: set[str] = set()
        name = f"unexplained-abbreviation:{id(self)}:{id(ctx)}"  # its options, the profile
        blocks = letter.letter.blocks
        every = per_block(
            letter, name, lambda d: _Abbreviations(d, self._accepted(letter, ctx, name))
        )
        for index, found in enumerate(every):
            if not found.candidates:
                continue
            block = blocks[index]
            heading = block.kind is BlockKind.HEADING
            for n, (token, part) in enumerate(found.candidates):
                if part in fine:
                    continue
                if block.content.placeholders_in(token.idx, token.idx + len(token)):
                    continue
                use = found.use(n)
                if use is _FINE:
                    fine.add(part)  # explained, or named so: fine in the whole letter
                elif use is _UNEXPLAINED:
                    (in_heading if heading else first).setdefault(part, (index, token, part))
        for key, (index, token, part) in {**in_heading, **first}.items():
            if key not in fine:
                advice = f"{part} (schrijf hier voluit wat {part} betekent)"
                yield Found(
                    index,
                    token.idx,
                    token.idx + len(part),
                    part,
                    suggestions=(Suggestion(advice, False, False),),
                )

    def _accepted(
        self, letter: AnalysedLetter, ctx: CheckContext, name: str
    ) -> tuple[int, int, set[str]]:
        """The length limits and the accepted words (options, profile, term rules), made
        once per file."""
        key = (name, "accepted")
        if key not in letter.shared:
            low = int(self.options["min-letters"])  # type: ignore[call-overload]
            high = int(self.options["max-letters"])  # type: ignore[call-overload]
            words = {str(w).lower() for w in self.options["accept"]}  # type: ignore[attr-defined]
            words |= profile_words(ctx.organisation) | explained_by_term_rules()
            letter.shared[key] = (low, high, words)
        return letter.shared[key]


# What an abbreviation's use is: none (a code, a word, a name without an article), one that
# makes it fine in the whole letter (explained, or named so), or one that needs explaining.
_NONE, _FINE, _UNEXPLAINED = "none", "fine", "unexplained"


class _Abbreviations:
    """The abbreviations of one doc that are not accepted (token and capitals), and what each
    use is, worked out when the letter asks (kept per file with ``per_doc``: template variants
    share the doc; placeholders and what the letter explains elsewhere are the letter's)."""

    def __init__(self, doc: Doc, accepted: tuple[int, int, set[str]]) -> None:
        low, high, words = accepted
        self.candidates: list[tuple[Token, str]] = []
        for token in doc_tokens(doc):
            if not "A" <= token.text[:1] <= "Z":
                continue  # (``_abbreviation``: the word starts with its capitals)
            part = _abbreviation(token, low, high)
            if part is not None and part.lower() not in words:
                self.candidates.append((token, part))
        self._uses: dict[int, str] = {}

    def use(self, n: int) -> str:
        if n not in self._uses:
            self._uses[n] = _use(*self.candidates[n])
        return self._uses[n]


def _use(token: Token, part: str) -> str:
    if _not_an_abbreviation(token, part):
        return _NONE
    if explained(token.doc[token.i : token.i + 1]) or _named(token):
        return _FINE
    if _without_article(token):
        return _NONE  # used as a name here ("via KVK"), maybe as a noun elsewhere
    return _UNEXPLAINED


def _abbreviation(token: Token, low: int, high: int) -> str | None:
    """The capitals of ``token`` if it is an abbreviation ("KCC", or "KCA" in "KCA-afval")."""
    text = token.text
    part = text.split("-", 1)[0]
    if not (low <= len(part) <= high) or not _CAPITALS.fullmatch(part):
        return None
    if part != text and (any(c.isdigit() for c in text) or text.endswith("-")):
        return None  # a code with digits ("AB-123-C"), or "WOZ-" in "WOZ- en OZB-aanslag"
    return part


def _not_an_abbreviation(token: Token, part: str) -> bool:
    if _ROMAN.fullmatch(part) or zipf_frequency(part.lower(), "nl") >= _COMMON_ZIPF:
        return True
    doc = token.doc
    before = _neighbour(doc, token.i, -1)
    after = _neighbour(doc, token.i, 1)
    if before is not None and any(c.isdigit() for c in before.text):
        return True  # postcode "1234 AB", IBAN "NL91 ABNA", "art. 7:248 BW"
    if _in_code(token):
        return True  # a URL, an e-mail address, a code with digits
    if any(_is_capitals(n) for n in (before, after) if n is not None):
        return True  # "LET OP", "ABN AMRO", a heading in capitals
    return _shouted(token)


def _neighbour(doc: Doc, i: int, step: int) -> Token | None:
    j = i + step
    while 0 <= j < len(doc):
        if not doc[j].is_space:
            return doc[j]
        j += step
    return None


def _is_capitals(token: Token) -> bool:
    letters = [c for c in token.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _shouted(token: Token) -> bool:
    """The sentence is written in capitals: no word in it has a lower-case letter."""
    words = [t for t in sentence_of(token) if t.is_alpha]
    return len(words) >= 2 and not any(c.islower() for t in words for c in t.text)


def _in_code(token: Token) -> bool:
    """Part of a run of text without spaces that holds a digit, "@", "/" or an inner dot."""
    doc = token.doc
    start = end = token.i
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and not doc[end + 1].is_space:
        end += 1
    chunk = doc[start : end + 1].text.strip(".,;:!?()'\"")
    return bool(re.search(r"\d|@|/|\w\.\w", chunk))


def _without_article(token: Token) -> bool:
    """Used as a name: no article or possessive before it ("Via KVK controleren wij …", "Dit
    geldt ook voor RVO"). An abbreviation used as a noun has one: "het OPK", "uw WOZ"; in a
    compound the article belongs to the whole ("de KCA-container")."""
    before = _neighbour(token.doc, token.i, -1)
    return "-" not in token.text and (before is None or before.lower_ not in _DETERMINERS)


def _named(token: Token) -> bool:
    """Named: after a company word, or next to a capitalised word in the sentence."""
    doc = token.doc
    before = _neighbour(doc, token.i, -1)
    after = _neighbour(doc, token.i, 1)
    if before is not None and before.lower_.endswith(_COMPANY_WORDS):
        return True
    for other in (before, after):
        if (
            other is not None
            and other.is_alpha
            and other.text[:1].isupper()
            and not other.is_sent_start
            and not _is_capitals(other)
        ):
            return True
    return False


@lru_cache(maxsize=1)
def explained_by_term_rules() -> frozenset[str]:
    """Abbreviations the shipped term rules know, with their own proposal (LB512)."""
    from lint_brieven.checks.loader import rules_for  # the rules the run loaded already

    words: set[str] = set()
    for rule in rules_for().values():
        for entry in rule.spec.get("terms", []):
            for text in [entry["term"], *entry.get("forms", [])]:
                words.update(w.split("-", 1)[0] for w in text.lower().split())
    return frozenset(words)

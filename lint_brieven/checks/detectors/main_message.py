"""The letter's main message comes first: from the first paragraph the tenant can tell why he
gets the letter and whether he must act. Two ways a complete letter misses that:

- Its first paragraph is background only: every sentence looks back ("Op 12 maart heeft u
  ons gevraagd …", "In 2019 is besloten …", "Zoals u weet …", "Naar aanleiding van …",
  "Eerder hebben wij u …", a sentence in the past tense) or only announces ("Hierbij ontvangt
  u informatie over …", "Wij hebben uw brief ontvangen."), while the news comes later. A short
  polite opening of one sentence followed by the news in the second paragraph is fine.
- Its first sentence opens with a long reference before anything happens ("Naar aanleiding
  van uw acceptatie van de aan u aangeboden woonruimte berichten wij u dat …").

A sentence is news (and the paragraph is fine) when it asks something, names an amount, says
a decision about the reader's case ("uw aanvraag is toegekend"), or simply does not look
back: precision first, only what is recognisably background counts as background. Complete
letters only (``dutch/letter_parts.py``): a fragment's first paragraph is not the opening.

The proposal is the letter's first news: its first request, decision or outcome, or its
first sentence with a date or an amount, as it can open the letter (``dutch/opening_sentence``):
a back-reference at its start dropped ("Op grond van het vorenstaande zien wij …" → "Wij zien
…", "Ik kan u nu wel mededelen dat de aannemer …" → "De aannemer …"). A sentence that does not
read on its own, or that keeps words the officialese rules (LB101, LB102) flag, is never
proposed: then the next news sentence, else advice without a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext, per_doc
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, span_text
from lint_brieven.dutch.clauses import clause_head, is_subordinate, sentence_span
from lint_brieven.dutch.letter_parts import body_blocks, is_complete_letter
from lint_brieven.dutch.opening_sentence import Opening, as_opening
from lint_brieven.dutch.requests import DEADLINE, request_of, requests_in
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# A reference to earlier contact or to what the reader already knows.
REFERENCE = re.compile(
    r"^\s*(?:naar aanleiding van|in antwoord op|onder verwijzing naar|met verwijzing naar|"
    r"in vervolg op|refererend aan|met betrekking tot|"
    r"zoals (?:u (?:al )?(?:weet|eerder)|bekend|eerder|afgesproken|aangekondigd|beloofd|"
    r"wij u (?:al )?(?:eerder )?\w+)|"
    r"in (?:uw|onze|de|het) (?:\w+ )?(?:brief|e-?mail|mail|bewonersbrief|nieuwsbrief|gesprek|"
    r"bericht|telefoongesprek|bijeenkomst|informatieavond) van|"
    r"bij (?:brief|e-?mail|schrijven) van|"
    rf"op \d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?,? (?:heeft|hebt|hebben|is|zijn|ontving|ontvingen|"
    r"kreeg|kregen|stuurde|stuurden|schreef|schreven|belde|belden|meldde|vroeg|vroegen)\b|"
    r"eerder (?:hebben|heeft|hebt|is|zijn|ontving|kreeg|stuurden)\b|onlangs|kortgeleden|"
    r"enige tijd geleden|enkele (?:dagen|weken|maanden) geleden|in het verleden|"
    r"vorig(?:e)? (?:jaar|maand|week)|"
    r"u (?:heeft|hebt) (?:ons|bij ons|aan ons|een \w+ (?:bij|aan) ons)\b)",
    re.IGNORECASE,
)
# An opening that thanks or says a letter came in.
ACKNOWLEDGEMENT = re.compile(
    r"^\s*(?:(?:wij|we|ik) (?:hebben|heb) uw \w+(?: van \S+(?: \S+)?)?(?: in goede orde)? "
    r"ontvangen|(?:hartelijk )?(?:dank|bedankt) (?:u )?(?:wel )?voor)",
    re.IGNORECASE,
)
# An opening that only announces what follows.
ANNOUNCEMENT = re.compile(
    r"^\s*(?:hierbij (?:ontvangt u|bevestigen (?:wij|we)|sturen (?:wij|we)|informeren (?:wij|we)|"
    r"delen (?:wij|we)|berichten (?:wij|we))|bij deze|met (?:deze|dit) (?:brief|bericht) "
    r"(?:informeren|willen|laten|sturen|ontvangt)|graag informeren (?:wij|we)|"
    r"(?:wij|we) informeren u (?:graag )?(?:hierbij )?over|"
    r"in (?:deze|dit) (?:brief|bericht) (?:leest|informeren|vertellen|vindt))",
    re.IGNORECASE,
)
# A time in the past: with a perfect tense it makes a sentence background.
_PAST_TIME = re.compile(
    rf"\b(?:in|op|begin|eind|half) (?:\d{{1,2}} )?(?:{_MONTHS})\b|\bin (?:19|20)\d\d\b"
    r"|\beerder\b|\bonlangs\b|\bgeleden\b|\bvorig(?:e)? (?:jaar|maand|week)\b|\btoen\b"
    r"|\bdestijds\b|\bin het verleden\b|\bafgelopen (?:jaar|maand|week|periode|jaren)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"€\s?\d|\b\d+(?:,\d{2})? euro\b", re.IGNORECASE)
# A decision, an outcome or a change: the news itself.
_OUTCOME = re.compile(
    r"\b(?:toegekend|toekennen|afgewezen|afwijzen|goedgekeurd|goedkeuren|gehonoreerd|"
    r"ingewilligd|uitgesteld|uitstellen|geannuleerd|afgezegd|gaat niet door|vervalt|"
    r"opgezegd|beëindigd|stopt|verhoogd|verhogen|verlaagd|verlagen|niet gelukt|mislukt|"
    r"geen aanleiding|niet aansprakelijk|niet in aanmerking|niet mogelijk|"
    r"kunnen (?:wij|we) (?:u |uw \w+ )?niet)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:zal|zullen|gaat|gaan|komt|komen|krijgt|ontvangt|begint|beginnen|start|starten|"
    r"wordt|worden|kunt|mag|moet|hoeft)\b",
    re.IGNORECASE,
)
_DECISION = re.compile(r"\b(?:besloten|besluit|beslissing)\b", re.IGNORECASE)
_READER = re.compile(r"\b(?:u|uw)\b", re.IGNORECASE)
# A polite opening may be this long and still leave the news for the second paragraph.
SHORT_OPENING = 15
# A reference this long before the main verb keeps the news from the start.
LONG_REFERENCE = 8
# What the first sentence should say, when no sentence of the letter can be proposed.
WHAT_FIRST = "wat er besloten is, wat er gebeurt of wat de huurder moet doen"


def _finite_main_verbs(sentence: Span) -> list[Token]:
    """The finite verbs of the main clause (or of main clauses joined by "en")."""
    out = []
    for token in sentence:
        if not token.tag_.startswith("WW|pv") or is_subordinate(token):
            continue
        head = clause_head(token)
        if head.dep_ in ("ROOT", "parataxis") or (
            head.dep_ == "conj" and head.head.dep_ in ("ROOT", "parataxis")
        ):
            out.append(token)
    return out


def _main_clause_text(sentence: Span) -> str:
    """The sentence without its relative and adverbial clauses ("…, waarin u de huur heeft
    opgezegd", "Omdat u bent verhuisd, …"): what it says itself."""
    skipped: set[int] = set()
    for token in sentence:
        if token.dep_ in ("acl:relcl", "acl", "advcl") and token.i not in skipped:
            skipped.update(t.i for t in token.subtree)
    return " ".join(t.text for t in sentence if t.i not in skipped)


def _looks_back_by_tense(sentence: Span) -> bool:
    """The main clause is in the past ("Toen gaven we aan …") or in the perfect with a time
    in the past ("U heeft in juli informatie ontvangen", "In 2019 is besloten …")."""
    verbs = _finite_main_verbs(sentence)
    if not verbs:
        return False
    first = verbs[0]
    if "verl" in first.tag_ and first.lemma_ not in ("moeten", "kunnen", "willen", "mogen"):
        return True
    return _perfect(first, sentence) and bool(_PAST_TIME.search(span_text(sentence)))


def _perfect(verb: Token, sentence: Span) -> bool:
    """ "heeft … ontvangen", "is besloten": hebben or zijn with a participle of its own."""
    if verb.lemma_ not in ("hebben", "zijn"):
        return False
    head = clause_head(verb)
    return head.tag_.startswith("WW|vd") or any(
        c.tag_.startswith("WW|vd") and c.dep_ not in ("amod", "acl") for c in verb.children
    )


def is_news(sentence: Span) -> bool:
    """Whether a sentence says something that happens, a decision, or a request: anything
    not recognisably background or an announcement."""
    text = span_text(sentence)
    own = _main_clause_text(sentence)
    if request_of(sentence) is not None or _AMOUNT.search(text) or _OUTCOME.search(own):
        return True
    if _DECISION.search(own) and _READER.search(own):
        return True  # "wij hebben besloten uw aanvraag toe te kennen"; not "In 2019 is besloten"
    if REFERENCE.match(text) or ANNOUNCEMENT.match(text) or ACKNOWLEDGEMENT.match(text):
        return _tells_after_reference(sentence)
    return not _looks_back_by_tense(sentence)


def is_polite_opening(sentence: Span) -> bool:
    """ "Wij hebben uw brief ontvangen.", "Hierbij ontvangt u informatie over …": a short
    opening that may come before the news (a reference to the past may not)."""
    text = span_text(sentence)
    return _words(sentence) <= SHORT_OPENING and bool(
        ANNOUNCEMENT.match(text) or ACKNOWLEDGEMENT.match(text)
    )


def _tells_after_reference(sentence: Span) -> bool:
    """ "Naar aanleiding van … berichten wij u dat de ondertekening op 3 maart is": after
    the reference, a dat-clause with a date or something that happens or will happen, told
    now (not "In de brief van juli hebben wij u gemeld dat …": what was told before)."""
    verbs = _finite_main_verbs(sentence)
    if verbs and ("verl" in verbs[0].tag_ or _perfect(verbs[0], sentence)):
        return False
    for token in sentence:
        if token.dep_ != "ccomp" or not any(c.lower_ == "dat" for c in token.children):
            continue
        clause = " ".join(t.text for t in token.subtree)
        if DEADLINE.search(clause) or _AMOUNT.search(clause) or _FUTURE.search(clause):
            return True
    return False


def _words(sentence: Span) -> int:
    return sum(1 for t in sentence if not (t.is_punct or t.is_space))


class _Sentences:
    """What this rule asks of the sentences of one doc, each answer worked out on first use
    and kept (``per_doc``: once per file, the template variants share the doc)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.all = doc_sentences(doc)
        self._news: dict[int, bool] = {}
        self._openings: dict[int, Opening | None] = {}
        self._tells: dict[int, bool] = {}

    def is_news(self, i: int) -> bool:
        if i not in self._news:
            self._news[i] = is_news(self.all[i])
        return self._news[i]

    @cached_property
    def written(self) -> list[int]:
        """The sentences with words (not only white space)."""
        return [i for i, s in enumerate(self.all) if span_text(s).strip()]

    @cached_property
    def has_news(self) -> bool:
        return any(self.is_news(i) for i in range(len(self.all)))

    @cached_property
    def says_news(self) -> bool:
        """As a heading: it says the news ("U krijgt € 100 terug"), it does not ask."""
        doc = self.doc
        text = doc_text(doc)
        if text.strip().endswith("?"):
            return False
        says = _AMOUNT.search(text) or any(t.tag_.startswith("WW|pv") for t in doc)
        return bool(says) and self.has_news

    @cached_property
    def _asked(self) -> set[int]:
        return {s.start for s in requests_in(self.doc)}

    def tells(self, i: int) -> bool:
        """A decision, an outcome, a request, a date or an amount, and news."""
        if i not in self._tells:
            sentence = self.all[i]
            text = span_text(sentence)
            asked = sentence.start in self._asked
            telling = asked or _OUTCOME.search(_main_clause_text(sentence))
            dated = DEADLINE.search(text) or _AMOUNT.search(text)
            self._tells[i] = bool((telling or dated) and self.is_news(i))
        return self._tells[i]

    @cached_property
    def opening_span(self) -> tuple[int, int, str]:
        """Where the first sentence with words is (``sentence_span``)."""
        return sentence_span(self.all[self.written[0]])

    @cached_property
    def long_reference(self) -> tuple[dict[str, object], str] | None:
        """The first sentence with words, when it opens with a long reference."""
        return _long_reference(self.all[self.written[0]])

    def opening(self, i: int) -> Opening | None:
        if i not in self._openings:
            self._openings[i] = as_opening(self.all[i])
        return self._openings[i]


def _sentences(letter: AnalysedLetter, block: int) -> _Sentences:
    return per_doc(letter, "main-message-first", letter.docs[block], _Sentences)


@register("main-message-first")
class MainMessageFirst(Detector):
    scope = "letter"  # the order of the letter's paragraphs

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if not is_complete_letter(letter.letter):
            return  # a fragment's first paragraph is not the letter's opening
        body = body_blocks(letter)
        if len(body) < 2 or _heading_with_news(letter, body[0]):
            return
        first = body[0]
        known = _sentences(letter, first)
        if not known.written:
            return
        if not any(known.is_news(i) for i in known.written):
            found = self._background(letter, body, [known.all[i] for i in known.written])
        else:
            found = known.long_reference
        if found is None:
            return
        values, kern = found
        start, end, text = known.opening_span
        yield Found(first, start, end, text, values, (Suggestion(kern, False, replaces=False),))

    def _background(
        self, letter: AnalysedLetter, body: list[int], sentences: list[Span]
    ) -> tuple[dict[str, object], str] | None:
        news_at = next(
            (n for n, index in enumerate(body[1:], 2) if _sentences(letter, index).has_news),
            None,
        )
        if news_at is None:
            return None  # no news anywhere: not a question of order
        second = _sentences(letter, body[1])
        short = len(sentences) == 1 and is_polite_opening(sentences[0])
        if short and news_at == 2 and second.written and second.is_news(second.written[0]):
            return None  # "Wij hebben uw brief ontvangen." and then the news: fine
        found = _kern(letter, body[1:])
        if found is None:
            return None
        kern, at = found
        reason = (
            "De eerste alinea vertelt nog niet waar de brief over gaat: het nieuws staat pas "
            f"in alinea {body.index(at) + 1}."
        )
        if kern is None:  # no news sentence reads well as the first one: advice
            advice = f"Zet in de eerste zin {WHAT_FIRST}. De voorgeschiedenis kan daarna."
            return {"reden": reason, "voorbeeld": f": {WHAT_FIRST}"}, advice
        return {"reden": reason, "voorbeeld": f", bijvoorbeeld: '{kern}'"}, kern


def _long_reference(opening: Span) -> tuple[dict[str, object], str] | None:
    if not REFERENCE.match(opening.text):
        return None
    verbs = _finite_main_verbs(opening)
    verb = verbs[0] if verbs else opening.root  # "… laten wij u weten": a finite "laten"
    lead = [t for t in opening[: verb.i - opening.start] if not t.is_punct]
    if len(lead) < LONG_REFERENCE:
        return None
    start = " ".join(t.text for t in lead[:4])
    reason = (
        f"De brief begint met een verwijzing ('{start} …'): het nieuws komt pas na "
        f"{len(lead)} woorden."
    )
    advice = (
        "Zet in de eerste zin wat er gebeurt of wat de huurder moet doen. Noem de "
        "verwijzing daarna, of laat haar weg."
    )
    return {
        "reden": reason,
        "voorbeeld": ". Noem de verwijzing daarna, of laat haar weg",
    }, advice


def _heading_with_news(letter: AnalysedLetter, first: int) -> bool:
    """A heading right above the first paragraph that says the news ("U krijgt € 100
    terug")."""
    above = letter.letter.blocks[first - 1] if first else None
    if above is None or above.kind is not BlockKind.HEADING:
        return False
    return _sentences(letter, first - 1).says_news


def _kern(letter: AnalysedLetter, blocks: list[int]) -> tuple[str | None, int] | None:
    """The letter's first news, in the order of the letter: a decision or outcome ("Uw
    verzoek … kan niet worden gehonoreerd"), a request, or a sentence with a date or an
    amount. Not from a list (an item is no opening sentence). The proposal is the first of
    them that can open the letter and has no officialese; None with the block of the first
    news when none can; None when the letter has no such news."""
    first: int | None = None
    for index in blocks:
        if letter.letter.blocks[index].kind is not BlockKind.PARAGRAPH:
            continue
        known = _sentences(letter, index)
        for i in range(len(known.all)):
            if not known.tells(i):
                continue
            first = index if first is None else first
            opening = known.opening(i)
            if opening is not None and not _officialese_in(letter, index, opening.kept):
                return opening.text, index
    return None if first is None else (None, first)


def _officialese_in(letter: AnalysedLetter, block: int, kept: frozenset[int]) -> bool:
    """Whether a word the officialese rules (LB101, LB102) flag is among the tokens ``kept``,
    or "dienen" ("u dient zich te wenden tot", LB202)."""
    from lint_brieven.checks.sentence_difficulty import officialese  # (imports detectors)

    doc = letter.docs[block]
    if any(doc[i].lemma_ == "dienen" for i in kept):
        return True
    return any(t.i in kept for span in officialese(letter, block) for t in span)

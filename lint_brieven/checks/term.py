"""Terms: jargon and abbreviations a tenant may not know, fine once explained.

Each term has a short gloss (``explain``) and optionally plainer words (``use``). A letter
must explain a term where it uses it (normally the first time in the running text; a subject
line or heading may name it before); if it does, the letter is fine for that term, however
often it is used. If it does not, one finding at the first use suggests the plainer words and
the term with its gloss in brackets.

A capitalised term inside a sentence is part of a name (a team, an organisation): it is still
explained, but never replaced or glossed in place. A paragraph that is only a file's name
("Omgevingsvergunning kap en herplant.pdf", a download link) is a name and is not checked.

A first use counts as explained when the term
- is followed by a gloss: "mutatie (het moment dat een huurder vertrekt)", "WOZ: de waarde …",
  "mutatie, dat is …", "mutatie, oftewel …", or a colon after the particle that closes its
  clause ("Ik leg u een last onder dwangsom op: u moet …");
- is itself the bracketed short form after the words it stands for: "Vereniging van Eigenaars
  (VvE)", or an abbreviation its sentence spells out ("ACM ConsuWijzer, het loket van de
  Autoriteit Consument & Markt"); a bracket that only refers on ("(zie bijlage)", "(te vinden
  op www.hetcak.nl)") is no gloss;
- is used in a heading in the reader's own voice ("Hoe vraag ik een urgentieverklaring aan?"):
  the reader's question uses the word, so it is the reader's word;
- is explained in its own sentence or the next one: "Dit heet mutatieonderhoud.", "Met
  mutatie bedoelen wij …", "Dat betekent …", or defined by a sentence that starts with it
  ("Servicekosten zijn de kosten voor …", "Servicekosten betaalt u voor …"), names it
  ("… een vast bedrag voor extra diensten. Dat zijn de servicekosten.") or says what is done
  at any such thing ("Bij een vooropname wordt de staat van uw woning vastgelegd.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from lint_brieven.checks import offers
from lint_brieven.checks.base import (
    AnalysedLetter,
    Check,
    CheckContext,
    Hit,
    found_in,
    per_doc,
    quoted,
    word_list_first_words,
    word_list_matcher,
)
from lint_brieven.checks.doc_cache import doc_text, lower_ids, sentence_of, span_text
from lint_brieven.checks.entry_conditions import EntryCondition
from lint_brieven.checks.offers import Candidates, candidates, offer
from lint_brieven.checks.replacement_check import Replacement, holds, prepare
from lint_brieven.checks.rule import Rule
from lint_brieven.dutch.abbreviations import spelled_out
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind, MappedText

# "mutatie (…)", "WOZ: …", "mutatie, dat is …"; a colon may follow the particle of a separable
# verb that closes the clause ("Ik leg u een last onder dwangsom op: u moet …")
_GLOSS_AFTER = re.compile(
    r"^\s*(?:\(|:|[,–-]\s*(?:dat|dit|die|wat)\s+(?:is|zijn|betekent|wil zeggen)\b"
    r"|,?\s*(?:oftewel|ofwel|met andere woorden|dat wil zeggen)\b"
    r"|(?:op|aan|uit|toe|mee|af|vast)\s*:)",
    re.IGNORECASE,
)
_EXPLAINING = re.compile(
    r"\b(?:(?:dit|dat|het) (?:heet|heten|noemen wij|noemen we|betekent|wil zeggen)"
    r"|(?:bedoelen|noemen) (?:wij|we)|staat voor|is de afkorting van)\b",
    re.IGNORECASE,
)

# A heading in the reader's own voice ("Ik heb de afrekening servicekosten niet ontvangen, wat
# nu?", "Hoe vraag ik mijn verhuurder om …"): the words of its question are the reader's words.
_READERS_QUESTION = re.compile(r"\b(?:ik|mijn)\b", re.IGNORECASE)

# A bracket that only refers on ("(zie bijlage)", "(te vinden op www.hetcak.nl)") is no gloss.
_REFERENCE = re.compile(
    r"\s*\(\s*(?:zie\b|te vinden\b|via\b|op\s+(?:pagina|blz)|www\.|https?:|bijlage\b"
    r"|pag\.|blz\.|[\d\s.,/-]+\))",
    re.IGNORECASE,
)
# An abbreviation (up to six letters, one a capital) that its sentence may spell out.
_ABBREVIATION = re.compile(r"(?=[A-Za-z]{2,6}$)[A-Za-z]*[A-Z][A-Za-z]*")

# A paragraph that is only the name of a file to download: a name, not running text.
_FILE_NAME = re.compile(r"[^.!?\n]{1,150}\.(?:pdf|docx?|xlsx?|odt|rtf)", re.IGNORECASE)

# "Servicekosten zijn de kosten voor …", "Servicekosten betaalt u voor …", "Planmatig
# onderhoud is onderhoud dat …" (not "De voorinspectie is op 14 mei.")
_DEFINING_VERB = (
    r"(?:(?:is|zijn) (?:een|de|het|alle)\b|(?:is|zijn) \w+ (?:dat|die|welke|waarbij|waarmee)\b"
    r"|betekent|betekenen|heet|heten|betaalt u voor)\b"
)


class TermCheck(Check):
    scope = "letter"  # a term is fine once the letter explains it anywhere

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.matcher, self.entries = word_list_matcher(rule.spec["terms"], "term")
        self.first_words = word_list_first_words(rule.spec["terms"], "term")
        self.conditions = {
            key: EntryCondition(rule, entry.get("unless"), "terms.unless")
            for key, entry in self.entries.items()
        }

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        first: dict[str, tuple[int, Span]] = {}
        in_heading: dict[str, tuple[int, Span]] = {}
        glossed: set[str] = set()
        blocks = letter.letter.blocks
        for index, uses in found_in(letter, ("terms", id(self)), lambda d: self._uses(d, letter)):
            heading = blocks[index].kind is BlockKind.HEADING
            for use in uses:
                if use.excused is None:  # the entry's condition asks the letter
                    if self.conditions[use.key].excuses(use.span, letter, index):
                        continue
                elif use.excused:
                    continue
                # A heading names the subject; the term is explained where the text first
                # uses it (a gloss in brackets does not belong in a heading).
                (in_heading if heading else first).setdefault(use.key, (index, use.span))
                if use.explained or (heading and use.question):
                    glossed.add(use.key)
        wanted = [(i, s, k) for k, (i, s) in {**in_heading, **first}.items() if k not in glossed]
        plans = [self._plan(letter, index, span, key) for index, span, key in wanted]
        new = [plan for plan in plans if not plan.prepared]
        # the words that fitting the alternatives of every new hit below reads, then the
        # sentences that check those and the glosses, each parsed in one batch
        offers.prime((p.span, p.entry.get("use", []), None) for p in new if p.replace)
        prepare(r for p in new for r in (*p.candidates().replacements, p.glossed) if r is not None)
        for plan in new:
            plan.prepared = True
        hits = [
            self._cached_hit(letter, index, span, key, ctx, plan)
            for (index, span, key), plan in zip(wanted, plans, strict=True)
        ]
        return sorted(hits, key=lambda h: (h.block, h.start))

    def _name(self, letter: AnalysedLetter, block: int, span: Span, key: str) -> tuple:
        """What a hit of ``span`` depends on besides its doc: the same use of a term in the
        same kind of block with its placeholders in the same places (ctx is the same for a
        file's letters)."""
        info = letter.letter.blocks[block]
        marks = tuple((s.start, s.end) for s in info.content.segments if s.placeholder is not None)
        return (id(self), span.start, span.end, key, info.kind, marks)

    def _plan(self, letter: AnalysedLetter, block: int, span: Span, key: str) -> _Plan:
        """What ``_hit`` parses for a use, kept per file like the hit."""
        name = ("term-plan", *self._name(letter, block, span, key))
        return per_doc(
            letter, name, span.doc, lambda _: _Plan.of(letter, block, span, self.entries[key])
        )

    def _uses(self, doc: Doc, letter: AnalysedLetter) -> tuple[_Use, ...]:
        """The terms of ``doc`` in order, with what the doc alone says of each (the same in
        every template variant that has the doc; ``letter`` is one of them, not read here)."""
        if self.first_words.isdisjoint(lower_ids(doc)):
            return ()  # no term starts with any of its words: the matcher finds none
        text = doc_text(doc)
        if _FILE_NAME.fullmatch(text.strip()):
            return ()  # a document's name ("Omgevingsvergunning kap en herplant.pdf")
        question = bool(_READERS_QUESTION.search(text))
        uses = []
        for span in sorted(self.matcher(doc, as_spans=True), key=lambda s: s.start):
            condition = self.conditions[span.label_]
            if not condition:
                excused: bool | None = False
            elif condition.reads_letter:
                excused = None  # asks the letter as a whole: decided per letter
            else:  # the span's own words, sentence or paragraph: the letter is not read
                excused = condition.excuses(span, letter, -1)
            uses.append(_Use(span, span.label_, excused, explained(span), question))
        return tuple(uses)

    def _cached_hit(
        self,
        letter: AnalysedLetter,
        block: int,
        span: Span,
        key: str,
        ctx: CheckContext,
        plan: _Plan,
    ) -> Hit:
        """``_hit``, once per file for the same use of a term in the same kind of block with
        its placeholders in the same places (``_name``)."""
        name = ("term-hit", *self._name(letter, block, span, key))
        hit = per_doc(letter, name, span.doc, lambda _: self._hit(block, span, plan, ctx))
        return hit if hit.block == block else replace(hit, block=block)

    def _hit(self, block: int, span: Span, plan: _Plan, ctx: CheckContext) -> Hit:
        """Plainer words that fit the sentence (see ``offers``), and the term with its gloss
        in brackets; the gloss is a replacement too when the sentence still reads with it."""
        text, entry = span.text, plan.entry
        found = offer(
            span,
            entry.get("use", []),
            plan.content,
            safe=bool(entry.get("safe")),
            exact=plan.exact,
            replace=plan.replace,
            planned=plan.candidates(),
        )
        glossed = f"{text} ({entry['explain']})"
        fits = plan.glossed is not None and holds(plan.glossed)
        widened = found.text[: span.start_char - found.start] + glossed
        widened += found.text[span.end_char - found.start :]
        gloss = Suggestion(widened, False, fits)
        concrete = [s.text for s in found.concrete]
        message = self.message(
            ctx,
            match=text,
            suggestion=quoted(concrete) if concrete else f"'{glossed}'",
            explain=entry["explain"],
            gloss=f"'{glossed}'",
        )
        suggestions = (*found.concrete, gloss, *found.advice)
        return Hit(block, found.start, found.end, message, suggestions, found.text)


@dataclass
class _Plan:
    """What the hit of a term's use reads: its alternatives fitted to the place (``offers``)
    and the term with its gloss in brackets, a replacement to check where it may be one: the
    gloss is written for the term (a plural form may not take it), not in a name (see
    ``_is_name``) nor in a heading. ``prepared``: their words and sentences were parsed."""

    span: Span
    entry: dict
    content: MappedText
    exact: bool
    replace: bool
    glossed: Replacement | None
    prepared: bool = False
    _candidates: Candidates | None = None

    @classmethod
    def of(cls, letter: AnalysedLetter, block: int, span: Span, entry: dict) -> _Plan:
        exact = span.text.lower() == entry["term"].lower()
        name = _is_name(span)  # "Team Leefbaarheid": explain it, but do not rewrite a name
        heading = letter.letter.blocks[block].kind is BlockKind.HEADING
        text = f"{span.text} ({entry['explain']})"
        glossed = (
            Replacement(span.doc, span.start_char, span.end_char, text)
            if exact and not name and not heading
            else None
        )
        content = letter.letter.blocks[block].content
        return cls(span, entry, content, exact, not name, glossed)

    def candidates(self) -> Candidates:
        if self._candidates is None:
            use = self.entry.get("use", [])
            self._candidates = candidates(
                self.span, use, self.content, replace=self.replace, exact=self.exact
            )
        return self._candidates


@dataclass(frozen=True)
class _Use:
    """One use of a term in a doc: ``excused`` by its entry's ``unless`` (None: that asks the
    letter as a whole), ``explained`` where it stands, ``question``: the doc is a question in
    the reader's voice."""

    span: Span
    key: str
    excused: bool | None
    explained: bool
    question: bool


def _is_name(span: Span) -> bool:
    """A capitalised word inside a sentence is (part of) a name ("Team Leefbaarheid", "de
    Huurcommissie"): the finding explains the word, but a name is not rewritten. Short terms
    (abbreviations such as "Wmo") are no names here."""
    first = span[0]
    if first.is_sent_start or len(span.label_) <= 5 or not first.text[:1].isupper():
        return False
    previous = span.doc[first.i - 1] if first.i > 0 else None
    if previous is not None and (
        previous.is_punct and previous.text in ".:!?" or previous.is_space
    ):
        return False  # after a colon or a line break a capital starts a sentence
    return not first.text[1:].isupper()


def explained(span: Span) -> bool:
    """Whether the term at ``span`` is explained where it is first used."""
    doc = span.doc
    sentence = sentence_of(span)
    said = span_text(sentence)
    after = doc_text(doc)[span.end_char : sentence.end_char]
    if _GLOSS_AFTER.match(after) and not _REFERENCE.match(after):
        return True
    if _ABBREVIATION.fullmatch(short := span.text.split("-", 1)[0]) and spelled_out(short, said):
        return True  # "ACM ConsuWijzer, het loket van de Autoriteit Consument & Markt"
    if span.start > 0 and doc[span.start - 1].text == "(" and span.start > sentence.start + 1:
        return True  # "Vereniging van Eigenaars (VvE)"
    following = span_text(sentence_of(doc[sentence.end])) if sentence.end < len(doc) else ""
    if _EXPLAINING.search(said) or _EXPLAINING.match(following.strip()):
        return True
    term = re.escape(span.text)
    defining = re.compile(rf"^\s*(?:de |het |een )?{term}\s+{_DEFINING_VERB}", re.IGNORECASE)
    named = re.compile(rf"\b(?:dat|dit) (?:is|zijn|heet|heten) (?:de |het |een )?{term}\b", re.I)
    # what is done at any such thing: "Bij een bouwkundige vooropname wordt de staat van uw
    # woning opgenomen." (not a particular one: "Bij de eindinspectie kijken wij of …")
    generic = re.compile(rf"^\s*(?:bij|tijdens) een (?:\w+ )?{term}\s+(?:wordt|worden)\b", re.I)
    return bool(
        defining.match(said)
        or defining.match(following)
        or named.search(said)
        or generic.match(said)
    )

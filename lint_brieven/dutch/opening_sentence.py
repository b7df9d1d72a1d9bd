"""A sentence from the middle of a letter as it could open the letter: the proposal of LB306
(main message first).

The news of a stiff letter often leans on what came before: "Op grond van het vorenstaande
zien wij geen aanleiding …", "Daarom gaat de huur omhoog", "Zoals gezegd komt de schilder
op 12 mei", "Ik kan u nu wel mededelen dat de aannemer in week 16 komt". As a first sentence
that back-reference points at nothing. ``as_opening`` strips it when the rest is a sentence
of its own:

- a fronted back-reference before the finite verb is dropped and the subject takes its
  place ("zien wij" → "Wij zien");
- a frame that only announces ("Ik kan u nu wel mededelen dat …", "Wij laten u weten dat …")
  is dropped and its dat-clause becomes the main clause: its first part (the subject, "er",
  or a time) first, then the finite verb, a separable verb split ("dat de monteur de sleutels
  ophaalt" → "De monteur haalt de sleutels op").

The new sentence is re-parsed with the checks of ``checks/replacement_check``. A sentence
that still leans on what came before (a pronoun such as "dit" or "hij", "dit gesprek",
"daarvoor", "genoemde", "bovenstaande") does not read on its own: no opening (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from lint_brieven.checks.doc_cache import doc_text, span_text
from lint_brieven.checks.replacement_check import rewrite_problems
from lint_brieven.dutch.clauses import capitalise, clause_head, is_subordinate, words
from lint_brieven.dutch.verbs import separable

_BACK_WORD = (
    r"(?:vorenstaande|voorgaande|bovenstaande|voornoemde|bovengenoemde|bovenvermelde|"
    r"hierboven\s+\w+|hiervoor\s+genoemde|eerder\s+genoemde|genoemde)"
)
# A back-reference at the start of a sentence (conjunctions before it included).
BACK_REFERENCE = re.compile(
    r"^\s*(?:(?:en|maar|doch|dus|ook)\s+)?(?:"
    r"(?:op\s+grond\s+van|gelet\s+op|gezien|naar\s+aanleiding\s+van|op\s+basis\s+van|"
    r"uit|als\s+gevolg\s+van|ingevolge|in\s+verband\s+met|vanwege)\s+"
    rf"(?:al\s+)?(?:het|hetgeen|de|dit|deze|die)?\s*{_BACK_WORD}|"
    r"(?:op\s+grond|op\s+basis|naar\s+aanleiding)\s+(?:hiervan|daarvan)|"
    r"gelet\s+(?:hierop|daarop)|gezien\s+(?:dit|dat|het\s+voorgaande)|"
    r"daarom|hierom|daardoor|hierdoor|derhalve|dientengevolge|bijgevolg|zodoende|dus|"
    r"om\s+(?:die|deze)\s+reden|"
    r"(?:zoals|als)\s+(?:(?:al|reeds|eerder|hierboven|hiervoor)\s+)?"
    r"(?:gezegd|gemeld|vermeld|aangegeven|genoemd|beschreven|uitgelegd|aangekondigd))\b",
    re.IGNORECASE,
)
_ADVERBS = r"(?:\s+(?:nu|thans|inmiddels|wel|graag|hierbij|hiermee|echter|dan|ook|alvast))*"
# A frame that only announces the news in its dat-clause.
FRAME = re.compile(
    r"^\s*(?:(?:ik|wij|we)\s+(?:kan|kunnen|wil|willen|mag|mogen)\s+u|"
    r"(?:kan|kunnen|wil|willen|mag|mogen)\s+(?:ik|wij|we)\s+u)"
    rf"{_ADVERBS}\s+(?:mededelen|meedelen|melden|laten\s+weten|berichten|vertellen)\s+dat\b|"
    r"^\s*(?:(?:hierbij|hiermee|graag)\s+)?(?:(?:ik|wij|we)\s+(?:deel|delen|laat|laten|"
    r"bericht|berichten|meld|melden)|(?:deel|delen|laat|laten|bericht|berichten|meld|melden)"
    rf"\s+(?:ik|wij|we))\s+u{_ADVERBS}(?:\s+(?:mede|mee|weten))?\s+dat\b",
    re.IGNORECASE,
)
# Words that point back at what came before: a first sentence cannot use them.
_POINTING = {
    "vorenstaande",
    "voorgaande",
    "bovenstaande",
    "voornoemde",
    "bovengenoemde",
    "bovenvermelde",
    "genoemde",
    "genoemd",
    "eerdergenoemde",
    "laatstgenoemde",
    "dezelfde",
    "hetzelfde",
    "hiervan",
    "daarvan",
    "hierover",
    "daarover",
    "hiervoor",
    "daarvoor",
    "hierdoor",
    "daardoor",
    "hierop",
    "daarop",
    "daarmee",
    "daarbij",
    "hierin",
    "daarin",
    "hieruit",
    "daaruit",
    "hiertoe",
    "daartoe",
    "hierom",
    "daarom",
    "eveneens",
    "tevens",
    "ook",
    "echter",
    "toch",
}
_PERSONAL = {"hij", "hem", "zij", "ze"}
# Nouns a demonstrative may go with in a first sentence: this letter, this week.
_HERE_AND_NOW = {"brief", "bericht", "mail", "e-mail", "week", "maand", "jaar", "keer", "dag"}
# Time words: a phrase with one is a time of the clause, not part of its subject ("de
# afdeling … in week 16" is parsed as one phrase, but "in week 16" says when).
_TIME = re.compile(
    r"^(?:week|weken|maand|maanden|jaar|dag|dagen|datum|periode|voorjaar|zomer|najaar|winter|"
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|\d+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Opening:
    """The sentence as a first sentence, and the tokens of the original it keeps."""

    text: str
    kept: frozenset[int]


# The words of a new sentence: each a token of the original and the text it has there (the
# verb of a split separable verb, "haalt" of "ophaalt", and its particle "op" are both the
# verb's token).
Words = list[tuple[Token, str]]


def as_opening(sentence: Span) -> Opening | None:
    """``sentence`` as it can open a letter: unchanged, with its back-reference or announcing
    frame dropped, or None when it does not read on its own."""
    tokens = [t for t in sentence if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    end = tokens[-1].idx + len(tokens[-1])
    final = doc_text(sentence.doc)[end : sentence.end_char].strip() or "."
    rest, changed = _after_back_reference(sentence, tokens)
    if rest is None:
        return None
    new: Words = [(t, t.text) for t in rest]
    if FRAME.match(" ".join(t.text for t in rest)):
        new, changed = _dat_clause_as_main(rest), True
    elif changed:
        new = _subject_first(rest)
    if not new or any(_points_back(t) for t, _ in new):
        return None
    text = capitalise(_joined(new))
    if changed and rewrite_problems(doc_text(sentence.doc)[tokens[0].idx : end], text):
        return None
    return Opening(text + final, frozenset(t.i for t, _ in new))


def _joined(new: Words) -> str:
    return words(_Shown(text) for _, text in new)


@dataclass(frozen=True)
class _Shown:
    text: str


def _after_back_reference(sentence: Span, tokens: list[Token]) -> tuple[list[Token] | None, bool]:
    """The tokens after a back-reference at the start (and whether there was one): the whole
    fronted part before the main finite verb, or just the matched words when the subject
    follows them ("Dus de schilder komt …"). None: the reference cannot be cut off cleanly."""
    lead = BACK_REFERENCE.match(span_text(sentence))
    if lead is None:
        return tokens, False
    cut = sentence.start_char + lead.end()
    finite = next((t for t in tokens if t.tag_.startswith("WW|pv") and not is_subordinate(t)), None)
    if finite is None or finite.idx < cut:
        return None, True
    between = [t for t in tokens if cut <= t.idx < finite.idx and not t.is_punct]
    subject = next((t for t in between if t.dep_.startswith("nsubj")), None)
    # from the subject's first word after the reference ("Dus" may hang under it)
    start = finite.idx if subject is None else min(t.idx for t in subject.subtree if t.idx >= cut)
    return [t for t in tokens if t.idx >= start], True


def _subject_first(tokens: list[Token]) -> Words:
    """ "zien wij geen aanleiding …" → "wij zien geen aanleiding …": a finite verb in front
    swaps with the subject right after it (where the parser found none, with the noun phrase
    right after it: "vervangt de aannemer uw keuken"). Anything else stays as it is; [] when
    the subject is not right after the verb."""
    if not tokens[0].tag_.startswith("WW|pv"):
        return [(t, t.text) for t in tokens]
    finite = tokens[0]
    children = list(clause_head(finite).children)
    subjects = [c for c in children if c.dep_.startswith("nsubj")]
    if not subjects:  # the parser missed the subject: the noun phrase right after the verb
        subjects = [c for c in children if c.dep_ in ("obj", "iobj") and c.pos_ != "PRON"]
    parts = (_constituent(c, tokens) for c in subjects)
    part = next((p for p in parts if p and p[0].i == finite.i + 1), [])
    if not part:
        return []
    taken = {t.i for t in part}
    order = [*part, finite, *(t for t in tokens[1:] if t.i not in taken)]
    return [(t, t.text) for t in order]


def _dat_clause_as_main(tokens: list[Token]) -> Words:
    """The dat-clause after an announcing frame as a main clause: its first part, the finite
    verb (a separable verb split, its particle left where the verb stood), then the rest. []
    when the clause is not simple (more than one finite verb, no first part at its start)."""
    dat = next((t for t in tokens if t.lower_ == "dat" and t.dep_ == "mark"), None)
    if dat is None:
        return []
    clause = [t for t in tokens if t.i > dat.i]
    finites = [t for t in clause if t.tag_.startswith("WW|pv")]
    if len(finites) != 1:
        return []
    finite = finites[0]
    head = clause_head(finite)
    if dat.head.i not in (head.i, finite.i):
        return []
    first = clause[0]
    if first.lower_ == "er":
        part = [first]
    else:
        owner = next(
            (c for c in head.children if c != dat and any(t.i == first.i for t in c.subtree)),
            None,
        )
        if owner is None or owner.i == finite.i:
            return []
        part = _constituent(owner, clause)
        if not part or part[0].i != first.i:
            return []
    taken = {t.i for t in part} | {finite.i}
    particle, _verb = separable(finite.lemma_) if finite.dep_ not in ("aux", "cop") else ("", "")
    split = particle and finite.lower_.startswith(particle) and len(finite.text) > len(particle) + 1
    verb = finite.text[len(particle) :] if split else finite.text
    new: Words = [(t, t.text) for t in part] + [(finite, verb)]
    for t in clause:
        if t.i == finite.i and split:
            new.append((finite, particle))
        elif t.i not in taken:
            new.append((t, t.text))
    return new


def _constituent(head: Token, within: list[Token]) -> list[Token]:
    """The words of ``head``'s phrase among ``within``, a time phrase attached to it left
    out; [] when they are not one run of words."""
    allowed = {t.i for t in within}
    skip: set[int] = set()
    for child in head.children:
        if child.i > head.i and child.dep_ in ("nmod", "obl") and _is_time(child):
            skip.update(t.i for t in child.subtree)
    part = [t for t in head.subtree if t.i in allowed and t.i not in skip]
    while part and part[-1].is_punct:
        part.pop()
    if not part or [t.i for t in part] != list(range(part[0].i, part[-1].i + 1)):
        return []
    return part


def _is_time(token: Token) -> bool:
    return bool(_TIME.match(token.text)) or any(
        _TIME.match(t.text) and t.dep_ in ("flat", "nmod", "appos", "nummod")
        for t in token.children
    )


def _points_back(token: Token) -> bool:
    word = token.lower_
    if word in _POINTING:
        return True
    tag = token.tag_
    if tag.startswith("VNW|aanw|pron"):  # "dit", "dat", "deze", "die" on their own
        return True
    if tag.startswith("VNW|aanw|det"):  # "dit gesprek", "die datum"; not "deze brief"
        return token.head.lower_ not in _HERE_AND_NOW
    return tag.startswith("VNW|pers") and word in _PERSONAL

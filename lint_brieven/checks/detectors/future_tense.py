"""'Zullen' for what the writer is going to do: "Wij zullen de werkzaamheden in maart
uitvoeren" → "Wij voeren de werkzaamheden in maart uit", "we zullen u bellen" → "we bellen u".

Dutch style guides (the municipal ones of IJsselstein and Dijk en Waard among them) advise
the present tense for a plan: it is shorter, and it reads as a plan instead of a prediction.
Reported only where the subject is the writer ("wij", "we", "ik"), "zullen" is in the present
tense and its verb group is one infinitive ("zullen … uitvoeren"); not in a question ("Zullen
wij u bellen?" is an offer), not with a second verb ("zullen moeten betalen", "zal worden
uitgevoerd") and not for a guess ("dat zal wel meevallen" has no "wij").

The rewrite puts the verb in the place of "zullen" in the form of the subject and, in a main
clause, its separable particle at the end where the infinitive stood ("zullen … uitvoeren" →
"voeren … uit"); in a subordinate clause "zullen" just goes ("dat wij … zullen uitvoeren" →
"dat wij … uitvoeren"). Where anything but plain words stands between them (a comma, a
clause), the finding gives advice only.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import lower_ids, sentence_of, span_text, word_ids
from lint_brieven.dutch.clauses import is_subordinate
from lint_brieven.dutch.verbs import present, separable
from lint_brieven.findings import Suggestion

_PERSON = {"wij": "pl", "we": "pl", "ik": "1sg"}
_PRESENT_FORMS = {"zal", "zullen"}
_PRESENT_IDS = word_ids(_PRESENT_FORMS)


@register("zullen-future")
class ZullenFuture(Detector):
    scope = "block"  # one verb group
    defaults: dict[str, object] = {}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for index, doc in enumerate(letter.docs):
            if lower_ids(doc).isdisjoint(_PRESENT_IDS):
                continue  # no "zal" or "zullen" (``_future`` finds nothing without one)
            content = letter.letter.blocks[index].content
            for aux in doc:
                found = _future(aux)
                if found is None:
                    continue
                infinitive, subject = found
                person = _PERSON[subject.lower_]
                first, last = sorted((aux, infinitive), key=lambda t: t.i)
                span = doc[first.i : last.i + 1]
                rewrite = None
                if not content.placeholders_in(span.start_char, span.end_char):
                    rewrite = _rewrite(doc, aux, infinitive, person)
                suggestions = (Suggestion(rewrite, False),) if rewrite else ()
                gap = " … " if last.i - first.i > 1 else " "
                yield Found(
                    index,
                    span.start_char,
                    span.end_char,
                    span.text,
                    {
                        "future": f"{first.text}{gap}{last.text}",
                        "present": _present_group(
                            subject.lower_,
                            infinitive.lower_,
                            person,
                            last.i - first.i > 1,
                            is_subordinate(aux),
                        ),
                    },
                    suggestions,
                )


def _future(aux: Token) -> tuple[Token, Token] | None:
    """(the infinitive, the subject) when ``aux`` is the writer's "zal"/"zullen" with one
    infinitive."""
    if aux.lower_ not in _PRESENT_FORMS or aux.lemma_.lower() != "zullen":
        return None
    if span_text(sentence_of(aux)).rstrip().endswith("?"):
        return None  # "Zullen wij u bellen?": an offer, a real question
    verb = aux.head if aux.dep_ == "aux" else None
    if verb is None or verb.i == aux.i or not verb.tag_.startswith("WW|inf"):
        return None
    lo, hi = sorted((aux.i, verb.i))
    if any(
        c.dep_ in ("aux", "aux:pass") and c.i != aux.i and (lo < c.i < hi or c.i > verb.i)
        for c in verb.children
    ):
        return None  # "zullen moeten betalen", "zullen betalen worden": not one verb
    if any(c.dep_ == "xcomp" and c.tag_.startswith("WW|inf") for c in verb.children):
        return None  # "zullen laten weten": a second verb
    subjects = [
        c
        for c in (*verb.children, *aux.children)
        if c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ in _PERSON
    ]
    # the writer, next to "zullen" ("wij zullen", "zullen we"): a parse may hang another
    # clause's subject on the same verb ("Zodra de onderdelen binnen zijn, zullen wij …")
    subject = next((c for c in subjects if abs(c.i - aux.i) == 1), None)
    if subject is None and is_subordinate(aux):  # "dat wij de reparatie zullen uitvoeren"
        subject = max((c for c in subjects if c.i < aux.i), key=lambda c: c.i, default=None)
    if subject is None:
        return None
    if any(t.tag_.startswith("WW|inf") for t in aux.doc[lo + 1 : hi]):
        return None  # another infinitive in the verb group ("zullen … laten weten")
    return verb, subject


def _present_group(
    subject: str, infinitive: str, person: str, apart: bool, subordinate: bool
) -> str:
    """ "wij voeren … uit" for "uitvoeren", "dat wij … uitvoeren" in a subordinate clause,
    "ik bel" for "bellen"."""
    particle, rest = separable(infinitive)
    if subordinate:
        return f"{subject} … {present(infinitive, person)}"
    if not particle:
        return f"{subject} {present(infinitive, person)}"
    verb = present(rest, person)
    return f"{subject} {verb} … {particle}" if apart else f"{subject} {verb} {particle}"


def _rewrite(doc: Doc, aux: Token, infinitive: Token, person: str) -> str | None:
    """The words from "zullen" to the infinitive in the present tense, or None when the
    stretch between them is not plain words of the same clause."""
    lo, hi = sorted((aux.i, infinitive.i))
    between = doc[lo + 1 : hi]
    if any(t.is_punct or t.tag_.startswith("WW|pv") for t in between):
        return None
    lemma = infinitive.lower_  # an infinitive is its own lemma (the parser's may be off)
    if is_subordinate(aux):
        # "dat wij … zullen uitvoeren" → "dat wij … uitvoeren": "zullen" goes
        if aux.i > infinitive.i or any(not t.is_space for t in doc[aux.i + 1 : infinitive.i]):
            return None
        return infinitive.text
    if aux.i > infinitive.i:
        return None
    particle, rest = separable(lemma)
    verb = present(rest if particle else lemma, person)
    words = [verb, *(t.text_with_ws for t in between)]
    middle = "".join(words[1:]).strip()
    tail = particle
    out = " ".join(w for w in (verb, middle, tail) if w)
    return out[:1].upper() + out[1:] if aux.text[:1].isupper() else out

"""Passive voice ("worden"/"zijn" + participle) that hides who acts, with an active rewrite
built from the parse.

Only passives an editor would change are reported (see ``dutch.passive_voice``): not a state
("het kantoor is gesloten"), not the perfect tense of a verb with "zijn" ("is gelukt"), not
copula + adjective ("wordt hoger"), not a passive that names its agent ("door de aannemer"),
and not one whose actor nobody needs ("de bomen worden gesnoeid"). The finding marks the
verb group with its subject ("uw huur wordt verhoogd"), not the whole clause.

"De reparatie wordt door de aannemer uitgevoerd." → "De aannemer voert de reparatie uit."
"Uw aanvraag is afgewezen." → "Wij hebben uw aanvraag afgewezen." (no agent: the
organisation, option ``doer``). Present passive becomes present active, past and perfect
passive become the perfect ("hebben" + participle). A modal ("moet worden ingevuld") keeps its
modal, but only with a named agent: without one the doer is unclear (the tenant or us?) and
the finding asks who. Relative clauses, questions and clauses with a placeholder get the
advice without a rewrite.

Options: ``doer`` (who acts when no agent is named), ``skip-lemmas`` (participles another rule
already covers, such as contact promises), ``organisation-acts`` (more participles of what the
organisation decides or does, each with the words the clause must also have: "besteed" with
"aandacht", "verbonden" with "voorwaarden"; none: any clause) and ``tenant-acts`` (more
participles of what the reader does: "verbeurd").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_tokens, sentence_of, span_text
from lint_brieven.dutch.active_voice import Active, active_clause
from lint_brieven.dutch.passive_voice import (
    STATIVE,
    UNACCUSATIVE,  # noqa: F401  (re-exported: the participles whose perfect takes "zijn")
    actor_known_from_sentence,
    clause_core,
    copula_participle,
    hides_actor_that_matters,
    is_participle,
    names_agent,
    passive_span,
    takes_zijn,
)
from lint_brieven.dutch.verbs import (
    PARTICLES,
    consistent,
    infinitive_of,
    strong_infinitive,
    weak_stem,
)
from lint_brieven.findings import Suggestion

_PRONOUN_SUBJECT = {
    "ons": "wij",
    "mij": "ik",
    "hem": "hij",
    "haar": "zij",
    "hen": "zij",
    "hun": "zij",
}
_PRONOUN_OBJECT = {
    "ik": "mij",
    "wij": "ons",
    "we": "ons",
    "hij": "hem",
    "u": "u",
    "jij": "jou",
    "je": "je",
}
_MODALS = {"kunnen", "moeten", "mogen", "zullen", "willen"}


def person_of(tokens: list[Token], text: str) -> str:
    """The person of the new subject: "pl" (wij, "door hen", plural nouns), "1sg" or "3sg"."""
    word = text.lower()
    pronoun = tokens[0].lower_ if len(tokens) == 1 else ""
    if word in ("wij", "we") or pronoun in ("ons", "hen", "hun"):
        return "pl"
    if word == "ik" or pronoun == "mij":
        return "1sg"
    head = next((t for t in tokens if t.dep_ not in ("det", "amod", "nmod:poss", "case")), None)
    if head is not None and "Plur" in head.morph.get("Number"):
        return "pl"
    if head is not None and head.tag_.startswith("N|") and "|mv|" in head.tag_ + "|":
        return "pl"
    return "3sg"


def _is_agent(child: Token) -> bool:
    """The "door ..." phrase of a passive clause: labelled obl:agent, or plain obl with "door"
    (the parser does not always tell the two apart; in a passive clause they mean the same)."""
    if child.dep_ == "obl:agent":
        return True
    return child.dep_ == "obl" and any(
        c.dep_ == "case" and c.lower_ == "door" for c in child.children
    )


_AUXILIARY_LEMMAS = ("worden", "zijn")  # of _passive_auxiliary and copula_participle


def _passive_auxiliary(aux: Token) -> bool:
    """ "worden"/"zijn" making a passive: labelled aux:pass, or plain aux on a participle (the
    parser does not always tell "is vastgesteld" from a perfect tense; verbs whose perfect
    takes "zijn" and stative participles are left out by the caller)."""
    if aux.lemma_ not in ("worden", "zijn"):
        return False
    if aux.dep_ == "aux:pass":
        return True
    return aux.dep_ == "aux" and aux.head.tag_.startswith("WW|vd")


@register("passive")
class PassiveVoice(Detector):
    scope = "block"  # one clause
    defaults = {"doer": "wij", "skip-lemmas": [], "organisation-acts": {}, "tenant-acts": []}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        skip = {s.lower() for s in self.options["skip-lemmas"]}  # type: ignore[union-attr]
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            seen: set[int] = set()
            for aux in doc_tokens(doc):
                if aux.lemma_ not in _AUXILIARY_LEMMAS:
                    continue  # (both tests below ask this first)
                if not (_passive_auxiliary(aux) or copula_participle(aux)):
                    continue
                verb = aux.head
                if verb.i == aux.i or verb.i in seen or not is_participle(verb, aux):
                    continue
                if verb.lemma_.lower() in skip or verb.lower_ in skip:
                    continue
                if aux.lemma_ == "zijn" and (takes_zijn(verb.lower_) or verb.lower_ in STATIVE):
                    continue  # "is gelukt", "is gesloten": a perfect tense or a state
                if names_agent(verb):
                    continue  # "door de aannemer": the clause says who acts
                if span_text(sentence_of(aux)).strip().endswith("?"):
                    continue  # "Is het probleem opgelost?", "Wie zijn uitgenodigd?": the
                    # reader's own question, nobody hidden
                if any(c.dep_ == "mark" and c.lower_ in ("zoals", "als") for c in verb.children):
                    continue  # "zoals gepland": a comparison, not a clause of its own
                if actor_known_from_sentence(verb):
                    continue  # "de hoorzitting, waar uw bezwaar wordt behandeld"
                core = clause_core(verb)
                if not (hides_actor_that_matters(verb, core) or self._hides_listed(verb, core)):
                    continue  # "de bomen worden gesnoeid": nobody needs to know who
                seen.add(verb.i)
                start, end = passive_span(verb, aux, core)
                first, last = doc[start], doc[end - 1]
                has_placeholder = bool(content.placeholders_in(first.idx, last.idx + len(last)))
                rewrite = None if has_placeholder else self.rewrite(doc, verb, aux)
                suggestions = (Suggestion(rewrite, False),) if rewrite else ()
                yield Found(
                    index,
                    first.idx,
                    last.idx + len(last),
                    doc[start:end].text,
                    {
                        "verb": f"{aux.text} … {verb.text}"
                        if abs(verb.i - aux.i) > 1
                        else f"{aux.text} {verb.text}"
                    },
                    suggestions,
                )

    def _hides_listed(self, verb: Token, core: list[Token]) -> bool:
        """The participle is one of the options' acts of the organisation (with the words
        its entry asks for in the clause) or of the reader."""
        participle = verb.lower_
        if participle in {p.lower() for p in self.options["tenant-acts"]}:  # type: ignore[union-attr]
            return True
        acts = self.options["organisation-acts"]
        needs = acts.get(participle) if isinstance(acts, dict) else None
        if needs is None:
            return False
        words = {t.lower_ for t in core} | {t.lemma_.lower() for t in core}
        return not needs or any(w.lower() in words for w in needs)

    def rewrite(self, doc: Doc, verb: Token, aux: Token) -> str | None:
        """The words of the finding in the active voice (``dutch.active_voice``), or None
        when the clause cannot be rewritten keeping all of it, or when the rewrite changes
        words outside the finding (then it is advice only: the rule's own suggestion)."""
        lemma = verb_lemma(verb)
        if lemma is None:
            return None  # no reliable infinitive: a wrong verb form is worse than none
        active = active_clause(verb, aux, lemma, str(self.options["doer"]))
        if active is None:
            return None
        start, end = passive_span(verb, aux, clause_core(verb))
        before = list(doc[active.start : start])
        after = list(doc[end : active.end])
        parts = list(active.parts)
        if start < active.start or end > active.end or len(parts) < len(before) + len(after):
            return None
        if parts[: len(before)] != before or (after and parts[len(parts) - len(after) :] != after):
            return None
        inner = parts[len(before) : len(parts) - len(after)]
        return Active(start, end, tuple(inner)).text() if inner else None


def words_of(parts: list[str]) -> str:
    return " ".join(p for p in parts if p).replace(" ,", ",")


def _frequency(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


def verb_lemma(verb: Token) -> str | None:
    """The participle's infinitive: the parser's lemma when it fits the participle, else one
    built from a weak participle ("gebeld" → "bellen") or a strong one ("meegenomen" →
    "meenemen"). The diaeresis that "ge" needed ("geïnformeerd") goes: "informeren"."""
    found = _verb_lemma(verb)
    if found and found[0] in _DIAERESIS:
        return _DIAERESIS[found[0]] + found[1:]
    return found


_DIAERESIS = {"ï": "i", "ë": "e", "ö": "o", "ü": "u"}


def _verb_lemma(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma != verb.lower_ and consistent(lemma, verb.text):
        return lemma
    strong = strong_infinitive(verb.lower_)
    if strong is not None:
        return strong
    for particle in ("", *PARTICLES):
        if verb.lower_.startswith(particle + "ge"):
            shown = weak_stem(verb.text, particle)
            # "gestort": the stem is "stort", not "stor"; the likelier infinitive wins
            whole = verb.lower_[len(particle) + 2 :]
            bases = [b for b in (infinitive_of(shown), infinitive_of(whole)) if b] if shown else []
            base = max(bases, key=_frequency, default=None)
            return particle + base if base else None
    if verb.lower_.startswith(("be", "ver", "ont", "her", "er")):
        shown = weak_stem(verb.text)  # "verhoogd" → "verhoog" → "verhogen"
        return infinitive_of(shown) if shown else None
    return None

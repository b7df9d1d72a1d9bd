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
already covers, such as contact promises).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.dutch.clauses import capitalise, is_main_clause, lower_first
from lint_brieven.dutch.passive_voice import (
    STATIVE,
    UNACCUSATIVE,  # noqa: F401  (re-exported: the participles whose perfect takes "zijn")
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
    present,
    split_particle,
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
    defaults = {"doer": "wij", "skip-lemmas": []}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        skip = {s.lower() for s in self.options["skip-lemmas"]}  # type: ignore[union-attr]
        for index, doc in enumerate(letter.docs):
            content = letter.letter.blocks[index].content
            seen: set[int] = set()
            for aux in doc:
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
                if aux.sent.text.strip().endswith("?"):
                    continue  # "Is het probleem opgelost?", "Wie zijn uitgenodigd?": the
                    # reader's own question, nobody hidden
                if any(c.dep_ == "mark" and c.lower_ in ("zoals", "als") for c in verb.children):
                    continue  # "zoals gepland": a comparison, not a clause of its own
                core = clause_core(verb)
                if not hides_actor_that_matters(verb, core):
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

    def rewrite(self, doc: Doc, verb: Token, aux: Token) -> str | None:
        """The clause in the active voice, or None when the parse is not simple enough."""
        lemma = verb_lemma(verb)
        if lemma is None or verb.sent.text.strip().endswith("?"):
            return None  # no reliable infinitive: a wrong verb form is worse than none
        if verb.dep_ not in ("ROOT", "conj", "advcl", "ccomp"):
            return None  # relative clauses and the like: advice only
        children = [c for c in verb.children]
        modals = [c for c in children if c.dep_ == "aux" and c.lemma_ in _MODALS]
        if len([c for c in children if c.dep_ == "aux"]) != len(modals) or len(modals) > 1:
            return None
        agent = next((c for c in children if _is_agent(c)), None)
        patient = next((c for c in children if c.dep_ == "nsubj:pass"), None)
        mark = [c for c in children if c.dep_ == "mark"]
        if modals and agent is None:
            return None
        if agent is not None:
            agent_tokens = [
                t
                for t in agent.subtree
                if not (t.dep_ == "case" and t.head == agent and t.lower_ == "door")
            ]
            agent_words = lower_first(agent_tokens)
            if len(agent_tokens) == 1:
                agent_words = [_PRONOUN_SUBJECT.get(agent_tokens[0].lower_, agent_words[0])]
            person = person_of(agent_tokens, " ".join(agent_words))
        else:
            agent_tokens = []
            agent_words = [str(self.options["doer"])]
            person = person_of([], agent_words[0])
        used = (
            {aux.i, verb.i, *(t.i for t in agent.subtree)} if agent is not None else {aux.i, verb.i}
        )
        used |= {m.i for m in modals} | {m.i for m in mark}
        patient_words: list[str] = []
        if patient is not None:
            tokens = list(patient.subtree)
            used |= {t.i for t in tokens}
            if tokens[0].lower_ == "er" and len(tokens) == 1:
                tokens = []
            patient_words = lower_first(tokens)
            if len(tokens) == 1:
                patient_words = [_PRONOUN_OBJECT.get(tokens[0].lower_, patient_words[0])]
        rest = []
        for child in children:
            if child.i in used or child.is_punct:
                continue
            if child.lower_ == "er" and child.dep_ in ("advmod", "expl"):
                continue
            rest += [t for t in child.subtree if not t.is_punct or t.i < verb.i]
        rest_words = lower_first(sorted(rest, key=lambda t: t.i)) if rest else []
        particle, base = split_particle(lemma, verb.text)
        infinitive = lemma
        past = aux.lemma_ == "zijn" or "verl" in aux.tag_
        if modals:
            finite, cluster = present(modals[0].lemma_, person), [infinitive]
        elif past:
            finite, cluster = present("hebben", person), [verb.text.lower()]
        else:
            finite, cluster = present(base, person), [particle] if particle else []
        if is_main_clause(verb) and not mark:
            parts = [*agent_words, finite, *patient_words, *rest_words, *cluster]
            return capitalise(words_of(parts))
        if mark and verb.dep_ != "ROOT":
            if modals:
                end_cluster = [finite, *cluster]
            elif past:
                end_cluster = [*cluster, finite]
            else:
                end_cluster = [present(infinitive, person)]
            parts = [
                mark[0].text.lower() if mark[0].i > verb.sent.start else mark[0].text,
                *agent_words,
                *patient_words,
                *rest_words,
                *end_cluster,
            ]
            return words_of(parts)
        return None


def words_of(parts: list[str]) -> str:
    return " ".join(p for p in parts if p).replace(" ,", ",")


def verb_lemma(verb: Token) -> str | None:
    """The participle's infinitive: the parser's lemma when it fits the participle, else one
    built from a weak participle ("gebeld" → "bellen")."""
    lemma = verb.lemma_.lower()
    if consistent(lemma, verb.text):
        return lemma
    for particle in ("", *PARTICLES):
        if verb.lower_.startswith(particle + "ge"):
            shown = weak_stem(verb.text, particle)
            base = infinitive_of(shown) if shown else None
            return particle + base if base else None
    return None

"""A passive clause in the active voice, built from the parse, keeping every part of it.

"Uw aanvraag is afgewezen." → "Wij hebben uw aanvraag afgewezen."
"Binnenkort wordt uw huur verhoogd." → "Binnenkort verhogen wij uw huur."
"Er wordt contact met u opgenomen." → "Wij nemen contact met u op."
"…, omdat de ketel door de monteur wordt vervangen." → "…, omdat de monteur de ketel vervangt."

A Dutch main clause has one part before its finite verb, then the middle field, then the verbs
at the end, then what is placed after them (a clause, sometimes a phrase). The active clause
keeps that order: the part before the finite verb stays first unless it is the passive subject
(then the new subject goes first: "Uw aanvraag is …" → "Wij hebben uw aanvraag …"), the middle
field keeps its order, and what followed the verbs still follows them. Every word of the clause
is used, except the passive auxiliary, "door" and an expletive "er"; when a word has no place
(an embedded clause in the middle, a question, a relative clause, "te worden"), there is no
rewrite. Present passive becomes present active, past and perfect passive become the perfect
("hebben" + participle); a modal or "zullen" stays, and the verb after it is the infinitive.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from lint_brieven.checks.doc_cache import sentence_of, span_text
from lint_brieven.dutch.clauses import capitalise, words
from lint_brieven.dutch.verbs import present, separable

MODALS = {"kunnen", "moeten", "mogen", "zullen", "willen"}
_PRONOUN_SUBJECT = {"ons": "wij", "mij": "ik", "hem": "hij", "haar": "zij", "hen": "zij"}
_PRONOUN_OBJECT = {"ik": "mij", "wij": "ons", "we": "ons", "hij": "hem", "jij": "jou"}


@dataclass(frozen=True)
class Active:
    """Tokens ``start:end`` of the doc (the clause up to its last verb and what follows it)
    and their active version as a list of tokens and new words."""

    start: int
    end: int
    parts: tuple[Token | str, ...]

    def text(self) -> str:
        return _join(self.parts)


def _join(parts) -> str:
    return words(_Word(p) if isinstance(p, str) else p for p in parts)


class _Word:
    """A new word, joined like a token."""

    def __init__(self, text: str) -> None:
        self.text = text


def active_clause(
    verb: Token, aux: Token, infinitive: str, doer: str = "wij", modal_ok: bool = False
) -> Active | None:
    """The clause of the passive participle ``verb`` with auxiliary ``aux`` in the active
    voice; ``infinitive`` is the participle's verb; ``doer`` the subject when no agent is
    named. None when the clause cannot be rewritten keeping all of it."""
    doc = verb.doc
    question = span_text(sentence_of(verb)).strip().endswith("?")
    if question or verb.dep_ not in ("ROOT", "conj", "advcl", "ccomp"):
        return None
    children = list(verb.children)
    auxes = [c for c in children if c.dep_ in ("aux", "aux:pass", "cop") and c != aux]
    if aux.head != verb or any(c.lower_ == "te" for c in children):
        return None  # "dient te worden verwijderd": the doer is unclear
    modals = [c for c in auxes if c.lemma_.lower() in MODALS]
    if len(modals) > 1 or len(auxes) != len(modals) + sum(c.lemma_ == "worden" for c in auxes):
        return None
    agent = next((c for c in children if _is_agent(c)), None)
    modal = modals[0] if modals else None
    if modal is not None and agent is None and modal.lemma_ != "zullen" and not modal_ok:
        return None  # "moet worden ingevuld": by whom? the tenant or us
    patient = next((c for c in children if c.dep_ == "nsubj:pass"), None)
    if patient is None:
        patient = next((c for c in children if c.dep_ in ("nsubj", "obj")), None)
    expletive = any(t.lower_ == "er" for t in (*children, *aux.children))
    if patient is None and not expletive:
        return None  # "… en is vastgesteld": the subject belongs to the clause before
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in children):
        return None  # "zal worden teruggestort, dan wel worden verrekend": shared verbs
    if _shares_finite_later(verb, aux):
        return None
    mark = next((c for c in children if c.dep_ == "mark"), None)
    main = mark is None and verb.dep_ in ("ROOT", "conj")
    verbs = {aux, verb, *auxes}
    cluster_end = max(t.i for t in verbs)
    skip_before = {t.i for t in verbs}
    if agent is not None:
        skip_before |= {t.i for t in agent.subtree}
    clause = [t for t in _clause_tokens(verb) if t.i <= cluster_end or t.i in skip_before]
    start = min(t.i for t in clause)
    if mark is not None and mark.i != start:
        return None
    # every word up to the last verb belongs to this clause (no embedded clause in between)
    own = {t.i for t in clause}
    if any(i not in own and not doc[i].is_space for i in range(start, cluster_end + 1)):
        return None
    subject_words, person = _subject(agent, doer)
    finite_aux = next((t for t in (aux, *auxes) if t.tag_.startswith("WW|pv")), None)
    if finite_aux is None:
        return None
    past = aux.lemma_ == "zijn" or "verl" in finite_aux.tag_
    particle, core = separable(infinitive)
    if modal is not None:
        finite, cluster = present(modal.lemma_.lower(), person), [infinitive]
    elif past:
        finite, cluster = present("hebben", person), [verb.text.lower()]
    else:
        finite, cluster = present(infinitive if not main else core, person), []
        if main and particle:
            cluster = [particle]
    dropped = {aux.i, verb.i, *(m.i for m in modals)}
    if agent is not None:
        dropped |= {t.i for t in agent.subtree}
    middle = [
        t
        for t in doc[start : cluster_end + 1]
        if t.i not in dropped and not t.is_space and t != mark
    ]
    middle = [
        t for t in middle if not (t.lower_ == "er" and t.dep_ in ("expl", "advmod", "expl:pass"))
    ]
    patient_tokens = sorted(patient.subtree, key=lambda t: t.i) if patient is not None else []
    if patient_tokens and patient_tokens[0].lower_ == "er" and len(patient_tokens) == 1:
        patient_tokens = []
    patient_ids = {t.i for t in patient_tokens}
    first = middle[0] if middle else None
    parts: list[Token | str] = []
    fronted = any(c.dep_ in ("advcl", "ccomp", "csubj") and c.i < start for c in children)
    if main:
        rest = [t for t in middle]
        if fronted:
            # "Indien u …, wordt het bedrag afgeschreven": the clause before takes the first
            # place, the finite verb comes next ("…, schrijven wij het bedrag af")
            objects = _objects_in(middle, patient_ids)
            parts = [finite, subject_words, *objects, *cluster]
        elif first is not None and first.i in patient_ids:
            # the passive subject came first: the new subject takes its place
            lead = [subject_words]
            rest = [*_objects(patient_tokens), *[t for t in middle if t.i not in patient_ids]]
            parts = [*lead, finite, *rest, *cluster]
        elif first is not None and not first.is_punct and middle:
            head = _first_part(first, middle)
            rest = [t for t in middle if t not in head]
            parts = [*head, finite, subject_words, *rest, *cluster]
        else:
            parts = [subject_words, finite, *middle, *cluster]
        if start == sentence_of(verb).start or doc[start].is_sent_start:
            parts = _capitalised(parts)
    else:
        if not (mark is not None or verb.dep_ == "advcl"):
            return None
        verbs_at_end = [finite, *cluster] if modal is not None else [*cluster, finite]
        if modal is None and not past:
            verbs_at_end = [present(infinitive, person)]
        lead = [mark] if mark is not None else []
        parts = [*lead, subject_words, *_objects_in(middle, patient_ids), *verbs_at_end]
    end = cluster_end + 1
    return Active(start, end, tuple(parts))


def _shares_finite_later(verb: Token, aux: Token) -> bool:
    """A later "worden"/"zijn" without a finite verb of its own shares this clause's finite
    verb ("zal … worden teruggestort, dan wel worden verrekend")."""
    sentence = sentence_of(verb)
    last = max(verb.i, aux.i)
    for token in sentence:
        if token.i <= last or token.lemma_ not in ("worden", "zijn"):
            continue
        if not token.tag_.startswith("WW|inf"):
            continue
        before = token.doc[token.i - 1] if token.i > 0 else None
        if before is not None and before.lower_ == "te":
            continue
        clause = token.head
        finite = [c for c in clause.children if c.tag_.startswith("WW|pv")]
        if not finite and not clause.tag_.startswith("WW|pv"):
            return True
    return False


def _clause_tokens(verb: Token) -> list[Token]:
    out, stack = [], [verb]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in ("advcl", "ccomp", "acl", "acl:relcl", "csubj", "parataxis"):
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ == "xcomp" and child.i > verb.i:
                continue
            stack.append(child)
    return out


def _is_agent(child: Token) -> bool:
    if child.dep_ == "obl:agent":
        return True
    return child.dep_ == "obl" and any(
        c.dep_ == "case" and c.lower_ == "door" for c in child.children
    )


def _subject(agent: Token | None, doer: str) -> tuple[str, str]:
    """The new subject's words and its person ("pl", "1sg", "3sg")."""
    if agent is None:
        lower = doer.lower()
        return doer, "pl" if lower in ("wij", "we") else ("1sg" if lower == "ik" else "3sg")
    tokens = [t for t in agent.subtree if not (t.head == agent and t.lower_ == "door")]
    text = words(tokens)
    if len(tokens) == 1 and tokens[0].lower_ in _PRONOUN_SUBJECT:
        text = _PRONOUN_SUBJECT[tokens[0].lower_]
    lower = text.lower()
    if lower in ("wij", "we", "zij") or any(c.dep_ == "conj" for c in agent.children):
        return text, "pl"
    if "|mv|" in agent.tag_ + "|":
        return text, "pl"
    return text, "1sg" if lower == "ik" else "3sg"


def _objects(tokens: list[Token]) -> list[Token | str]:
    """The passive subject as object: a pronoun takes its object form ("wij" → "ons")."""
    if len(tokens) == 1 and tokens[0].lower_ in _PRONOUN_OBJECT:
        return [_PRONOUN_OBJECT[tokens[0].lower_]]
    out: list[Token | str] = list(tokens)
    if tokens and tokens[0].is_sent_start and tokens[0].pos_ != "PROPN":
        out[0] = tokens[0].text[:1].lower() + tokens[0].text[1:]
    return out


def _objects_in(middle: list[Token], patient_ids: set[int]) -> list[Token | str]:
    if len(patient_ids) == 1:
        only = next(t for t in middle if t.i in patient_ids) if middle else None
        if only is not None and only.lower_ in _PRONOUN_OBJECT:
            return [_PRONOUN_OBJECT[only.lower_] if t.i in patient_ids else t for t in middle]
    return list(middle)


def _first_part(first: Token, middle: list[Token]) -> list[Token]:
    """The part before the finite verb: the phrase the first word belongs to."""
    head = first
    ids = {t.i for t in middle}
    while head.head.i in ids and head.head != head and head.head.i < middle[-1].i:
        if head.head.i > first.i and head.dep_ not in ("case", "det", "amod", "advmod", "nmod"):
            break
        head = head.head
    phrase = sorted((t for t in head.subtree if t.i in ids), key=lambda t: t.i)
    if (
        not phrase
        or phrase[0] != first
        or [t.i for t in phrase] != [t.i for t in middle[: len(phrase)]]
    ):
        return [first]
    return phrase


def _capitalised(parts: list[Token | str]) -> list[Token | str]:
    """The clause starts the sentence: its first word capitalised, a moved first word not."""
    out: list[Token | str] = []
    for index, part in enumerate(parts):
        text = part if isinstance(part, str) else part.text
        if index == 0:
            out.append(capitalise(text) if text[:1].islower() else part)
        elif (
            not isinstance(part, str)
            and part.is_sent_start
            and part.pos_ != "PROPN"
            and not (part.is_upper and part.lower_ != "u")
        ):
            out.append(text[:1].lower() + text[1:])
        else:
            out.append(part)
    return out

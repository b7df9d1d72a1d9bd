"""Fitting a word list's plainer words to the place they go.

A word list writes its alternatives in their base form ("verstrekken" → "geven", "benodigd"
→ "nodig", "verzoek" → "vraag"). In a sentence the words must take the form of the words they
replace, and sometimes the words around them must change too:
- a verb takes the form of the verb it replaces: "heeft verstrekt" → "heeft gegeven", "u
  verstrekt" → "u geeft", "te retourneren" → "terug te sturen"; a separable verb that would
  have to split in a main clause ("u retourneert het" → "u stuurt het terug") is left to the
  writer;
- an attributive adjective keeps its -e ("de benodigde onderdelen" → "de nodige onderdelen");
- a noun keeps its number ("mededelingen" → "berichten") and its article follows the new
  noun's gender ("dit verzoek" → "deze vraag", "een nieuw verzoek" → "een nieuwe vraag");
- ``fit: conditional``: "Mocht u … hebben" → "Als u … heeft" (the verb at the end becomes
  finite for "u": hebben → heeft, willen → wilt, kunnen → kunt, zijn → bent);
- ``fit: clause-start``: "maar" for "echter" only at the start of a clause: "Echter, dat …" →
  "Maar dat …", "Dat is echter niet mogelijk" → "Maar dat is niet mogelijk";
- ``fit: main-clause``: "Let op:" for "Wij wijzen u erop" only before a main clause: "… erop
  dat de huur omhoog gaat" → "Let op: de huur gaat omhoog".
When a place cannot be fitted, :func:`fit` returns None and the alternative is advice only.
Whether the result reads correctly is then checked by ``replacement_check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from lint_brieven import nlp
from lint_brieven.checks.base import match_case
from lint_brieven.checks.doc_cache import sentence_of
from lint_brieven.dutch.clauses import capitalise, lower_first, words
from lint_brieven.dutch.forms import (
    DE_DETERMINERS,
    DETERMINERS,
    INDEFINITE,
    determiner_for,
    gender,
    inflect_adjective,
    plural,
    uninflect_adjective,
)
from lint_brieven.dutch.verbs import participle, past, present, separable

_AUX = ("aux", "aux:pass", "cop")
_PRONOUNS = {"wij", "we", "ons", "onze", "u", "uw", "ik", "mij", "zij", "hen", "hun"}


@dataclass(frozen=True)
class Fitted:
    """``text`` for ``doc.text[start:end]``; ``reformed``: put in another form than listed."""

    start: int
    end: int
    text: str
    reformed: bool = False


def fit(span: Span, option: str, how: str | None = None, exact: bool = True) -> Fitted | None:
    """``option`` fitted to the place of ``span``, or None when it cannot be. ``exact``: the
    words matched the list's phrase as written (a plural phrase keeps its listed alternative:
    "huurpenningen" → "huur")."""
    if how == "conditional":
        return _conditional(span, option)
    if how == "clause-start":
        return _clause_start(span, option)
    if how == "main-clause":
        return _main_clause(span, option)
    return _generic(span, option, exact)


# -- verbs, adjectives and nouns ---------------------------------------------------------------


def _verb_at(option: str, doc: Doc) -> int | None:
    verbs = [t.i - 2 for t in doc[2:-1] if t.tag_.startswith("WW|inf")]
    return verbs[-1] if len(verbs) == 1 and len(doc) - 3 == len(option.split()) else None


# which word of an alternative (in lower case) is its verb, written as an infinitive, if any
_VERB_INDEX = nlp.Probe(lambda option: f"Wij gaan {option}.", _verb_at, 2048)


def _verb_index(option: str) -> int | None:
    """Which word of an alternative is its verb (written as an infinitive), if any."""
    return _VERB_INDEX(option.lower())


def prime(options: Iterable[str]) -> None:
    """Have the alternatives ``options`` that ``fit`` will read parsed in one batch."""
    _VERB_INDEX.prime(option.lower() for option in options)


def _person(verb: Token) -> str:
    clause = verb.head if verb.dep_ in ("aux", "aux:pass", "cop") else verb
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None:
        return "3sg" if "|mv" not in verb.tag_ else "pl"
    lower = subject.lower_
    if lower == "u":
        return "u"
    if lower == "ik":
        return "1sg"
    if lower in ("wij", "we", "jullie") or "|mv|" in subject.tag_ + "|":
        return "pl"
    if any(c.dep_ == "conj" for c in subject.children):
        return "pl"
    if subject.pos_ == "PRON" and lower not in ("hij", "zij", "het", "dit", "dat", "men"):
        # "de rechten die … voortvloeien": a relative pronoun has the number of its noun,
        # which the verb it replaces shows
        return "pl" if "|mv" in verb.tag_ else "3sg"
    return "3sg"


def _subordinate(verb: Token) -> bool:
    clause = verb.head if verb.dep_ in ("aux", "aux:pass", "cop") else verb
    return clause.dep_ in ("acl:relcl", "acl") or any(c.dep_ == "mark" for c in clause.children)


def _verb_form(verb: Token, infinitive: str) -> str | None:
    """``infinitive`` in the form of ``verb``; None when the form needs a split verb."""
    tag = verb.tag_
    if tag.startswith("WW|inf"):
        return infinitive
    if tag.startswith("WW|vd") and verb.dep_ != "amod":
        return participle(infinitive)
    if tag.startswith("WW|pv"):
        if separable(infinitive)[0] and not _subordinate(verb):
            return None  # "er resteert" → "er blijft … over": the particle moves to the end
        person = _person(verb)
        if "|verl" in tag:
            return past(infinitive, person == "pl")
        return present(infinitive, person)
    return None


def _attributive(token: Token) -> bool:
    return token.dep_ == "amod" or "|prenom" in token.tag_


def _before_its_noun(token: Token) -> bool:
    """A participle the tagger read as a past tense before its noun ("de door de
    Belastingdienst verstrekte inkomensindicatie")."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        token.tag_.startswith("WW|pv|verl")
        and following is not None
        and following.pos_ == "NOUN"
        and token.head == following
    )


def _generic(span: Span, option: str, exact: bool) -> Fitted | None:
    start, end = span.start_char, span.end_char
    text = match_case(span.text, option)
    if text.lower() in _PRONOUNS and not (len(span) == 1 and span[0].pos_ == "PRON"):
        return None  # "wij" or "ons" for a noun: the verb and the article must change too
    verbs = [t for t in span if t.tag_.startswith("WW")]
    option_verb = _verb_index(option)
    if len(span) == 1 and (_attributive(span[0]) or _before_its_noun(span[0])):
        return _fit_adjective(span[0], text, option_verb)
    if len(verbs) == 1 and option_verb is not None:
        return _fit_verb(span, verbs[0], text, option_verb)
    if len(span) == 1 and span[0].pos_ == "NOUN":
        return _fit_noun(span[0], text, exact)
    return Fitted(start, end, text)


@lru_cache(maxsize=1024)
def _ends_in_adjective(option: str) -> bool:
    """Whether an alternative ends in an adjective or participle ("nog niet betaald")."""
    doc = nlp.pipeline()(f"het {option.lower()} bedrag")
    last = doc[len(doc) - 2]
    return last.tag_.startswith(("ADJ", "WW|vd"))


def _fit_verb(span: Span, verb: Token, text: str, index: int) -> Fitted | None:
    option_words = text.split()
    if any(w.lower() == "te" for w in option_words[:index]):
        return Fitted(span.start_char, span.end_char, text)  # "te betalen": as listed
    infinitive = option_words[index].lower()
    start, end = span.start_char, span.end_char
    doc = span.doc
    before_te = doc[span.start - 1] if span.start > 0 else None
    te_inside = any(t.lower_ == "te" and t.i < verb.i for t in span)
    te_before = before_te is not None and before_te.lower_ == "te" and not te_inside
    if verb.tag_.startswith("WW|inf") and (te_before or te_inside):
        particle, core = separable(infinitive)
        verb_words = [particle, "te", core] if particle else ["te", infinitive]
        out = [*option_words[:index], *[w for w in verb_words if w], *option_words[index + 1 :]]
        if te_inside:
            new = match_case(span.text, " ".join(out))
            return Fitted(start, end, new, reformed=True)
        if not particle and index == 0:
            return Fitted(start, end, text)
        joined = match_case(before_te.text + " " + span.text, " ".join(out))
        return Fitted(before_te.idx, end, joined, reformed=True)
    if _attributive(verb):
        return None
    form = _verb_form(verb, infinitive)
    if form is None:
        return None
    out = [*option_words[:index], form, *option_words[index + 1 :]]
    first_is_verb = verb.i == span.start and verb.tag_.startswith("WW|pv")
    if first_is_verb and index > 0 and not _subordinate(verb):
        out = [form, *option_words[:index], *option_words[index + 1 :]]  # "komt … voor": V2
    new = match_case(span.text, " ".join(out))
    return Fitted(start, end, new, reformed=new.lower() != text.lower())


def _fit_adjective(token: Token, text: str, verb_index: int | None = None) -> Fitted | None:
    """An attributive word: the alternative's last word takes its -e or not; a verb becomes
    its participle ("ondertekende" → "getekende")."""
    option_words = text.split()
    start, end = token.idx, token.idx + len(token)
    if "te" in (w.lower() for w in option_words):
        return Fitted(start, end, text)  # "het te betalen bedrag": a te-infinitive stays
    if len(option_words) > 1 and verb_index is None and not _ends_in_adjective(text):
        return None  # "als het nodig is" cannot stand before a noun
    if len(option_words) == 1 and option_words[0].lower() in _DEMONSTRATIVES:
        return _demonstrative(token, option_words[0])
    if verb_index is not None:
        if verb_index != len(option_words) - 1:
            return None
        done = participle(option_words[-1].lower())
        if done is None:
            return None
        option_words[-1] = done
    last = option_words[-1]
    if token.lower_.endswith("e") and not token.lower_.endswith(("ee", "ie")):
        form = inflect_adjective(last)
    else:
        form = uninflect_adjective(last) if last.endswith("e") else last
    if form is None:
        return None
    new = " ".join([*option_words[:-1], form])
    reformed = form != last or verb_index is not None
    return Fitted(start, end, match_case(token.text, new), reformed=reformed)


_DEMONSTRATIVES = {"deze": "dit", "die": "dat", "dit": "dit", "dat": "dat"}


def _demonstrative(token: Token, word: str) -> Fitted | None:
    """ "de voornoemde woning" → "deze woning": the demonstrative takes the article's place
    and the noun's gender."""
    doc = token.doc
    noun = token.head if token.head.pos_ == "NOUN" and token.head.i > token.i else None
    if noun is None or "|mv|" in noun.tag_ + "|":
        forms = {"deze": "deze", "die": "die", "dit": "deze", "dat": "die"}
    elif gender(noun.lower_) == "het":
        forms = {"deze": "dit", "die": "dat", "dit": "dit", "dat": "dat"}
    elif gender(noun.lower_) == "de":
        forms = {"deze": "deze", "die": "die", "dit": "deze", "dat": "die"}
    else:
        return None
    new = forms[word.lower()]
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in ("de", "het"):
        return Fitted(before.idx, token.idx + len(token), match_case(before.text, new), True)
    return Fitted(token.idx, token.idx + len(token), match_case(token.text, new), True)


def _fit_noun(token: Token, text: str, exact: bool) -> Fitted | None:
    option_words = text.split()
    start, end = token.idx, token.idx + len(token)
    if "|mv|" in token.tag_ + "|" and not exact:
        if len(option_words) != 1:
            return None
        many = plural(option_words[0])
        if many is None:
            return None
        return Fitted(start, end, match_case(token.text, many), reformed=True)
    new_gender = gender(option_words[0])
    old_gender = gender(token.lower_)
    if new_gender is None or old_gender is None or new_gender == old_gender:
        return Fitted(start, end, text)
    return _with_article(token, text, new_gender)


def _with_article(noun: Token, text: str, new_gender: str) -> Fitted | None:
    """The noun phrase with its article (and adjectives) fitted to the new noun's gender."""
    doc = noun.doc
    i = noun.i - 1
    adjectives = []
    while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].dep_ == "amod":
        adjectives.insert(0, doc[i])
        i -= 1
    det = doc[i] if i >= 0 else None
    if det is None or det.lower_ not in (*DETERMINERS, *DE_DETERMINERS, *INDEFINITE):
        return Fitted(noun.idx, noun.idx + len(noun), text) if not adjectives else None
    new_det = determiner_for(det.lower_, new_gender) or det.lower_
    parts = [match_case(det.text, new_det)]
    definite = det.lower_ not in INDEFINITE
    for adjective in adjectives:
        wants_e = definite or new_gender == "de"
        form = inflect_adjective(adjective.text) if wants_e else uninflect_adjective(adjective.text)
        if form is None:
            return None
        parts.append(form)
    parts.append(text)
    return Fitted(det.idx, noun.idx + len(noun), " ".join(parts), reformed=True)


# -- constructions -------------------------------------------------------------------------


def _conditional(span: Span, option: str) -> Fitted | None:
    """ "Mocht u vragen hebben" → "Als u vragen heeft": the verb at the end becomes finite."""
    doc = span.doc
    mocht = span[0]
    head = mocht.head
    if mocht.dep_ not in ("aux", "mark") or head.i < mocht.i:
        return None
    subject = next((t for t in span[1:] if t.dep_.startswith("nsubj") or t.lower_ == "u"), None)
    person = "u" if subject is not None and subject.lower_ == "u" else "3sg"
    if subject is not None and subject.lower_ in ("wij", "we", "jullie"):
        person = "pl"
    heads = [head] + [c for c in head.children if c.dep_ == "conj" and _shares_subject(c)]
    targets: list[tuple[Token, str]] = []
    for clause in heads:
        cluster = [clause, *(c for c in clause.children if c.dep_ in ("aux", "cop", "aux:pass"))]
        verbs = [
            t
            for t in cluster
            if t.tag_.startswith("WW") and not t.tag_.startswith("WW|vd") and t.i > mocht.i
        ]
        if not verbs:
            return None
        first = min(verbs, key=lambda t: t.i)
        lemma = first.lower_
        if (
            not lemma.endswith("n")
            or lemma != first.lemma_.lower()
            and not first.tag_.startswith("WW|inf")
        ):
            return None  # the verb at the end must be an infinitive ("hebben", not "is")
        targets.append((first, present(lemma, person)))
    end = max(t.idx + len(t) for t, _ in targets)
    source = nlp.source_text(doc)
    pieces, pos = [match_case(span.text, option)], span.end_char
    for token, form in sorted(targets, key=lambda x: x[0].i):
        pieces += [source[pos : token.idx], form]
        pos = token.idx + len(token)
    return Fitted(span.start_char, end, "".join(pieces), reformed=True)


def _shares_subject(clause: Token) -> bool:
    """Whether a coordinated clause has the subject of the first ("of iets willen melden"):
    no subject of its own, or one the parser took from the object position."""
    subject = next((c for c in clause.children if c.dep_.startswith("nsubj")), None)
    return subject is None or subject.lower_ in ("iets", "niets", "alles", "dit", "dat", "het")


def _clause_start(span: Span, option: str) -> Fitted | None:
    """ "maar" for "echter": at the start of its clause, or moved there from a main clause."""
    doc = span.doc
    word = span[0]
    sentence = sentence_of(word)
    previous = doc[word.i - 1] if word.i > sentence.start else None
    following = doc[span.end] if span.end < sentence.end else None
    if previous is None or (previous.is_punct and previous.text in ",;:"):
        end = span.end_char
        if following is not None and following.text == ",":
            end = following.idx + 1  # "Echter, dat …" → "Maar dat …"
            following = doc[following.i + 1] if following.i + 1 < sentence.end else None
        if following is None or following.tag_.startswith("WW|pv"):
            return None  # "Echter is dat …": after "maar" the subject comes first
        return Fitted(span.start_char, end, match_case(span.text, option))
    if previous.is_punct or (following is not None and following.text == ","):
        return None
    clause = word.head
    if clause.dep_ != "ROOT" or any(c.dep_ == "mark" for c in clause.children):
        return None
    first = sentence[0]
    while first.is_space and first.i < word.i:
        first = doc[first.i + 1]
    if not any(t.tag_.startswith("WW|pv") for t in doc[first.i : word.i]):
        return None  # the finite verb comes after "echter": no simple main clause
    text = nlp.source_text(doc)[first.idx : word.idx].rstrip()
    text = lower_first([first])[0] + text[len(first.text) :]
    return Fitted(first.idx, span.end_char, capitalise(option) + " " + text, reformed=True)


def _main_clause(span: Span, option: str) -> Fitted | None:
    """ "Let op:" for "Wij wijzen u erop dat …": the dat-clause becomes a main clause."""
    doc = span.doc
    label = match_case(span.text, option).rstrip(":")
    if span.end >= len(doc):
        return None
    after = doc[span.end]
    if after.text == ":":
        return Fitted(span.start_char, after.idx + 1, label + ":", reformed=True)
    if after.lower_ != "dat" or after.dep_ != "mark":
        return None
    head = after.head
    clause = sorted(head.subtree, key=lambda t: t.i)
    if clause[0] != after or clause[-1].i - clause[0].i + 1 != len(clause):
        return None
    rest_of_sentence = [t for t in sentence_of(after) if t.i > after.i]
    if any(t.lower_ == "dat" and t.pos_ == "SCONJ" for t in rest_of_sentence):
        return None  # "… dat X en dat Y": two subclauses, one "Let op:" cannot take both
    body = clause[1:]
    while body and body[-1].is_punct and body[-1].text in ".!?":
        body.pop()
    while body and body[0].is_punct:
        body.pop(0)
    finite = head if head.tag_.startswith("WW|pv") else None
    finite = finite or next(
        (c for c in head.children if c.dep_ in _AUX and c.tag_.startswith("WW|pv")), None
    )
    if not body or finite is None or finite == body[0]:
        return None
    part = body[0]
    while part.head != head and part != head:
        part = part.head
    if part == head:
        return None
    first = sorted(part.subtree, key=lambda t: t.i)
    if [t.i for t in first] != [t.i for t in body[: len(first)]]:
        return None
    rest = [t for t in body[len(first) :] if t != finite]
    comma = [rest.pop(0)] if rest and rest[0].text == "," else []
    if comma and part.dep_ not in ("advcl", "obl"):
        return None  # "de kosten van …, het onderhoud … en …": a list the parse cut up
    if any(t.text == "," for t in first) and part.dep_ != "advcl":
        return None
    main = words([*first, *comma, finite, *rest])
    main = main[:1].lower() + main[1:] if first[0].pos_ != "PROPN" else main
    return Fitted(span.start_char, body[-1].idx + len(body[-1]), f"{label}: {main}", True)

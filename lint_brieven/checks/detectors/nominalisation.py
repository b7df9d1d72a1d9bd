"""Nominalisations: a verb hidden in a noun ("het indienen van een klacht", "de betaling van
de huur vindt plaats"). The advice gives the verb back: "een klacht indienen", "de huur
betalen". Only a fronted "Voor het indienen van een klacht kunt u …" gets a replacement,
"Om een klacht in te dienen": elsewhere the verb needs a sentence of its own.

Two shapes: ``het`` + an infinitive used as a noun + ``van``; and a noun in -ing or -atie
+ ``van``. Only where the parse shows nominal style, that is where the clause's own verb
says little and the action sits in the noun: the subject of a verb in ``weak-verbs``
("de betaling vindt plaats", "het aanvragen gaat via de website") or of a predicate in
``weak-predicates`` ("het treffen van een regeling is alleen mogelijk"), or the complement of
a support verb in ``support-verbs`` ("overgaan tot het nemen van maatregelen", "zorg dragen
voor het afsluiten van"). A noun naming an activity in an ordinary clause ("wij beginnen met
het vervangen van de kozijnen", "hulp bij het invullen van het formulier") is plain Dutch and
not reported, and neither is a fronted "Voor het aanvragen van een parkeervergunning …": an
editor leaves that short phrase alone (option ``fronted-purpose`` turns it on).

A third shape is a light verb with an action noun as its object, where one verb says it:
"een overtreding begaan" (overtreden), "een controle uitvoeren" (controleren), "melding maken
van" (melden), "een verzoek indienen" (vragen). The pairs are data (option ``light-verbs``:
verb → noun → the verb to use), matched on the verb with its particle and on the noun or the
last part of a compound ("een faillissementscontrole uitvoeren"), also in the passive ("er
zijn controles uitgevoerd"). Advice only: the sentence needs a new subject or word order.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.detectors.rare_words import base_forms
from lint_brieven.checks.doc_cache import doc_tokens, sentence_of
from lint_brieven.dutch.clauses import subtree, words
from lint_brieven.findings import Suggestion


def verb_of_noun(noun: str) -> str | None:
    """The verb behind a noun in -ing or -atie: "betaling" → "betalen", "reparatie" →
    "repareren"; None if no such verb is in common use."""
    word = noun.lower()
    if word.endswith("ing") and len(word) > 5:
        verb = word[:-3] + "en"
    elif word.endswith("atie") and len(word) > 6:
        verb = word[:-4] + "eren"
    else:
        return None
    return verb if zipf_frequency(verb, "nl") >= 2.0 else None


@register("nominalisation")
class Nominalisation(Detector):
    scope = "block"  # one sentence
    defaults = {
        "weak-verbs": ["plaatsvinden", "geschieden", "gebeuren", "verlopen", "gaan"],
        "weak-predicates": [
            "mogelijk",
            "toegestaan",
            "verplicht",
            "nodig",
            "noodzakelijk",
            "verboden",
            "vereist",
            "gewenst",
        ],
        "support-verbs": ["overgaan", "zorgen", "dragen", "verrichten", "doen"],
        "fronted-purpose": False,
        "light-verbs": {},
    }

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        context = self._context()
        light_verbs = bool(self.options["light-verbs"])
        for index, doc in enumerate(letter.docs):
            previous_end = -1  # token after the last nominalisation found
            tokens = doc_tokens(doc)
            for token in tokens:
                pos = token.pos_
                if not (
                    (pos == "NOUN" and token.lower_.endswith(_NOUN_ENDINGS))
                    or (light_verbs and pos in _NOUNS and token.dep_ in _LIGHT_ROLES)
                    or (
                        token.i
                        and token.lower_.endswith("en")
                        and tokens[token.i - 1].lower_ == "het"
                    )
                ):
                    continue  # (nothing below finds anything here: see ``_NOUN_ENDINGS``)
                found = self._infinitive(token, context) or self._noun(token, context)
                if found is None and _continues_list(token, previous_end):
                    # "zorg dragen voor het afsluiten van …, het doorgeven van …, alsmede het
                    # opzeggen van …": the parser may hang the last one elsewhere
                    found = self._infinitive(token, _Context.anywhere())
                if found is None:
                    light = self._light_verb(token)
                    if light is not None and not _officialese_between(letter, index, *light[:2]):
                        start, end, verb = light
                        span = doc[start:end]
                        advice = Suggestion(f"Zeg het met het werkwoord: '{verb}'.", False, False)
                        yield Found(
                            index,
                            span.start_char,
                            span.end_char,
                            span.text,
                            {"verb": verb},
                            (advice,),
                        )
                    continue
                start, end, verb, obj = found
                previous_end = end
                voor = _fronted_voor(token)
                te = te_infinitive(verb)
                if voor is not None and obj and te:
                    # "Voor het indienen van een klacht kunt u …" → "Om een klacht in te
                    # dienen kunt u …": the one place a replacement reads right as it stands
                    span = doc[voor.i : end]
                    om = "Om" if voor.text[:1].isupper() else "om"
                    suggestion = Suggestion(f"{om} {words(obj)} {te}", False)
                else:
                    # Elsewhere the verb needs a new sentence ("de huur betalen vindt plaats"
                    # is no Dutch): advice, not a replacement.
                    span = doc[start:end]
                    phrase = f"{words(obj)} {verb}" if obj else verb
                    suggestion = Suggestion(f"Zeg het met het werkwoord: '{phrase}'.", False, False)
                yield Found(
                    index, span.start_char, span.end_char, span.text, {"verb": verb}, (suggestion,)
                )

    def _context(self) -> _Context:
        """The context of the detector's options, made once (the word lists are long and a
        detector's options do not change)."""
        made = self.__dict__.get("_made_context")
        if made is None or made[0] != self.options:
            made = self.__dict__["_made_context"] = (dict(self.options), _Context.of(self.options))
        return made[1]

    def _light_verb(self, noun: Token) -> tuple[int, int, str] | None:
        """ "een overtreding begaan" → (start, end, "overtreden"): a light verb of the option
        ``light-verbs`` with an action noun as its object (or passive subject)."""
        if not self.options["light-verbs"]:
            return None  # (no light verb to find)
        if not (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.text.islower())):
            return None
        if noun.dep_ not in ("obj", "nsubj:pass", "nsubj"):
            return None  # (what the test of its role below asks first, without its verb)
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.dep_ in ("aux", "aux:pass") and verb.head.i != verb.i:
            verb = verb.head  # "er zijn controles uitgevoerd": the parse hangs it on "zijn"
        passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.dep_ == "aux:pass"
        if not (noun.dep_ in ("obj", "nsubj:pass") or (noun.dep_ == "nsubj" and passive)):
            return None
        if verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
            return None
        nouns = self.options["light-verbs"].get(_verb_key(verb))  # type: ignore[union-attr]
        if not isinstance(nouns, dict):
            return None
        forms = (noun.lemma_.lower(), noun.lower_, *base_forms(noun.lower_))
        plain = next((p for p in (_action(f, nouns) for f in forms) if p), None)
        if plain is None:
            return None
        parts = [verb, *(c for c in verb.children if c.dep_ == "compound:prt")]
        det = [c for c in noun.children if c.dep_ in ("det", "amod", "nummod") and c.i < noun.i]
        first = min([noun, *det, *parts], key=lambda t: t.i)
        last = max([noun, *parts], key=lambda t: t.i)
        return first.i, last.i + 1, plain

    @staticmethod
    def _van_object(token: Token) -> list | None:
        van = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if van is None or van.lower_ != "van":
            return None
        pobj = van.head if van.head.i > van.i else None
        if pobj is None or pobj.head != token:
            return []
        out = []
        for t in subtree(pobj):
            if t.i == van.i:
                continue
            if t.i > pobj.i and (t.text in ",;:()" or _in_clause(t, pobj)):
                break  # the noun phrase ends where a comma or a clause starts
            out.append(t)
        return out

    def _infinitive(self, token: Token, context: _Context | None = None):
        """ "het indienen van een klacht" → "een klacht indienen"."""
        if (
            token.i == 0
            or not token.lower_.endswith("en")  # (the word itself first: the cheaper test)
            or token.doc[token.i - 1].lower_ != "het"
        ):
            return None
        if not (token.tag_.startswith("WW|inf") or token.pos_ == "VERB" or _is_infinitive(token)):
            return None
        if not (context or _Context.of(self.options)).nominal(token):
            return None
        obj = self._van_object(token)
        if obj is None:
            return None
        end = obj[-1].i + 1 if obj else token.i + 2
        return token.i - 1, end, token.lower_, obj

    def _noun(self, token: Token, context: _Context | set[str] | None = None):
        """ "de betaling van de huur vindt plaats" → "de huur betalen"."""
        if token.pos_ != "NOUN":
            return None
        verb = verb_of_noun(token.text)
        if verb is None:
            return None
        if isinstance(context, set):  # a set of weak verbs, as older callers pass
            context = _Context.of({**self.defaults, **self.options, "weak-verbs": context})
        if not (context or _Context.of(self.options)).nominal(token):
            return None
        obj = self._van_object(token)
        if obj is None:
            return None
        det = token.doc[token.i - 1] if token.i and token.doc[token.i - 1].dep_ == "det" else token
        end = obj[-1].i + 1 if obj else token.i + 2
        return det.i, end, verb, obj


# What a word needs to be found at all: a noun with a verb behind it (``_noun``:
# ``verb_of_noun``, which reads the word in lower case); a noun or name in one of these roles
# when the options list light verbs (``_light_verb``); or (``_infinitive``, also after a list:
# ``_continues_list``) a word in -en right after "het".
_NOUN_ENDINGS = ("ing", "atie")
_NOUNS = ("NOUN", "PROPN")
_LIGHT_ROLES = ("obj", "nsubj:pass", "nsubj")


class _Context:
    """Where a nominalisation is nominal style: the verbs, predicates and support verbs that
    say little themselves."""

    def __init__(self, weak: set[str], predicates: set[str], support: set[str]) -> None:
        self.weak = weak
        self.predicates = predicates
        self.support = support
        self.fronted = False  # a fronted "Voor het indienen van …" counts (option)

    @classmethod
    def of(cls, options: dict) -> _Context:
        merged = {**Nominalisation.defaults, **options}

        def lower(key: str) -> set[str]:
            return {w.lower() for w in merged[key]}  # type: ignore[union-attr]

        context = cls(lower("weak-verbs"), lower("weak-predicates"), lower("support-verbs"))
        context.fronted = bool(merged["fronted-purpose"])
        return context

    @classmethod
    def anywhere(cls) -> _Context:
        """A context that accepts every nominalisation (for the rest of a found list)."""
        context = cls(set(), set(), set())
        context.nominal = lambda noun: True  # type: ignore[method-assign]
        return context

    def nominal(self, noun: Token) -> bool:
        """Whether the noun carries the action of its clause: see the module docstring."""
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i and _is_nominal(first.head):
            first = first.head  # a conjunct has the function of the first one (UD)
        role = first.dep_
        if first.dep_ == "conj" and first.head.pos_ in ("VERB", "AUX"):
            if not any(c.dep_ == "case" for c in first.children):
                # A noun coordinated with a verb is a misparse, common in long officialese
                # coordinations ("dat ..., en dat de ondertekening ..., alsmede de
                # uitreiking ..., zal plaatsvinden"): judge by the verb that follows it.
                return _next_verb_is_weak(noun, self.weak)
            role = "obl"  # "zorg dragen voor …, alsmede voor het vrijmaken van …"
        if self.fronted and _fronted_purpose(first):
            return True
        governor = first.head
        if governor.i == first.i:
            return False
        weak = _verb_key(governor) in self.weak or _predicate(governor) in self.predicates
        if role in ("nsubj", "nsubj:pass", "csubj", "obj") and weak:
            return True
        if role in ("obj", "obl", "obl:arg", "nmod"):
            key = _verb_key(governor)
            if key == "dragen":
                return any(c.dep_ == "obj" and c.lower_ == "zorg" for c in governor.children)
            if key == "zorgen" and noun.pos_ == "NOUN":
                return False  # "zorgen voor een vermindering van" is plain; "het vrijmaken" not
            return key in self.support
        return False


def _officialese_between(letter: AnalysedLetter, block: int, start: int, end: int) -> bool:
    """An officialese rule already reports words of tokens ``start:end`` ("gebruik maken
    van"): its own advice is enough."""
    from lint_brieven.checks.sentence_difficulty import officialese  # (imports detectors)

    return any(s.start < end and start < s.end for s in officialese(letter, block))


def _action(noun: str, nouns: dict) -> str | None:
    """The verb for ``noun`` in a ``light-verbs`` entry: the noun itself, or the last part of
    a compound ("faillissementscontrole" → "controle")."""
    if noun in nouns:
        return str(nouns[noun])
    for key in sorted(nouns, key=len, reverse=True):
        if noun.endswith(key) and len(noun) - len(key) >= 3:
            return str(nouns[key])
    return None


_CLAUSES = ("acl:relcl", "acl", "advcl", "ccomp", "parataxis")


def _in_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` is inside a clause hanging below ``top``."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return True
        token = token.head
    return False


def _continues_list(token: Token, previous_end: int) -> bool:
    """ "…, alsmede het opzeggen": a nominalisation right after a coordinator (and "het")
    that follows, in the same sentence, a nominalisation already found."""
    doc = token.doc
    if previous_end < 0 or token.i < 2 or doc[token.i - 1].lower_ != "het":
        return False
    coordinator = doc[token.i - 2]
    if coordinator.lower_ not in ("en", "of", "alsmede", "evenals"):
        return False
    gap = doc[previous_end : coordinator.i]
    same_sentence = sentence_of(doc[previous_end - 1]).start == sentence_of(token).start
    return same_sentence and all(t.is_punct for t in gap)


def _is_nominal(token: Token) -> bool:
    """A noun, or an infinitive used as one ("het afsluiten")."""
    if token.pos_ in ("NOUN", "PROPN", "PRON") or token.tag_.startswith("WW|inf|nom"):
        return True
    return token.i > 0 and token.doc[token.i - 1].lower_ == "het" and token.lower_.endswith("en")


_PARTICLES = ("plaats", "over", "uit", "op", "door", "af", "aan", "in", "mee", "toe", "na")


def _verb_key(verb: Token) -> str:
    """The verb with its separable particle as the clause has it: "vindt … plaats" →
    "plaatsvinden", "gaan over" → "overgaan". The parser's lemma is not trusted to carry
    the particle ("vindt u in de bijlage" lemmatised as "plaatsvinden")."""
    lemma = verb.lemma_.lower()
    particle = next(
        (
            c.lower_
            for c in verb.children
            if c.dep_ == "compound:prt"
            or (c.lower_ == "plaats" and c.i > verb.i)
            or (c.dep_ == "dep" and c.tag_.startswith("VZ|fin") and c.lower_ in _PARTICLES)
        ),
        "",
    )
    for known in _PARTICLES:
        if lemma.startswith(known) and lemma != known and known != particle:
            if zipf_frequency(lemma[len(known) :], "nl") >= 3.0 and not verb.lower_.startswith(
                known
            ):
                lemma = lemma[len(known) :]  # the particle is not in this clause
            break
    if particle and not lemma.startswith(particle):
        return particle + lemma
    return lemma


def _predicate(head: Token) -> str:
    """A predicate after a copula or passive auxiliary ("is mogelijk", "is niet toegestaan"),
    also when the parser made "is" the head and the predicate its dependent."""
    if head.lemma_ == "zijn":
        predicate = next(
            (c for c in head.children if c.pos_ in ("ADJ", "VERB") and c.i > head.i), None
        )
        return predicate.lower_ if predicate is not None else ""
    if not any(c.dep_ in ("cop", "aux:pass", "aux") and c.lemma_ == "zijn" for c in head.children):
        return ""
    return head.lower_


# Particles that always split off ("indienen" → "in te dienen"); verbs starting with
# "onder", "over", "vol", "voor", "om", "door" or "mis" may not ("ondertekenen" → "te
# ondertekenen"), so they get advice instead of a replacement.
_SEPARABLE = ("terug", "samen", "aan", "mee", "neer", "weg", "af", "bij", "in", "na", "op")
_MAYBE_SEPARABLE = ("onder", "over", "vol", "voor", "om", "door", "mis", "uit", "toe")


def te_infinitive(verb: str) -> str | None:
    """ "indienen" → "in te dienen", "betalen" → "te betalen"; None when it is not sure."""
    for particle in _SEPARABLE:
        rest = verb[len(particle) :]
        if verb.startswith(particle) and len(rest) > 3 and zipf_frequency(rest, "nl") >= 3.5:
            return f"{particle} te {rest}"
    if verb.startswith(_MAYBE_SEPARABLE) or verb.startswith(("be", "ge", "ver", "ont", "her")):
        # inseparable prefixes are fine ("te betalen"); other particle-like starts are not sure
        return f"te {verb}" if verb.startswith(("be", "ge", "ver", "ont", "her")) else None
    return f"te {verb}"


def _fronted_voor(noun: Token) -> Token | None:
    """The "voor" of a fronted purpose phrase "Voor het indienen van …", if ``noun`` heads
    one."""
    if not _fronted_purpose(noun):
        return None
    return next((c for c in noun.children if c.dep_ == "case" and c.lower_ == "voor"), None)


def _fronted_purpose(noun: Token) -> bool:
    """ "Voor het indienen van een bezwaar kunt u …": a purpose phrase opening the sentence."""
    case = next((c for c in noun.children if c.dep_ == "case"), None)
    if case is None or case.lower_ != "voor" or noun.dep_ not in ("obl", "obl:arg"):
        return False
    start = sentence_of(noun).start
    return case.i == start or (case.i == start + 1 and noun.doc[start].is_punct)


def _is_infinitive(token: Token) -> bool:
    """A noun that is really an infinitive ("het aanvragen"): a common word in -en that is
    its own lemma (a plural noun has its singular as lemma)."""
    return (
        token.lower_ == token.lemma_.lower()
        and token.lower_.endswith("en")
        and zipf_frequency(token.lower_, "nl") >= 2.5
    )


def _next_verb_is_weak(noun: Token, weak: set[str]) -> bool:
    """The first main verb after ``noun`` in its sentence is a weak verb, and no new clause
    (a conjunction such as "dat", a relative pronoun) starts before it; auxiliaries ("zal",
    "wordt") are passed over."""
    for token in noun.doc[noun.i + 1 : sentence_of(noun).end]:
        if token.pos_ == "SCONJ" or token.morph.get("PronType") == ["Rel"]:
            return False
        if token.pos_ == "VERB":
            return _verb_key(token) in weak or token.lemma_.lower() in weak
    return False

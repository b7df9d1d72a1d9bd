"""'Dienen te' for 'moeten': stiff, whoever it is addressed to. "U dient het formulier terug
te sturen", "Dient u … in te leveren", "De huur dient te worden betaald", "Het formulier
dient ondertekend te worden", "De woning dient leeg te zijn", "Huurders dienen …".

Only "dienen" with a te-infinitive after it in its clause. Never the separable verb
"indienen" ("Dient u het formulier vóór 1 mei in?"), never "dienen" as "to serve" ("Dit
dient als bewijs", "Het dient een doel", "Dit dient om u te informeren").

The rewrite puts "moet" in the form of "dient" (dient → moet, dienen → moeten, diende →
moest) and drops the "te" of the infinitive, joining a separable particle to its verb ("terug
te sturen" → "terugsturen", "over te maken" → "overmaken"). The rewrite is re-parsed by the
replacement check; where it does not read correctly only the rule's advice remains.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_sentences, lower_ids, word_ids
from lint_brieven.checks.replacement_check import PREPOSITIONS
from lint_brieven.findings import Suggestion

# The finite forms of "dienen" and the form of "moeten" that takes their place.
MOETEN = {
    "dient": "moet",
    "dien": "moet",
    "dienen": "moeten",
    "diende": "moest",
    "dienden": "moesten",
}
_MOETEN_IDS = word_ids(MOETEN)
_READER = {"u", "je", "jij"}
# Most words between "dient" and its "te": further away, the "te" belongs to another verb.
MAX_APART = 25


def _infinitive_form(token: Token) -> bool:
    return token.tag_.startswith("WW|inf") or (
        token.pos_ in ("VERB", "AUX") and token.lower_.endswith("n") and token.is_alpha
    )


def te_infinitive(dient: Token, sentence: Span) -> tuple[Token, Token] | None:
    """The "te" and the infinitive that belong to this "dient": the first "te" + infinitive
    after it in the sentence, with no finite verb, "om" or clause break in between."""
    for token in sentence[dient.i - sentence.start + 1 :]:
        if token.i - dient.i > MAX_APART:
            return None
        purpose = token.lower_ == "om" and token.dep_ == "mark"  # not "om 12.00 uur"
        if purpose or token.text in (";", ":") or token.tag_.startswith("WW|pv"):
            return None  # "dient om u te informeren" is "to serve"; a new clause begins
        if token.lower_ == "te" and token.i + 1 < sentence.end:
            following = token.doc[token.i + 1]
            if _infinitive_form(following):
                return token, following
            # "te allen tijde", "te veel": not the te of an infinitive, look further
    return None


def _rewrite(tokens: list[Token], dient: Token, te: Token, verb: Token) -> str:
    """The words with "moet" for "dient" and without "te"; a particle right before "te" joins
    its verb when that is the verb's own particle ("terug te sturen" → "terugsturen")."""
    before = te.doc[te.i - 1]
    joins = _particle_of(before, verb, tokens)
    out = []
    for token in tokens:
        if token.i == te.i:
            continue
        text = match_case(token.text, MOETEN[token.lower_]) if token.i == dient.i else token.text
        space = "" if joins and token.i == before.i else token.whitespace_
        out.append(text + (space if token.i != tokens[-1].i else ""))
    return "".join(out)


# Separable particles that join their verb ("terug te sturen" → "terugsturen").
PARTICLES = {
    "aan",
    "af",
    "bij",
    "binnen",
    "door",
    "in",
    "langs",
    "mee",
    "na",
    "neer",
    "om",
    "op",
    "over",
    "terug",
    "toe",
    "uit",
    "vast",
    "voor",
    "weg",
    "samen",
    "thuis",
    "plaats",
    "kenbaar",
}
# "er … voor", "daar … mee": the particle-like word belongs to the pronoun, not the verb.
_R_PRONOUNS = {"er", "daar", "hier", "waar"}


def _particle_of(word: Token, verb: Token, tokens: list[Token]) -> bool:
    """Whether ``word`` (right before "te") is the separable particle of ``verb``: a particle,
    the joined verb exists, and no "er"/"daar" earlier claims it ("zorg er … voor te dragen")."""
    if word.lower_ not in PARTICLES or word.i + 2 != verb.i:
        return False
    if word.lower_ in PREPOSITIONS and any(t.lower_ in _R_PRONOUNS for t in tokens):
        return False
    joined = word.lower_ + verb.lower_
    return verb.lemma_.lower() == joined or zipf_frequency(joined, "nl") >= 2.0


@register("dient-te")
class DientTe(Detector):
    scope = "block"  # one sentence

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for index, doc in enumerate(letter.docs):
            if lower_ids(doc).isdisjoint(_MOETEN_IDS):
                continue  # no form of "dienen" (below: nothing without one)
            for sentence in doc_sentences(doc):
                for dient in sentence:
                    if dient.lower_ not in MOETEN:
                        continue
                    if dient.i > 0 and doc[dient.i - 1].lower_ == "te":
                        continue  # "in te dienen": the verb "indienen"
                    found = te_infinitive(dient, sentence)
                    if found is None:
                        continue
                    te, verb = found
                    first = dient
                    if dient.i > sentence.start and doc[dient.i - 1].lower_ in _READER:
                        first = doc[dient.i - 1]  # "U dient …": the reader it is said to
                    tokens = list(doc[first.i : verb.i + 1])
                    span = doc[first.i : verb.i + 1]
                    rewrite = _rewrite(tokens, dient, te, verb)
                    before = doc[te.i - 1]
                    particle = before.text if _particle_of(before, verb, tokens) else ""
                    moet = MOETEN[dient.lower_]
                    far = verb.i - dient.i > 2 + bool(particle)
                    gap = " … " if far else " "
                    with_te = f"{particle} te {verb.text}".strip()
                    yield Found(
                        index,
                        span.start_char,
                        span.end_char,
                        span.text,
                        {
                            "kort": f"{dient.text}{gap}{with_te}",
                            "voorstel": f"{moet}{gap}{particle}{verb.text}",
                        },
                        (Suggestion(rewrite, False),),
                    )

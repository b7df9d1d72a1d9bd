"""Bad news without a reason: a refusal, a cancellation, a postponement, an increase or a "that
is not possible" that does not say why, in that sentence or the one before or after it.

What counts as bad news, read from the parse (the words are in ``dutch/bad_news_words.py``):
- a refusal by the writer or another party: a negated verb of granting or doing ("wij kunnen
  uw verzoek niet toekennen", "de kosten worden niet vergoed", "wij nemen uw klacht niet in
  behandeling", "wij gaan niet akkoord", "u krijgt geen vergoeding"), a verb of refusing
  ("afwijzen", "weigeren", "intrekken");
- a cancellation or postponement: "annuleren", "afzeggen", "uitstellen", "verschuiven",
  "gaat niet door", "vervalt", "is niet gelukt", "heeft vertraging opgelopen";
- "niet mogelijk", "niet toegestaan", "niet haalbaar", "onmogelijk", "dat kan niet";
- an increase of the rent or the costs: "uw huur gaat omhoog", "het voorschot wordt
  verhoogd", "de servicekosten stijgen";
- with "helaas" (or "tot onze spijt"): a negated clause or "moeten" with the writer as subject
  ("helaas hebben wij geen woning voor u"; not "helaas is dit niet gebeurd", an apology).

Not bad news: the tenant's own negative ("als u niet kunt betalen", "u kunt hier niet
parkeren": information, no refusal), anything conditional or asked ("als dat niet mogelijk
is", "is het niet mogelijk om …?", "Gaat de afspraak niet door, dan …"), a relative clause, a
clause that is itself the reason for something else ("omdat de afspraak niet doorgaat"),
"niet alleen", "niet altijd", "niet zomaar", "niet anders dan". Not checked: headings and a
tenant's letter to the landlord.

A reason is a word that gives one ("omdat", "want", "doordat", "vanwege", "de reden",
"dat komt", "op grond van", "in verband met", "te hoog"…), a rule ("volgens de wet", "dat staat
in de huurovereenkomst") or a condition on the clause ("zolang de werkzaamheden duren"), in
the sentence itself, the one before or the one after it (across a paragraph break); "daarom"
and "daardoor" count in the sentence itself only (in the next sentence they point the other
way). A section headed "Waarom …?" further on also answers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from lint_brieven.checks.base import AnalysedLetter, CheckContext, per_block
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import (
    doc_sentences,
    doc_text,
    lower_ids,
    sentence_of,
    span_text,
    word_ids,
)
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.checks.sentence_words import tokens_of
from lint_brieven.dutch import bad_news_words as vocab
from lint_brieven.dutch.letter_parts import document_kind
from lint_brieven.dutch.requests import is_imperative
from lint_brieven.letter import BlockKind, DocumentKind

_WRITER = {"wij", "we", "ik"}
_TENANT = {"u", "jij", "je", "huurder", "huurders", "bewoner", "bewoners", "iedereen", "men"}
_MODALS = {"kunnen", "mogen", "kan", "kunt", "mag", "kon", "konden", "mocht", "mochten"}
_HYPOTHETICAL_MARKS = {
    "als",
    "indien",
    "wanneer",
    "tenzij",
    "zolang",
    "mits",
    "of",
    "zodra",
    "omdat",
    "doordat",
    "want",
    "aangezien",
    "voordat",
    "totdat",
    "zonder",
    "hoewel",
}
# "niet alleen", "niet altijd", "niet zomaar", "niet anders dan": no refusal.
_NOT_A_REFUSAL_AFTER_NIET = {
    "alleen",
    "altijd",
    "alle",
    "alles",
    "overal",
    "zomaar",
    "zonder",
    "anders",
    "enkel",
    "slechts",
    "per",
    "eerder",
    "later",
    "langer",
    "voor",
}

_HELAAS = word_ids(["helaas"])
_THEN = re.compile(r"^\s*dan\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"\bbijvoorbeeld\b|^\s*stel\b|\bstel dat\b", re.IGNORECASE)
_WHY_HEADING = re.compile(r"^\s*waarom\b", re.IGNORECASE)
_SORRY = re.compile(r"\btot (?:onze|mijn) spijt\b|\bhet spijt (?:ons|mij|me)\b", re.IGNORECASE)
# the strings each cannot match without (``needed_text``): a text without any is passed by
_EXAMPLE_NEEDED = needed(_EXAMPLE)
_SORRY_NEEDED = needed(_SORRY)


# -- the detector ------------------------------------------------------------------------------


@register("bad-news")
class BadNews(Detector):
    scope = "letter"  # the kind of text, and the news in its place in the letter

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        if document_kind(letter.letter) is DocumentKind.TENANT_LETTER:
            return
        # what each sentence says on its own is worked out once per file (template variants
        # share their blocks); only its place in the letter is looked at per variant
        sentences = [
            (index, sentence)
            for index, read in enumerate(per_block(letter, "bad-news:sentences", _read_sentences))
            for sentence in read
        ]
        why = [s.span for _, s in sentences if s.why]
        for position, (index, sentence) in enumerate(sentences):
            if not sentence.news:
                continue  # no bad news, or a question, an example or an introduction
            if letter.letter.blocks[index].kind is BlockKind.HEADING:
                continue
            before = sentences[position - 1][1] if position else None
            if before is not None and before.question and sentence.then:
                continue  # the answer to a question: "Wilt u …? Dan …"
            after = sentences[position + 1][1] if position + 1 < len(sentences) else None
            following = after.span if after is not None else None
            for head, tokens, what in sentence.news:
                if _explained(sentence, before, after):
                    break
                if what == vocab.INCREASE and _increase_explained(sentence.span, following):
                    continue
                if any(_answers(question, head, tokens) for question in why):
                    continue
                span = _tight(head, tokens)
                yield Found(index, span.start_char, span.end_char, span.text, {"what": what})
                break  # one finding per sentence


@dataclass(frozen=True)
class _Sentence:
    """What a sentence (not blank) says on its own, whatever letter it stands in."""

    span: Span
    question: bool  # it ends in "?"
    then: bool  # it opens with "dan"
    why: bool  # "Waarom …": it may answer the bad news further up
    # the bad news in it (head word, words to flag, what it is); none in a sentence that is
    # asked or hypothetical in itself (``_asked_or_hypothetical`` without a sentence before)
    news: tuple[tuple[Token, tuple[Token, ...], str], ...]

    # What the sentence says of reasons, asked when a sentence next to it has news and kept
    # with it (a sentence is shared by the variants of a template, and these depend on the
    # sentence alone: its text, or its parse for ``states_a_cause``).

    @cached_property
    def reason(self) -> bool:
        """A word that gives a reason (``vocab.REASON``)."""
        return bool(vocab.REASON.search(span_text(self.span)))

    @cached_property
    def own_reason(self) -> bool:
        """A reason for news in the sentence itself: a reason, "daarom", or a condition."""
        text = span_text(self.span)
        return bool(self.reason or vocab.REASON_BEFORE.search(text) or vocab.CONDITION.search(text))

    @cached_property
    def states_a_cause(self) -> bool:
        return _states_a_cause(self.span)


def _read_sentences(doc: Doc) -> tuple[_Sentence, ...]:
    found = []
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        if not text.strip():
            continue
        news = ()
        if not _asked_or_hypothetical(sentence, None):
            news = tuple((head, tuple(tokens), what) for head, tokens, what in _bad_news(sentence))
        found.append(
            _Sentence(
                sentence,
                question=text.strip().endswith("?"),
                then=bool(_THEN.match(text)),
                why=bool(_WHY_HEADING.match(text)),
                news=news,
            )
        )
    return tuple(found)


_CORE_WORDS = {"niet", "nooit", "geen", "niets", "akkoord", "in", "behandeling"}
_BRIDGING = ("ADV", "DET")


def _tight(head: Token, tokens: Sequence[Token]) -> Span:
    """The words to flag: the verb (or predicate), its particle and the negation, with the
    auxiliaries, the writer and the object of "geen" where they stand right next to them
    (across an adverb or an article: "is helaas niet mogelijk", "Wij verhogen de huur"); not
    the object in between ("Wij kunnen uw verzoek niet toekennen" → "niet toekennen"), which
    other rules judge on its own."""
    doc = head.doc
    core = [t for t in tokens if t == head or t.dep_ == "compound:prt" or t.lower_ in _CORE_WORDS]
    optional = {t.i for t in tokens} - {t.i for t in core}
    first, last = min(t.i for t in core), max(t.i for t in core)
    grown = True
    while grown:
        grown = False
        for step in (-1, 1):
            edge = first if step < 0 else last
            for distance in (1, 2, 3):
                i = edge + step * distance
                if not 0 <= i < len(doc) or sentence_of(doc[i]) != sentence_of(head):
                    break
                if i in optional:
                    first, last = min(first, i), max(last, i)
                    grown = True
                    break
                if doc[i].pos_ not in _BRIDGING and doc[i].tag_[:10] != "VNW|bez|de":
                    break
    return doc[first : last + 1]


def _answers(question: Span, head: Token, tokens: Sequence[Token]) -> bool:
    """Whether a "Waarom …?" in the letter asks about this bad news: it shares a word with
    it or with its subject ("Waarom gaat uw huur omhoog?" for "Uw huur gaat met 3% omhoog")."""
    subject = _subject(head)
    said = {t.lower_ for t in tokens if t.pos_ in ("VERB", "ADJ", "NOUN", "ADV", "ADP")}
    said -= {"niet", "helaas", "geen", "wordt", "worden", "is", "zijn"}
    if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
        said.add(subject.lower_)
    asked = {t.lower_ for t in question}
    return bool(said & asked)


def _asked_or_hypothetical(sentence: Span, previous: Span | None) -> bool:
    """A question; a sentence that opens with its finite verb and is no command ("Gaat de
    afspraak niet door, dan …", "Kunt u niet komen?"); the answer to a question ("Wilt u …?
    Dan …"); an example ("Bijvoorbeeld: …", "Stel dat …"); or a sentence that introduces what
    follows ("U krijgt geen uitstel in de volgende gevallen:")."""
    text = span_text(sentence).strip()
    if text.endswith(("?", ":")):
        return True
    if previous is not None and span_text(previous).strip().endswith("?") and _THEN.match(text):
        return True
    if may_match(_EXAMPLE_NEEDED, text) and _EXAMPLE.search(text):
        return True  # "Bijvoorbeeld: uw aanvraag is afgewezen."
    first = next((t for t in tokens_of(sentence) if not (t.is_punct or t.is_space)), None)
    if first is None:
        return True
    return first.tag_.startswith("WW|pv") and not is_imperative(sentence)


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _negation(head: Token) -> list[Token]:
    """The words that negate the clause of ``head``: "niet", "nooit", "geen" on an object,
    "niets"."""
    found = []
    for child in head.children:
        word = child.lower_
        if word in ("niet", "nooit") and child.dep_ == "advmod":
            after = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
            if after is not None and after.lower_ in _NOT_A_REFUSAL_AFTER_NIET:
                return []
            found.append(child)
        elif word == "niets" and child.dep_ in ("obj", "obl", "advmod"):
            found.append(child)
        elif child.dep_ in ("obj", "nsubj", "nsubj:pass", "obl", "xcomp"):
            found += [d for d in child.children if d.lower_ == "geen" and d.dep_ == "det"]
    return found


def _subject(head: Token) -> Token | None:
    """The subject of the clause of ``head``; for an infinitive ("besloten … uit te stellen")
    or a conjunct, the subject of the verb it belongs to."""
    node = head
    for _ in range(4):
        subjects = _children(node, "nsubj", "nsubj:pass")
        if subjects:
            return subjects[0]
        if node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def _is_tenant(token: Token | None) -> bool:
    return token is not None and token.lower_ in _TENANT


def _is_writer(token: Token | None) -> bool:
    return token is not None and token.lower_ in _WRITER


def _ends_in(token: Token, words: Iterable[str]) -> bool:
    word = token.lower_
    lemma = token.lemma_.lower()
    return any(word.endswith(w) or lemma.endswith(w) for w in words)


def _hypothetical(head: Token) -> bool:
    """The clause of ``head`` is a condition, a question, a relative clause or a reason, or
    depends on one; or it is the consequence of a condition ("Als u …, stopt de regeling")."""
    node = head
    for _ in range(12):
        if node.dep_ in ("acl:relcl", "csubj"):
            return True
        finite = any(c.tag_.startswith("WW|pv") for c in node.children)
        if node.dep_ == "acl" and not finite:
            return True  # "de werkzaamheden, niet doorgaand …"; an acl with "is" is misparsed
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in _HYPOTHETICAL_MARKS:
                return True
            if node.dep_ != "ROOT" and "Rel" in child.morph.get("PronType"):
                return True
        if node.dep_ in ("ROOT",) or node.head.i == node.i:
            break
        node = node.head
    for child in head.children:
        if child.dep_ in ("advcl", "parataxis") and any(
            c.dep_ == "mark" and c.lower_ in ("als", "indien", "wanneer", "zodra", "tenzij")
            for c in child.children
        ):
            return True
    return False


def _verbal_parts(head: Token) -> list[Token]:
    """The head, its auxiliaries and copula, its particle and the words of a fixed phrase
    ("akkoord gaan", "in behandeling nemen")."""
    parts = [head, *_children(head, "aux", "aux:pass", "cop", "compound:prt")]
    for child in head.children:
        if child.lower_ in ("akkoord", "behandeling"):
            parts += [child, *(g for g in child.children if g.lower_ == "in")]
    return parts


def _negated_words(negation: list[Token]) -> list[Token]:
    """The negation, with the noun "geen" belongs to ("geen toestemming")."""
    return [*negation, *(t.head for t in negation if t.lower_ == "geen")]


def _with_writer(head: Token, tokens: list[Token]) -> list[Token]:
    """Add a writer subject that stands right next to the words ("Wij kunnen …")."""
    subject = _subject(head)
    if _is_writer(subject) and subject.head == head:
        lowest = min(t.i for t in tokens)
        highest = max(t.i for t in tokens)
        if subject.i in (lowest - 1, highest + 1) or lowest < subject.i < highest:
            return [*tokens, subject]
    return tokens


def _bad_news(sentence: Span) -> Iterator[tuple[Token, list[Token], str]]:
    """The bad news in a sentence: its head word, the words to flag and what it is."""
    # ("helaas" is looked for in the sentence only when the doc has the word)
    helaas = not lower_ids(sentence.doc).isdisjoint(_HELAAS)
    tokens = tokens_of(sentence)
    text = span_text(sentence)
    sorry = (helaas and any(t.lower_ == "helaas" for t in tokens)) or bool(
        may_match(_SORRY_NEEDED, text) and _SORRY.search(text)
    )
    for token in tokens:
        pos = token.pos_
        if pos not in _NEWS_POS and (pos not in _NEWS_WORD_POS or token.lower_ not in _NEWS_WORDS):
            continue  # (``_news_at`` gives None for it at its first tests)
        found = _news_at(token, sorry)
        if found is None:
            continue
        tokens, what = found
        if _hypothetical(token):
            continue
        yield token, tokens, what


# Passed by before ``_news_at`` is called: a word of no other part of speech than these, or
# an adverb or a noun other than these words ("niet", "vertraging"), is no news there (an
# adjective of ``vocab.FORMS`` read as a verb is an adjective first).
_NEWS_POS = ("VERB", "AUX", "ADJ")
_NEWS_WORD_POS = ("ADV", "NOUN")
_NEWS_WORDS = ("niet", "vertraging")


def _news_at(token: Token, sorry: bool) -> tuple[list[Token], str] | None:
    pos = token.pos_
    if pos == "ADJ" and token.lower_ in vocab.FORMS:
        pos = "VERB"  # "(wordt) verhoogd" read as an adjective
    if pos not in ("VERB", "AUX", "ADJ", "ADV", "NOUN"):
        return None
    word = token.lower_
    # besides a verb, only these words are bad news (below): "niet" ("dat kan niet"),
    # "vertraging", "(niet) mogelijk", "onmogelijk"; the rest needs no look at the parse
    if word != "niet" and (
        pos == "ADV"
        or (pos == "NOUN" and word != "vertraging")
        or (pos == "ADJ" and word not in vocab.NOT_ALLOWED and word != "onmogelijk")
    ):
        return None
    if (
        pos in ("VERB", "AUX")
        and not sorry
        and word != "niet"
        and word not in vocab.NOT_ALLOWED
        and word != "onmogelijk"
        and (
            vocab.base_of(token) not in _NEWS_BASES
            or vocab.infinitive(token) not in _NEWS_WITHOUT_NEGATION
        )
        and (_NEGATION_IDS.isdisjoint(lower_ids(token.doc)) or not _negation(token))
    ):
        # (most verbs: below, a verb without "helaas" is news only when it is negated or one
        # of these verbs; the tests below read much more of the parse)
        return None
    if pos in ("VERB", "AUX") and any(c.dep_ == "det" for c in token.children):
        return None  # "het opzeggen van de automatische incasso": a verb used as a noun
    if _needless(token):
        return None  # "u hoeft niet te betalen", "het hoeft niet zo ver te komen"
    if token.tag_.startswith("WW|vd") and not _children(token, "aux", "aux:pass", "cop"):
        return None  # a participle as an adjective: "(hij voelde zich) afgewezen"
    negation = _negation(token)
    subject = _subject(token)
    passive = bool(_children(token, "aux:pass"))
    parts = _verbal_parts(token)

    # "dat kan niet", "dat mag helaas niet"
    if token.lower_ == "niet" and token.dep_ == "ROOT":
        modal = [a for a in _children(token, "aux") if a.lower_ in _MODALS]
        if modal and subject is not None and subject.lower_ in ("dat", "dit", "het"):
            return [*modal, token], vocab.CANNOT
        return None

    # "niet mogelijk", "niet toegestaan", "onmogelijk"
    if pos in ("ADJ", "VERB") and (word in vocab.NOT_ALLOWED or word == "onmogelijk"):
        if _is_tenant(subject):
            return None
        if word == "onmogelijk" and not negation:
            return [*_children(token, "cop", "aux", "aux:pass"), token], vocab.CANNOT
        if word in vocab.NOT_ALLOWED and negation:
            copula = _children(token, "cop", "aux:pass", "aux")
            if _states_a_rule(token, subject) and not sorry:
                return None
            if copula or token.dep_ == "ROOT":
                return [*copula, *negation, token], vocab.CANNOT
        return None

    if pos == "NOUN":
        # "de bouw heeft vertraging opgelopen", "er is vertraging"
        delayed = word == "vertraging" and token.dep_ in ("obj", "nsubj")
        if delayed and not negation and not _negation(token.head):
            return [token.head, token] if token.dep_ == "obj" else [token], vocab.LATER
        return None

    if pos not in ("VERB", "AUX"):
        return None
    verb = vocab.infinitive(token)

    if verb in vocab.REFUSE and not negation:
        if _is_tenant(subject) and not passive:
            return None
        if subject is None and not passive and token.tag_.startswith("WW|pv"):
            return None  # a request to the tenant: "Zeg uw contract zelf op"
        return _with_writer(token, parts), vocab.REFUSE[verb]

    if verb in vocab.HALT and not negation:
        if _is_tenant(subject) or _time_rule(token):
            return None
        if verb == "stoppen":
            # not "uw huur stopt" (the tenant gave notice): a service or a benefit stops
            service = subject is not None and _ends_in(subject, vocab.SERVICES)
            writer = _is_writer(subject) and any(
                c.dep_.startswith("obl") and any(g.lower_ == "met" for g in c.children)
                for c in token.children
            )
            if not (service or writer):
                return None
        if subject is None and verb != "vervallen":
            return None
        return _with_writer(token, parts), vocab.HALT[verb]

    if verb in vocab.NOT_HAPPENING and negation:
        if _is_tenant(subject):
            return None
        return [*parts, *negation], vocab.NOT_HAPPENING[verb]

    # increases: "uw huur gaat omhoog", "het voorschot wordt verhoogd", "wij verhogen de huur"
    if verb in _INCREASES and not negation:
        money = [subject] if subject is not None else []
        money += _children(token, "obj")
        if any(m is not None and _ends_in(m, vocab.MONEY) for m in money):
            if verb == "verhogen" and _is_tenant(subject) and not passive:
                return None
            objects = [m for m in _children(token, "obj") if _ends_in(m, vocab.MONEY)]
            return _with_writer(token, [*parts, *objects]), vocab.INCREASE
        return None

    if not negation:
        # "helaas moeten wij de afspraak verzetten"
        must = any(a.lower_ in ("moeten", "moet", "moesten") for a in _children(token, "aux"))
        if sorry and must and _is_writer(subject) and verb not in vocab.OBSERVING:
            return _with_writer(token, parts), vocab.SORRY
        return None

    # negated refusals
    if _is_tenant(subject) and not passive:
        # "u krijgt geen vergoeding"
        if verb in ("krijgen", "ontvangen") and any(
            _ends_in(o, vocab.GRANTED) for o in _children(token, "obj")
        ):
            return [*parts, *negation, *_children(token, "obj")], vocab.NO
        return None
    objects = _children(token, "obj", "iobj")
    modal = any(a.lower_ in _MODALS for a in _children(token, "aux"))
    refused = (
        (verb in vocab.GRANT and (modal or passive or verb not in vocab.MOVING))
        or (verb in ("geven", "verlenen") and any(_ends_in(o, vocab.GRANTED) for o in objects))
        or (
            modal and any(o.lower_ in vocab.REQUESTS or o.lemma_ in vocab.REQUESTS for o in objects)
        )
        or _in_treatment(token, verb)
        or _agree(token)
    )
    if refused:
        return _with_writer(token, [*parts, *_negated_words(negation)]), vocab.NO
    # "helaas hebben wij geen woning voor u"; not "helaas is dit niet gebeurd" (an apology for
    # what went wrong, no news the tenant must act on)
    if sorry and verb not in vocab.OBSERVING and verb != "hoeven" and _is_writer(subject):
        return _with_writer(token, [*parts, *_negated_words(negation)]), vocab.SORRY
    return None


_INCREASES = ("verhogen", "stijgen", "omhooggaan")
# the verbs that are news without a negation (the rest needs one, or "helaas": see _news_at)
_NEWS_WITHOUT_NEGATION = {*vocab.REFUSE, *vocab.HALT, *_INCREASES}
# The bases (``vocab.base_of``) a verb's infinitive (``vocab.infinitive``: its base, or the verb
# a particle makes of it, ``vocab.SEPARABLE``) can be one of those from: a verb with another
# base is passed by without its particle being looked for.
_NEWS_BASES = {
    *_NEWS_WITHOUT_NEGATION,
    *(base for (_, base), verb in vocab.SEPARABLE.items() if verb in _NEWS_WITHOUT_NEGATION),
}
# ``_negation`` finds none of these words in a doc without them (``lower_ids``).
_NEGATION_IDS = word_ids(["niet", "nooit", "niets", "geen"])


def _states_a_rule(token: Token, subject: Token | None) -> bool:
    """ "Het is niet mogelijk om per e-mail bezwaar te maken", "het is niet toegestaan om …":
    how things work, told to everyone; bad news only with "helaas"."""
    expletive = any(c.dep_ == "expl" for c in token.children) or (
        subject is not None and subject.lower_ == "het"
    )
    clause = any(c.dep_ in ("csubj", "advcl", "xcomp", "ccomp") for c in token.children)
    return expletive and clause


def _time_rule(token: Token) -> bool:
    """ "Uw inschrijving vervalt na twee jaar": how a rule works, not news."""
    return any(
        c.dep_.startswith("obl") and any(g.lower_ in ("na", "binnen") for g in c.children)
        for c in token.children
    )


def _needless(token: Token) -> bool:
    """ "hoeven" with the clause: "niet hoeven" says something is not needed."""
    near = [token, *token.children, token.head]
    return any(t.lemma_ == "hoeven" or t.lower_.startswith(("hoef", "hoev")) for t in near)


def _in_treatment(token: Token, verb: str) -> bool:
    """ "(niet) in behandeling nemen"."""
    if verb not in ("nemen", "opnemen"):
        return False
    return any(
        c.lower_ == "behandeling" and any(g.lower_ == "in" for g in c.children)
        for c in token.children
    )


def _agree(token: Token) -> bool:
    """ "(niet) akkoord gaan", "(niet) akkoord zijn"."""
    return any(c.lower_ == "akkoord" for c in token.children) or token.lower_ == "akkoord"


def _increase_explained(sentence: Span, following: Span | None) -> bool:
    """An increase is explained anywhere in its paragraph ("Uw huur gaat omhoog. Uw nieuwe
    huur is … . Dat is het maximum dat de overheid toestaat."), and is itself the reason when
    the next sentence draws the conclusion ("De energiekosten zijn gestegen. Daarom …")."""
    paragraph = doc_text(sentence.doc)
    if vocab.REASON.search(paragraph) or vocab.INCREASE_REASON.search(paragraph):
        return True
    return following is not None and bool(vocab.REASON_BEFORE.search(span_text(following)))


def _explained(
    sentence: _Sentence, previous: _Sentence | None, following: _Sentence | None
) -> bool:
    """A reason in the sentence, the one before or the one after."""
    if sentence.own_reason:
        return True
    if any(s is not None and s.reason for s in (previous, following)):
        return True
    return following is not None and following.states_a_cause


def _states_a_cause(sentence: Span) -> bool:
    """The next sentence tells what happened, about someone or something else than the
    tenant and the writer, without a date or a number: "De renovatie wordt uitgesteld. De
    aannemer is failliet gegaan." (Not "Wij sturen u een nieuwe uitnodiging.", "U kunt
    bezwaar maken.", "De nieuwe datum is 12 april.")"""
    text = span_text(sentence).strip()
    if text.endswith(("?", ":")) or any(t.like_num or t.is_digit for t in sentence):
        return False
    if is_imperative(sentence):
        return False
    root = sentence.root
    subjects = _children(root, "nsubj", "nsubj:pass", "expl")
    if not subjects:
        return False
    subject = subjects[0]
    if subject.lower_ in _TENANT | _WRITER or subject.lower_ in ("dat", "dit", "het", "er"):
        return False
    return subject.pos_ in ("NOUN", "PROPN") or (
        subject.pos_ == "PRON" and subject.lower_ in ("hij", "zij", "ze")
    )

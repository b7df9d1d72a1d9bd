"""Commitments: does a clause say what the organisation will do for the tenant?

A promise is only a promise when the organisation commits itself: "wij"/"ik" (or a member of
staff, the contractor, the organisation's name) with a present or future action ("Wij komen
de lekkage repareren", "De monteur komt bij u langs"), the tenant receiving something from
it ("U ontvangt een brief", "U hoort van ons"), the planned works ("De werkzaamheden beginnen
…") or a passive whose actor is the organisation ("Uw keuken wordt vervangen"). Not a
promise: a wish or an effort ("wij proberen …", "om zo snel mogelijk te kunnen beginnen",
"wij bekijken of …"), the tenant's own action ("Neem zo snel mogelijk contact op", "U kunt …"),
what is asked of the tenant ("Wij verzoeken u zo snel mogelijk te betalen", "Wij horen graag
van u"), a habit or a procedure ("elk jaar"), something that is negated or already happened
("Toen gaven we aan dat …"), a question. An expectation or an intention ("wij verwachten …",
"wij willen …") is a plan stated as a hope: the commitment says so (``expects``).

The parse decides (subject, verb chain, modal, negation, tense); words only name the roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from lint_brieven.checks.base import AnalysedLetter, per_block
from lint_brieven.checks.doc_cache import doc_sentences, doc_text, sentence_of, span_text
from lint_brieven.checks.needed_text import may_match, needed
from lint_brieven.dutch.passive_voice import takes_zijn
from lint_brieven.dutch.requests import is_imperative
from lint_brieven.dutch.verbs import infinitive_of
from lint_brieven.letter import DocumentKind, Letter

# Who acts for the organisation. A subject noun whose lemma ends in one of these counts
# ("wijkconsulent", "onderhoudsmonteur").
STAFF = (
    "monteur", "aannemer", "vakman", "medewerker", "huismeester", "opzichter", "beheerder",
    "consulent", "klantenservice", "projectleider", "collega", "schilder", "loodgieter",
    "elektricien", "installateur", "team", "afdeling", "gemeente", "corporatie", "verhuurder",
    "onderhoudsdienst", "servicedienst", "reparatiedienst", "omgevingsmanager", "uitvoerder",
    "woonstichting", "wooncorporatie", "woningstichting", "woningbouwvereniging", "makelaar",
    "inspecteur", "begeleider", "adviseur", "coördinator", "bemiddelaar", "medewerkster",
)  # fmt: skip
# The planned works as subject: "De werkzaamheden beginnen in het voorjaar."
WORKS = (
    "werkzaamheden", "werkzaamheid", "werk", "renovatie", "reparatie", "onderhoud", "sloop",
    "nieuwbouw", "bouw", "project", "herinrichting", "vervanging", "uitvoering", "aanleg",
    "oplevering", "verbouwing", "planning", "start", "inspectie", "keuring", "opname",
    "verduurzaming", "isolatie", "schilderwerk", "voorbereiding",
)  # fmt: skip
# A predicate that says the works are done: "Uw nieuwe keuken is op 14 maart klaar".
FINISHED = {"klaar", "gereed", "af", "afgerond", "opgeleverd", "geplaatst", "vervangen"}
# Whoever receives: "U ontvangt een brief", "De bewoners krijgen bericht", "U hoort van ons".
RECIPIENTS = {"u", "jij", "je", "bewoner", "bewoners", "huurder", "huurders", "iedereen"}
RECEIVE = {"ontvangen", "krijgen", "horen"}
# Verbs of effort or wish: what follows is an aim, not a commitment.
AIMS = {
    "proberen", "trachten", "streven", "onderzoeken", "bekijken", "zoeken", "pogen",
    "wensen", "overwegen",
}  # fmt: skip
# Verbs that ask something of the tenant: "Wij verzoeken u zo snel mogelijk te betalen".
REQUESTS = {
    "vragen", "verzoeken", "adviseren", "aanraden", "aanbevelen", "raden", "sommeren",
    "manen", "herinneren", "uitnodigen",
}  # fmt: skip
# A habit or a procedure, not a promise: "In de winter controleren wij elk jaar de cv-ketel".
HABITUAL = re.compile(
    r"\b(?:elk|ieder|elke|iedere) (?:jaar|week|maand|keer|voorjaar|najaar|zomer|winter)\b"
    r"|\b(?:jaarlijks|maandelijks|wekelijks|telkens|meestal|gewoonlijk|doorgaans|"
    r"regelmatig)\b",
    re.IGNORECASE,
)
# Verbs of expectation and intention: a plan stated as a hope ("wij verwachten … af te ronden",
# "wij willen in 2027 beginnen"). A season on it is vague; a vague term on it is no promise.
EXPECTS = {"verwachten", "hopen", "denken", "plannen", "rekenen", "willen"}
NEGATIONS = {"niet", "geen", "nooit", "niets", "niemand"}
_CLAUSE_LINKS = {"xcomp", "conj"}  # a verb that shares its subject with its head


@dataclass(frozen=True)
class Commitment:
    """The clause a word belongs to, read as a commitment: ``actor`` is "organisation",
    "recipient", "works" or "passive"; ``verbs`` the verb chain from the word's own verb
    up to the one with the subject (its infinitives, particles attached)."""

    actor: str
    subject: Token | None
    verbs: tuple[Token, ...]
    infinitives: tuple[str, ...]
    expects: bool  # "wij verwachten / hopen …": a plan stated as an expectation


def infinitive(token: Token) -> str:
    """The infinitive of a verb token with its particle ("neemt … op" → "opnemen"). The
    lemmatizer sometimes invents a particle ("nemen" → "overnemen"), so the form decides."""
    word = token.lower_
    tag = token.tag_
    if tag.startswith("WW|inf") or tag.startswith("WW|pv|tgw|mv") or tag.startswith("WW|pv|conj"):
        base = word
    elif tag.startswith("WW|pv|tgw"):
        stem = word[:-1] if word.endswith("t") and len(word) > 3 else word
        base = infinitive_of(stem) or token.lemma_.lower()
    else:
        base = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if _is_particle(c)), "")
    if particle and not base.startswith(particle):
        base = particle + base
    return base


def _is_particle(token: Token) -> bool:
    """A separable particle ("neemt … op"); not a preposition the parser took for one ("binnen
    4 weken na ontvangst")."""
    if token.dep_ != "compound:prt":
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ not in ("NOUN", "PROPN", "DET", "NUM", "PRON")


def _is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in token.children)


def _subject(token: Token) -> Token | None:
    return next(
        (c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ != "er"),
        None,
    )


def _finite(token: Token) -> list[Token]:
    """The finite verbs of a clause head: itself or its auxiliaries and copula."""
    return [
        t
        for t in (token, *token.children)
        if t.tag_.startswith("WW|pv") and (t is token or t.dep_ in ("aux", "aux:pass", "cop"))
    ]


def _past(verb: Token) -> bool:
    """Past tense ("gaven", "zouden"), or a perfect with "hebben" or of a verb that takes
    "zijn" ("zijn gestart"); not "zijn klaar" or "is afgerond", which are states."""
    if any("verl" in t.tag_ for t in _finite(verb)):
        return True
    for aux in verb.children:
        if aux.dep_ not in ("aux", "aux:pass"):
            continue
        lemma = aux.lemma_.lower()
        if lemma == "hebben" and not verb.tag_.startswith("WW|inf"):
            return True  # "hebben … ontvangen" (the parser may read an infinitive)
        if lemma == "zijn" and takes_zijn(verb.lower_):
            return True  # "zijn gestart", "is geëindigd"
    return False


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.lower_ in NEGATIONS:
            return True
        if any(g.lower_ == "geen" and g.dep_ == "det" for g in child.children):
            return True
    return False


def _purpose(verb: Token) -> bool:
    """An om-te clause ("om zo snel mogelijk te kunnen beginnen"): an aim."""
    return any(c.dep_ == "mark" and c.lower_ == "om" for c in verb.children)


def _passive(verb: Token) -> bool:
    """A passive with "worden" ("wordt vervangen", "zal worden geplaatst", also when the parser
    hangs the participle under "wordt": "wordt u binnenkort toegezonden"); "is vervangen" is a
    state or the past, not a plan."""
    if any(c.dep_ == "aux:pass" and c.lemma_.lower() == "worden" for c in verb.children):
        return True
    return (
        verb.tag_.startswith("WW|vd")
        and verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() == "worden"
    )


def _is_staff(subject: Token, organisation: str) -> bool:
    text = " ".join(t.lower_ for t in subject.subtree)
    if organisation and organisation in text:
        return True
    lemma = subject.lemma_.lower()
    return subject.pos_ == "NOUN" and lemma.endswith(STAFF)


def _is_works(subject: Token) -> bool:
    return subject.pos_ == "NOUN" and subject.lemma_.lower().endswith(WORKS)


def verb_of(token: Token) -> Token:
    """The verb (or predicate with a copula) the word belongs to."""
    current = token
    for _ in range(12):
        if current.dep_ in ("aux", "aux:pass", "cop") and current.head.i != current.i:
            current = current.head  # "is … klaar", "wordt … geplaatst": the predicate
            continue
        if _is_verbal(current) or current.head.i == current.i:
            return current
        current = current.head
    return current


def commitment(token: Token, organisation: str = "", aims: bool = False) -> Commitment | None:
    """The commitment the clause of ``token`` makes, or None when it makes none (a wish, an
    aim, the tenant's own action, a negation, the past, a question, a request). With
    ``aims``, an aim or an effort counts too ("wij streven ernaar …", "wij doen ons best …"):
    a half promise is one."""
    verb = verb_of(token)
    sentence = span_text(sentence_of(token))
    if sentence.strip().endswith("?"):
        return None
    chain = [verb]
    current = verb
    subject = _subject(current)
    while subject is None and current.dep_ in _CLAUSE_LINKS and current.head.i != current.i:
        if _purpose(current) and not aims:
            return None  # "om zo snel mogelijk te kunnen beginnen": an aim
        current = current.head
        chain.append(current)
        subject = _subject(current)
    if (_purpose(current) and not aims) or any(_conditional(v) for v in chain):
        return None  # an aim, or a condition ("als wij binnenkort beginnen, …")
    if any(_negated(v) or _past(v) for v in chain):
        return None
    governing = _governing(current)
    if any(_past(v) for v in governing):
        return None  # "Toen gaven we aan dat de werkzaamheden … zouden starten"
    if HABITUAL.search(sentence):
        return None  # "In de winter controleren wij elk jaar de cv-ketel": a procedure
    infinitives = tuple(infinitive(v) for v in chain if v.pos_ in ("VERB", "AUX"))
    above = {infinitive(v) for v in governing if v.pos_ in ("VERB", "AUX")}
    if any(i in REQUESTS for i in (*infinitives, *above)):
        return None  # "Wij verzoeken u zo snel mogelijk te betalen": asked of the tenant
    wished = any(i in AIMS for i in (*infinitives, *above)) or _best_effort(chain)
    if not aims and wished:
        return None  # "Wij bekijken of wij de kozijnen op termijn kunnen vervangen"
    if any(_modal_of_tenant(v) for v in chain):
        return None
    actor = _actor(subject, chain, infinitives, organisation.lower())
    if actor is None:
        return None
    if actor == "organisation" and any(i.endswith(tuple(RECEIVE)) for i in infinitives):
        return None  # "Wij horen graag zo snel mogelijk van u": waiting for the tenant
    expects = any(i in EXPECTS for i in infinitives)
    return Commitment(actor, subject, tuple(chain), infinitives, expects)


def _conditional(verb: Token) -> bool:
    return any(
        c.dep_ == "mark" and c.lower_ in ("als", "wanneer", "indien", "zodra", "mits", "tenzij")
        for c in verb.children
    )


def _governing(verb: Token) -> list[Token]:
    """The verbs above a subordinate clause, up to the root."""
    out = []
    current = verb
    for _ in range(8):
        if current.head.i == current.i:
            break
        current = current.head
        if _is_verbal(current):
            out.append(current)
    return out


def _best_effort(chain: list[Token]) -> bool:
    """ "wij doen ons best om …": an effort."""
    return any(
        v.lower_ in ("doen", "doe", "doet") and any(c.lower_ == "best" for c in v.subtree)
        for v in chain
    )


def _modal_of_tenant(verb: Token) -> bool:
    """ "u moet / kunt / mag …": the tenant's action, whatever the verb."""
    subject = _subject(verb)
    return (
        subject is not None
        and subject.lower_ in ("u", "jij", "je")
        and any(
            c.lemma_.lower() in ("moeten", "kunnen", "mogen", "dienen", "hoeven")
            for c in (verb, *verb.children)
        )
    )


def _actor(
    subject: Token | None, chain: list[Token], infinitives: tuple[str, ...], organisation: str
) -> str | None:
    if subject is None:
        return "passive" if any(_passive(v) for v in chain) else None
    word = subject.lower_
    if word in ("wij", "we", "ik") and not any(_passive(v) for v in chain):
        return "organisation"
    if any(_passive(v) for v in chain):
        return "passive"
    if word in RECIPIENTS or subject.lemma_.lower() in RECIPIENTS:
        return "recipient" if any(i.endswith(tuple(RECEIVE)) for i in infinitives) else None
    if _is_staff(subject, organisation):
        return "organisation"
    if _is_works(subject) or (chain[-1].lower_ in FINISHED and word not in RECIPIENTS):
        return "works"  # "De werkzaamheden beginnen …", "uw keuken is … klaar"
    return None


_INFORM = {
    "informeren", "berichten", "laten", "sturen", "toesturen", "opsturen", "versturen",
    "uitnodigen", "horen", "ontvangen", "krijgen", "houden", "brengen", "stellen",
}  # fmt: skip
_MESSAGES = {
    "brief", "bericht", "uitnodiging", "informatie", "antwoord", "reactie", "mail", "e-mail",
    "nieuwsbrief", "folder", "planning", "hoogte",
}  # fmt: skip


def informs(made: Commitment) -> bool:
    """A commitment to tell the tenant something ("U ontvangt een brief", "Wij informeren u",
    "U wordt op de hoogte gehouden"), not to do something he must plan around."""
    for verb in made.verbs:
        word = infinitive(verb)
        if word in ("berichten", "horen") or "nforme" in word or "nforme" in verb.lower_:
            return True  # also the participle the lemmatizer garbles ("geïnformeerd")
        if word.endswith(tuple(_INFORM)):
            words = {c.lemma_.lower() for c in verb.subtree}
            if words & _MESSAGES or "weten" in words:
                return True
    return False


def dated_clauses(sentence: Span) -> set[int]:
    """The verbs (token indices) of the clauses in the sentence that name a date or a term
    ("De werkzaamheden vinden plaats van 1 tot en met 12 maart, waarbij de planning te zijner
    tijd …": the first clause is dated, the waarbij-clause is not)."""
    out = set()
    for match in DATE_OR_TERM.finditer(span_text(sentence)):
        start = sentence.start_char + match.start()
        span = sentence.doc.char_span(start, start + len(match.group()), "expand")
        if span is not None:
            out.add(verb_of(span.root).i)
    return out


def is_request_or_question(sentence: Span) -> bool:
    """An imperative or a question: the tenant is asked, nothing is promised."""
    return _ends_in_question_mark(sentence) or is_imperative(sentence)


def _ends_in_question_mark(sentence: Span) -> bool:
    """``sentence.text.strip().endswith("?")`` from its last words, without joining the text
    of all its tokens (a token's trailing whitespace is at most one space)."""
    doc = sentence.doc
    for i in range(sentence.end - 1, sentence.start - 1, -1):
        text = doc[i].text.rstrip()
        if text:
            return text.endswith("?")
    return False


def makes_promises(letter: Letter) -> bool:
    """Whether the text is a letter (or a declared piece of one) in which "wij" speaks to this
    tenant: a web page that describes a procedure, or a tenant's letter, makes no promises to
    hold the organisation to."""
    from lint_brieven.dutch.letter_parts import document_kind

    if letter.kind is not None:
        return letter.kind in (DocumentKind.LETTER, DocumentKind.FRAGMENT)
    return document_kind(letter) is DocumentKind.LETTER


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
# A date, a day, a term or an anchor in the tenant's own time line: the tenant can tell when.
WHEN = re.compile(
    rf"\b\d{{1,2}}(?:e)? (?:{_MONTHS})\b|\b\d{{1,2}}[-/]\d{{1,2}}(?:[-/]\d{{2,4}})?\b"
    rf"|\b(?:{_DAYS})(?:ochtend|middag|avond)?\b|\b(?:in|eind|begin|half|medio|halverwege) "
    rf"(?:{_MONTHS})\b"
    r"|\b(?:vóór|voor|uiterlijk|binnen|na|over|in) (?:\w+ |\[[^\]]*\] )?"
    r"(?:uur|dagen|weken|werkdagen|maanden|week|dag|werkdag|maand)\b"
    r"|\b(?:vandaag|morgen|overmorgen|straks|vanmiddag|vanavond)\b"
    r"|\b(?:deze|volgende|komende|die|dezelfde|de) (?:week|werkdag|dag)\b"
    r"|\bin de week van\b|\buiterlijk\b|\bop tijd\b|\btijdig\b|\bvan tevoren\b|\bvooraf\b"
    r"|\b(?:vóór|voor|na|tijdens|bij) (?:de|het|uw) (?:start|begin|einde|afloop|oplevering|"
    r"werkzaamheden|verhuizing|inspectie|opname|keuring|bezoek|afspraak|gesprek|informatieavond|"
    r"bijeenkomst|renovatie)\b"
    r"|\bna afloop\b|\b(?:daarna|daarop|vervolgens|dan|direct|meteen|aansluitend|tegelijk)\b"
    r"|^\s*(?:daarvoor|daarvóór)\b|\b(?:voordien|eerst)\b"
    r"|\b(?:zodra|nadat|voordat|wanneer|als|tijdens)\b"
    r"|\[(?:datum|dag|tijd|termijn|aantal)[^\]]*\]|\{\{[^}]*(?:datum|date|termijn)[^}]*\}\}",
    re.IGNORECASE,
)

# Vague words for when: "zo snel mogelijk", "binnenkort", "op korte termijn", "te zijner tijd".
VAGUE = re.compile(
    r"\bzo (?:spoedig|snel|gauw|vlug) (?:als )?mogelijk\b|\bz\.s\.m\.?|\bzsm\b"
    r"|\bzo snel (?:als )?(?:het kan|we kunnen|wij kunnen|ik kan)\b"
    r"|\bzodra (?:dit|dat|het) (?:mogelijk is|kan)\b"
    r"|\bzeer spoedig\b|\bspoedig(?= (?:contact|bericht|antwoord|een reactie|reactie)\b)"
    r"|\beerdaags\b|\bop (?:korte|afzienbare) termijn\b|\bbinnenkort\b"
    r"|\bbinnen (?:afzienbare|korte) tijd\b|\bop termijn\b|\bin de nabije toekomst\b"
    r"|\bte zijner tijd\b|\bt\.z\.t\.?|\btzt\b|\bop een later (?:moment|tijdstip)\b"
    r"|\bna verloop van tijd\b",
    re.IGNORECASE,
)

# A date or a term: "uiterlijk 1 mei", "binnen 5 werkdagen", "op 12 maart".
DATE_OR_TERM = re.compile(
    r"\b\d{1,2}(?:e)? (?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december)\b|\b(?:vóór|voor|uiterlijk|binnen) (?:\d+|een|twee|drie|vier|"
    r"vijf|tien) (?:uur|dagen|weken|werkdagen|maanden|week|dag|werkdag|maand)\b"
    r"|\[(?:datum|dag|termijn)[^\]]*\]|\{\{[^}]*(?:datum|date|termijn)[^}]*\}\}",
    re.IGNORECASE,
)

# A vague period instead of a date: a season, a part of a year, a quarter, a year.
_SEASON = r"(?:voorjaar|najaar|zomer|winter|lente|herfst)(?:vakantie|periode|maanden)?"
_YEAR = r"(?:dit jaar|volgend jaar|komend jaar|het jaar|het nieuwe jaar|20\d\d)"
PERIOD = re.compile(
    rf"\b(?:in|tijdens|voor|vóór|na|rond|eind|begin|aan het (?:begin|eind) van) (?:het|de) "
    rf"{_SEASON}(?: van {_YEAR})?"
    rf"|\b(?:dit|deze|komend|komende|volgend|volgende|het komende) {_SEASON}\b"
    rf"|\b(?:begin|eind|einde|medio|half|halverwege|later|eerder|midden) {_YEAR}"
    rf"|\bin de loop van (?:{_YEAR}|het (?:voorjaar|najaar)|de (?:zomer|winter|komende maanden))"
    r"|\bin het (?:eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e) (?:kwartaal|halfjaar)"
    r"(?: van " + _YEAR + r")?"
    r"|\b(?:in )?(?:de )?komende (?:maanden|jaren|periode|tijd)\b"
    r"|\bin de komende (?:maanden|jaren|periode)\b|\bin (?:de )?(?:Q[1-4]|20\d\d)\b"
    r"|\bvolgend jaar\b|\b(?:voor|vóór|na|tijdens|rond) de (?:bouwvak|jaarwisseling|feestdagen)\b"
    r"|\brond de (?:jaarwisseling|feestdagen|kerst)\b",
    re.IGNORECASE,
)
# The letter tells when the tenant hears the exact date: "Voor de start ontvangt u een brief
# met de exacte startdatum", "Wij laten u op tijd weten wanneer de monteur komt".
FOLLOW_UP = re.compile(
    r"\b(?:ontvangt|krijgt|hoort|laten|laat|informeren|informeer|sturen|stuur|berichten|"
    r"melden|volgt|volgen|brengen|staat|leest)\b[^.?!]{0,80}\b(?:(?:exacte|precieze|"
    r"definitieve|juiste) (?:start)?(?:datum|data|planning)|(?:start)?datum|data|wanneer|"
    r"dag en (?:het )?tijdstip)\b"
    r"|\b(?:exacte|precieze|definitieve|juiste) (?:start)?(?:datum|data|planning)\b"
    r"|\b(?:precies|exact) wanneer\b"
    r"|\b(?:start)?(?:datum|data) (?:volgt|volgen|hoort u|ontvangt u|krijgt u|laten wij)\b",
    re.IGNORECASE,
)


# the strings each cannot match without (``needed_text``): a text without any is passed by
PERIOD_NEEDED = needed(PERIOD)
FOLLOW_UP_NEEDED = needed(FOLLOW_UP)


def names_follow_up(letter: AnalysedLetter) -> bool:
    """Whether the text says when the tenant hears the exact date, in a sentence that is not
    vague itself ("de exacte planning wordt te zijner tijd bekendgemaakt" is no follow-up).
    Worked out once per block for all variants of a template (``checks.base.per_doc``)."""
    return any(per_block(letter, "commitments:follow-up", names_follow_up_in))


def names_follow_up_in(doc: Doc) -> bool:
    """``names_follow_up`` for one parsed block."""
    if not may_match(FOLLOW_UP_NEEDED, doc_text(doc)):
        return False  # (nor has any sentence, a part of its text, a follow-up)
    for sentence in doc_sentences(doc):
        text = span_text(sentence)
        if FOLLOW_UP.search(text) and not (VAGUE.search(text) or PERIOD.search(text)):
            return True
    return False

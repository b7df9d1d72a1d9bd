"""When a passive clause hides who acts, and who that is matters to the reader.

Plain-language editors do not object to every passive. "Het kantoor is gesloten" describes a
state, "de reparatie is gelukt" is the perfect tense of a verb that takes "zijn", "de
reparatie wordt door de aannemer uitgevoerd" names who acts, and "de bomen worden in maart
gesnoeid" hides an actor nobody needs. What they do object to is the passive that hides the
organisation deciding about the tenant ("uw huur wordt verhoogd", "uw verzoek is afgewezen",
"er wordt contact met u opgenomen") or the tenant who has to act ("reparatieverzoeken moeten
worden ingediend via het klantportaal").

Participles are matched as written (lower case), not by lemma: the parser's lemma of a
participle is not always right ("verzocht" → "verzochten").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Participles that take "zijn" in the perfect tense: "is ontstaan" is not a passive.
UNACCUSATIVE = {
    "ontstaan",
    "gebeurd",
    "gekomen",
    "gegaan",
    "verhuisd",
    "vertrokken",
    "gestopt",
    "begonnen",
    "gestart",
    "veranderd",
    "geworden",
    "gebleven",
    "gestorven",
    "overleden",
    "verlopen",
    "vervallen",
    "verdwenen",
    "gevallen",
    "gegroeid",
    "gestegen",
    "gedaald",
    "toegenomen",
    "ontvangen",
    "geslaagd",
    "gelukt",
    "mislukt",
    "doorgegaan",
    "teruggekomen",
    "langsgekomen",
    "binnengekomen",
    "aangekomen",
    "ingegaan",
    "afgelopen",
    "opgehouden",
    "gebleken",
    "geweest",
    "verschenen",
    "opgetreden",
    "uitgebleven",
    "verstreken",
    "geëindigd",
    "overgestapt",
    "uitgevallen",
}
# Particle verbs of coming and going take "zijn" too: "is teruggegaan", "is weggebleven".
_UNACCUSATIVE_ENDINGS = ("gekomen", "gegaan", "gebleven", "gevallen", "gelopen", "gestapt")

# Participles that after "zijn" describe a state, like an adjective: "het kantoor is
# gesloten", "u bent verplicht", "de huur is gebaseerd op".
STATIVE = {
    "gelegen",
    "gebaseerd",
    "verplicht",
    "verbonden",
    "bedoeld",
    "gesloten",
    "geopend",
    "bekend",
    "gevestigd",
    "inbegrepen",
    "gewend",
    "geïnteresseerd",
    "betrokken",
    "verschuldigd",
    "toegestaan",
    "verboden",
    "bestemd",
    "vereist",
    "gericht",
    "aangesloten",
    "getrouwd",
    "gescheiden",
    "verhinderd",
    "verzekerd",
    "uitgerust",
    "voorzien",
    "bezet",
    "geboren",
    "ingeschreven",
    "bijgevoegd",
    "ingesloten",
    "vermeld",
    "genoemd",
    "opgenomen",
    "bewoond",
    "verlicht",
    "beveiligd",
    "gehuisvest",
    "gemachtigd",
    "bevoegd",
    "geregeld",
    "gereserveerd",
}

# The organisation deciding, judging, charging or telling: a passive of these hides an actor
# the tenant needs to know. A tuple names a word the clause must also have ("in behandeling
# genomen", "in rekening gebracht", "contact opgenomen", "op de hoogte gesteld").
ORGANISATION_ACTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        [
            "afgewezen",
            "toegewezen",
            "toegekend",
            "geweigerd",
            "goedgekeurd",
            "afgekeurd",
            "geaccepteerd",
            "gehonoreerd",
            "behandeld",
            "beoordeeld",
            "bekeken",
            "gekeken",
            "onderzocht",
            "gecontroleerd",
            "geïnspecteerd",
            "geconstateerd",
            "toegepast",
            "opgeleverd",
            "vastgesteld",
            "besloten",
            "beslist",
            "bepaald",
            "berekend",
            "herberekend",
            "verhoogd",
            "verlaagd",
            "geïndexeerd",
            "verrekend",
            "doorberekend",
            "verhaald",
            "geïncasseerd",
            "geïnd",
            "afgeschreven",
            "teruggestort",
            "terugbetaald",
            "uitbetaald",
            "overgemaakt",
            "opgezegd",
            "ontbonden",
            "beëindigd",
            "verlengd",
            "geregistreerd",
            "vastgelegd",
            "doorgezet",
            "doorgestuurd",
            "overgedragen",
            "uitgenodigd",
            "benaderd",
            "geïnformeerd",
            "verzocht",
            "gevraagd",
            "aangeboden",
            "aangemerkt",
            "beschouwd",
            "uitgegaan",
            "ingepland",
            "opgelegd",
            "gewaarschuwd",
            "aangeschreven",
            "gesommeerd",
            "ontruimd",
            "geloot",
        ],
        (),
    ),
    "genomen": ("behandeling", "maatregelen", "besluit", "beslissing"),
    "gebracht": ("rekening", "hoogte"),
    "opgenomen": ("contact",),
    "gesteld": ("hoogte", "kennis", "gebreke", "voorwaarden", "eisen"),
    "gegeven": ("handen",),
    "gehouden": ("hoogte",),
    "verwacht": ("van",),
}

# The tenant acting: a passive of these hides that the reader is the one who must do it
# ("het formulier moet worden ingevuld").
TENANT_ACTS = {
    "ingediend",
    "gemeld",
    "ingeleverd",
    "ingevuld",
    "ondertekend",
    "geretourneerd",
    "teruggestuurd",
    "opgestuurd",
    "voldaan",
    "aangevraagd",
    "doorgegeven",
    "aangeleverd",
    "overgelegd",
}
# ... and, after a modal that makes it an instruction ("moeten", "dienen", "kunnen"), these.
TENANT_ACTS_INSTRUCTED = TENANT_ACTS | {
    "gemaakt",
    "betaald",
    "verwijderd",
    "opgeleverd",
    "gestuurd",
    "getoond",
    "verstrekt",
    "bijgehouden",
    "schoongemaakt",
    "uitgevoerd",
    "verricht",
    "hersteld",
    "meegenomen",
    "aangebracht",
    "gebruikt",
    "nageleefd",
    "opgevolgd",
}
KNOWN_PARTICIPLES = set(ORGANISATION_ACTS) | TENANT_ACTS_INSTRUCTED
_INSTRUCTING = {"moeten", "dienen", "kunnen", "mogen", "hoeven"}

# What the tenant hands in or changes, and the tenant's money: a passive about these hides
# what the tenant does or what the organisation does with it ("reacties die per e-mail
# worden ingediend", "een huurverhoging wordt toegepast").
TENANT_THINGS = {
    "huur",
    "huurprijs",
    "huurverhoging",
    "servicekosten",
    "waarborgsom",
    "boete",
    "vergoeding",
    "wijziging",
    "verandering",
    "voorziening",
    "melding",
    "reactie",
    "verzoek",
    "aanvraag",
    "bezwaar",
    "klacht",
    "reparatieverzoek",
    "aanmelding",
    "opzegging",
    "inschrijving",
}

READER = {"u", "uw", "uzelf", "je", "jij", "jou", "jouw", "jezelf"}

# Relations that start a clause of their own: their words are not part of this clause.
CLAUSE_RELATIONS = {
    "advcl",
    "ccomp",
    "acl",
    "acl:relcl",
    "csubj",
    "csubj:pass",
    "parataxis",
}

_PARTICIPLE = re.compile(r"^(?:\w*ge\w+|(?:be|ver|ont|her|er)\w+)(?:[dt]|en)$")


def is_participle(verb: Token, aux: Token) -> bool:
    """A past participle: tagged so, or a verb labelled as the passive auxiliary's head that
    looks like one ("verzocht" is sometimes tagged as a past tense), or a participle from the
    lists above that the parser read as an adjective ("uw huur wordt verhoogd", "de kosten
    zijn opnieuw berekend"). Never another adjective: "uw schuld wordt hoger" is copula +
    adjective."""
    if verb.tag_.startswith("WW|vd"):
        return True
    if verb.pos_ in ("VERB", "ADJ") and verb.lower_ in KNOWN_PARTICIPLES:
        return True
    return verb.pos_ == "VERB" and aux.dep_ == "aux:pass" and bool(_PARTICIPLE.match(verb.lower_))


def copula_participle(aux: Token) -> bool:
    """ "zijn"/"worden" labelled as a copula of a participle from the lists above: the parser
    read "zijn opnieuw berekend" as copula + adjective."""
    return (
        aux.dep_ == "cop"
        and aux.lemma_ in ("zijn", "worden")
        and aux.head.i != aux.i
        and aux.head.lower_ in KNOWN_PARTICIPLES
    )


def names_agent(verb: Token) -> bool:
    """The clause has a "door ..." phrase: it says who acts. Any relation counts, since the
    parser sometimes labels "door een van de coördinatoren" as the subject."""
    return any(
        c.dep_ == "obl:agent" or any(g.dep_ == "case" and g.lower_ == "door" for g in c.children)
        for c in verb.children
    )


def takes_zijn(participle: str) -> bool:
    """The participle of a verb whose perfect tense takes "zijn" ("is gelukt")."""
    return participle in UNACCUSATIVE or participle.endswith(_UNACCUSATIVE_ENDINGS)


def clause_core(verb: Token) -> list[Token]:
    """The words of the clause headed by ``verb``, without the clauses inside it (a relative
    clause in the subject, a dat-clause, an adverbial clause)."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_RELATIONS:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue  # a coordinated clause
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def subject_of(verb: Token) -> Token | None:
    """The subject of the passive clause; for a relative pronoun, the noun it stands for."""
    subject = next(
        (c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj") and c.lower_ != "er"),
        None,
    )
    relative = subject is not None and (
        "Rel" in subject.morph.get("PronType") or subject.tag_.startswith("VNW|betr")
    )
    return verb.head if relative and verb.dep_ == "acl:relcl" else subject


def modal_of(verb: Token) -> Token | None:
    """A modal that makes the passive an instruction: "moet worden ingevuld", "dient te worden
    teruggestuurd" (the parser hangs "dient" on the participle, the participle on it, or the
    participle on a verb coordinated with it)."""
    for child in verb.children:
        if child.lemma_.lower() in _INSTRUCTING and child.i < verb.i:
            return child
    token = verb
    for _ in range(3):
        head = token.head
        if head.i == token.i:
            break
        if head.lemma_.lower() in _INSTRUCTING and head.i < verb.i:
            return head
        if token.dep_ != "conj":
            break
        token = head
    return None


def hides_actor_that_matters(verb: Token, core: list[Token]) -> bool:
    """Whether the passive clause hides an actor the tenant needs to know: the reader is in
    the clause, the organisation decides or tells, the tenant must act, or the clause is
    about something the tenant handed in."""
    participle = verb.lower_
    if concerns_reader(verb):
        return True
    needs = ORGANISATION_ACTS.get(participle)
    if needs is not None and (not needs or any(_has_word(core, w) for w in needs)):
        return True
    if participle in TENANT_ACTS:
        return True
    modal = modal_of(verb)
    if modal is not None and (
        modal.lemma_.lower() == "dienen" or participle in TENANT_ACTS_INSTRUCTED
    ):
        return True
    subject = subject_of(verb)
    return subject is not None and _lemma(subject) in TENANT_THINGS


# Relative adverbs that describe a thing or a place: "het bedrag waarmee de huur wordt
# verlaagd", "de hoorzitting, waar uw bezwaarschrift wordt behandeld". (Not the connectives of
# officialese: "waarbij", "waarvoor", "waarvan", "waardoor", "waartoe".)
_DESCRIBING = {"waar", "waarmee", "waarop", "waarin", "waaraan", "waarnaar", "waarheen"}


def actor_known_from_sentence(verb: Token) -> bool:
    """Whether the sentence itself makes the actor plain: the passive describes a thing in a
    relative clause with "waar…" ("het adres waarop de vergunning wordt aangevraagd"), or it
    sits in a subordinate clause of a main clause whose subject names someone ("De commissie
    nodigt u uit voor de hoorzitting, waar uw bezwaarschrift wordt behandeld")."""
    if any(c.lower_ in _DESCRIBING and c.i < verb.i for c in verb.children):
        return verb.dep_ in ("acl:relcl", "acl", "advcl") or verb.head.pos_ == "NOUN"
    if verb.dep_ not in ("advcl", "ccomp", "acl:relcl", "acl") or not _introduced(verb):
        return False
    root = verb.head
    while root.dep_ not in ("ROOT", "parataxis") and root.head.i != root.i:
        root = root.head
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    # someone named, not "wij" ("hebben wij u gemeld dat u … zou worden geïnformeerd" still
    # hides who was to inform) and not a thing ("de bezichtiging …, waarbij u wordt verzocht")
    return subject is not None and subject.i < verb.i and names_someone(subject)


# Nouns for people and bodies that act in a letter (besides proper names and words for a
# person in -er, -eur, -ent, -ant, -ist: "de aannemer", "de monteur", "de consulent").
_ACTORS = {
    "commissie",
    "gemeente",
    "raad",
    "college",
    "corporatie",
    "stichting",
    "woonstichting",
    "afdeling",
    "organisatie",
    "rechter",
    "rechtbank",
    "huurcommissie",
    "belastingdienst",
    "bedrijf",
    "dienst",
    "team",
    "burgemeester",
    "wethouder",
}


def names_someone(noun: Token) -> bool:
    """Whether a subject names a person or body that can act (not a thing or an event)."""
    word = noun.lemma_.lower() or noun.lower_
    if noun.pos_ == "PROPN":
        return True
    if noun.pos_ != "NOUN":
        return False
    if word in _THINGS_IN_ER:
        return False
    return word in _ACTORS or word.endswith(("er", "aar", "eur", "ent", "ant", "ist"))


# Common nouns in -er that name things, not people.
_THINGS_IN_ER = {
    *("nummer", "water", "meter", "kamer", "zomer", "winter", "kader", "ladder", "centimeter"),
    *("kilometer", "computer", "filter", "folder", "letter", "cijfer", "oever", "order"),
    *("paspoort", "regenwater", "huisnummer", "telefoonnummer", "rekeningnummer", "poster"),
}


def _introduced(verb: Token) -> bool:
    """A subordinate clause with its own conjunction or relative word ("waar", "dat", "die")."""
    return any(
        c.i < verb.i
        and (
            (c.dep_ == "mark" and c.pos_ == "SCONJ")
            or "Rel" in c.morph.get("PronType")
            or c.tag_.startswith("VNW|betr")
            or (c.pos_ == "ADV" and c.lower_.startswith("waar"))
        )
        for c in verb.children
    )


def concerns_reader(verb: Token) -> bool:
    """Whether the reader ("u", "uw") is one the passive clause is about: in its subject or
    object, or addressed with a preposition ("aan u", "met u", "bij u"). A place ("in uw
    wijk", "bij uw woning") does not count: "in uw wijk moeten de damwanden vervangen
    worden" hides nobody the tenant needs."""
    for child in verb.children:
        if child.dep_ in CLAUSE_RELATIONS or (child.dep_ == "conj" and child.pos_ == "VERB"):
            continue
        if child.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj", "expl:pv"):
            # "uw huur", "u": the reader's own; not "de staat van uw woning"
            heads = [child, *(c for c in child.children if c.dep_ == "conj")]
            if any(
                h.lower_ in READER or any(g.lower_ in READER for g in h.children if g.i < h.i)
                for h in heads
            ):
                return True
        elif child.lower_ in READER:
            return True  # "aan u", "met u", "van u", "bij u"
    return False


def _has_word(core: list[Token], word: str) -> bool:
    return any(t.lower_ == word or _lemma(t) == word for t in core)


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma else token.lower_


def passive_span(verb: Token, aux: Token, core: list[Token]) -> tuple[int, int]:
    """Token range [start, end) of the passive verb group with its subject: "uw huur wordt
    verhoogd", "er wordt binnen twee weken contact met u opgenomen". When a long middle part
    separates the finite verb from the rest ("zal na de eindafrekening, onder aftrek van …,
    aan u worden terugbetaald"), the span is the verbs at the end; a subject far before the
    verbs (a relative clause in between) is left out."""
    group = {aux, verb}
    group |= {c for c in verb.children if c.dep_ in ("aux", "aux:pass") and c.pos_ == "AUX"}
    group |= {c for c in verb.children if c.dep_ == "mark" and c.lower_ == "te"}
    modal = modal_of(verb)
    if modal is not None:
        group.add(modal)
    ordered = sorted(t.i for t in group)
    start = ordered[0]
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after - before > _LONG_MIDDLE + 1:
            start = after  # keep the verbs at the end
    end = ordered[-1] + 1
    doc = verb.doc
    subject = next(
        (c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj", "expl", "expl:pass")),
        None,
    ) or next((c for c in verb.children if c.dep_ == "obj"), None)  # the parser's label
    if subject is not None and subject.i < start:
        first = noun_phrase_start(subject)
        between = [t for t in doc[subject.i + 1 : start] if not t.is_punct]
        if len(between) <= _LONG_MIDDLE and not any(_starts_clause(t) for t in between):
            start = first
    er = next((t for t in core if t.lower_ == "er" and t.i == start - 1), None)
    if er is not None:
        start = er.i
    return start, end


def noun_phrase_start(head: Token) -> int:
    """The first word of the noun phrase ``head`` heads ("de door u betaalde voorschotten"),
    not a preposition or a pronominal adverb the parser hung on it ("bij gebreke waarvan")."""
    start = head.i
    doc = head.doc
    inside = {t.i for t in head.subtree}
    while start > 0 and start - 1 in inside:
        previous = doc[start - 1]
        if previous.head == head and previous.dep_ in ("case", "mark", "cc", "punct", "fixed"):
            break
        if previous.pos_ == "ADV" and previous.lower_.startswith(("waar", "daar", "hier")):
            break
        start -= 1
    return start


def _starts_clause(token: Token) -> bool:
    """A relative pronoun, a subordinating conjunction, a finite verb heading a clause or the
    head of a relative or complement clause ("als" is left out: "als gemist aangemerkt" is no
    clause)."""
    if "Rel" in token.morph.get("PronType") or token.tag_.startswith("VNW|betr"):
        return True
    if token.pos_ == "SCONJ" and token.lower_ != "als":
        return True
    if token.dep_ in ("acl:relcl", "ccomp", "csubj", "parataxis"):
        return True
    return token.tag_.startswith("WW|pv") and (
        token.dep_ in CLAUSE_RELATIONS or token.dep_ in ("ROOT", "conj")
    )


# More words than this between two verbs of the group, or between the subject and the
# verbs: the group is split (a "tang"), and the span keeps only the verbs at the end.
_LONG_MIDDLE = 8

"""The words of bad news and of the reasons for it, for the bad-news detector (LB803): what
a refusal, a cancellation, a postponement or an increase is made of, and what tells the reason.

The lemmatizer misses many verb forms ("vervalt" → "vervlen"), so the verbs are known by their
written forms as well (``FORMS``, ``infinitive``); separable verbs by their base verb and
particle ("stelt … uit") or as one word ("uitgesteld").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# What the tenant hears (the message's {what}).
NO = "u zegt nee"
OFF = "iets gaat niet door"
ENDED = "u zegt iets op"
LATER = "iets wordt uitgesteld"
CANNOT = "iets kan niet"
FAILED = "iets is niet gelukt"
SORRY = "u brengt slecht nieuws"
STOPS = "iets stopt"
INCREASE = "een bedrag gaat omhoog"

# Written forms of the verbs below that the lemmatizer does not always give ("vervalt" →
# "vervlen"), by infinitive. Separable verbs are found as their base verb plus the particle
# ("stelt … uit"), or as one word ("uitgesteld", "afwijzen").
BASE_FORMS: dict[str, tuple[str, ...]] = {
    "wijzen": ("wijs", "wijst", "wees", "wezen", "gewezen"),
    "weigeren": ("weiger", "weigert", "weigerde", "weigerden", "geweigerd"),
    "annuleren": ("annuleer", "annuleert", "annuleerde", "annuleerden", "geannuleerd"),
    "zeggen": ("zeg", "zegt", "zei", "zeiden", "gezegd"),
    "gelasten": ("gelast", "gelastte", "gelastten"),
    "trekken": ("trek", "trekt", "trok", "trokken", "getrokken"),
    "zetten": ("zet", "zette", "gezet"),
    "schorten": ("schort", "schortte", "schortten", "geschort"),
    "stellen": ("stel", "stelt", "stelde", "stelden", "gesteld"),
    "schorsen": ("schors", "schorst", "schorste", "schorsten", "geschorst"),
    "schuiven": ("schuif", "schuift", "schoof", "schoven", "geschoven"),
    "verschuiven": ("verschuif", "verschuift", "verschoof", "verschoven"),
    "beëindigen": ("beëindig", "beëindigt", "beëindigde", "beëindigden", "beëindigd"),
    "vervallen": ("verval", "vervalt", "verviel", "vervielen"),
    "gaan": ("ga", "gaat", "ging", "gingen", "gegaan"),
    "lukken": ("lukt", "lukte", "lukten", "gelukt"),
    "lopen": ("loop", "loopt", "liep", "liepen", "gelopen"),
    "verhogen": ("verhoog", "verhoogt", "verhoogde", "verhoogden", "verhoogd"),
    "stijgen": ("stijg", "stijgt", "steeg", "stegen", "gestegen"),
    "kennen": ("ken", "kent", "kende", "kenden", "gekend"),
    "staan": ("sta", "staat", "stond", "stonden", "gestaan"),
    "keuren": ("keur", "keurt", "keurde", "keurden", "gekeurd"),
    "honoreren": ("honoreer", "honoreert", "honoreerde", "honoreerden", "gehonoreerd"),
    "inwilligen": ("inwillig", "inwilligt", "inwilligde", "inwilligden", "ingewilligd"),
    "vergoeden": ("vergoed", "vergoedt", "vergoedde", "vergoedden"),
    "accepteren": ("accepteer", "accepteert", "accepteerde", "accepteerden", "geaccepteerd"),
    "bieden": ("bied", "biedt", "bood", "boden", "geboden"),
    "verlenen": ("verleen", "verleent", "verleende", "verleenden", "verleend"),
    "geven": ("geef", "geeft", "gaf", "gaven", "gegeven"),
    "helpen": ("help", "helpt", "hielp", "hielpen", "geholpen"),
    "werken": ("werk", "werkt", "werkte", "werkten", "gewerkt"),
    "betalen": ("betaal", "betaalt", "betaalde", "betaalden", "betaald"),
    "schelden": ("scheld", "scheldt", "schold", "scholden", "gescholden"),
    "repareren": ("repareer", "repareert", "repareerde", "repareerden", "gerepareerd"),
    "herstellen": ("herstel", "herstelt", "herstelde", "herstelden", "hersteld"),
    "vervangen": ("vervang", "vervangt", "verving", "vervingen"),
    "voeren": ("voer", "voert", "voerde", "voerden", "gevoerd"),
    "leveren": ("lever", "levert", "leverde", "leverden", "geleverd"),
    "plaatsen": ("plaats", "plaatst", "plaatste", "plaatsten", "geplaatst"),
    "passen": ("pas", "past", "paste", "pasten", "gepast"),
    "verhelpen": ("verhelp", "verhelpt", "verhielp", "verhielpen", "verholpen"),
    "lossen": ("los", "lost", "loste", "losten", "gelost"),
    "komen": ("kom", "komt", "kwam", "kwamen", "gekomen"),
    "behandelen": ("behandel", "behandelt", "behandelde", "behandelden", "behandeld"),
    "nemen": ("neem", "neemt", "nam", "namen", "genomen"),
    "laten": ("laat", "liet", "lieten", "gelaten"),
    "huren": ("huur", "huurt", "huurde", "huurden", "gehuurd"),
    "verhuren": ("verhuur", "verhuurt", "verhuurde", "verhuurden", "verhuurd"),
    "stoppen": ("stop", "stopt", "stopte", "stopten", "gestopt"),
    "gebeuren": ("gebeurt", "gebeurde", "gebeurden", "gebeurd"),
    "krijgen": ("krijg", "krijgt", "kreeg", "kregen", "gekregen"),
    "ontvangen": ("ontvang", "ontvangt", "ontving", "ontvingen"),
    "opzeggen": (),
}
# particle + base verb → the separable verb
SEPARABLE: dict[tuple[str, str], str] = {
    ("af", "wijzen"): "afwijzen",
    ("af", "zeggen"): "afzeggen",
    ("af", "gelasten"): "afgelasten",
    ("in", "trekken"): "intrekken",
    ("stop", "zetten"): "stopzetten",
    ("op", "schorten"): "opschorten",
    ("uit", "stellen"): "uitstellen",
    ("op", "schuiven"): "opschuiven",
    ("op", "zeggen"): "opzeggen",
    ("door", "gaan"): "doorgaan",
    ("omhoog", "gaan"): "omhooggaan",
    ("uit", "lopen"): "uitlopen",
    ("toe", "kennen"): "toekennen",
    ("toe", "staan"): "toestaan",
    ("goed", "keuren"): "goedkeuren",
    ("aan", "bieden"): "aanbieden",
    ("toe", "wijzen"): "toewijzen",
    ("mee", "werken"): "meewerken",
    ("terug", "betalen"): "terugbetalen",
    ("kwijt", "schelden"): "kwijtschelden",
    ("uit", "voeren"): "uitvoeren",
    ("aan", "passen"): "aanpassen",
    ("op", "lossen"): "oplossen",
    ("toe", "laten"): "toelaten",
    ("in", "gaan"): "ingaan",
    ("langs", "komen"): "langskomen",
    ("na", "komen"): "nakomen",
}

# Refusing, cancelling, postponing (not negated), and what the tenant hears.
REFUSE = {
    "afwijzen": NO,
    "weigeren": NO,
    "intrekken": NO,
    "annuleren": OFF,
    "afzeggen": OFF,
    "afgelasten": OFF,
    "stopzetten": OFF,
    "schorsen": OFF,
    "beëindigen": OFF,
    "opzeggen": ENDED,
    "uitstellen": LATER,
    "opschorten": LATER,
    "opschuiven": LATER,
    "verschuiven": LATER,
}
# Something stops or happens later (intransitive, not negated).
HALT = {"vervallen": OFF, "uitlopen": LATER, "stoppen": STOPS}
# "stoppen" is bad news only for a service or benefit: "uw huurtoeslag stopt", not "de bus
# stopt"; also "wij stoppen met …".
SERVICES = (
    "regeling",
    "toeslag",
    "vergoeding",
    "korting",
    "subsidie",
    "inzameling",
    "dienst",
    "dienstverlening",
    "ondersteuning",
    "levering",
    "project",
    "werkzaamheden",
    "werkzaamheid",
    "uitkering",
    "bijdrage",
    "service",
    "spreekuur",
)
# Negated, these do not happen.
NOT_HAPPENING = {"doorgaan": OFF, "lukken": FAILED}
# Negated with the writer (or another party) as subject, or in the passive: a refusal.
GRANT = {
    "toekennen",
    "toestaan",
    "goedkeuren",
    "honoreren",
    "inwilligen",
    "vergoeden",
    "accepteren",
    "aanvaarden",
    "aanbieden",
    "toewijzen",
    "verlenen",
    "helpen",
    "meewerken",
    "terugbetalen",
    "kwijtschelden",
    "nakomen",
    "repareren",
    "herstellen",
    "vervangen",
    "uitvoeren",
    "leveren",
    "plaatsen",
    "aanpassen",
    "verhelpen",
    "oplossen",
    "komen",
    "langskomen",
    "behandelen",
    "toelaten",
    "verhuren",
    "ingaan",
}
# "geven", "krijgen": a refusal only with what is refused ("geen toestemming").
GRANTED = (
    "toestemming",
    "vergoeding",
    "schadevergoeding",
    "korting",
    "huurverlaging",
    LATER,
    "woning",
    "tegemoetkoming",
    "compensatie",
    "toeslag",
    "subsidie",
    "ontheffing",
    "vergunning",
    "garantie",
    "betalingsregeling",
    "medewerking",
    "urgentie",
    "voorrang",
    "toezegging",
)
# Requests of the tenant: "wij kunnen uw verzoek niet …", whatever the verb.
REQUESTS = {"verzoek", "aanvraag", "klacht", "bezwaar", "wens", "voorstel", "aanmelding"}
# Negated predicates: "niet mogelijk", "niet toegestaan".
NOT_ALLOWED = {"mogelijk", "toegestaan", "toegelaten", "haalbaar"}
# The rent and the costs: what an increase is about.
MONEY = (
    "huur",
    "huurprijs",
    "kosten",
    "prijs",
    "tarief",
    "voorschot",
    "bedrag",
    "bijdrage",
    "rente",
)
# With "helaas", not bad news to explain but an observation ("helaas hebben wij u niet thuis
# getroffen", "helaas hebben wij nog geen betaling ontvangen").
OBSERVING = {
    "treffen",
    "bereiken",
    "ontvangen",
    "zien",
    "horen",
    "spreken",
    "vinden",
    "weten",
    "zeggen",
    "kennen",
    "getroffen",
}

# Reasons rent and cost letters give.
INCREASE_REASON = re.compile(
    r"\b(?:inflatie|overheid|maximum|maximaal|huurverhogingspercentage|prijzen (?:zijn )?"
    r"(?:gestegen|stegen|stijgen)|kosten (?:zijn )?(?:gestegen|stegen|stijgen)|duurder)\b",
    re.IGNORECASE,
)
# Without "kunnen" or "mogen" these say where someone goes, not that a visit is off ("de
# monteur komt niet op zaterdag").
MOVING = {"komen", "langskomen"}
# A reason, a rule or a consequence that explains.
REASON = re.compile(
    r"\b(?:omdat|want|doordat|vanwege|wegens|aangezien|namelijk|immers|gezien|waarom|waardoor|"
    r"zodat|"
    r"(?:de|een|om die|om deze|om twee|om een aantal|om meerdere) redenen?|redenen|"
    r"(?:dat|dit|het) komt|komt dat|(?:in|i\.v\.m\.) verband met|i\.v\.m\.|"
    r"als gevolg van|ten gevolge van|(?:het )?gevolg van|resultaat van|op grond van|"
    r"met het oog op|volgens|"
    r"te (?:hoog|hoger|laag|groot|klein|veel|weinig|duur|laat|vroeg|kort|lang|zwaar|oud|"
    r"jong|smal|breed|vol|druk|ver|dichtbij|krap|gevaarlijk|onveilig)|"
    r"onvoldoende|niet genoeg|(?:hoger|lager|meer|minder|groter|kleiner|ouder|jonger) dan|"
    r"(?:boven|onder) de (?:grens|inkomensgrens|norm)|voldoet niet|voldoen niet|"
    r"door (?:de|het|een|slecht|veel|te) (?:\w+ )?(?:weer|vorst|regen|storm|drukte|ziekte|"
    r"tekort|tekorten|personeelstekort|levering|levertijd|levertijden|faillissement|storing|"
    r"problemen|vertraging|situatie|omstandigheden|crisis|stikstof|vergunning|onderzoek)|"
    r"(?:wet|wetten|wettelijk|wettelijke|wetgeving|regels|regelgeving|beleid|"
    r"huurovereenkomst|huurcontract|huurvoorwaarden|voorwaarden|voorwaarde|reglement|"
    r"verordening|privacywet|avg)\b|(?:geen|zonder) vergunning|vergunning nodig|"
    r"(?:dat|dit|zo) staat (?:in|ook in))\b",
    re.IGNORECASE,
)
# Said in the sentence itself, these point back at a reason just given.
REASON_BEFORE = re.compile(r"\b(?:daarom|daardoor|hierdoor|hierom|dus)\b", re.IGNORECASE)
# A condition on the bad news itself is its reason: "niet mogelijk zolang de werkzaamheden
# duren", "niet toegestaan zonder vergunning".
CONDITION = re.compile(r"\b(?:als|indien|wanneer|zolang|tenzij|mits|zonder)\b", re.I)


def infinitive(token: Token) -> str:
    """The infinitive of a verb token, with its particle ("stelt … uit" → "uitstellen")."""
    base = base_of(token)
    particles = [c.lower_ for c in token.children if c.dep_ == "compound:prt"]
    # the separable particle stands last: "gaat er niet door omhoog" is "omhooggaan"
    particle = particles[-1] if particles else None
    if particle is not None:
        joined = SEPARABLE.get((particle, base))
        if joined:
            return joined
        if base.startswith(particle):
            return base
    return base


def base_of(token: Token) -> str:
    """The verb a token is a form of, without a particle: its written form's (``FORMS``),
    else its lemma; what ``infinitive`` starts from."""
    return FORMS.get(token.lower_) or token.lemma_.lower()


def _build_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for verb, written in BASE_FORMS.items():
        forms[verb] = verb
        for form in written:
            forms.setdefault(form, verb)
    for (particle, base), joined in SEPARABLE.items():
        forms[joined] = joined
        for form in BASE_FORMS.get(base, ()):
            if form.startswith("ge"):
                forms[particle + form] = joined  # "afgewezen", "uitgesteld"
            else:
                forms.setdefault(particle + form, joined)  # "(dat wij) afwijzen", "uitstelt"
    return forms


FORMS = _build_forms()

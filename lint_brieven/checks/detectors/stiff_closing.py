"""Stiff closings (LB802), two kinds with their own message and proposal:

- a set closing sentence that tells the tenant nothing, in every person: "Wij vertrouwen erop
  u hiermee voldoende te hebben geïnformeerd", "Ik hoop u hiermee van dienst te zijn geweest",
  "Wij zien uw reactie met belangstelling tegemoet". Advice: end with what the tenant can do
  with questions (option ``vraag``, filled from the organisation profile);
- a stiff closing greeting: "Hoogachtend", "Met (de meeste) hoogachting", "Met vriendelijke
  groet(en) en hoogachting". A greeting stays a greeting: "Met vriendelijke groet" (option
  ``groet``) replaces it where it opens its line ("Hoogachtend," above the signature) and the
  replacement reads correctly there; elsewhere it is advice.

Words with a template placeholder in them are left alone, as for every word rule. ("In
afwachting van uw reactie" and "Wij vertrouwen erop dat …" are officialese, LB102.)
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, CheckContext, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_text
from lint_brieven.checks.matchers import token_patterns
from lint_brieven.findings import Suggestion

_TOLD = {"LOWER": {"IN": ["geïnformeerd", "geinformeerd", "ingelicht"]}}
_ENOUGH = {
    "LOWER": {"IN": ["voldoende", "goed", "afdoende", "juist", "volledig", "naar"]},
    "OP": "?",
}
SENTENCES = [
    # (wij vertrouwen erop / wij hopen) u hiermee (voldoende) te hebben geïnformeerd; also
    # "met deze brief", "naar behoren", "ingelicht"
    [
        {"LOWER": {"IN": ["wij", "we", "ik"]}},
        {"LOWER": {"IN": ["vertrouwen", "hopen", "vertrouw", "hoop"]}},
        {"LOWER": {"IN": ["erop", "er"]}, "OP": "?"},
        {"LOWER": "op", "OP": "?"},
        {"LOWER": "u"},
        {"LOWER": {"IN": ["hiermee", "hierbij", "zo", "daarmee", "met"]}},
        {"LOWER": {"IN": ["deze", "dit"]}, "OP": "?"},
        {"LOWER": {"IN": ["brief", "bericht"]}, "OP": "?"},
        _ENOUGH,
        {"LOWER": "behoren", "OP": "?"},
        {"LOWER": "te"},
        {"LOWER": "hebben"},
        _TOLD,
    ],
    [
        {"LOWER": {"IN": ["hiermee", "hierbij", "zo", "daarmee"]}},
        _ENOUGH,
        {"LOWER": "behoren", "OP": "?"},
        {"LOWER": "te"},
        {"LOWER": "hebben"},
        _TOLD,
    ],
    # (wij hopen u hiermee) van dienst te zijn geweest
    [
        {"LOWER": "van"},
        {"LOWER": "dienst"},
        {"LOWER": "te"},
        {"LOWER": "zijn"},
        {"LOWER": "geweest"},
    ],
    # wij zien uw reactie (met belangstelling) tegemoet.
    [
        {"LOWER": {"IN": ["zien", "zie"]}},
        {"IS_PUNCT": False, "OP": "{0,6}"},
        {"LOWER": "tegemoet"},
        {"IS_PUNCT": True},
    ],
]
GREETINGS = [
    [{"LOWER": "hoogachtend"}],
    # met (de meeste) hoogachting; met vriendelijke groet(en) en hoogachting
    [
        {"LOWER": "met"},
        {"LOWER": {"IN": ["de", "vriendelijke"]}, "OP": "?"},
        {"LOWER": {"IN": ["meeste", "groet", "groeten"]}, "OP": "?"},
        {"LOWER": "en", "OP": "?"},
        {"LOWER": "hoogachting"},
    ],
]
SENTENCE = {
    "wat": "standaardzin die de huurder niets vertelt",
    "advies": "Sluit af met wat de huurder kan doen als hij vragen heeft",
}


@register("stiff-closing")
class StiffClosing(Detector):
    scope = "block"  # one sentence or greeting
    defaults = {
        "vraag": "Heeft u nog vragen? Bel ons op {organisatie.telefoon} of mail naar "
        "{organisatie.email}.",
        "groet": "Met vriendelijke groet",
    }
    keeps_words = False  # the greeting's words are swapped on purpose

    def __init__(self, options: dict[str, object]) -> None:
        super().__init__(options)
        # matched with the pattern rules' patterns, once per doc, and only where the words
        # they need are (see ``matchers``)
        shared = token_patterns(nlp.pipeline().vocab)
        self.groups = (shared.group(self, "zin", SENTENCES), shared.group(self, "groet", GREETINGS))

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for block, doc in enumerate(letter.docs):
            content = letter.letter.blocks[block].content
            found = [span for group in self.groups for span in group.spans(doc)]
            for span in filter_spans(found):
                if content.placeholders_in(span.start_char, span.end_char):
                    continue  # a template's blank decides what the words say
                if span.label_ == "groet":
                    yield self._greeting(block, doc, span)
                else:
                    advice = Suggestion(str(self.options["vraag"]), False, replaces=False)
                    yield Found(
                        block, span.start_char, span.end_char, span.text, SENTENCE, (advice,)
                    )

    def _greeting(self, block: int, doc: Doc, span: Span) -> Found:
        greeting = str(self.options["groet"])
        values = {
            "wat": "groet die afstand schept",
            "advies": f"Groet gewoon: '{greeting}'",
        }
        # a replacement only where the greeting opens its line (above the signature); the
        # engine re-parses it and keeps it as advice when it does not read correctly
        replaces = _opens_line(doc, span)
        text = match_case(span.text, greeting) if replaces else greeting
        proposal = Suggestion(text, False, replaces=replaces)
        return Found(block, span.start_char, span.end_char, span.text, values, (proposal,))


def _opens_line(doc: Doc, span: Span) -> bool:
    before = doc_text(doc)[: span.start_char]
    return not before.strip() or before.rstrip(" \t").endswith("\n")

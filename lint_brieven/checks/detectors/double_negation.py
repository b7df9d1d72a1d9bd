"""Double negation: two negations in one clause ("niet onmogelijk", "niet zonder geen…").
The reader has to undo both. The rewrite of "niet on-X" is "X" ("niet onbelangrijk" →
"belangrijk"); other cases get the advice to say it positively.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token
from wordfreq import zipf_frequency

from lint_brieven.checks.base import AnalysedLetter, CheckContext, match_case
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.findings import Suggestion

NEGATIONS = {"niet", "geen", "nooit", "niemand", "niets", "nergens", "noch", "zonder"}


def negative_adjective(token: Token) -> str | None:
    """ "onmogelijk" → "mogelijk": an adjective made negative with on-, if the positive exists."""
    word = token.lower_
    if token.pos_ not in ("ADJ", "ADV") or not word.startswith("on") or len(word) < 6:
        return None
    positive = word[2:]
    return positive if zipf_frequency(positive, "nl") >= 3.0 else None


@register("double-negation")
class DoubleNegation(Detector):
    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        for index, doc in enumerate(letter.docs):
            for sentence in doc.sents:
                by_clause: dict[int, list[Token]] = {}
                for token in sentence:
                    if token.lower_ in NEGATIONS or negative_adjective(token):
                        by_clause.setdefault(_clause(token).i, []).append(token)
                for tokens in by_clause.values():
                    if len(tokens) < 2:
                        continue
                    first, second = tokens[0], tokens[1]
                    span = doc[first.i : second.i + 1]
                    suggestions: tuple[Suggestion, ...] = ()
                    positive = negative_adjective(second)
                    if first.lower_ == "niet" and positive and second.i == first.i + 1:
                        suggestions = (Suggestion(match_case(first.text, positive), False),)
                    yield Found(index, span.start_char, span.end_char, span.text, {}, suggestions)


_CLAUSE_RELATIONS = ("ROOT", "advcl", "ccomp", "acl:relcl", "acl", "xcomp", "csubj", "parataxis")


def _clause(token: Token) -> Token:
    """The verb heading the clause the token is in. A conjunct heads a clause of its own only
    when it is a verb: in "niet of niet naar behoren" the second "niet" joins the first."""
    head = token
    while head.dep_ not in _CLAUSE_RELATIONS and not (
        head.dep_ == "conj" and head.pos_ in ("VERB", "AUX")
    ):
        if head.head.i == head.i:
            break
        head = head.head
    return head

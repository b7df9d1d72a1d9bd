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
                clause_of: dict[int, int] = {}
                for token in sentence:
                    if token.lower_ in NEGATIONS or negative_adjective(token):
                        clause_of[token.i] = _clause(token, clause_of).i
                        by_clause.setdefault(clause_of[token.i], []).append(token)
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


def _clause(token: Token, clause_of: dict[int, int] | None = None) -> Token:
    """The verb heading the clause the token is in. A conjunct heads a clause of its own only
    when it is a verb: in "niet of niet naar behoren" the second "niet" joins the first.

    ``clause_of`` maps the negations seen so far to their clause; a negation right after
    "<negation> of/en" is in that negation's clause whatever the parse says (parsers do
    attach the first "niet" of "niet of niet" to the noun before it)."""
    previous = token.doc[token.i - 2] if token.i >= 2 else None
    if (
        clause_of
        and previous is not None
        and previous.i in clause_of
        and token.doc[token.i - 1].pos_ == "CCONJ"
    ):
        return token.doc[clause_of[previous.i]]
    head = token
    while head.dep_ not in _CLAUSE_RELATIONS and not (
        head.dep_ == "conj" and head.pos_ in ("VERB", "AUX")
    ):
        if head.head.i == head.i:
            break
        head = head.head
    return head

"""Conditions on one word-list entry (``swap`` and ``terms``): where an entry's word is the
plain or the legal word, not officialese, and must not be flagged (``unless``); or where its
alternative does not fit and is advice only (``advice-if``, substitutions).

An entry may carry ``unless`` with any of:
- ``before`` / ``after``: words (or word groups) right before or after the match ("uw
  verhuurder" is somebody else's landlord: not "wij");
- ``regex``: regular expressions searched in the sentence, the paragraph or the letter
  (``within``, default: sentence), under the time limit of ``checks/regexes.py``;
- ``kind``: kinds of text (``soort``) in which the entry does not apply: a tenant's letter to
  the landlord ("huurder-aan-verhuurder") calls the landlord "verhuurder".
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.checks.doc_cache import doc_text, sentence_of, span_text
from lint_brieven.checks.regexes import GuardedRegex
from lint_brieven.checks.rule import Rule


class EntryCondition:
    """One ``unless`` (or ``advice-if``) of an entry; ``field`` names it in error messages."""

    def __init__(self, rule: Rule, condition: dict | None, field: str) -> None:
        unless = condition or {}
        self.before = [tuple(w.lower().split()) for w in unless.get("before", [])]
        self.after = [tuple(w.lower().split()) for w in unless.get("after", [])]
        self.within = unless.get("within", "sentence")
        self.kinds = set(unless.get("kind", []))
        self.regexes = [GuardedRegex(rule, f"{field}.regex", r) for r in unless.get("regex", [])]

    def __bool__(self) -> bool:
        return bool(self.before or self.after or self.kinds or self.regexes)

    @property
    def reads_letter(self) -> bool:
        """Whether it asks the letter as a whole (its kind, all its text), not just the block."""
        return bool(self.kinds) or (bool(self.regexes) and self.within == "letter")

    def excuses(self, span: Span, letter: AnalysedLetter, block: int) -> bool:
        """Whether the match at ``span`` (in block ``block`` of ``letter``) is not flagged."""
        doc = span.doc
        words = [t.lower_ for t in doc if not t.is_space]
        index = [t.i for t in doc if not t.is_space]
        first = index.index(span.start) if span.start in index else 0
        last = index.index(span[-1].i) if span[-1].i in index else len(index) - 1
        if any(tuple(words[max(0, first - len(w)) : first]) == w for w in self.before):
            return True
        if any(tuple(words[last + 1 : last + 1 + len(w)]) == w for w in self.after):
            return True
        if self.kinds and _kind(letter) in self.kinds:
            return True
        if self.regexes:
            scope = _scope(span, letter, self.within)
            return any(r.search(scope) for r in self.regexes)
        return False


def letter_facts(conditions: list[EntryCondition]) -> Callable[[AnalysedLetter], tuple] | None:
    """What ``conditions`` ask of the letter as a whole, as a function of the letter (a word
    list's ``Check.letter_facts``): its kind, and for each condition that searches all of its
    text whether that matches. None when no condition asks the letter anything."""
    asking = [c for c in conditions if c.reads_letter]
    if not asking:
        return None
    kinds = any(c.kinds for c in asking)
    searching = [c for c in asking if c.regexes and c.within == "letter"]

    def facts(letter: AnalysedLetter) -> tuple:
        text = _scope(None, letter, "letter") if searching else ""
        found = tuple(any(r.search(text) for r in c.regexes) for c in searching)
        return (_kind(letter) if kinds else None, found)

    return facts


def _kind(letter: AnalysedLetter) -> str:
    from lint_brieven.dutch.letter_parts import document_kind

    return str(document_kind((letter.whole or letter).letter).value)


def _scope(span: Span | None, letter: AnalysedLetter, within: str) -> str:
    if within == "letter" or span is None:
        return "\n".join(doc_text(doc) for doc in (letter.whole or letter).docs)
    if within == "paragraph":
        return doc_text(span.doc)
    return span_text(sentence_of(span))

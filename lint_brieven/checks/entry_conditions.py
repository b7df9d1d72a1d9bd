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

from spacy.tokens import Doc, Span

from lint_brieven.checks.base import AnalysedLetter
from lint_brieven.checks.doc_cache import doc_text, doc_tokens, sentence_of, span_text
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
        if self.before or self.after:
            words, positions = _words(span.doc)
            first = positions.get(span.start, 0)
            last = positions.get(span[-1].i, len(words) - 1)
            if any(words[max(0, first - len(w)) : first] == w for w in self.before):
                return True
            if any(words[last + 1 : last + 1 + len(w)] == w for w in self.after):
                return True
        if self.kinds and _kind(letter) in self.kinds:
            return True
        if self.regexes:
            if self.within == "letter":
                return _in_letter(self, letter)
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
        found = tuple(_in_letter(c, letter) for c in searching)
        return (_kind(letter) if kinds else None, found)

    return facts


def _in_letter(condition: EntryCondition, letter: AnalysedLetter) -> bool:
    """Whether one of the condition's regular expressions matches all the letter's text (as
    ``_scope`` gives it); once per letter and condition, kept with the file's letters
    (``shared``, by the letter object: the text of its blocks' docs, which never changes, and
    the condition's own expressions decide). The letter's ``letter_facts`` and the entry's
    ``excuses`` ask the same."""
    whole = letter.whole or letter
    key = ("entry_conditions.in_letter", id(condition), id(whole.letter))
    found = letter.shared.get(key)
    if found is None:
        text = _scope(None, letter, "letter")
        found = letter.shared[key] = any(r.search(text) for r in condition.regexes)
    return found


_WORDS = "lint_brieven.entry_conditions.words"  # doc.user_data: ``_words(doc)``


def _words(doc: Doc) -> tuple[tuple[str, ...], dict[int, int]]:
    """The lower-case forms of the doc's tokens that are not whitespace, and the position of
    each of those tokens (by ``Token.i``) among them; once per doc (kept in its ``user_data``:
    a parsed doc's tokens never change)."""
    found = doc.user_data.get(_WORDS)
    if found is None:
        tokens = [t for t in doc_tokens(doc) if not t.is_space]
        found = doc.user_data[_WORDS] = (
            tuple(t.lower_ for t in tokens),
            {t.i: n for n, t in enumerate(tokens)},
        )
    return found


def _kind(letter: AnalysedLetter) -> str:
    from lint_brieven.dutch.letter_parts import document_kind

    return str(document_kind((letter.whole or letter).letter).value)


def _scope(span: Span | None, letter: AnalysedLetter, within: str) -> str:
    if within == "letter" or span is None:
        return "\n".join(doc_text(doc) for doc in (letter.whole or letter).docs)
    if within == "paragraph":
        return doc_text(span.doc)
    return span_text(sentence_of(span))

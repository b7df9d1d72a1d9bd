"""What every check kind shares: the analysed letter it reads and the hits it returns."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from lint_brieven import nlp
from lint_brieven.checks import rule_cache
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import Suggestion
from lint_brieven.letter import Letter
from lint_brieven.readability import Readability, assess
from lint_brieven.sentence_findings import SentenceReason

T = TypeVar("T")


@dataclass(frozen=True)
class AnalysedLetter:
    """A letter with the parsed doc of each block (``docs[i]`` belongs to ``letter.blocks[i]``).

    ``readability`` is computed on first use; ``shared`` is a cache the letters of one file
    (template variants) share. ``whole``: set when this is a view of some blocks of a letter
    (the engine runs block-level checks only on blocks it has not checked before); anything
    asked of the letter as a whole (its kind, all its text) is asked of ``whole``.
    """

    letter: Letter
    docs: tuple[Doc, ...]
    shared: dict = field(default_factory=dict, compare=False, repr=False)
    whole: AnalysedLetter | None = field(default=None, compare=False, repr=False)

    @cached_property
    def readability(self) -> Readability:
        return assess(self.docs, self.shared)

    # the docs by their ids, for what is kept per doc (``per_doc``): once per letter
    @cached_property
    def doc_ids(self) -> tuple[int, ...]:
        return tuple(map(id, self.docs))

    @cached_property
    def doc_id_set(self) -> frozenset[int]:
        return frozenset(self.doc_ids)

    @cached_property
    def doc_positions(self) -> dict[int, list[int]]:
        """The positions of each doc (by its id) in the letter."""
        positions: dict[int, list[int]] = {}
        for index, key in enumerate(self.doc_ids):
            positions.setdefault(key, []).append(index)
        return positions


def per_doc(letter: AnalysedLetter, name: Hashable, doc: Doc, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, worked out once per file: the letters of a file (template variants)
    share the parsed doc of each distinct block, so a letter-level check that does the same
    work on a block in every variant can keep it here. ``compute`` must depend on ``doc``
    alone (plus what is fixed for the run: the rules and their options), and its result must
    not be changed by the caller. ``name`` keeps the results of different works apart."""
    memo = _memo(letter, name)
    key = id(doc)
    found = memo.results.get(key, _NOT_YET)
    if found is _NOT_YET:  # (a letter of one variant finds nothing here: no exception)
        found = memo.work_out(letter, doc, compute)
    return found


def per_block(letter: AnalysedLetter, name: Hashable, compute: Callable[[Doc], T]) -> list[T]:
    """``per_doc`` of every block of the letter, in order: a template variant finds the
    results of the blocks it shares with the variants before it in one pass."""
    memo = _memo(letter, name)
    results = memo.results
    try:
        return list(map(results.__getitem__, letter.doc_ids))
    except KeyError:
        pass
    for doc in letter.docs:
        if id(doc) not in results:
            memo.work_out(letter, doc, compute)
    return list(map(results.__getitem__, letter.doc_ids))


def found_in(
    letter: AnalysedLetter, name: Hashable, compute: Callable[[Doc], T]
) -> list[tuple[int, T]]:
    """The blocks for which ``per_doc`` found something (a result that is not empty, None or
    False), by position in the letter: a check that only looks at such blocks skips the rest
    of every variant at once."""
    memo = _memo(letter, name)
    if not memo.has_all(letter):
        for doc in letter.docs:
            if id(doc) not in memo.results:
                memo.work_out(letter, doc, compute)
    found = memo.something.intersection(letter.doc_id_set)
    if not found:
        return []
    results, ids, positions = memo.results, letter.doc_ids, letter.doc_positions
    return [(i, results[ids[i]]) for i in sorted(i for key in found for i in positions[key])]


def first_in(
    letter: AnalysedLetter, name: Hashable, compute: Callable[[Doc], T]
) -> tuple[int, T] | None:
    """The first block for which ``per_doc`` finds something, and that; None when none does.
    The blocks after it are not worked out (a letter of one variant pays for no more)."""
    memo = _memo(letter, name)
    if memo.has_all(letter):
        found = memo.something.intersection(letter.doc_id_set)
        if not found:
            return None
        positions = letter.doc_positions
        key = min(found, key=lambda k: positions[k][0])
        return positions[key][0], memo.results[key]
    results = memo.results
    for index, doc in enumerate(letter.docs):
        key = id(doc)
        found = results[key] if key in results else memo.work_out(letter, doc, compute)
        if found:
            return index, found
    return None


class _Memo:
    """The results of one work per doc (by the doc's id) for the letters of one file; the
    ids of the docs with a result that is something (not empty, None or False)."""

    __slots__ = ("results", "something")

    def __init__(self) -> None:
        self.results: dict[int, Any] = {}
        self.something: set[int] = set()

    def has_all(self, letter: AnalysedLetter) -> bool:
        """Whether every doc of ``letter`` has its result here."""
        return self.results.keys() >= letter.doc_id_set

    def work_out(self, letter: AnalysedLetter, doc: Doc, compute: Callable[[Doc], T]) -> T:
        _keep(letter, doc)
        key = id(doc)
        found = self.results[key] = compute(doc)
        if found:
            self.something.add(key)
        return found


_NOT_YET = object()  # no result kept yet
_MEMOS = "lint_brieven.per_doc"  # shared: name -> _Memo
_DOCS = "lint_brieven.per_doc.docs"  # shared: {id(doc): doc}, so that no id is used again


def _memo(letter: AnalysedLetter, name: Hashable) -> _Memo:
    memos = letter.shared.get(_MEMOS)
    if memos is None:
        memos = letter.shared[_MEMOS] = {}
    memo = memos.get(name)
    if memo is None:
        memo = memos[name] = _Memo()
    return memo


def _keep(letter: AnalysedLetter, doc: Doc) -> None:
    """Keep ``doc`` alive as long as the results kept by its id (a doc of the letters always
    is; a doc made for one check would not be)."""
    docs = letter.shared.get(_DOCS)
    if docs is None:
        docs = letter.shared[_DOCS] = {}
    docs[id(doc)] = doc


@dataclass(frozen=True)
class Hit:
    """A check's raw result: characters ``start:end`` of block ``block`` (-1: whole letter)."""

    block: int
    start: int
    end: int
    message: str
    suggestions: tuple[Suggestion, ...] = ()
    text: str = ""
    reason: SentenceReason | None = None  # why the sentence is hard (see sentence_findings)


@dataclass(frozen=True)
class CheckContext:
    """Run-wide inputs: the organisation profile that fills suggestions."""

    organisation: Mapping[str, str] = field(default_factory=dict)
    target_level: int = 2  # LiNT-II level a letter should not exceed
    service_terms: Mapping[str, str] = field(default_factory=dict)  # [servicetermijnen]
    # the type of letter (brieftype) the file or the configuration declares; None: from the
    # letter's words (dutch/letter_type.py)
    letter_type: str | None = None


class Check:
    """Base for one check kind. Subclasses implement :meth:`run`."""

    #: whether a hit that touches a template placeholder should be dropped
    skips_placeholders = True
    #: what the hits on one block depend on. "block": that block alone (its text, parse, kind
    #: and placeholders), the run's context and ``letter_facts``, never another block; the
    #: engine then runs the check once per distinct block of a file's letters (template
    #: variants share most blocks) and hits come in block order. "letter": the whole letter
    #: (neighbouring blocks, the kind of text, what the letter says elsewhere, a first use):
    #: run on every letter. A kind sets it per rule where its options decide.
    scope = "letter"
    #: for a block-level check whose hits on a block also depend on a few answers about the
    #: letter as a whole (a word list's entry that is fine in a tenant's letter, or anywhere
    #: the letter says "uw verhuurder"): a function of the letter that gives those answers
    #: (hashable). A block's hits are reused only in letters with the same answers.
    letter_facts: Callable[[AnalysedLetter], Hashable] | None = None
    #: the context ``fixed_suggestions`` last filled the suggestions from, and those
    _fixed: tuple[CheckContext, tuple[Suggestion, ...]] | None = None

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        raise NotImplementedError

    def message(self, ctx: CheckContext, **values: object) -> str:
        return fill(self.rule.message, ctx, **values)

    def fixed_suggestions(self, ctx: CheckContext) -> tuple[Suggestion, ...]:
        """The rule's suggestions filled from ``ctx``; made once for the same context object
        (a file's letters share it, and nothing changes a context)."""
        made = self._fixed
        if made is not None and made[0] is ctx:
            return made[1]
        suggestions = tuple(
            Suggestion(fill(s.text, ctx), s.safe, s.replaces) for s in self.rule.suggestions
        )
        self._fixed = (ctx, suggestions)
        return suggestions


_FIELD = re.compile(r"\{([a-z_.]+)\}")

ORGANISATION_BLANKS = {
    "naam": "[naam organisatie]",
    "telefoon": "[telefoonnummer]",
    "email": "[e-mailadres]",
    "website": "[website]",
    "openingstijden": "[openingstijden]",
    "balie": "[adres balie]",
    "postadres": "[postadres]",
    "iban": "[rekeningnummer (IBAN)]",
    "betaallink": "[betaallink]",
    "schuldhulp": "[hulp bij schulden: naam en telefoonnummer]",
}


def fill(template: str, ctx: CheckContext, **values: object) -> str:
    """Fill ``{match}``-style fields, ``{organisatie.telefoon}`` from the profile and
    ``{servicetermijn.reparatie}`` from the service terms.

    Unknown fields stay as written, so a message never fails on a brace in its text.
    """

    def replace(m: re.Match[str]) -> str:
        key = m.group(1)
        if key.startswith("organisatie."):
            name = key.split(".", 1)[1]
            return ctx.organisation.get(name) or ORGANISATION_BLANKS.get(name, m.group())
        if key.startswith("servicetermijn."):
            return ctx.service_terms.get(key.split(".", 1)[1]) or "[termijn die u haalt]"
        return str(values[key]) if key in values else m.group()

    return _FIELD.sub(replace, template)


def word_list_matcher(entries: list[dict], key: str) -> tuple[PhraseMatcher, dict[str, dict]]:
    """A case-insensitive matcher for word-list entries (``swap``, ``terms``): each entry's
    ``key`` field and its ``forms``, labelled with the lower-cased key; and the entries by it."""
    pipeline = nlp.pipeline()
    matcher = PhraseMatcher(pipeline.vocab, attr="LOWER")
    by_key = {entry[key].lower(): entry for entry in entries}
    listed = _listed(entries, key)
    strings = pipeline.vocab.strings
    for forms, tokens in zip(listed, phrase_tokens(listed), strict=True):
        # each form as the string ids of its tokens' lower-case forms (what a form's doc gives)
        matcher.add(forms[0], [[strings.add(t) for t in form] for form in tokens])
    return matcher, by_key


def word_list_first_words(entries: list[dict], key: str) -> frozenset[int]:
    """The string ids of the first word of every phrase ``word_list_matcher`` matches for the
    same entries (each entry's ``key`` field and its ``forms``, lower case): a doc with none
    of them among its words (``doc_cache.lower_ids``) has no match."""
    strings = nlp.pipeline().vocab.strings
    tokens = phrase_tokens(_listed(entries, key))
    return frozenset(strings.add(form[0]) for forms in tokens for form in forms if form)


def _listed(entries: list[dict], key: str) -> list[list[str]]:
    """Per entry: its label (the lower-cased ``key`` field), then its forms, lower case."""
    return [[entry[key].lower(), *(f.lower() for f in entry.get("forms", []))] for entry in entries]


def phrase_tokens(listed: list[list[str]]) -> list[list[list[str]]]:
    """The lower-case forms of the tokens of every phrase in ``listed`` (lists of phrases), as
    our tokenizer splits them. Kept in the rule cache (``rule_cache``): tokenizing thousands
    of phrases and forms took a noticeable part of every start."""

    def tokenize() -> list[list[list[str]]]:
        make_doc = nlp.pipeline().make_doc
        return [[[t.lower_ for t in make_doc(f)] for f in forms] for forms in listed]

    def usable(found: list) -> bool:
        return (
            type(found) is list
            and len(found) == len(listed)
            and all(
                type(tokens) is list
                and len(tokens) == len(forms)
                and all(type(form) is list for form in tokens)
                and all(all(type(t) is str and t for t in form) for form in tokens)
                for forms, tokens in zip(listed, found, strict=True)
            )
        )

    return rule_cache.cached("forms", rule_cache.phrases_key("forms", listed), tokenize, usable)


def quoted(options: list[str]) -> str:
    return " of ".join(f"'{o}'" for o in options)


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``original`` (Hoofdletter, HOOFDLETTERS)."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement

"""The token patterns of all pattern rules, matched together: one spaCy ``Matcher`` run per doc.

Each pattern rule (``checks/pattern.py``) used to run a ``Matcher`` of its own over every doc;
their wide wildcards (``{"OP": "{0,6}"}``) made that a large part of a check. Here every rule's
patterns are one group (one match key) of a shared set, and a doc is matched once for all
groups; each rule then reads its own matches. A rule gets exactly the matches its own
``Matcher`` gave, in the same order:

- spaCy's ``Matcher`` follows every pattern on its own (a state per pattern and start), and
  removes duplicates and applies ``greedy`` per key, so the matches of one key are the same
  whichever other keys are in the matcher, in the same order;
- a pattern is only run on a doc that has, for every token the pattern requires (no ``?``,
  ``*``, ``!`` or ``{0,n}``) that asks for ``LOWER`` to be one word or ``IN`` a list, a token
  with such a lower-case form: without one it cannot match. The patterns that can match are
  matched together (a ``Matcher`` per such set, kept for reuse);
- a rule whose patterns read token extensions (``_``, which the regular expressions of
  ``regexes.guard_token_patterns`` become) keeps a ``Matcher`` of its own: an extension may run
  a rule's regular expression under its time limit, which must only happen for that rule.

Matches are remembered per doc (docs are never changed after parsing) for as long as the doc
lives; a group is dropped from the set when its check is garbage collected.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from lint_brieven.checks.doc_cache import lower_ids

_SUBSETS_KEPT = 64  # matchers for sets of patterns that can match, most recently used
_MIN_MAX = re.compile(r"\{(\d*)(?:,(\d*))?\}")

_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")  # spaCy's Matcher checks these
Matches = list[tuple[int, int]]


class TokenPatterns:
    """The shared set of token-pattern groups of one vocabulary (one pipeline)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._labels = itertools.count()
        # pattern id -> (group key, pattern, the word sets it needs one of each)
        self._patterns: dict[int, tuple[int, list, tuple[frozenset[int], ...]]] = {}
        self._pattern_ids = itertools.count()
        self._greedy: dict[int, str | None] = {}  # group key -> greedy
        self._subsets: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()
        self._needed: _Needs | None = None  # see _needs; None when the patterns changed
        self._done: weakref.WeakKeyDictionary[Doc, _DocMatches] = weakref.WeakKeyDictionary()

    def group(
        self, owner: object, name: str, patterns: list, greedy: str | None = None
    ) -> PatternGroup:
        """A group for ``patterns``, validated by spaCy as a ``Matcher`` of its own under key
        ``name`` (the same errors as before); it leaves the set when ``owner`` is collected."""
        own = Matcher(self.vocab, validate=True)
        own.add(name, patterns, greedy=greedy)
        if any(_reads_extensions(p) for p in patterns):
            return PatternGroup(self, name, None, own, ())
        key = self.vocab.strings.add(f"{name}\x1f{next(self._labels)}")
        for pattern in patterns:
            self._patterns[next(self._pattern_ids)] = (key, pattern, _anchors(pattern, self.vocab))
        self._greedy[key] = greedy
        self._subsets.clear()
        self._needed = None
        weakref.finalize(owner, self._remove, key)
        return PatternGroup(self, name, key, own, _annotations(patterns))

    def _remove(self, key: int) -> None:
        self._patterns = {i: p for i, p in self._patterns.items() if p[0] != key}
        self._greedy.pop(key, None)
        self._subsets.clear()
        self._needed = None

    def matches(self, doc: Doc, key: int) -> Matches:
        """(start, end) of the matches of group ``key`` in ``doc``, in ``Matcher`` order."""
        done = self._done.get(doc)
        if done is None:
            done = self._done[doc] = _DocMatches()
        if key not in done.groups:
            self._match(doc, done)
        return done.found.get(key, [])

    def _match(self, doc: Doc, done: _DocMatches) -> None:
        """Match every group not yet matched on ``doc`` (groups added since are matched when
        they ask)."""
        todo = {k for k in self._greedy if k not in done.groups}
        words = lower_ids(doc)
        needed = self._needs()
        # the word sets the doc has a word of, found from the doc's words (a few dozen): not
        # every set tested against the doc
        present = {n for word in words for n in needed.by_word.get(word, ())}
        # the patterns that can match: those that need no set, and those that need one the
        # doc has and have all they need (in the order of the patterns)
        rows = needed.rows
        candidates = sorted({*needed.free, *(r for n in present for r in needed.rows_of[n])})
        possible = tuple(
            rows[r][0]
            for r in candidates
            if rows[r][1] in todo and all(n in present for n in rows[r][2])
        )
        if possible:
            # a group whose doc lacks an annotation it reads never uses these (see spans)
            for key, start, end in self._matcher(possible)(doc, allow_missing=True):
                done.found.setdefault(key, []).append((start, end))
        done.groups.update(todo)

    def _needs(self) -> _Needs:
        """The distinct word sets the patterns need, and what refers to them (``_Needs``);
        made again when the patterns change."""
        if self._needed is None:
            needs: dict[frozenset[int], int] = {}
            rows = [
                (i, key, tuple(needs.setdefault(n, len(needs)) for n in wanted))
                for i, (key, _pattern, wanted) in self._patterns.items()
            ]
            by_word: dict[int, list[int]] = {}
            for need, n in needs.items():
                for word in need:
                    by_word.setdefault(word, []).append(n)
            rows_of: list[list[int]] = [[] for _ in needs]
            for r, (_i, _key, wanted) in enumerate(rows):
                for n in set(wanted):
                    rows_of[n].append(r)
            self._needed = _Needs(
                rows,
                {w: tuple(ns) for w, ns in by_word.items()},
                tuple(tuple(rs) for rs in rows_of),
                tuple(r for r, (_i, _key, wanted) in enumerate(rows) if not wanted),
            )
        return self._needed

    def _matcher(self, ids: tuple[int, ...]) -> Matcher:
        matcher = self._subsets.get(ids)
        if matcher is not None:
            self._subsets.move_to_end(ids)
            return matcher
        matcher = Matcher(self.vocab, validate=False)
        by_key: dict[int, list] = {}
        for i in ids:
            key, pattern, _needs = self._patterns[i]
            by_key.setdefault(key, []).append(pattern)
        for key, patterns in by_key.items():
            matcher.add(key, patterns, greedy=self._greedy[key])
        self._subsets[ids] = matcher
        if len(self._subsets) > _SUBSETS_KEPT:
            self._subsets.popitem(last=False)
        return matcher


class _Needs(NamedTuple):
    """The word sets the patterns need, numbered: ``rows`` are the patterns (id, group key,
    the numbers of the sets it needs one word of each), ``by_word`` the sets each word (a
    string id) is in, ``rows_of`` the patterns (positions in ``rows``) that need each set, and
    ``free`` the patterns that need none."""

    rows: list[tuple[int, int, tuple[int, ...]]]
    by_word: dict[int, tuple[int, ...]]
    rows_of: tuple[tuple[int, ...], ...]
    free: tuple[int, ...]


class _DocMatches:
    __slots__ = ("found", "groups")

    def __init__(self) -> None:
        self.groups: set[int] = set()  # group keys matched on the doc
        self.found: dict[int, Matches] = {}


class PatternGroup:
    """One rule's token patterns: :meth:`spans` gives what ``Matcher(doc, as_spans=True)``
    with only these patterns under key ``name`` gives."""

    def __init__(
        self,
        shared: TokenPatterns,
        name: str,
        key: int | None,
        own: Matcher,
        annotations: tuple[str, ...],
    ) -> None:
        self._shared = shared
        self._name = name
        self._key = key  # None: a rule that reads token extensions uses its own matcher
        self._own = own
        self._annotations = annotations

    def spans(self, doc: Doc) -> list[Span]:
        if self._key is None or not all(doc.has_annotation(a) for a in self._annotations):
            # the rule's own matcher, which raises spaCy's error for a missing annotation
            return self._own(doc, as_spans=True)
        found = self._shared.matches(doc, self._key)
        return [Span(doc, start, end, label=self._name) for start, end in found]


_SHARED: dict[int, TokenPatterns] = {}


def token_patterns(vocab: Vocab) -> TokenPatterns:
    """The shared set of token patterns for ``vocab`` (the pipeline's)."""
    shared = _SHARED.get(id(vocab))
    if shared is None or shared.vocab is not vocab:
        shared = _SHARED[id(vocab)] = TokenPatterns(vocab)
    return shared


def _reads_extensions(pattern: Any) -> bool:
    return any(
        isinstance(token, Mapping) and any(str(attr) == "_" for attr in token) for token in pattern
    )


def _annotations(patterns: list) -> tuple[str, ...]:
    """The annotations spaCy's ``Matcher`` requires of a doc for ``patterns``: those a token
    asks a plain value of (not a ``{"IN": …}`` predicate)."""
    needed = set()
    for pattern in patterns:
        for token in pattern:
            for attr, value in token.items() if isinstance(token, Mapping) else ():
                name = attr.upper() if isinstance(attr, str) else None
                if name in _ANNOTATIONS and isinstance(value, str | int):
                    needed.add(name)
    return tuple(sorted(needed))


def _anchors(pattern: list, vocab: Vocab) -> tuple[frozenset[int], ...]:
    """For each token the pattern requires that must have one of some lower-case forms,
    those forms (as string ids): a doc without one of them cannot match the pattern."""
    needs = []
    for token in pattern:
        if not isinstance(token, Mapping) or not _required(token):
            continue
        for attr, value in token.items():
            if not (isinstance(attr, str) and attr.upper() == "LOWER"):
                continue
            words = _words(value)
            if words is not None:
                needs.append(frozenset(vocab.strings.add(w) for w in words))
    return tuple(needs)


def _required(token: Mapping) -> bool:
    """Whether the pattern token matches at least one token (spaCy's ``_get_operators``)."""
    ops = [v for k, v in token.items() if isinstance(k, str) and k.upper() == "OP"]
    if not ops:
        return True
    op = ops[-1]
    if op in ("+", "1"):
        return True
    if not isinstance(op, str):
        return False
    bounds = _MIN_MAX.fullmatch(op)
    return bool(bounds) and bounds.group(1).isdecimal() and int(bounds.group(1)) >= 1


def _words(value: Any) -> Iterable[str] | None:
    """The forms a ``LOWER`` value allows: a word, or the list of an ``IN``; else None."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Mapping):
        return None
    listed = [v for k, v in value.items() if isinstance(k, str) and k.upper() == "IN"]
    if len(listed) != 1 or not isinstance(listed[0], list):
        return None
    if not all(isinstance(w, str) for w in listed[0]):
        return None
    return listed[0]

"""The saved tokenizer, with each of its exceptions added when a text could need it.

spaCy's Dutch tokenizer has 4,670 exceptions ("a.d.h.v.", "bijv.", ":-)"); adding them all
costs a third of a second at every start, and one letter needs a few. Every way an exception
acts on a text reads the text itself: the tokenizer looks up a whitespace-delimited chunk, or
a part of one left after splitting off prefixes and suffixes, among its exceptions; and a
phrase matcher finds the tokens an exception's string splits into, next to each other, and
puts the exception's tokens in their place (only when the tokens with the spaces between them
are that string; a longer match that is not, still keeps a shorter one from applying). Each
way needs the exception's characters, whitespace aside, in that order in the text with its
whitespace left out. So the exceptions of which that holds for a text are added before it is
tokenized, and the tokens are the ones the tokenizer with all its exceptions gives; the few
exceptions that contain whitespace are added at once. Whatever else is asked of the tokenizer
(its rules, ``explain``, saving it) first adds every exception.

The tokenizer keeps its cache of tokenized chunks when an exception is added
(``KeptCacheTokenizer``; spaCy empties it at every ``add_special_case``): a chunk in the cache
came from a text whose exceptions were all added before it was tokenized, and an exception
added later does not occur in that text, so it cannot change the chunk's tokens.

A text scanned once is not scanned again: every exception it could need has been added. When
many characters of new text have been scanned, as many as adding the rest would cost (a long
run), the rest are added too and texts are no longer scanned: a run never pays more than twice
what the better of the two would have cost it.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# After this many characters of new text scanned, all remaining exceptions are added.
# Scanning costs about 0.5 µs a character, adding all of them about 0.27 s: this many
# characters cost as much. A first check of the 24 corpus templates scans about 190,000
# characters (its made-up sentences included), of the 19 plain letters about 96,000.
SCAN_LIMIT = 500_000


class KeptCacheTokenizer(Tokenizer):
    """spaCy's ``Tokenizer``, whose cache of tokenized chunks stays while ``keep_cache`` is set
    (``LazyExceptions`` sets it while it adds exceptions; see the module's docstring). spaCy
    empties the cache at each exception it adds, so every chunk of every text after it was
    split into prefixes, suffixes and infixes again: 56 times in a first check of the corpus
    templates."""

    keep_cache = False

    def _flush_cache(self) -> None:
        if not self.keep_cache:
            super()._flush_cache()


class LazyExceptions:
    """A ``Tokenizer`` (``tokenizer``, without exceptions) that adds the exceptions ``rules``
    as texts need them; it tokenizes every text as ``tokenizer`` with all of them would."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self._tokenizer = tokenizer
        self._rules: dict[str, Any] = {}
        # exceptions not added yet, by their first two characters (a one-character one: by it)
        self._pending: dict[str, list[str]] = {}
        self._scanned = 0
        # texts scanned since (a text seen again needs nothing more)
        self._seen: set[str] = set()

    # -- loading -------------------------------------------------------------------------
    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LazyExceptions:
        """Load the saved tokenizer: every setting now, its exceptions as texts need them."""
        data = Path(path).read_bytes()
        exclude = list(exclude)
        self._tokenizer.from_bytes(data, exclude=[*exclude, "exceptions"])
        rules = {} if "exceptions" in exclude else srsly.msgpack_loads(data).get("exceptions")
        self.defer(rules or {})
        return self

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LazyExceptions:
        exclude = list(exclude)
        self._tokenizer.from_bytes(data, exclude=[*exclude, "exceptions"])
        rules = {} if "exceptions" in exclude else srsly.msgpack_loads(data).get("exceptions")
        self.defer(rules or {})
        return self

    def defer(self, rules: dict[str, Any]) -> None:
        """Make ``rules`` the exceptions, added when needed; those with whitespace now."""
        self._rules = dict(rules)
        self._pending = {}
        self._scanned = 0
        self._seen = set()
        now = []
        for string in sorted(self._rules):
            if not string or any(c.isspace() for c in string):
                now.append(string)
            else:
                self._pending.setdefault(string[:2], []).append(string)
        self._add(now)

    def add_all(self) -> Tokenizer:
        """Every exception added; the tokenizer itself."""
        if self._pending:
            strings = [s for group in self._pending.values() for s in group]
            self._pending = {}
            self._seen = set()
            self._add(sorted(strings))
        return self._tokenizer

    def _add(self, strings: list[str]) -> None:
        # Adding one also tokenizes its string without exceptions and keeps that in the
        # cache; the tokenizer never reads it (an exception is looked up before the cache).
        tokenizer = self._tokenizer
        keep = isinstance(tokenizer, KeptCacheTokenizer)
        if keep:
            tokenizer.keep_cache = True
        try:
            for string in strings:
                tokenizer.add_special_case(string, self._rules[string])
        finally:
            if keep:
                tokenizer.keep_cache = False

    def _prepare(self, text: str) -> None:
        """Add the exceptions ``text`` could need (see the module's docstring)."""
        if text in self._seen:
            return
        self._seen.add(text)
        compact = "".join(text.split())
        self._scanned += len(compact)
        if self._scanned > SCAN_LIMIT:
            self.add_all()
            return
        pending = self._pending
        heads = set(map(operator.add, compact, compact[1:]))  # every two characters in a row
        heads.update(compact)  # one-character exceptions
        found = []
        for head in pending.keys() & heads:  # (walks the smaller of the two)
            group = pending[head]
            # its last two characters are in the text too (a cheap test first)
            needed = [s for s in group if s[-2:] in heads and s in compact]
            if not needed:
                continue
            found += needed
            rest = [s for s in group if s not in needed]
            if rest:
                pending[head] = rest
            else:
                del pending[head]
        if found:
            self._add(sorted(found))

    # -- tokenizing ----------------------------------------------------------------------
    def __call__(self, text: str) -> Doc:
        if self._pending:
            self._prepare(text)
        return self._tokenizer(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:  # a setting of the tokenizer (its affixes …)
            setattr(self.add_all(), name, value)

    def __getattr__(self, name: str) -> Any:
        """Anything else the tokenizer has (its rules, ``explain``, ``to_disk`` …), with every
        exception added first."""
        if name.startswith("__") or name in (
            "_tokenizer",
            "_rules",
            "_pending",
            "_scanned",
            "_seen",
        ):
            raise AttributeError(name)
        return getattr(self.add_all(), name)

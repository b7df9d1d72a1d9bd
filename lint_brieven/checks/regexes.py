"""Regular expressions from rule packs: compiled with the ``regex`` module, each search under
a time limit.

A rule pack is an organisation's own file. A pattern such as ``(a|aa)+$`` backtracks
exponentially: without a limit, one sentence could hang the run. Every search therefore gets
:data:`TIMEOUT_SECONDS`, and all searches for one file together :data:`FILE_BUDGET_SECONDS`
(the runner opens a :func:`time_budget` per file: a pattern just under the limit on every
sentence must not take hours either). Past either, :class:`RegexTimeout` names the rule and
the field, and the runner makes that the file's error (the run goes on). A pattern that does
not compile is a :class:`~lint_brieven.checks.loader.RulePackError` when the pack is loaded.

Regular expressions inside spaCy token patterns (``{"TEXT": {"REGEX": …}}``) would be run by
spaCy with Python's ``re`` and no limit; :func:`guard_token_patterns` turns each into a token
extension that runs the same search through here.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import regex
from spacy.tokens import Token

from lint_brieven.checks.rule import Rule

TIMEOUT_SECONDS = 1.0  # per search; a letter's paragraph takes microseconds
FILE_BUDGET_SECONDS = 10.0  # all rule-pack searches for one file together

_remaining: ContextVar[list[float] | None] = ContextVar("regex_budget", default=None)
T = TypeVar("T")


class RegexError(ValueError):
    """A pattern that does not compile; the message is Dutch and names the field."""


class RegexTimeout(Exception):
    """A search took longer than :data:`TIMEOUT_SECONDS`, or the file's searches together
    longer than :data:`FILE_BUDGET_SECONDS`. ``message`` is Dutch, for the file's report, and
    names the rule, the field and the pack."""

    def __init__(self, rule: Rule, field: str, budget: bool = False) -> None:
        pack = f" in {rule.pack_path}" if rule.pack_path else ""
        if budget:
            what = (
                "de reguliere expressies deden samen langer dan "
                f"{_dutch(FILE_BUDGET_SECONDS)} seconden over deze brief (het laatst in veld "
                f"'{field}') en zijn afgebroken"
            )
        else:
            what = (
                f"de reguliere expressie in veld '{field}' deed er langer dan "
                f"{_dutch(TIMEOUT_SECONDS)} seconde over en is afgebroken"
            )
        self.message = (
            f"Regel {rule.code}{pack}: {what}; deze brief is niet helemaal gecontroleerd. "
            "Maak de expressie eenvoudiger (geen herhaling binnen een herhaling, zoals '(a+)+')."
        )
        super().__init__(self.message)


def _dutch(seconds: float) -> str:
    return f"{seconds:g}".replace(".", ",")


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """All searches inside share ``seconds`` (default :data:`FILE_BUDGET_SECONDS`)."""
    token = _remaining.set([FILE_BUDGET_SECONDS if seconds is None else seconds])
    try:
        yield
    finally:
        _remaining.reset(token)


def compile_pattern(pattern: str, field: str, flags: int = regex.IGNORECASE) -> regex.Pattern:
    """``pattern`` compiled (VERSION0: the ``re`` syntax); :class:`RegexError` if it is not
    a valid regular expression."""
    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        detail = getattr(exc, "msg", None) or str(exc)
        position = getattr(exc, "pos", None)
        where = f" (positie {position})" if position is not None else ""
        raise RegexError(f"veld '{field}': ongeldige reguliere expressie: {detail}{where}") from exc


class GuardedRegex:
    """A rule's compiled pattern whose searches stop after :data:`TIMEOUT_SECONDS`."""

    def __init__(self, rule: Rule, field: str, pattern: str, flags: int = regex.IGNORECASE):
        self.rule = rule
        self.field = field
        self.pattern = compile_pattern(pattern, field, flags)

    def search(self, text: str) -> bool:
        return self._timed(lambda timeout: self.pattern.search(text, timeout=timeout)) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match; the time limit covers the whole scan."""
        return self._timed(
            lambda timeout: [m.span() for m in self.pattern.finditer(text, timeout=timeout)]
        )

    def _timed(self, call: Callable[[float], T]) -> T:
        budget = _remaining.get()
        timeout = TIMEOUT_SECONDS if budget is None else min(TIMEOUT_SECONDS, budget[0])
        if timeout <= 0:
            raise RegexTimeout(self.rule, self.field, budget=True)
        started = time.monotonic()
        try:
            return call(timeout)
        except TimeoutError:
            over_budget = budget is not None and timeout < TIMEOUT_SECONDS
            raise RegexTimeout(self.rule, self.field, budget=over_budget) from None
        finally:
            if budget is not None:
                budget[0] -= time.monotonic() - started


# -- regular expressions inside token patterns ---------------------------------------------

# Token attributes spaCy matches as strings, and how to read each from a token.
_TOKEN_TEXT = {
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "SHAPE": lambda t: t.shape_,
    "PREFIX": lambda t: t.prefix_,
    "SUFFIX": lambda t: t.suffix_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
    "ENT_IOB": lambda t: t.ent_iob_,
    "ENT_ID": lambda t: t.ent_id_,
    "ENT_KB_ID": lambda t: t.ent_kb_id_,
    "MORPH": lambda t: str(t.morph),
}


def token_regexes(patterns: Any) -> Iterator[tuple[str, str]]:
    """(attribute, pattern) of every ``REGEX`` predicate in a list of token patterns (for
    checking a pack when it is loaded)."""
    for pattern in patterns if isinstance(patterns, list) else []:
        for token in pattern if isinstance(pattern, list) else []:
            for attr, value in token.items() if isinstance(token, dict) else []:
                if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                    yield attr, value["REGEX"]


def guard_token_patterns(patterns: list, rule: Rule, field: str) -> list:
    """``patterns`` with every ``{ATTR: {"REGEX": r}}`` on a string attribute replaced by a
    token extension that runs ``r`` with the time limit (spaCy would run it without one).
    Regular expressions in token patterns keep spaCy's meaning: case-sensitive ``search``."""
    return [[_guard_token(token, rule, field) for token in pattern] for pattern in patterns]


def _guard_token(token: Any, rule: Rule, field: str) -> Any:
    if not isinstance(token, dict):
        return token
    out: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    for attr, value in token.items():
        read = _TOKEN_TEXT.get(str(attr).upper())
        if read is None or not (isinstance(value, dict) and isinstance(value.get("REGEX"), str)):
            if attr == "_" and isinstance(value, dict):
                extensions.update(value)
            else:
                out[attr] = value
            continue
        extensions[_extension(rule, field, str(attr).upper(), value["REGEX"], read)] = True
        rest = {k: v for k, v in value.items() if k != "REGEX"}
        if rest:
            out[attr] = rest
    if extensions:
        out["_"] = extensions
    return out


def _extension(rule: Rule, field: str, attr: str, pattern: str, read) -> str:
    key = "\x00".join((rule.code, field, attr, pattern)).encode("utf-8", "surrogatepass")
    name = "lint_brieven_regex_" + hashlib.sha256(key).hexdigest()[:16]
    guarded = GuardedRegex(rule, field, pattern, flags=0)
    if not Token.has_extension(name):
        Token.set_extension(name, getter=lambda token: guarded.search(read(token)))
    return name

"""The registered detectors, by name. Each module registers one detector with ``@register``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.findings import Suggestion


@dataclass(frozen=True)
class Found:
    """A place a detector found: block ``block`` (-1: the whole letter), characters
    ``start:end``, the values its message fills in, and rewrites built for this place."""

    block: int
    start: int
    end: int
    text: str = ""
    values: dict[str, object] = field(default_factory=dict)
    suggestions: tuple[Suggestion, ...] = ()


class Detector:
    """Base: ``defaults`` are the options a rule pack may set; :meth:`find` does the work."""

    defaults: ClassVar[dict[str, object]] = {}
    #: "block" when what it finds in a block depends on that block alone, else "letter" (it
    #: reads other blocks, the kind of text or the whole letter); see ``Check.scope``
    scope: ClassVar[str] = "letter"

    def __init__(self, options: dict[str, object]) -> None:
        self.options = options

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        raise NotImplementedError


DETECTORS: dict[str, type[Detector]] = {}


def register(name: str) -> Callable[[type[Detector]], type[Detector]]:
    def add(cls: type[Detector]) -> type[Detector]:
        DETECTORS[name] = cls
        return cls

    return add


from lint_brieven.checks.detectors import (  # noqa: E402,F401  (registers every detector)
    abbreviations,
    absence,
    action_list,
    bad_news,
    contact_person,
    dient_te,
    double_negation,
    future_tense,
    half_promise,
    impersonal_salutation,
    main_message,
    nominalisation,
    open_promise,
    passive,
    premature_threat,
    rare_words,
    request_details,
    service_term,
    split_verb,
    stiff_closing,
    vague_period,
    vague_term,
    web_only,
    website_address,
    written_address,
)

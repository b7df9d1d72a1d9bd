"""A rule as loaded from a rule pack, independent of its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lint_brieven.checks.precision import Measured
from lint_brieven.findings import Severity, Suggestion

_FIELD = re.compile(r"\{[a-z_.]+\}")


@dataclass(frozen=True)
class Rule:
    """One rule definition. ``spec`` holds the kind-specific keys (swap, patterns, max…)."""

    code: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    rationale: str
    examples_flag: tuple[str, ...]
    examples_pass: tuple[str, ...]
    pack: str
    pack_path: str
    suggestions: tuple[Suggestion, ...] = ()
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # ``default: false`` in the pack: opt-in, only on when selected by code, prefix or ALL
    default: bool = field(default=True, compare=False)
    # measured precision on the judged set (built-in rules, ``rules/precision.yaml``)
    precision: Measured | None = field(default=None, compare=False, hash=False)

    @property
    def on_by_default(self) -> bool:
        """On without a ``select``: not opt-in in its pack and not measured below the bar."""
        return self.default and not (self.precision is not None and self.precision.off)

    @property
    def summary(self) -> str:
        """One-line summary: the message with its fill-ins (``{match}``, ``{max}``…) blanked."""
        return _FIELD.sub("…", self.message)

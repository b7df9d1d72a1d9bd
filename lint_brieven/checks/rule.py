"""A rule as loaded from a rule pack, independent of its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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

    @property
    def summary(self) -> str:
        """One-line summary: the message with its fill-ins (``{match}``, ``{max}``…) blanked."""
        return _FIELD.sub("…", self.message)

"""What every reporter gets: the file reports and the context to describe them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lint_brieven import __version__
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import FileReport


@dataclass(frozen=True)
class ReportContext:
    """``rules`` maps every known code to its rule; ``color``/``show_source`` are for text."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    version: str = __version__
    color: bool = False
    show_source: bool = False
    statistics: bool = False
    quiet: bool = False


Reports = Sequence[FileReport]

"""Findings: what the rules report, in the shape every reporter writes out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint_brieven.sentence_findings import SentenceReason


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @property
    def dutch(self) -> str:
        return {"info": "info", "warning": "waarschuwing", "error": "fout"}[self.value]


@dataclass(frozen=True)
class Suggestion:
    """What to write instead. ``replaces``: the text replaces the finding's words (and can be
    applied by ``--fix``); otherwise it is advice or a block to add. ``safe``: the replacement
    is right in every context."""

    text: str
    safe: bool = False
    replaces: bool = True


@dataclass(frozen=True)
class Finding:
    """One problem at one place in one file.

    Lines and columns are 1-based; ``end_column`` is exclusive. For DOCX files ``line`` is the
    paragraph number in reading order and ``column`` the character in that paragraph; ``runs``
    then lists ``(run_index, start, end)`` within that paragraph's runs.
    """

    path: str
    code: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    rule_name: str = ""
    variant: str | None = None
    paragraphs: bool = False  # True when line means a DOCX paragraph
    runs: tuple[tuple[int, int, int], ...] = field(default=(), compare=False)
    source_line: str = field(default="", compare=False)  # the line (or paragraph) as written
    # why a sentence is hard (LB201, LB402, LB206), for merging them: see sentence_findings
    reason: SentenceReason | None = field(default=None, compare=False)

    @property
    def place(self) -> tuple[str, int, int, int, int, str]:
        """What makes two findings the same: file, range and code (variants share places)."""
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.code)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass
class FileReport:
    """The outcome for one file: its findings, or the Dutch error that kept it from being read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    error_line: int | None = None
    notices: list[str] = field(default_factory=list)
    paragraphs: bool = False
    readability: dict | None = None  # JSON-ready, see readability.report
    skipped: bool = False  # not read on purpose (a FIFO, a link out of the tree): see notices

    @property
    def location(self) -> str:
        return f"{self.path}:{self.error_line}" if self.error_line else self.path

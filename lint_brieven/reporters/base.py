"""What every reporter gets: the file reports and the context to describe them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lint_brieven import __version__
from lint_brieven.checks.rule import Rule
from lint_brieven.findings import FileReport, Finding


@dataclass(frozen=True)
class ReportContext:
    """``rules`` maps every known code to its rule; ``color``/``show_source`` are for text."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    version: str = __version__
    color: bool = False
    show_source: bool = False
    statistics: bool = False
    quiet: bool = False
    docs_url: str | None = None  # the configuration's ``docs-url`` (``{code}``: a rule's code)

    def rule_url(self, code: str) -> str | None:
        """The documentation page of rule ``code``, when the configuration names one."""
        return self.docs_url.replace("{code}", code) if self.docs_url else None


Reports = Sequence[FileReport]


def paragraph_place(finding: Finding) -> str:
    """Where a DOCX finding is, in words: "Alinea 3" or "Alinea 3-4" (``line`` counts
    paragraphs there)."""
    if finding.end_line != finding.line:
        return f"Alinea {finding.line}-{finding.end_line}"
    return f"Alinea {finding.line}"

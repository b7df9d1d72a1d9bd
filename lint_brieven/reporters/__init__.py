"""Reporters write file reports in one output format each: ``render(reports, ctx) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from lint_brieven.reporters import github, gitlab, json_format, junit, sarif, text
from lint_brieven.reporters.base import ReportContext, Reports

Render = Callable[[Reports, ReportContext], str]

FORMATS: dict[str, Render] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}

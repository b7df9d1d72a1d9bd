"""Reporters write file reports in one output format each: ``render(reports, ctx) -> str``.

``FORMATS`` names every format; a reporter's module (rich for text, XML for JUnit …) is
imported when its format is first used, so a check imports only the reporter it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from lint_brieven.reporters.base import ReportContext, Reports

Render = Callable[[Reports, ReportContext], str]

# format name -> the module (in this package) whose ``render`` writes it
MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "rdjson": "rdjson",
    "json-lines": "json_lines",
    "github-summary": "github_summary",
}


def renderer(name: str) -> Render:
    """The ``render`` function of format ``name`` (a key of ``MODULES``)."""
    return import_module(f"{__name__}.{MODULES[name]}").render


def _deferred(name: str) -> Render:
    def render(reports: Reports, ctx: ReportContext) -> str:
        return renderer(name)(reports, ctx)

    render.__name__ = f"render_{name}"
    render.__qualname__ = render.__name__
    return render


FORMATS: dict[str, Render] = {name: _deferred(name) for name in MODULES}

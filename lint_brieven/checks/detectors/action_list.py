"""Three or more requests in one running paragraph: make them a numbered list under a
heading such as "Wat moet u doen?". The rewrite is that list, built from the requests.
Option ``min-actions``.
"""

from __future__ import annotations

from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.checks.doc_cache import doc_text
from lint_brieven.dutch.requests import requests_in
from lint_brieven.findings import Suggestion
from lint_brieven.letter import BlockKind


@register("action-list")
class ActionList(Detector):
    scope = "block"  # the requests of one paragraph
    defaults = {"min-actions": 3, "heading": "Wat moet u doen?"}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        least = int(self.options["min-actions"])  # type: ignore[arg-type]
        for index, (block, doc) in enumerate(zip(letter.letter.blocks, letter.docs, strict=True)):
            if block.kind is not BlockKind.PARAGRAPH:
                continue
            requests = requests_in(doc)
            if len(requests) < least:
                continue
            items = "\n".join(f"{n}. {s.text.strip()}" for n, s in enumerate(requests, 1))
            written = doc_text(doc)
            text = written.strip()
            start = len(written) - len(written.lstrip())
            yield Found(
                index,
                start,
                start + len(text),
                text,
                {"count": len(requests)},
                (Suggestion(f"{self.options['heading']}\n{items}", False, replaces=False),),
            )

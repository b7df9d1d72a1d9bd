""" "Geachte heer/mevrouw" in a template that knows the tenant's name. The housing system
fills in the name everywhere else; the salutation can use it too. The rewrite uses the
template's own name placeholder: "Beste {{ huurder.naam }},".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import Detector, Found, register
from lint_brieven.findings import Suggestion
from lint_brieven.letter import PlaceholderKind

IMPERSONAL = re.compile(
    r"\bgeachte (?:heer\s*/\s*mevrouw|mevrouw\s*/\s*(?:heer|meneer)|heer of mevrouw|"
    r"mevrouw of heer|"
    r"bewoner(?:s)?|huurder(?:s)?|relatie|klant)\b",
    re.IGNORECASE,
)


@register("impersonal-salutation")
class ImpersonalSalutation(Detector):
    defaults = {"greeting": "Beste"}

    def find(self, letter: AnalysedLetter, ctx: CheckContext) -> Iterable[Found]:
        name = next(
            (
                s.placeholder.source
                for b in letter.letter.blocks
                for s in b.content.segments
                if s.placeholder and s.placeholder.kind is PlaceholderKind.NAME
            ),
            None,
        )
        if name is None:
            return
        for index, block in enumerate(letter.letter.blocks):
            match = IMPERSONAL.search(block.text)
            if match:
                rewrite = f"{self.options['greeting']} {name}"
                yield Found(
                    index,
                    match.start(),
                    match.end(),
                    match.group(),
                    {"name": name},
                    (Suggestion(rewrite, False),),
                )
                return

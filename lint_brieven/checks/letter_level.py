"""Letter-level checks: something must be present (``require``) or absent (``forbid``) in the
whole letter. Each matcher is a ``regex``, a ``phrase`` (case-insensitive, whole words) or a
token ``pattern``; ``require`` is met when any matcher matches anywhere in the letter.
Regular expressions run under the time limit of ``checks/regexes.py``.

``require`` asks a whole letter for something (a phone number, an e-mail address), so it only
applies to a complete letter from the organisation: a fragment, a web page or a tenant's letter
to the landlord (``letter_parts.document_kind``, ``soort``) is not asked. ``forbid`` applies to
every text.
"""

from __future__ import annotations

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit, first_in, found_in
from lint_brieven.checks.doc_cache import written_text
from lint_brieven.checks.regexes import GuardedRegex, guard_token_patterns
from lint_brieven.checks.rule import Rule
from lint_brieven.dutch.letter_parts import is_complete_letter


class LetterCheck(Check):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.require = "require" in rule.spec
        self.scope = "letter" if self.require else "block"  # see Check.scope
        key = "require" if self.require else "forbid"
        matchers = rule.spec[key]
        pipeline = nlp.pipeline()
        self.regexes = [
            GuardedRegex(rule, f"{key}.regex", m["regex"]) for m in matchers if "regex" in m
        ]
        self.phrases = PhraseMatcher(pipeline.vocab, attr="LOWER")
        self.tokens = Matcher(pipeline.vocab, validate=True)
        for i, m in enumerate(matchers):
            if "phrase" in m:
                self.phrases.add(str(i), [pipeline.make_doc(m["phrase"])])
            if "pattern" in m:
                self.tokens.add(
                    str(i), guard_token_patterns([m["pattern"]], rule, f"{key}.pattern")
                )

    def _matches(self, letter: AnalysedLetter) -> list[tuple[int, int, int]]:
        found = found_in(letter, ("letter-level", id(self)), self._in_doc)
        return [(index, start, end) for index, spans in found for start, end in spans]

    def _any_match(self, letter: AnalysedLetter) -> bool:
        """Whether a matcher matches anywhere in the letter (the blocks after the first that
        has a match are not worked out: ``first_in``, with the same results as ``_matches``)."""
        return first_in(letter, ("letter-level", id(self)), self._in_doc) is not None

    def _in_doc(self, doc: Doc) -> list[tuple[int, int]]:
        return self._in_block(written_text(doc), doc)

    def _in_block(self, text: str, doc: Doc) -> list[tuple[int, int]]:
        """Where the matchers match in one block (its text and its doc; once per file: the
        template variants share the doc of a text)."""
        found: list[tuple[int, int]] = []
        for regex in self.regexes:
            found += regex.spans(text)
        for matcher in (self.phrases, self.tokens):
            if len(matcher) == 0:
                continue
            found += [(s.start_char, s.end_char) for s in matcher(doc, as_spans=True)]
        return found

    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        if self.require and not is_complete_letter(letter.letter):
            return []
        if self.require:
            if self._any_match(letter):
                return []
            return [Hit(-1, 0, 0, self.message(ctx), self.fixed_suggestions(ctx))]
        found = self._matches(letter)
        suggestions = self.fixed_suggestions(ctx)
        hits = []
        for index, start, end in found:
            text = letter.letter.blocks[index].text[start:end]
            hits.append(Hit(index, start, end, self.message(ctx, match=text), suggestions, text))
        return hits

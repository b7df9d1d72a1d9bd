"""Content checks (kind ``content``): a complete letter of one type (``brieftype``: aanmaning,
huurverhoging, werkzaamheden, huuropzegging, reparatie; see ``dutch/letter_type.py``) must
contain an element the tenant needs to act on it: the amount, the account number, the deadline
as a date, whom to call …

A rule names its letter type and one element::

    kind: content
    brieftype: aanmaning
    element:
      present:            # the element is there when any of these matches in the body
        - recogniser: iban
        - regex: '\\bbetaallink\\b'
        - all: [{regex: '\\bbetaal'}, {recogniser: date}]   # all in one paragraph
      at:                 # where a missing element belongs: the first sentence that matches
        - regex: '\\b(?:betaal|betalen|overmaken)\\b'

A matcher is a ``regex`` (case-insensitive), a ``phrase`` (whole words), a token ``pattern``,
a named ``recogniser`` (``dutch/recognisers.py``), ``any`` of a list or ``all`` of a list in
one paragraph (``within: sentence``: in one sentence; ``two-sentences``: in one sentence
together with the one before it); ``min: 2`` asks for at least two occurrences in the body.
Only the body counts (between the salutation and the closing), except for a letter-level
recogniser such as ``call-route``, which also reads the letterhead and the signature.

A missing element is one finding: at the first sentence ``at`` matches, else at the top of the
letter (as whole-letter rules are). The rule's suggestions are filled from the organisation
profile and the service terms. Only a complete letter from the organisation is checked
(``letter_parts.is_complete_letter``), and only when its type is the rule's.

``options.ook`` (set with ``[rule-options.LB912] ook = ['Huurderspas']``): regular expressions
that also count as the element being there, for an organisation's own words.
``options.alleen-als``: regular expressions of which one must match in the body before the
element is asked at all (LB943 asks when the deposit comes back only of a letter that mentions
a deposit; an organisation that always takes one sets ``alleen-als = []``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit, per_doc
from lint_brieven.checks.regexes import GuardedRegex, guard_token_patterns
from lint_brieven.checks.rule import Rule
from lint_brieven.dutch.letter_body import LetterBody, Part, body_of
from lint_brieven.dutch.letter_parts import is_complete_letter
from lint_brieven.dutch.letter_type import letter_type
from lint_brieven.dutch.recognisers import LETTER_RECOGNISERS, PART_RECOGNISERS

Counter = Callable[[AnalysedLetter, Part, CheckContext], int]


class ContentCheck(Check):
    skips_placeholders = False  # a sentence that asks to pay may hold {{ bedrag }}
    scope = "letter"  # an element the whole letter must contain

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.letter_type = rule.spec["brieftype"]
        element = rule.spec["element"]
        self.present = [self._matcher(m, "element.present", top=True) for m in element["present"]]
        self.present += [
            self._matcher({"regex": r}, "options.ook", top=True)
            for r in rule.spec.get("options", {}).get("ook", [])
        ]
        self.at = [self._matcher(m, "element.at") for m in element.get("at", [])]
        self.only_if = [
            self._matcher({"regex": r}, "options.alleen-als", top=True)
            for r in rule.spec.get("options", {}).get("alleen-als", [])
        ]

    # -- matchers ----------------------------------------------------------------------------
    def _matcher(self, spec: dict, field: str, *, top: bool = False):
        """A top-level matcher answers for the letter (``in_letter``); the others count in a
        part (a paragraph or a sentence)."""
        if "recogniser" in spec and spec["recogniser"] in LETTER_RECOGNISERS:
            if not top:
                raise ValueError(
                    f"herkenner '{spec['recogniser']}' geldt voor de hele brief en kan niet in "
                    f"'{field}' binnen 'all', 'any' of 'at' staan"
                )
            recognise = LETTER_RECOGNISERS[spec["recogniser"]]
            return _LetterLevel(lambda letter, body, ctx: recognise(body, ctx))
        count = self._counter(spec, field)
        return _LetterLevel(_in_body(count, spec.get("min", 1))) if top else count

    def _counter(self, spec: dict, field: str) -> Counter:
        if "regex" in spec:
            regex = GuardedRegex(self.rule, f"{field}.regex", spec["regex"])
            return _by_text(lambda part: len(regex.spans(part.text)))
        if "recogniser" in spec:
            name = spec["recogniser"]
            if name not in PART_RECOGNISERS:
                known = ", ".join(sorted([*PART_RECOGNISERS, *LETTER_RECOGNISERS]))
                raise ValueError(f"onbekende herkenner '{name}' (bekend: {known})")
            recognise = PART_RECOGNISERS[name]
            return _by_part(recognise)
        if "phrase" in spec or "pattern" in spec:
            return self._spacy_counter(spec, field)
        parts = [self._counter(m, field) for m in spec.get("any") or spec.get("all")]
        if "any" in spec:
            return lambda letter, part, ctx: int(any(c(letter, part, ctx) for c in parts))
        if spec.get("within") in ("sentence", "two-sentences"):
            pairs = spec["within"] == "two-sentences"
            return lambda letter, part, ctx: sum(
                all(c(letter, window, ctx) for c in parts)
                for window in body_of(letter).sentence_windows(part, pairs)
            )
        return lambda letter, part, ctx: int(all(c(letter, part, ctx) for c in parts))

    def _spacy_counter(self, spec: dict, field: str) -> Counter:
        pipeline = nlp.pipeline()
        if "phrase" in spec:
            matcher = PhraseMatcher(pipeline.vocab, attr="LOWER")
            matcher.add("element", [pipeline.make_doc(spec["phrase"])])
        else:
            matcher = Matcher(pipeline.vocab, validate=True)
            matcher.add("element", guard_token_patterns([spec["pattern"]], self.rule, field))

        def matches(doc: Doc) -> list[tuple[int, int]]:
            return [(s.start_char, s.end_char) for s in matcher(doc, as_spans=True)]

        name = f"content.matcher:{id(matcher)}"  # the matcher lives as long as the check

        def count(letter: AnalysedLetter, part: Part, _ctx: CheckContext) -> int:
            spans = per_doc(letter, name, letter.docs[part.index], matches)
            return sum(1 for start, end in spans if start >= part.start and end <= part.end)

        return count

    # -- the check ---------------------------------------------------------------------------
    def run(self, letter: AnalysedLetter, ctx: CheckContext) -> list[Hit]:
        if _checked_type(letter, ctx) != self.letter_type:
            return []
        body = body_of(letter)
        if not body.body or any(m.in_letter(letter, body, ctx) for m in self.present):
            return []
        if self.only_if and not any(m.in_letter(letter, body, ctx) for m in self.only_if):
            return []
        suggestions = self.fixed_suggestions(ctx)
        for sentence in body.sentences:
            if any(count(letter, sentence, ctx) for count in self.at):
                text = sentence.text
                message = self.message(ctx, match=text)
                return [
                    Hit(sentence.index, sentence.start, sentence.end, message, suggestions, text)
                ]
        return [Hit(-1, 0, 0, self.message(ctx), suggestions)]


def _checked_type(letter: AnalysedLetter, ctx: CheckContext) -> object:
    """The letter's type (``letter_type``) when it is a complete letter, else a value no rule
    names; once per letter for all content rules (each asked both of every letter), kept with
    the file's letters by the letter object and the declared type (nothing else decides)."""
    key = (_CHECKED_TYPE, id(letter.letter), ctx.letter_type)
    if key not in letter.shared:
        letter.shared[key] = (
            letter_type(letter, ctx.letter_type)
            if is_complete_letter(letter.letter)
            else _CHECKED_TYPE  # (not a complete letter: no rule's type)
        )
    return letter.shared[key]


_CHECKED_TYPE = object()  # (also: the answer for a letter that is not complete)


def _by_text(count: Callable[[Part], int]) -> Counter:
    """A counter that reads the text of a part only, worked out once per text for the letters
    of a file (template variants share most of their paragraphs and sentences)."""

    def counter(letter: AnalysedLetter, part: Part, _ctx: CheckContext) -> int:
        key = (counter, part.text)
        found = letter.shared.get(key)
        if found is None:
            found = letter.shared[key] = count(part)
        return found

    return counter


def _by_part(recognise: Callable[[Part, CheckContext], int]) -> Counter:
    """A recogniser's count, worked out once per file for each part that reads the same to it:
    its text, the kind of its block and the placeholders in it (the context is the file's)."""

    def counter(letter: AnalysedLetter, part: Part, ctx: CheckContext) -> int:
        inside = part.block.content.placeholders_in(part.start, part.end)
        placeholders = tuple(
            (s.start - part.start, s.end - part.start, s.placeholder) for s in inside
        )
        key = (counter, id(ctx), part.text, part.block.kind, placeholders)
        found = letter.shared.get(key)
        if found is None:
            found = letter.shared[key] = recognise(part, ctx)
        return found

    return counter


class _LetterLevel:
    """Whether a matcher finds the element in the letter."""

    def __init__(self, answer: Callable[[AnalysedLetter, LetterBody, CheckContext], bool]):
        self.answer = answer

    def in_letter(self, letter: AnalysedLetter, body: LetterBody, ctx: CheckContext) -> bool:
        return self.answer(letter, body, ctx)


def _in_body(count: Counter, minimum: int):
    """Whether the body's parts together count ``minimum`` or more, counted in order up to
    there. A part's count is kept for the letters of a file by its block object and its
    place in it (``_part_keys``): a counter reads the part's text, the kind and placeholders
    of its block, the block's parsed doc and its sentences inside the part, all of which the
    block and the range decide (the context is the file's); a variant finds the counts of the
    parts it shares with the variants before it at once."""

    def answer(letter: AnalysedLetter, body: LetterBody, ctx: CheckContext) -> bool:
        counts = letter.shared.get(answer)
        if counts is None:
            counts = letter.shared[answer] = {}
        keys = _part_keys(letter, body)
        known = list(map(counts.get, keys))
        total = 0
        if None not in known:
            for found in known:
                total += found
                if total >= minimum:
                    return True
            return False
        for part, key, found in zip(body.body, keys, known, strict=True):
            if found is None:
                found = counts[key] = count(letter, part, ctx)
            total += found
            if total >= minimum:
                return True
        return False

    return answer


def _part_keys(letter: AnalysedLetter, body: LetterBody) -> list[tuple[int, int, int]]:
    """Each part of the body as (the id of its block, start, end); once per letter. The ids
    stay those of the blocks while the file's letters are checked (its letters hold them)."""
    key = (_PART_KEYS, id(letter.letter))
    found = letter.shared.get(key)
    if found is None:
        found = letter.shared[key] = [(id(p.block), p.start, p.end) for p in body.body]
    return found


_PART_KEYS = "content.part_keys"

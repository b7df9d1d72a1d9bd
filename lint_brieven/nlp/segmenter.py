"""Letter segmentation: a rule sentencizer that runs before the parser.

Letters break sentences where news text does not: at line breaks (address lines, closings,
list lines without a full stop). And they do not break where a plain sentencizer would:
after abbreviations (d.d., t.a.v., o.a. stay one token in spaCy's Dutch tokenizer), inside
times and amounts (12.00 uur, € 712,40), after a list number ("1. Maak de woning leeg.").
Every token gets an explicit start/no-start, so the parser keeps to these boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

TERMINAL = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = {")", "]", "'", '"', "’", "”", "»"}


def _after_list_number(doc: Doc, i: int, start: int) -> bool:
    """``doc[i]`` is the '.' of a list number that opens the sentence ("1." or "a.")."""
    return i == start + 1 and (doc[start].is_digit or (len(doc[start]) == 1 and doc[start].is_alpha))


@Language.component("letter_segmenter")
def letter_segmenter(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    start = 0
    doc[0].is_sent_start = True
    pending = False  # a terminal mark was seen; the sentence ends after closing quotes
    for i in range(1, len(doc)):
        prev, token = doc[i - 1], doc[i]
        breaks = "\n" in prev.whitespace_ or "\n" in prev.text
        if prev.text in TERMINAL and not _after_list_number(doc, i - 1, start):
            pending = True
        if pending and token.text not in CLOSING and token.text not in TERMINAL:
            breaks = breaks or not (token.is_lower or token.is_digit)
            pending = False
        if token.is_space:
            breaks = False  # whitespace tokens stay with the sentence before them
        token.is_sent_start = breaks
        if breaks:
            start = i
    return doc

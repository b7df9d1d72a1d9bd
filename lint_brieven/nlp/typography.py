"""The text the parser reads: typographic quotes and odd whitespace as the model was trained.

Word puts curly quotes in every letter (‘ ’ “ ”), but the UD Dutch treebanks our pipeline is
trained on write ASCII quotes (and « »). A curly quote reaches the tagger as an unknown word
("’" tagged a noun subject), which spoils the parse and LiNT-II's scores. So the parser reads
each typographic quote as its ASCII counterpart, and every whitespace character (line break,
tab, no-break space) as a plain space.

Every replacement is one character for one character: each offset into the parsed text is the
same offset into the text as written, so findings still point at, and show, the source text.
"""

from __future__ import annotations

import re

SINGLE = "'"
DOUBLE = '"'
QUOTES = {
    **dict.fromkeys("‘’‚‛′‹›", SINGLE),  # ‹ › are single guillemets
    **dict.fromkeys("“”„‟″«»", DOUBLE),
}
# The characters str.splitlines() breaks at: where a line of the source ends.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
LINE_BREAK = re.compile("[" + "".join(sorted(LINE_BREAKS)) + "]")
_TABLE = str.maketrans(QUOTES)
_OTHER_WHITESPACE = re.compile(r"[^\S ]")  # \s is str.isspace() here


def for_parser(text: str) -> str:
    """``text`` with typographic quotes as ASCII quotes and whitespace as spaces, same length."""
    return _OTHER_WHITESPACE.sub(" ", text.translate(_TABLE))


def has_line_break(text: str) -> bool:
    return LINE_BREAK.search(text) is not None

"""How the pipeline reads a block of letter text: as the model was trained, offsets kept.

1. Typographic quotes and whitespace characters are read as their ASCII forms, one character
   for one character (see ``typography``), so every token offset is an offset into the block
   text as written; ``source_text(doc)`` gives that text back.
2. Where the block has a line break is kept beside the doc, for the letter segmenter, which
   decides whether a sentence ends there: ``LINE_BREAKS`` maps the index of each token a line
   break precedes to the length of the line before it; ``LINE_WIDTH`` is the length of the
   longest line of the text as its file has it (a reader joins lines that read on, so the
   caller may know it better than the block text shows).
3. Runs of whitespace still make whitespace tokens (a doc can only hold one space after a
   token). The parser never sees them: it reads the block without them, exactly as lint-ii's
   own preprocessing collapses whitespace, and the parse is copied back. A whitespace token is
   tagged ``SPACE``/``_SP``, attached to the word before it as ``punct``, so it is no word for
   LiNT-II's dependency lengths and stays with the sentence before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from lint_brieven.nlp import typography

SOURCE = "lint_brieven.source"  # doc.user_data: the block text as written
LINE_BREAKS = "lint_brieven.line_breaks"  # doc.user_data: {token index: length of line before}
LINE_WIDTH = "lint_brieven.line_width"  # doc.user_data: length of the longest line
_COPIED = [TAG, POS, MORPH, LEMMA, DEP]


def source_text(doc: Doc) -> str:
    """The text a doc was parsed from, as written (typographic quotes, line breaks)."""
    source = doc.user_data.get(SOURCE)  # not .get(SOURCE, doc.text): that joins every token
    return doc.text if source is None else source


def token_as_written(token: Token) -> str:
    """A token's text as written, without joining the whole doc again (called per word)."""
    source = token.doc.user_data.get(SOURCE)
    return token.text if source is None else source[token.idx : token.idx + len(token)]


def parse_texts(
    nlp: Language, texts: Sequence[str], widths: Mapping[str, int | None] | None = None
) -> list[Doc]:
    """One parsed doc per text, read as described above; ``widths`` gives the longest line of
    a text in its source where the text itself does not show it."""
    widths = widths or {}
    docs = [_tokens(nlp, text, widths.get(text)) for text in texts]
    inputs = [_without_whitespace_tokens(doc) for doc in docs]
    out = []
    for doc, parsed in zip(docs, nlp.pipe(inputs), strict=True):
        out.append(doc if parsed is doc else _copy_parse(parsed, doc))
    return out


def line_breaks(doc: Doc, text: str) -> dict[int, int]:
    """For each word of ``doc`` (parsed from ``text``) that a line break precedes: the length
    of the line before it, trailing whitespace left out."""
    out: dict[int, int] = {}
    starts = [0, *(m.end() for m in typography.LINE_BREAK.finditer(text))]
    if len(starts) == 1:
        return out
    words = [t for t in doc if not t.is_space]
    for before, token in zip(words, words[1:], strict=False):
        end = before.idx + len(before)
        if typography.has_line_break(text[end : token.idx]):
            out[token.i] = end - starts[bisect.bisect_right(starts, end) - 1]
    return out


def line_width(text: str) -> int:
    return max((len(line.rstrip()) for line in text.splitlines()), default=0)


def _tokens(nlp: Language, text: str, width: int | None) -> Doc:
    doc = nlp.make_doc(typography.for_parser(text))
    doc.user_data[SOURCE] = text
    doc.user_data[LINE_BREAKS] = breaks = line_breaks(doc, text)
    doc.user_data[LINE_WIDTH] = (width or line_width(text)) if breaks else 0
    return doc


def _without_whitespace_tokens(doc: Doc) -> Doc:
    """``doc`` itself when it has no whitespace tokens, else a doc of its words only."""
    words = [t.i for t in doc if not t.is_space]
    if len(words) == len(doc):
        return doc
    position = {i: n for n, i in enumerate(words)}
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space) for i in words]
    compact = Doc(doc.vocab, words=[doc[i].text for i in words], spaces=spaces)
    if words:  # tokenizer exceptions set norms ("'t" reads as "het"): keep them
        compact.from_array([NORM], doc.to_array([NORM])[words])
    compact.user_data[LINE_BREAKS] = {position[i]: n for i, n in doc.user_data[LINE_BREAKS].items()}
    compact.user_data[LINE_WIDTH] = doc.user_data[LINE_WIDTH]
    return compact


def _copy_parse(compact: Doc, doc: Doc) -> Doc:
    """Copy the parse of ``compact`` (``doc`` without whitespace tokens) onto ``doc``."""
    words = [t.i for t in doc if not t.is_space]
    values = numpy.zeros((len(doc), len(_COPIED)), dtype="uint64")
    heads = numpy.arange(len(doc), dtype="int64")
    if words:
        values[words] = compact.to_array(_COPIED)
        heads[words] = numpy.array(words)[[t.head.i for t in compact]]
    strings = doc.vocab.strings
    space = [strings.add("_SP"), POS_IDS["SPACE"], 0, 0, strings.add("punct")]
    previous = None
    for token in doc:
        if not token.is_space:
            previous = token.i
            continue
        values[token.i] = space
        values[token.i, _COPIED.index(LEMMA)] = strings.add(token.text)
        # The word before it, or the first word after it at the start of the block.
        heads[token.i] = previous if previous is not None else next(iter(words), token.i)
    relative = (heads - numpy.arange(len(doc))).astype("uint64")  # negative offsets wrap
    doc.from_array([*_COPIED, HEAD], numpy.column_stack([values, relative]))
    return doc

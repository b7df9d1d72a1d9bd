"""Letter segmentation: a rule sentencizer that runs before the parser.

Letters break sentences where news text does not: at line breaks (address lines, closings,
list lines without a full stop). And they do not break where a plain sentencizer would:
after abbreviations (d.d., t.a.v., o.a. stay one token in spaCy's Dutch tokenizer), inside
times and amounts (12.00 uur, € 712,40), after a list number ("1. Maak de woning leeg.").
Every token gets an explicit start or no-start before the parser runs, so the parser keeps to
the letter's own structure and cannot split "12.00 uur." or a name line in two. One exception:
in text whose line breaks were lost, a heading runs into the next sentence ("Inleiding Elk
mens begint …"); at a capitalised function word right after a word the parser decides. On the
held-out sets this leaves the letter sentence F-score at 100 and raises news from 87.3 to 88.2.

Line breaks come from ``reading`` (the parser reads a line break as a space) or, for text given
to the pipeline directly, from the doc's own text. A line break inside a sentence that was
wrapped is no sentence end:
- the next line starts with a lower-case word after a word or a comma ("… wandelden de haas en
  de egel\ndoor het bos."), unless the line is a salutation ("Beste heer Jansen,");
- or the text is hard-wrapped prose: a word (a capital, a number) follows a word at the end of
  a line of at least ``WRAPPED_LINE`` characters, and it would not have fitted on that line
  (the line, a space and the word are longer than the text's longest line: "… in het zuiden
  van\nEuropa."). Address lines, closings and name lines are shorter or leave room, and end
  there, as does a line that ends in a comma ("Met vriendelijke groet,\nJan de Vries").

After a full stop a sentence starts even in lower case ("Dat is alles. daarna gaan we …"),
unless the full stop ends an abbreviation that spaCy's tokenizer splits off ("incl.", "tel.",
"mw.", "o.b.v."), an initial, or a number ("bijlage 2. zie …"). Abbreviations the tokenizer
keeps whole ("o.a.", "bijv.", "t.a.v.", "J."), numbers, amounts, dates, URLs and e-mail
addresses ("1.200", "€ 5.-", "3.12.2024", "www.woon.nl") are one token and never end one.

A run of more than ``MAX_SENTENCE_TOKENS`` tokens without a sentence end is no sentence a letter
holds (text pasted without punctuation, a hostile file): it is cut there, so that nothing
downstream that is quadratic in the sentence length (readability's dependency lengths) can take
minutes.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from lint_brieven.nlp.reading import LINE_BREAKS, LINE_WIDTH, line_breaks, line_width

TERMINAL = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSING = {")", "]", "'", '"', "’", "”", "»"}
AMBIGUOUS_QUOTES = {'"', "'"}
# The longest sentence in the letter gold set and the UD Dutch dev and test sets has 133 tokens.
MAX_SENTENCE_TOKENS = 300
_START, _NO_START, _PARSER_DECIDES = 1, -1, 0  # SENT_START values
# Abbreviations spaCy's Dutch tokenizer splits from their full stop ("incl" "."), lower case.
ABBREVIATIONS = {
    *("incl", "excl", "tel", "mw", "dd", "ong", "ongev", "ivm", "tav", "ovb", "fam", "afd"),
    *("ca", "bijv", "bv", "nr", "enz", "etc", "evt", "resp", "max", "min", "gem", "vgl", "zgn"),
    *("mevr", "dhr", "hr", "mr", "dr", "drs", "ir", "ing", "prof", "st", "blz", "pag", "art"),
    *("fa", "fax", "mob", "vlg", "vlgs", "ws", "wsch", "vs", "cf", "jr", "sr", "alg", "adm"),
    *("jan", "feb", "febr", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov"),
    *("dec", "ma", "di", "wo", "za"),
}
# Abbreviations of prepositions that never end a sentence, whose full stop the tokenizer splits
# off ("t.n.v" "."): a capital after them starts a name, not a sentence ("t.n.v. Woonstichting").
NEVER_FINAL = {"t.n.v", "n.a.v", "m.b.t", "i.v.m", "o.b.v", "i.p.v", "m.i.v", "t.a.v", "d.d"}
WRAPPED_LINE = 50  # an address, name or closing line is shorter; a wrapped prose line longer
SALUTATIONS = {"beste", "geachte", "hallo", "dag", "lieve", "hoi", "goedendag", "l.s."}
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


def _after_list_number(doc: Doc, i: int, start: int) -> bool:
    """``doc[i]`` is the '.' of a list number that opens the sentence ("1." or "a.")."""
    first = doc[start]
    return i == start + 1 and (first.is_digit or (len(first) == 1 and first.is_alpha))


def _is_list_number(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a number followed by '.' or ')' and then a capital: "2. Lever …"."""
    return i + 2 < len(doc) and doc[i + 1].text in (".", ")") and doc[i + 2].is_title


# Function words written with a capital inside a sentence: name parts ("Woonstichting De
# Linde", "Van Goghstraat", "Huize Ter Weel") and the polite "U"/"Uw" of older letters.
CAPITALISED_INSIDE = {
    *("de", "het", "een", "van", "den", "der", "ter", "ten", "te", "op", "in", "aan"),
    *("u", "uw"),
}


def _may_open_after_heading(prev: Token, token: Token) -> bool:
    """A capitalised function word right after a word ("Inleiding Elk mens begint …"): text
    whose line breaks were lost, as in lint-ii's own preprocessing, where a heading runs into
    the next sentence. Whether a sentence starts there is left to the parser."""
    return (
        token.is_title
        and prev.is_alpha
        and token.pos_ in ("DET", "ADP", "PRON", "SCONJ")
        and token.lower_ not in CAPITALISED_INSIDE
    )


def _is_abbreviation(word: Token) -> bool:
    """``word`` is an abbreviation or number whose full stop spaCy split off ("incl" ".")."""
    text = word.lower_
    return (
        len(text) == 1
        or "." in text
        or text in ABBREVIATIONS
        or any(ch.isdigit() for ch in text)
        or (word.is_alpha and not _VOWELS & set(text))  # "mw", "dd": no Dutch word
    )


def _full_stop_then_lower(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a lower-case word right after a full stop that ends a sentence."""
    return (
        i >= 2
        and doc[i - 1].text == "."
        and doc[i].is_alpha
        and (doc[i - 2].text in CLOSING or not doc[i - 2].is_punct)
        and not _is_abbreviation(doc[i - 2])
    )


def _soft_wrap(doc: Doc, i: int, start: int, line: int, width: int) -> bool:
    """The line break before ``doc[i]``, after a line of ``line`` characters in text whose
    longest line has ``width``, wraps a sentence rather than ends one."""
    token, j = doc[i], i - 1
    while j > start and doc[j].is_space:
        j -= 1
    prev = doc[j]
    if prev.text in TERMINAL or prev.text in ":;" or not (token.is_alpha or token.is_digit):
        return False
    if token.is_lower:
        return not (prev.text == "," and doc[start].lower_ in SALUTATIONS)
    return line >= WRAPPED_LINE and line + 1 + len(token) > width and not prev.is_punct


def _line_breaks(doc: Doc) -> tuple[dict[int, int], int]:
    """The tokens a line break precedes (with the length of the line before), and the length
    of the longest line."""
    if LINE_BREAKS in doc.user_data:
        return doc.user_data[LINE_BREAKS], doc.user_data[LINE_WIDTH]
    return line_breaks(doc, doc.text), line_width(doc.text)


@Language.component("letter_segmenter")
def letter_segmenter(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    start = 0
    starts = [_START] * len(doc)
    breaks_before, width = _line_breaks(doc)
    pending = False  # a terminal mark was seen; the sentence ends after closing quotes
    for i in range(1, len(doc)):
        prev, token = doc[i - 1], doc[i]
        line = breaks_before.get(i)
        breaks = line is not None and not _soft_wrap(doc, i, start, line, width)
        if prev.text in TERMINAL and not _after_list_number(doc, i - 1, start):
            pending = True
        opening_quote = token.text in AMBIGUOUS_QUOTES and bool(prev.whitespace_)
        closing = pending and not opening_quote and token.text in CLOSING | TERMINAL
        if pending and not closing:
            breaks = breaks or opening_quote or not token.is_lower or _full_stop_then_lower(doc, i)
            if token.is_digit and not _is_list_number(doc, i):
                breaks = line is not None  # "… op 3. 12 dagen" reads on
            if prev.text == "." and i >= 2 and doc[i - 2].lower_ in NEVER_FINAL:
                breaks = line is not None  # "over t.n.v. Woonstichting De Linde"
            pending = False
        if token.is_space:
            starts[i] = _NO_START  # whitespace stays with the sentence before it
        elif breaks or i - start >= MAX_SENTENCE_TOKENS:
            start = i
        elif _may_open_after_heading(prev, token):
            starts[i] = _PARSER_DECIDES
        else:
            starts[i] = _NO_START
    # All at once: setting ``token.is_sent_start`` one by one checks the whole doc for a
    # parse each time, quadratic in the length of a block.
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64")[:, None])
    return doc

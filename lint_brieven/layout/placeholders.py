"""Placeholders written in the text itself, in the conventions real templates use.

A template made in a word processor or a plain text editor marks what the writer or the
system fills in with its own signs, not with Jinja. Each of these becomes a placeholder of a
kind (name, date, amount…), exactly like ``{{ … }}``: the NLP reads a stand-in word, rules skip
it and it is not counted as a word.

- ``[naam huurder]``, ``[datum]``: square brackets around words, always (not ``[1]`` or
  ``[ ]``: no word inside; not a Markdown link ``[tekst](url)``, ``[tekst][1]`` or ``[1]: url``);
- ``<datum>``, ``<<naam>>``, ``«Achternaam»`` (Word mail merge typed out), ``{naam}`` and
  ``{{ naam }}`` in a file that is no template. ``<…>`` only around words that are no HTML
  element (``<br>``, ``<b>`` stay markup), never around an e-mail address or a link;
- capitals: ``ACHTERNAAM``, ``UW NAAM``, ``NAAM HUURDER``. A run of at most three words in
  capitals in which one word is, or ends in, a placeholder noun (NAAM, ADRES, DATUM, POSTCODE,
  WOONPLAATS, BEDRAG, HANDTEKENING…). Abbreviations (WOZ, BTW, NB), headings in capitals
  ("BELANGRIJK", "WAT MOET U DOEN") and labels followed by a colon ("NAAM:") are no
  placeholders;
- blanks to fill in: ``……``, ``.....``, ``___`` (two ellipses, four dots, three underscores or
  more), of the kind the words just before them say ("Datum: ……" is a date);
- ``XXX``, ``xx-xx-xxxx``, ``€ xx,xx``: runs of x, of the kind their shape says.

The kind comes from the words inside ("[datum]" a date, "[bedrag]" an amount, "[naam
huurder]" a name; see :mod:`lint_brieven.placeholder_kinds`). A "€" just before an amount
placeholder and "uur" just after a time belong to it (the stand-in has them).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from lint_brieven.letter import MappedText, Placeholder, PlaceholderKind, Segment
from lint_brieven.placeholder_kinds import classify, from_expression_text, stand_in


@dataclass(frozen=True)
class Written:
    """A placeholder written in the text: ``text[start:end]``, its kind and stand-in word."""

    start: int
    end: int
    placeholder: Placeholder
    word: str


_WORDS = re.compile(r"[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")

# HTML elements: "<b>", "<br>", "<span class=…>" in Markdown or decoded text are markup.
_HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "blockquote", "body", "br", "button", "canvas", "caption", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img",
    "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu",
    "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p",
    "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script",
    "search", "section", "select", "slot", "small", "source", "span", "strong", "style", "sub",
    "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
    "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr", "center",
})  # fmt: skip

# A word in capitals that is, or ends in, one of these nouns makes a capitals run a placeholder.
_CAPS_NOUNS = (
    "NAAM",
    "ADRES",
    "DATUM",
    "POSTCODE",
    "PLAATS",
    "BEDRAG",
    "HANDTEKENING",
    "NUMMER",
    "VOORLETTERS",
    "FUNCTIE",
    "TIJDSTIP",
    "AANHEF",
    "TELEFOON",
    "EMAIL",
    "MAIL",
)
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'-]*[A-ZÀ-ÖØ-Þ]"
_CAPS_RUN = re.compile(rf"(?<![\w-]){_CAPS_WORD}(?:[ \t]+{_CAPS_WORD})*(?![\w-])")
_CAPS_WORDS = re.compile(rf"(?<![\w-]){_CAPS_WORD}(?![\w-])")
_MAX_CAPS_WORDS = 3
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_COLON = re.compile(r"[ \t]*:")

_BRACKETS = re.compile(r"\[([^\[\]\n]{1,200})\](?![(\[:])")
_ANGLE = re.compile(r"(?<!<)<(?![/!<])([^\W\d_][\w .'-]{0,60})>(?!>)")
_DOUBLE_ANGLE = re.compile(r"<<([^<>\n]{1,60})>>")
_GUILLEMETS = re.compile(r"«([^«»\n]{1,60})»")
_BRACES = re.compile(r"(?<!\{)\{([^\W\d][\w.]{0,60})\}(?!\})")
_JINJA = re.compile(r"\{\{[^{}\n]{0,200}\}\}")
_BLANK = re.compile(r"…{2,}|\.{4,}|_{3,}")
_XS = re.compile(r"(?<![\w])(?:[xX]{1,4}(?:[-./:,][xX]{1,4})+|[xX]{3,})(?![\w])")
_EURO_BEFORE = re.compile(r"€[ \t\u00a0]?$")
_UUR_AFTER = re.compile(r"[ \t\u00a0]uur\b")
_LABEL_WORD = re.compile(r"[^\W\d_]+")
# How far back a blank's label, a "€" before an amount, may be: a bounded look, so that a
# paragraph full of blanks is read in linear time.
_LOOK_BACK = 64


def _of_words(text: str) -> tuple[PlaceholderKind, str] | None:
    """The kind and stand-in of written words ("naam huurder")."""
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return None
    kind = classify(words, [])
    return kind, stand_in(kind, words)


def _label_kind(text: str, start: int) -> tuple[PlaceholderKind, list[str]]:
    """The kind the words just before ``start`` on its line give ("Datum: ……"): at most
    three words of letters, then at most a colon and spaces."""
    window = text[max(0, start - _LOOK_BACK) : start]
    window = window[window.rfind("\n") + 1 :].rstrip(" \t\u00a0")
    window = window.removesuffix(":").rstrip(" \t\u00a0")
    words: list[str] = []
    for token in reversed(window.split()[-3:]):
        if not _LABEL_WORD.fullmatch(token):
            break
        words.insert(0, token.lower())
    return (classify(words, []) if words else PlaceholderKind.TEXT), words


def _euro_before(text: str, start: int) -> re.Match[str] | None:
    return _EURO_BEFORE.search(text, max(0, start - 2), start)


def _x_kind(text: str, match: re.Match[str]) -> tuple[PlaceholderKind, list[str]]:
    shape = match.group()
    if _euro_before(text, match.start()):
        return PlaceholderKind.AMOUNT, []
    if ":" in shape or text.startswith(" uur", match.end()):
        return PlaceholderKind.TIME, []
    if len(re.split(r"[-./]", shape)) == 3:
        return PlaceholderKind.DATE, []
    return _label_kind(text, match.start())


def _shouting_lines(text: str) -> tuple[list[int], list[bool]]:
    """Per line (its start offset): whether it is written wholly in capitals, in more than
    ``_MAX_CAPS_WORDS`` words: a heading or a warning, not a placeholder."""
    starts, shouting, pos = [], [], 0
    for line in text.split("\n"):
        starts.append(pos)
        shouting.append(
            not _LOWER.search(line) and len(_CAPS_WORDS.findall(line)) > _MAX_CAPS_WORDS
        )
        pos += len(line) + 1
    return starts, shouting


def _caps(text: str) -> list[tuple[int, int, list[str]]]:
    out = []
    lines: tuple[list[int], list[bool]] | None = None
    for match in _CAPS_RUN.finditer(text):
        words = match.group().split()
        if len(words) > _MAX_CAPS_WORDS or _COLON.match(text, match.end()):
            continue  # a heading in capitals, or a label ("NAAM:")
        if not any(w.replace("-", "").endswith(n) for w in words for n in _CAPS_NOUNS):
            continue
        lines = lines or _shouting_lines(text)
        if lines[1][bisect.bisect_right(lines[0], match.start()) - 1]:
            continue
        out.append((match.start(), match.end(), [w.lower() for w in words]))
    return out


def _make(kind: PlaceholderKind, words: list[str]) -> tuple[PlaceholderKind, str]:
    return kind, stand_in(kind, words)


def _candidates(text: str) -> list[tuple[int, int, PlaceholderKind, str]]:
    found: list[tuple[int, int, PlaceholderKind, str]] = []

    def add(start: int, end: int, made: tuple[PlaceholderKind, str] | None) -> None:
        if made is not None:
            found.append((start, end, *made))

    # each pattern with a sign every match of it holds: a text without it is not searched
    inside: list[tuple[re.Pattern[str], str, Callable[[str], bool]]] = [
        (_BRACKETS, "[", lambda inner: bool(_LETTERS.search(inner))),
        (_DOUBLE_ANGLE, "<<", lambda inner: bool(_LETTERS.search(inner))),
        (_GUILLEMETS, "«", lambda inner: bool(_LETTERS.search(inner))),
        (_BRACES, "{", lambda inner: True),
        (
            _ANGLE,
            "<",
            lambda inner: (
                inner.split()[0].lower() not in _HTML_ELEMENTS and bool(_LETTERS.search(inner))
            ),
        ),
    ]
    for pattern, sign, accept in inside:
        if sign not in text:
            continue
        for m in pattern.finditer(text):
            if accept(m.group(1)):
                add(m.start(), m.end(), _of_words(m.group(1).replace("_", " ").replace(".", " ")))
    if "{{" in text:
        for m in _JINJA.finditer(text):
            placeholder, word = from_expression_text(m.group())
            add(m.start(), m.end(), (placeholder.kind, word))
    for start, end, words in _caps(text):
        add(start, end, _make(classify(words, []), words))
    if "……" in text or "...." in text or "___" in text:
        for m in _BLANK.finditer(text):
            add(m.start(), m.end(), _make(*_label_kind(text, m.start())))
    if "x" in text or "X" in text:
        for m in _XS.finditer(text):
            add(m.start(), m.end(), _make(*_x_kind(text, m)))
    return found


def find(text: str) -> list[Written]:
    """The written placeholders in ``text``, in order, none overlapping (the earlier, then the
    longer one wins)."""
    out: list[Written] = []
    for start, end, kind, word in sorted(_candidates(text), key=lambda c: (c[0], -c[1])):
        if out and start < out[-1].end:
            continue
        if kind is PlaceholderKind.AMOUNT:
            euro = _euro_before(text, start)
            if euro and (not out or out[-1].end <= euro.start()):
                start = euro.start()
        elif kind is PlaceholderKind.TIME and word.endswith(" uur"):
            hour = _UUR_AFTER.match(text, end)
            end = hour.end() if hour else end
        out.append(Written(start, end, Placeholder(text[start:end], kind), word))
    return out


def outside(found: list[Written], taken: list[tuple[int, int]]) -> list[Written]:
    """The written placeholders that overlap none of the ``taken`` ranges (ranges that do not
    overlap each other, such as a template's tags), in linear-logarithmic time."""
    spans = sorted(taken)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    kept = []
    for written in found:
        before = bisect.bisect_left(starts, written.end) - 1  # the last range starting before
        if before < 0 or ends[before] <= written.start:
            kept.append(written)
    return kept


def tag_placeholder(tag_text: str) -> tuple[Placeholder, str] | None:
    """An HTML start tag that is a placeholder ("<datum>", "<naam huurder>" in an HTML letter):
    no HTML element, and its words name a kind of placeholder."""
    match = _ANGLE.fullmatch(tag_text)
    if match is None or match.group(1).split()[0].lower() in _HTML_ELEMENTS:
        return None
    made = _of_words(match.group(1))
    if made is None or made[0] is PlaceholderKind.TEXT:
        return None
    kind, word = made
    return Placeholder(tag_text, kind), word


def stand_in_text(
    source: MappedText, start: int, end: int, placeholder: Placeholder, word: str
) -> MappedText:
    """``word`` standing for ``source.text[start:end]``, mapped to that source range."""
    span = source.span(start, end)
    if span is None:
        return MappedText(word, ())
    src = (span.source, span.src_start, span.src_end)
    seg = Segment(0, len(word), *src, exact=False, placeholder=placeholder)
    return MappedText(word, (seg,))


def mark(content: MappedText) -> MappedText:
    """``content`` with every written placeholder replaced by its stand-in word (a placeholder
    segment mapped to the placeholder's source). Text that already is a placeholder (a
    template's ``{{ … }}``) is left alone."""
    found = [w for w in find(content.text) if not content.placeholders_in(w.start, w.end)]
    if not found:
        return content
    parts: list[MappedText] = []
    pos = 0
    for written in found:
        parts.append(content.slice(pos, written.start))
        parts.append(
            stand_in_text(content, written.start, written.end, written.placeholder, written.word)
        )
        pos = written.end
    parts.append(content.slice(pos, len(content.text)))
    return MappedText.join(parts)

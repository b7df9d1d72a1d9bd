"""Plain letters (.txt, .md, .html) and the text decoding every text reader shares."""

from __future__ import annotations

from lint_brieven.layout import layout_for
from lint_brieven.letter import Letter, MappedText, ReadResult, SourceText
from lint_brieven.readers import sniff
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.front_matter import declared_kind
from lint_brieven.suppression import suppressions_in

MARKUP_BY_SUFFIX = {
    ".txt": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def decode(data: bytes, *, allow_empty: bool = False) -> str:
    """UTF-8 text (a BOM is allowed); a clear Dutch error for anything else, for NUL bytes in
    the text, or (unless ``allow_empty``: an included template) for nothing."""
    problem = sniff.text_encoding(data)
    if problem:
        raise ReaderError(problem)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReaderError(
            f"Het bestand is geen geldige UTF-8-tekst (byte 0x{data[exc.start]:02x} op positie "
            f"{exc.start}). Sla het op als UTF-8.",
            line,
        ) from exc
    nul = text.find("\x00")
    if nul != -1:
        raise ReaderError(
            "Het bestand bevat nul-bytes (0x00), die in tekst niet voorkomen; is het als tekst "
            "opgeslagen?",
            text.count("\n", 0, nul) + 1,
        )
    if not text.strip() and not allow_empty:
        raise ReaderError("Het bestand is leeg.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: str, data: bytes, markup: str) -> ReadResult:
    source = SourceText(path, decode(data))
    blocks = layout_for(markup)(MappedText.from_source(source))
    letter = Letter(path, markup, tuple(blocks), kind=declared_kind(source.text, markup))
    return ReadResult(path, [letter], suppressions_in(source), sources=[source])

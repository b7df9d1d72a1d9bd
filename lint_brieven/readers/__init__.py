"""Readers turn a file into letters: one module per file type behind one function, ``read``."""

from __future__ import annotations

from pathlib import Path

from lint_brieven.letter import ReadResult
from lint_brieven.readers import jinja, sniff, text
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.limits import (
    MAX_BLOCK_CHARS,
    MAX_CHECKED_BLOCKS,
    MAX_FILE_TEXT_CHARS,
    number,
)
from lint_brieven.readers.options import ReadOptions
from lint_brieven.readers.package import MACRO_MESSAGE

__all__ = ["ReadOptions", "ReaderError", "kind_of", "read", "supported"]


def kind_of(path: str | Path, options: ReadOptions) -> str | None:
    """'docx', 'jinja', 'html', 'markdown' or 'plain'; None for files we do not read."""
    name = Path(path).name.lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith(tuple(options.template_suffixes)):
        return "jinja"
    return text.MARKUP_BY_SUFFIX.get(Path(name).suffix)


def supported(path: str | Path, options: ReadOptions) -> bool:
    return kind_of(path, options) is not None


# Word formats that are not read, named when a user names such a file on the command line
# (a folder walk skips them like any other file that is no letter).
_OTHER_WORD_FORMATS = {
    ".docm": MACRO_MESSAGE,
    ".doc": (
        "Dit is een oud Word-bestand (.doc), geen .docx. Open het in Word en sla het op als "
        "Word-document (.docx)."
    ),
    ".dotx": "Dit is een Word-sjabloon (.dotx), geen brief. Sla de brief op als .docx.",
    ".dotm": "Dit is een Word-sjabloon met macro's (.dotm), geen brief. Sla de brief op als .docx.",
}


def read(path: str, data: bytes, options: ReadOptions, kind: str | None = None) -> ReadResult:
    """Read one file's bytes. Raises :class:`ReaderError` with a Dutch message on bad input."""
    kind = kind or kind_of(path, options)
    if kind is None:
        raise ReaderError(
            _OTHER_WORD_FORMATS.get(
                Path(path).suffix.lower(),
                "Dit bestandstype wordt niet gelezen (wel: .docx, .txt, .md, .html en "
                "Jinja2-sjablonen zoals .html.j2).",
            )
        )
    if not data:
        raise ReaderError("Het bestand is leeg.")
    problem = sniff.nul_only(data) or sniff.office_binary(data)
    if problem:
        raise ReaderError(problem)
    if kind == "docx":
        from lint_brieven.readers import docx  # python-docx and lxml: only for a Word file

        result = docx.read(path, data, options)
    elif kind == "jinja":
        result = jinja.read(path, data, options)
    else:
        result = text.read(path, data, kind)
    _check_length(result)
    return result


def _check_length(result: ReadResult) -> None:
    """Refuse a paragraph or a file too long to analyse (``limits.MAX_BLOCK_CHARS``,
    ``MAX_CHECKED_BLOCKS`` and ``MAX_FILE_TEXT_CHARS``)."""
    # (the variants of a template share most blocks: each distinct text is measured once)
    distinct = {block.content.text for letter in result.letters for block in letter.blocks}
    if max(map(len, distinct), default=0) > MAX_BLOCK_CHARS:
        block = next(b for r in result.letters for b in r.blocks if len(b.text) > MAX_BLOCK_CHARS)
        span = block.content.span(0, 0)
        where = span.source.path if span and span.source.path != result.path else None
        raise ReaderError(
            f"Een alinea is te lang om te controleren: {number(len(block.text))} tekens "
            f"(grens {number(MAX_BLOCK_CHARS)}). Verdeel de tekst in kortere alinea's.",
            span.line if span else None,
            path=where,
        )
    count = sum(len(letter.blocks) for letter in result.letters)
    if count > MAX_CHECKED_BLOCKS:
        raise ReaderError(
            f"Het bestand heeft te veel alinea's om te controleren: {number(count)} (grens "
            f"{number(MAX_CHECKED_BLOCKS)})."
        )
    total = sum(len(text) for text in distinct)
    if total > MAX_FILE_TEXT_CHARS:
        raise ReaderError(
            f"Het bestand bevat te veel tekst om te controleren: {number(total)} tekens "
            f"(grens {number(MAX_FILE_TEXT_CHARS)}, zo'n 150 pagina's). Controleer lange "
            "bijlagen apart."
        )

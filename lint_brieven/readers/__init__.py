"""Readers turn a file into letters: one module per file type behind one function, ``read``."""

from __future__ import annotations

from pathlib import Path

from lint_brieven.letter import ReadResult
from lint_brieven.readers import docx, jinja, text
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.options import ReadOptions

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


def read(path: str, data: bytes, options: ReadOptions, kind: str | None = None) -> ReadResult:
    """Read one file's bytes. Raises :class:`ReaderError` with a Dutch message on bad input."""
    kind = kind or kind_of(path, options)
    if kind is None:
        raise ReaderError(
            "Dit bestandstype wordt niet gelezen (wel: .docx, .txt, .md, .html en "
            "Jinja2-sjablonen zoals .html.j2)."
        )
    if not data:
        raise ReaderError("Het bestand is leeg.")
    if kind == "docx":
        return docx.read(path, data, options)
    if kind == "jinja":
        return jinja.read(path, data, options)
    return text.read(path, data, kind)

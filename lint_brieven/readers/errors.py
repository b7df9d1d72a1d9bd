"""The one error every reader raises for a file it cannot read."""

from __future__ import annotations


class ReaderError(Exception):
    """A file cannot be read. ``message`` is Dutch and names the problem, not the file.

    ``path`` is set when the problem is in another file than the one being read (an included
    template); ``line`` when the reader knows where.
    """

    def __init__(self, message: str, line: int | None = None, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

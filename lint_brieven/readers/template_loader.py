"""Find the templates a letter includes, extends or imports, without leaving the folders.

The lookup is jinja2's ``FileSystemLoader`` lookup (the letter's own folder, then the configured
``template-paths``; ``..`` is never allowed), with three refusals: a template reached through a
symbolic link that resolves outside all of those folders, a path that is no regular file (a
named pipe would block the run forever), and a file above the size limit. Templates are read
as UTF-8 like the letter itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.loaders import split_template_path

from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.limits import number


class TemplateRefused(ReaderError):
    """An included template that is not read; the caller adds where it was included."""


def display_path(path: str | os.PathLike[str]) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


class FolderLoader(BaseLoader):
    def __init__(self, searchpath: Sequence[str | os.PathLike[str]], max_bytes: int) -> None:
        self.searchpath = [os.fspath(p) for p in searchpath]
        self.roots = [os.path.realpath(p) for p in self.searchpath]
        self.max_bytes = max_bytes

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from lint_brieven.readers.text import decode  # text imports nothing of templates

        pieces = split_template_path(template)  # TemplateNotFound for ".."
        for base in self.searchpath:
            candidate = os.path.join(base, *pieces)
            if not os.path.lexists(candidate):
                continue
            if not self._inside(os.path.realpath(candidate)):
                raise TemplateRefused(
                    f"Het sjabloon '{template}' verwijst via een symbolische koppeling naar een "
                    f"bestand buiten de map {self._folders()}; het wordt niet gelezen."
                )
            try:
                info = os.stat(candidate)
            except OSError:
                continue  # a broken link: not there
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise TemplateRefused(
                    f"Het sjabloon '{template}' is geen gewoon bestand (maar bijvoorbeeld een "
                    "named pipe of apparaat); het wordt niet gelezen."
                )
            if info.st_size > self.max_bytes:
                raise TemplateRefused(self._too_large(template, info.st_size))
            try:
                with open(candidate, "rb") as handle:
                    data = handle.read(self.max_bytes + 1)
            except PermissionError as exc:
                raise TemplateRefused(
                    f"Het sjabloon '{template}' kan niet worden gelezen: geen leesrechten."
                ) from exc
            except OSError as exc:
                raise TemplateRefused(
                    f"Het sjabloon '{template}' kan niet worden gelezen (leesfout van het "
                    "besturingssysteem)."
                ) from exc
            if len(data) > self.max_bytes:
                raise TemplateRefused(self._too_large(template, len(data)))
            try:
                source = decode(data, allow_empty=True)
            except ReaderError as exc:
                raise ReaderError(exc.message, exc.line, path=display_path(candidate)) from exc
            return source, candidate, lambda: True
        raise TemplateNotFound(template)

    def _inside(self, real: str) -> bool:
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )

    def _folders(self) -> str:
        first = display_path(self.searchpath[0]) if self.searchpath else "-"
        return first + (" en de template-paths" if len(self.searchpath) > 1 else "")

    def _too_large(self, template: str, size: int) -> str:
        return (
            f"Het sjabloon '{template}' is te groot ({number(size)} bytes; grens "
            f"{number(self.max_bytes)})."
        )

"""Settings that change how files are read (from the configuration)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")


@dataclass(frozen=True)
class ReadOptions:
    template_paths: tuple[Path, ...] = ()  # extra Jinja2 search paths
    template_suffixes: tuple[str, ...] = DEFAULT_TEMPLATE_SUFFIXES
    max_variants: int = 64
    max_docx_entry_bytes: int = 50 * 1024 * 1024
    max_docx_total_bytes: int = 250 * 1024 * 1024
    max_file_bytes: int = 20 * 1024 * 1024  # a file on disk, before it is read (runner)

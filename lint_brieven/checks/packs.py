"""Where rule packs are: the built-in folder and the pack files of a list of paths.

Apart from ``loader`` (which builds checks and so loads spaCy): ``audit`` keys its cache on
the packs' bytes without loading the Dutch pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path


class RulePackError(Exception):
    """A rule pack cannot be used; the message is Dutch and names the file."""


def builtin_pack_dir() -> Path:
    shipped = Path(str(resources.files("lint_brieven") / "_rules"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "rules"  # a source checkout


def pack_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            files.append(path)
        else:
            raise RulePackError(f"{path}: regelpakket niet gevonden.")
    return files

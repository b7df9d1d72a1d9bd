"""Where lint-brieven keeps its caches between runs: ``$XDG_CACHE_HOME/lint-brieven``, else
``%LOCALAPPDATA%\\lint-brieven`` on Windows, else ``~/.cache/lint-brieven``."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_folder() -> Path | None:
    """The folder (not made here), or None when there is no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.environ.get("LOCALAPPDATA", "") if os.name == "nt" else ""
        if not os.path.isabs(base):
            try:
                base = str(Path.home() / ".cache")
            except (RuntimeError, KeyError, OSError):
                return None
    return Path(base) / "lint-brieven"

"""The server's settings: section ``lintBrieven`` (``workspace/didChangeConfiguration``,
``workspace/configuration``) or the same keys in ``initializationOptions``.

- ``readability``: ``"inlay"`` (default: an inlay hint at the top of the letter), ``"diagnostic"``
  (an Information diagnostic on the first line) or ``"off"``;
- ``debounceMs``: how long typing must pause before a changed letter is checked (default 300).

A value of the wrong type or out of range is left at what it was (and named in the log).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

SECTION = "lintBrieven"
READABILITY_MODES = ("inlay", "diagnostic", "off")
MAX_DEBOUNCE_MS = 10_000


@dataclass(frozen=True)
class Settings:
    readability: str = "inlay"
    debounce_ms: int = 300

    def updated(self, values: object) -> tuple[Settings, list[str]]:
        """These settings with ``values`` (the keys of the section, or an object holding the
        section under ``lintBrieven``) applied; and the Dutch complaints about bad values."""
        if not isinstance(values, Mapping):
            return self, []
        if isinstance(values.get(SECTION), Mapping):
            values = values[SECTION]
        changed: dict[str, Any] = {}
        problems: list[str] = []
        mode = values.get("readability")
        if mode is not None:
            if mode in READABILITY_MODES:
                changed["readability"] = mode
            else:
                problems.append(
                    f"{SECTION}.readability: {mode!r} is geen keuze "
                    f"(wel: {', '.join(READABILITY_MODES)})."
                )
        wait = values.get("debounceMs")
        if wait is not None:
            if isinstance(wait, int | float) and not isinstance(wait, bool):
                changed["debounce_ms"] = int(min(max(wait, 0), MAX_DEBOUNCE_MS))
            else:
                problems.append(f"{SECTION}.debounceMs: {wait!r} is geen getal (milliseconden).")
        return replace(self, **changed), problems

"""Measured precision of the built-in rules, and the default selection it decides.

``rules/precision.yaml`` (shipped as ``lint_brieven/_rules/precision.yaml``) holds, per rule,
how many of its findings on the judged development set (``eval/dev``) an editor judged, and
how many of those were real problems. ``benchmarks/precision.py --update`` writes it from the
judgments; nobody types the figures. A rule whose measured precision is below ``threshold``
over at least ``min_judged`` judged findings is off by default (like ruff's default rule
selection): ``--select ALL``, ``select = ["ALL"]``, selecting its code or ``extend-select``
turns it on. So a later measurement flips a rule's default without a code change.

No file, or a file without ``rules``: nothing is measured and every rule is on by default.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PRECISION_FILE = "precision.yaml"
THRESHOLD = 0.90  # below this measured precision a rule is off by default
MIN_JUDGED = 5  # … when at least this many of its findings were judged
COUNTS = ("judged", "tp", "tp_bad", "fp")


class PrecisionFileError(Exception):
    """The precision file cannot be used; the message is Dutch and names the file."""


@dataclass(frozen=True)
class Measured:
    """One rule's measurement on the judged set."""

    judged: int
    tp: int
    tp_bad: int
    fp: int
    measured: str = ""  # date of the measurement (YYYY-MM-DD)
    judged_set: str = ""  # which judged set, e.g. eval/dev
    off: bool = False  # below the threshold with enough judgments: off by default
    threshold: float = THRESHOLD  # the bar it was held to

    @property
    def precision(self) -> float:
        """(TP + TP-bad) / judged: the share of findings that are real problems."""
        return (self.tp + self.tp_bad) / self.judged if self.judged else 0.0

    @property
    def usable(self) -> float:
        """TP / judged: the share usable as given."""
        return self.tp / self.judged if self.judged else 0.0

    @property
    def shown(self) -> str:
        """``92% (25)``: precision (rounded down) and the number of judged findings."""
        return f"{percent(self.precision)} ({self.judged})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "usable": round(self.usable, 4),
            "judged": self.judged,
            "tp": self.tp,
            "tp_bad": self.tp_bad,
            "fp": self.fp,
            "measured": self.measured,
            "set": self.judged_set,
            "default_off": self.off,
        }


def percent(share: float) -> str:
    """A share as a whole percentage, rounded down (89.6% is not 90%)."""
    return f"{math.floor(share * 100 + 1e-9)}%"


@dataclass(frozen=True)
class PrecisionTable:
    rules: Mapping[str, Measured] = field(default_factory=dict)
    threshold: float = THRESHOLD
    min_judged: int = MIN_JUDGED
    measured: str = ""
    judged_set: str = ""
    overall: Mapping[str, Any] = field(default_factory=dict)


def read_table(path: Path) -> PrecisionTable:
    """The table in ``path``; an empty table when the file is absent or empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return PrecisionTable()
    except (OSError, UnicodeDecodeError) as exc:
        raise PrecisionFileError(
            f"{path}: precisiegegevens kunnen niet worden gelezen: {exc}"
        ) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PrecisionFileError(f"{path}: ongeldige YAML in de precisiegegevens: {exc}") from None
    return parse_table(data, path)


def parse_table(data: Any, path: Path | str) -> PrecisionTable:
    if data is None:
        return PrecisionTable()

    def bad(what: str) -> PrecisionFileError:
        return PrecisionFileError(f"{path}: ongeldige precisiegegevens: {what}.")

    if not isinstance(data, dict):
        raise bad("verwacht een tabel met 'rules'")
    threshold = data.get("threshold", THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise bad("'threshold' moet een getal tussen 0 en 1 zijn")
    if not 0 <= threshold <= 1:
        raise bad("'threshold' moet een getal tussen 0 en 1 zijn")
    min_judged = data.get("min_judged", MIN_JUDGED)
    if isinstance(min_judged, bool) or not isinstance(min_judged, int) or min_judged < 1:
        raise bad("'min_judged' moet een heel getal groter dan 0 zijn")
    measured, judged_set = str(data.get("measured") or ""), str(data.get("set") or "")
    table = data.get("rules") or {}
    if not isinstance(table, dict):
        raise bad("'rules' moet een tabel van regelcode naar meting zijn")
    rules: dict[str, Measured] = {}
    for code, entry in table.items():
        if not isinstance(entry, dict):
            raise bad(f"regel {code} moet een tabel zijn")
        counts = {}
        for key in COUNTS:
            value = entry.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise bad(f"regel {code}, '{key}' moet een heel getal van 0 of meer zijn")
            counts[key] = value
        if counts["tp"] + counts["tp_bad"] + counts["fp"] != counts["judged"]:
            raise bad(f"regel {code}: tp + tp_bad + fp is niet gelijk aan judged")
        if counts["judged"] == 0:
            continue  # nothing measured
        real = counts["tp"] + counts["tp_bad"]
        rules[str(code).upper()] = Measured(
            **counts,
            measured=str(entry.get("measured") or measured),
            judged_set=str(entry.get("set") or judged_set),
            off=counts["judged"] >= min_judged and real / counts["judged"] < threshold,
            threshold=float(threshold),
        )
    overall = data.get("overall") or {}
    if not isinstance(overall, dict):
        raise bad("'overall' moet een tabel zijn")
    return PrecisionTable(rules, float(threshold), min_judged, measured, judged_set, overall)

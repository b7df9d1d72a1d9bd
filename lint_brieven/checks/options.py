"""Rule options from the configuration: a team changes a rule's threshold without writing a
pack (``[rule-options.LB201] max = 22``, ``[rule-options.LB209] min-zipf = 1.5``).

An option is one of the rule's own scalar settings (``max``, ``min-words``) or, for a detector
rule, one of the detector's options. The new value must have the type of the old one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from lint_brieven.checks.detectors import DETECTORS
from lint_brieven.checks.rule import Rule

_SCALAR_KEYS = ("max", "min-words")


class OptionError(ValueError):
    """An option the rule does not have, or a value of the wrong type (message in Dutch)."""


def settable(rule: Rule) -> dict[str, Any]:
    """The options of ``rule`` and their current values."""
    values = {k: rule.spec[k] for k in _SCALAR_KEYS if k in rule.spec}
    if rule.kind == "detector" and rule.spec.get("detector") in DETECTORS:
        detector = DETECTORS[rule.spec["detector"]]
        values.update({**detector.defaults, **rule.spec.get("options", {})})
    elif isinstance(rule.spec.get("options"), dict):  # e.g. LB203 min-sentences, LB402
        values.update(rule.spec["options"])
    return values


def with_options(rule: Rule, options: Mapping[str, Any]) -> Rule:
    """``rule`` with ``options`` applied."""
    if not options:
        return rule
    current = settable(rule)
    spec = dict(rule.spec)
    detector_options = dict(spec.get("options", {}))
    for key, value in options.items():
        if key not in current:
            known = ", ".join(sorted(current)) or "geen"
            raise OptionError(f"{rule.code} heeft geen optie '{key}' (opties: {known}).")
        old = current[key]
        if not _same_type(old, value):
            raise OptionError(
                f"{rule.code}: optie '{key}' moet van hetzelfde soort zijn als {old!r}."
            )
        if key in _SCALAR_KEYS and key in spec:
            spec[key] = value
        else:
            detector_options[key] = value
    if detector_options:
        spec["options"] = detector_options
    return replace(rule, spec=spec)


def _same_type(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)):
        return isinstance(new, (int, float))
    return isinstance(new, type(old))

"""Load rule packs (YAML) into rules and build the check for each (Vale's manager).

Packs are validated against ``pack_schema.json``; a bad pack is a clear error naming the file
and the rule. Every regular expression is compiled when the pack is loaded, so a bad one is
such an error too ("regels.yaml: regel HUIS001, veld 'unless.regex': ongeldige reguliere
expressie: …"), never a traceback halfway through a run. Built-in packs live in the
repository's ``rules/`` folder, shipped inside the wheel as ``lint_brieven/_rules``; a
configuration can add more pack files or folders.

A pack that passed is kept in the rule cache (``rule_cache``), keyed on the file's bytes and
the code and package versions that validate it: the next start with the same pack skips
reading the YAML and the validation (a changed pack is validated again).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lint_brieven.checks import rule_cache
from lint_brieven.checks.base import Check
from lint_brieven.checks.builtin import BUILTIN_RULES
from lint_brieven.checks.content import ContentCheck
from lint_brieven.checks.detector import DetectorCheck
from lint_brieven.checks.letter_level import LetterCheck
from lint_brieven.checks.metric import MetricCheck
from lint_brieven.checks.packs import RulePackError, builtin_pack_dir, pack_files
from lint_brieven.checks.pattern import PatternCheck
from lint_brieven.checks.precision import (
    PRECISION_FILE,
    PrecisionFileError,
    PrecisionTable,
    read_table,
)
from lint_brieven.checks.readability import ReadabilityCheck
from lint_brieven.checks.regexes import RegexError, compile_pattern, token_regexes
from lint_brieven.checks.rule import Rule
from lint_brieven.checks.substitution import SubstitutionCheck
from lint_brieven.checks.term import TermCheck
from lint_brieven.findings import Severity, Suggestion
from lint_brieven.nlp import word_frequencies

# the checks ask wordfreq for Dutch word frequencies: from a lookup file, not its unpacked list
word_frequencies.install()

KINDS: dict[str, type[Check]] = {
    "substitution": SubstitutionCheck,
    "pattern": PatternCheck,
    "metric": MetricCheck,
    "letter": LetterCheck,
    "readability": ReadabilityCheck,
    "term": TermCheck,
    "detector": DetectorCheck,
    "content": ContentCheck,
}
_COMMON = {
    "code",
    "name",
    "category",
    "severity",
    "kind",
    "message",
    "rationale",
    "examples",
    "suggest",
    "default",
}


def precision_file() -> Path:
    """The measured precision of the built-in rules (``rules/precision.yaml``)."""
    return builtin_pack_dir() / PRECISION_FILE


def precision_table() -> PrecisionTable:
    try:
        return read_table(precision_file())
    except PrecisionFileError as exc:
        raise RulePackError(str(exc)) from None


@lru_cache(maxsize=1)
def _schema() -> dict:
    text = (resources.files("lint_brieven.checks") / "pack_schema.json").read_text("utf-8")
    return json.loads(text)


def load_pack(path: Path) -> list[Rule]:
    """The rules of the pack in ``path``. A pack validated before, with the same bytes, comes
    from the cache (``rule_cache``) without being read and checked again."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulePackError(f"{path}: regelpakket kan niet worden gelezen: {exc}") from exc
    data = rule_cache.cached(
        "pack", rule_cache.pack_key(raw), lambda: _validated(path, raw), _is_pack
    )
    return [_rule(entry, data["pack"], path) for entry in data["rules"]]


def _validated(path: Path, raw: bytes) -> dict:
    """The pack's data from the file's bytes ``raw``, checked against the schema with every
    regular expression compiled; :class:`RulePackError` if it is not a valid pack."""
    import jsonschema
    import yaml

    try:
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()  # as read_text
        # libyaml's safe loader when PyYAML has it: the packs hold hundreds of entries
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 (safe)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulePackError(f"{path}: regelpakket kan niet worden gelezen: {exc}") from exc
    errors = sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        first = errors[0]
        where = _where(data, list(first.absolute_path))
        raise RulePackError(f"{path}: ongeldig regelpakket{where}: {first.message}")
    for entry in data["rules"]:
        _check_regexes(entry, path)
    return data


def _is_pack(data: object) -> bool:
    """The shape a validated pack has (a cache file is checked for it)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("pack"), str)
        and isinstance(data.get("rules"), list)
        and all(isinstance(entry, dict) for entry in data["rules"])
    )


def _regex_fields(entry: dict) -> Iterator[tuple[str, str]]:
    """(field, pattern) of every regular expression in a rule entry, token patterns too."""
    unless = entry.get("unless") or {}
    yield from (("unless.regex", r) for r in unless.get("regex", []))
    yield from (("patterns", r) for _attr, r in token_regexes(entry.get("patterns")))
    yield from (("unless.patterns", r) for _attr, r in token_regexes(unless.get("patterns")))
    for key in ("swap", "terms"):  # conditions of one word-list entry
        for item in entry.get(key) or []:
            for condition in ("unless", "advice-if"):
                regexes = (item.get(condition) or {}).get("regex", [])
                yield from ((f"{key}.{condition}.regex", r) for r in regexes)
    element = entry.get("element") or {}  # a content rule's matchers, nested in any/all
    for key in ("present", "at"):
        yield from _content_regexes(element.get(key) or [], f"element.{key}")
    if entry.get("kind") == "content" and isinstance(entry.get("options"), dict):
        for key in ("ook", "alleen-als"):
            regexes = entry["options"].get(key) or []
            yield from ((f"options.{key}", r) for r in regexes if isinstance(r, str))
    for key in ("require", "forbid"):
        for matcher in entry.get(key) or []:
            if "regex" in matcher:
                yield f"{key}.regex", matcher["regex"]
            if "pattern" in matcher:
                yield from ((f"{key}.pattern", r) for _a, r in token_regexes([matcher["pattern"]]))


def _content_regexes(matchers: list, field: str) -> Iterator[tuple[str, str]]:
    for matcher in matchers:
        if "regex" in matcher:
            yield f"{field}.regex", matcher["regex"]
        if "pattern" in matcher:
            yield from ((f"{field}.pattern", r) for _a, r in token_regexes([matcher["pattern"]]))
        for key in ("any", "all"):
            yield from _content_regexes(matcher.get(key) or [], field)


def _check_regexes(entry: dict, path: Path) -> None:
    """Compile every regular expression of a (schema-valid) rule entry."""
    for field, pattern in _regex_fields(entry):
        try:
            compile_pattern(pattern, field)
        except RegexError as exc:
            raise RulePackError(f"{path}: regel {entry['code']}, {exc}") from None


def _where(data: object, location: list) -> str:
    if len(location) >= 2 and location[0] == "rules" and isinstance(data, dict):
        rule = data["rules"][location[1]]
        code = rule.get("code", "?") if isinstance(rule, dict) else "?"
        rest = ".".join(str(p) for p in location[2:])
        return f" (regel {code}{', veld ' + rest if rest else ''})"
    return f" (bij {'.'.join(str(p) for p in location)})" if location else ""


def _rule(entry: dict, pack: str, path: Path) -> Rule:
    suggestions = tuple(
        Suggestion(s, False, False)
        if isinstance(s, str)
        else Suggestion(s["text"], s.get("safe", False), s.get("replace", False))
        for s in entry.get("suggest", [])
    )
    return Rule(
        code=entry["code"],
        name=entry["name"],
        category=entry["category"],
        severity=Severity(entry["severity"]),
        kind=entry["kind"],
        message=entry["message"],
        rationale=entry["rationale"].strip(),
        examples_flag=tuple(entry["examples"]["flag"]),
        examples_pass=tuple(entry["examples"]["pass"]),
        pack=pack,
        pack_path=str(path),
        suggestions=suggestions,
        spec={k: v for k, v in entry.items() if k not in _COMMON},
        default=entry.get("default", True),
    )


def load_rules(extra: Iterable[Path] = ()) -> dict[str, Rule]:
    """Every rule by code: built-in rules, the shipped packs (with their measured precision,
    which decides whether they are on by default), then the extra packs."""
    rules: dict[str, Rule] = {r.code: r for r in BUILTIN_RULES}
    builtin = [f for f in pack_files([builtin_pack_dir()]) if f.name != PRECISION_FILE]
    _add_packs(rules, builtin)
    for code, measured in precision_table().rules.items():
        if code in rules:  # a rule measured once and removed since: nothing to mark
            rules[code] = replace(rules[code], precision=measured)
    _add_packs(rules, pack_files(extra))
    return rules


def _add_packs(rules: dict[str, Rule], files: Iterable[Path]) -> None:
    for file in files:
        for rule in load_pack(file):
            if rule.code in rules:
                other = rules[rule.code].pack_path or "lint-brieven"
                raise RulePackError(f"{file}: code {rule.code} bestaat al (in {other}).")
            rules[rule.code] = rule


def rules_for(packs: Iterable[Path] = ()) -> dict[str, Rule]:
    """``load_rules`` once per process for each set of extra packs, however they are passed:
    ``rules_for()`` (the checks that consult the shipped rules) is the run's own
    ``rules_for(config.rule_packs)`` when the configuration adds no packs, the same rules and
    so the same built checks (``build_check``)."""
    return _rules(tuple(packs))


@lru_cache(maxsize=8)
def _rules(packs: tuple[Path, ...]) -> dict[str, Rule]:
    return load_rules(packs)


def _forget() -> None:
    """Read the rule packs again and build every check again (``check --watch``)."""
    _rules.cache_clear()
    _built.cache_clear()


rules_for.cache_clear = _forget  # type: ignore[attr-defined]


class _Same:
    """A rule as a key that is this very rule object: rules compare by code, and a rule with
    other options (``with_options``) is another object with the same code."""

    __slots__ = ("rule",)

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def __hash__(self) -> int:
        return id(self.rule)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.rule is self.rule


def build_check(rule: Rule) -> Check:
    """The check for ``rule``, built once per rule object: the run and the checks that use
    other rules' word lists (officialese, jargon: ``sentence_difficulty``) share one check
    (building a word-list check costs tens of milliseconds)."""
    return _built(_Same(rule))


@lru_cache(maxsize=256)
def _built(key: _Same) -> Check:
    rule = key.rule
    try:
        return KINDS[rule.kind](rule)
    except ValueError as exc:  # spaCy rejects a malformed token pattern
        where = f"{rule.pack_path}: regel {rule.code}"
        raise RulePackError(f"{where}: ongeldig patroon: {exc}") from exc

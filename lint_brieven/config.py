"""Configuration: ``[tool.lint-brieven]`` in pyproject.toml, or lint-brieven.toml /
.lint-brieven.toml, found upward from each file. Command-line flags override the file.

Unknown keys and bad values are errors that name the file and the key, in Dutch.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec

from lint_brieven.findings import Severity
from lint_brieven.letter import DocumentKind
from lint_brieven.readers.options import DEFAULT_TEMPLATE_SUFFIXES, ReadOptions

CONFIG_FILES = (".lint-brieven.toml", "lint-brieven.toml", "pyproject.toml")
ORGANISATION_KEYS = (
    "naam",
    "telefoon",
    "email",
    "website",
    "openingstijden",
    "balie",
    "postadres",
    "iban",
    "betaallink",
    "schuldhulp",
)
# Folders a walk never enters, whatever .gitignore says: version control, environments,
# caches and build output (README: "Welke bestanden").
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
    "site-packages",
)
# A review copy made by ``lint-brieven review`` is not a letter of its own.
REVIEW_COPY = ".nagekeken.docx"
# Files a walk passes by as no letters (gitignore patterns on the file name, any case): a
# repository's own documentation and licence, and text files of other tools. Named on the
# command line they are checked all the same.
NOT_LETTERS = (
    "readme*",
    "changelog*",
    "contributing*",
    "code_of_conduct*",
    "license*",
    "licence*",
    "copying*",
    "authors*",
    "requirements*.txt",
    "constraints*.txt",
    "robots.txt",
    "humans.txt",
    "security.txt",
    "cmakelists.txt",
    f"*{REVIEW_COPY}",
)


class ConfigError(Exception):
    """A configuration cannot be used; the message is Dutch and names the file."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from (None: defaults)
    root: Path = field(default_factory=Path.cwd)  # globs and paths are relative to this
    # None: the default selection, every rule on by default (see Rule.on_by_default);
    # ("ALL",) every rule; otherwise the rules these codes and prefixes name
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    # gitignore patterns, relative to the configuration file's folder (``*`` stays within
    # a folder, ``**`` crosses folders)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True  # a walk skips what .gitignore files ignore
    partials: tuple[str, ...] = ()  # template pieces: no whole-letter checks
    # ``soort``: what kind of text the files are (None: decided from each text), and per glob
    kind: DocumentKind | None = None
    per_file_kind: Mapping[str, DocumentKind] = field(default_factory=dict)
    # ``brieftype``: the type of letter for the content checks (None: from each letter's words,
    # see dutch/letter_type.py; "geen": no type), and per glob
    letter_type: str | None = None
    per_file_letter_type: Mapping[str, str] = field(default_factory=dict)
    rule_packs: tuple[Path, ...] = ()
    template_paths: tuple[Path, ...] = ()
    template_extensions: tuple[str, ...] = ()
    max_variants: int = 64
    target_level: int = 2
    accept: frozenset[str] = frozenset()
    reject: Mapping[str, str] = field(default_factory=dict)
    organisation: Mapping[str, str] = field(default_factory=dict)
    # ``[servicetermijnen]``: what the organisation promises and keeps, e.g.
    # reparatie = "binnen 5 werkdagen"; fills proposals and is what promises are held to
    service_terms: Mapping[str, str] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    moments: Mapping[str, str] = field(default_factory=dict)  # glob → journey moment (audit)
    # ``docs-url``: where the rules are documented, ``{code}`` filled with a rule's code
    # (SARIF ``helpUri``, rdjson ``code.url``)
    docs_url: str | None = None
    baseline: Path | None = None  # ``baseline``: the file of known findings (see baseline.py)

    @property
    def read_options(self) -> ReadOptions:
        suffixes = tuple(dict.fromkeys(DEFAULT_TEMPLATE_SUFFIXES + self.template_extensions))
        return ReadOptions(self.template_paths, suffixes, self.max_variants)

    @cached_property
    def _resolved_root(self) -> Path:
        """``root`` resolved once per configuration (a walk asks for every file and folder)."""
        return self.root.resolve()

    def relative(self, path: Path) -> PurePosixPath | None:
        try:
            return PurePosixPath(path.resolve().relative_to(self._resolved_root).as_posix())
        except ValueError:
            return None

    def is_excluded(self, path: Path, folder: bool = False) -> bool:
        """Whether a walk passes a file or folder by: the ``exclude`` patterns, folders never
        entered (``DEFAULT_EXCLUDE``: .git, .venv, build …) and files that are no letters
        (``NOT_LETTERS``: README, LICENSE, requirements.txt …)."""
        if folder and path.name in DEFAULT_EXCLUDE:  # never entered: nothing inside is met
            return True
        if not folder and glob_matches(PurePosixPath(path.name.lower()), NOT_LETTERS):
            return True
        return self.excludes(path, folder)

    def excludes(self, path: Path, folder: bool = False) -> bool:
        """Whether the ``exclude`` patterns name a file or folder (a file named on the command
        line too)."""
        if not self.exclude:  # (no path resolved for nothing)
            return False
        rel = self.relative(path)
        return rel is not None and glob_matches(rel, self.exclude, folder)

    def is_included(self, path: Path) -> bool:
        if not self.include:
            return True
        rel = self.relative(path)
        return rel is not None and _matches_any(rel, self.include)

    def is_partial(self, path: Path) -> bool:
        """A template piece (included, extended or imported), not a letter of its own.

        Files named ``_*`` always are; ``partials`` globs name more.
        """
        if path.name.startswith("_"):
            return True
        rel = self.relative(path) if self.partials else None
        return rel is not None and _matches_any(rel, self.partials)

    def kind_for(self, path: Path) -> DocumentKind | None:
        """The configured kind of text of ``path``: a template piece is a fragment; else the
        first ``per-file-soort`` glob that matches, else ``soort`` (None: from the text)."""
        if self.is_partial(path):
            return DocumentKind.FRAGMENT
        rel = self.relative(path)
        if rel is not None:
            for glob, kind in self.per_file_kind.items():
                if _matches_any(rel, (glob,)):
                    return kind
        return self.kind

    def letter_type_for(self, path: Path) -> str | None:
        """The configured type of letter of ``path``: the first ``per-file-brieftype`` glob
        that matches, else ``brieftype`` (None: from the letter's words)."""
        rel = self.relative(path)
        if rel is not None:
            for glob, letter_type in self.per_file_letter_type.items():
                if _matches_any(rel, (glob,)):
                    return letter_type
        return self.letter_type

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        rel = self.relative(path)
        if rel is None:
            return ()
        return tuple(
            c
            for glob, codes in self.per_file_ignores.items()
            if _matches_any(rel, (glob,))
            for c in codes
        )


def _matches_any(rel: PurePosixPath, globs: Sequence[str]) -> bool:
    return glob_matches(rel, globs)


def glob_matches(rel: PurePosixPath, globs: Sequence[str], folder: bool = False) -> bool:
    """Whether the gitignore patterns ``globs`` (pathspec's, as git reads a .gitignore) match
    the relative path ``rel``: ``*`` stays within a folder, ``**`` crosses folders, a pattern
    without ``/`` matches a name at any depth, one with ``/`` is relative to the root, what is
    inside a matched folder matches too, and ``!`` takes a path out again."""
    if not globs:
        return False
    text = rel.as_posix()
    return _spec(tuple(globs)).match_file(f"{text}/" if folder and text != "." else text)


@cache
def _spec(globs: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(globs)


# -- finding and parsing ----------------------------------------------------------------------


@lru_cache(maxsize=256)  # a walk asks folder by folder; not every folder ever asked kept
def find_config_file(directory: Path) -> Path | None:
    """The nearest configuration file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "lint-brieven" in data.get("tool", {})


@cache
def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: configuratie kan niet worden gelezen: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, exc)) from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lint-brieven", {})
    return parse_config(data, path, path.parent)


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """``pyproject.toml:3: ongeldige TOML (regel 3, kolom 11): Invalid value``: the line
    tomllib names (in its English message, as ``(at line 3, column 11)``) put in front."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if not found:
        return f"{path}: ongeldige TOML: {exc}"
    line, column = found.groups()
    reason = str(exc)[: found.start()].strip()
    return f"{path}:{line}: ongeldige TOML (regel {line}, kolom {column}): {reason}"


def config_in(directory: Path) -> Config:
    """The configuration that applies to files in ``directory``."""
    found = find_config_file(directory.resolve())
    return load_config(found) if found else Config()


def parse_config(data: Mapping[str, Any], path: Path | None, root: Path) -> Config:
    reader = _Reader(data, path)
    config = Config(
        path=path,
        root=root,
        select=reader.codes("select", None),
        extend_select=reader.codes("extend-select"),
        ignore=reader.codes("ignore"),
        per_file_ignores=reader.per_file_ignores(),
        severity=reader.severity_map(),
        fail_on=reader.severity("fail-on", Severity.WARNING),
        include=reader.strings("include"),
        exclude=reader.strings("exclude"),
        respect_gitignore=reader.boolean("respect-gitignore", True),
        partials=reader.strings("partials"),
        kind=reader.kind(),
        per_file_kind=reader.per_file_kind(),
        letter_type=reader.letter_type(root),
        per_file_letter_type=reader.per_file_letter_type(root),
        rule_packs=tuple(root / p for p in reader.strings("rule-packs")),
        template_paths=tuple(root / p for p in reader.strings("template-paths")),
        template_extensions=tuple(
            e if e.startswith(".") else f".{e}" for e in reader.strings("template-extensions")
        ),
        max_variants=reader.positive_int("max-variants", 64),
        target_level=reader.level("target-level", 2),
        accept=frozenset(w.lower() for w in reader.strings("accept")),
        reject=reader.reject(),
        organisation=reader.organisation(),
        service_terms=reader.text_table("servicetermijnen"),
        rule_options=reader.rule_options(),
        moments=reader.moments(),
        docs_url=reader.docs_url(),
        baseline=reader.path("baseline", root),
    )
    reader.finish()
    return config


class _Reader:
    """Reads typed values out of the raw table, remembering which keys were used."""

    KEYS = (
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "severity",
        "fail-on",
        "include",
        "exclude",
        "respect-gitignore",
        "partials",
        "soort",
        "per-file-soort",
        "brieftype",
        "per-file-brieftype",
        "rule-packs",
        "template-paths",
        "template-extensions",
        "max-variants",
        "target-level",
        "accept",
        "reject",
        "organisatie",
        "servicetermijnen",
        "rule-options",
        "momenten",
        "docs-url",
        "baseline",
    )

    def __init__(self, data: Mapping[str, Any], path: Path | None) -> None:
        self.data = data
        self.where = str(path) if path else "configuratie"

    def fail(self, key: str, expected: str) -> ConfigError:
        return ConfigError(f"{self.where}: '{key}' moet {expected} zijn.{self.line_of(key)}")

    def line_of(self, key: str) -> str:
        """`` Zie regel 3.``: where the file sets ``key`` (``severity.LB101``: LB101 in the
        ``severity`` table), or nothing when it cannot be told."""
        try:
            lines = Path(self.where).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return ""
        top, _, inner = key.partition(".")
        if self.where.endswith("pyproject.toml"):  # only our section, not another tool's
            ours = [n for n, line in enumerate(lines) if line.strip().startswith("[tool.lint-")]
            lines = [""] * ours[0] + lines[ours[0] :] if ours else lines

        def named(name: str, line: str) -> bool:
            quoted = (name, f'"{name}"', f"'{name}'")
            text = line.strip()
            return text.startswith(quoted) and text.split("=", 1)[0].strip() in quoted

        for number, line in enumerate(lines, 1):
            header = line.strip().startswith("[") and line.strip().rstrip("]").endswith(top)
            if named(top, line) or header:
                for later, text in enumerate(lines[number - 1 :], number):
                    if not inner or named(inner, text):
                        return f" Zie regel {later}."
                return f" Zie regel {number}."
        return ""

    def finish(self) -> None:
        for key in self.data:
            if key not in self.KEYS:
                close = difflib.get_close_matches(key, self.KEYS, n=1)
                hint = f" Bedoelt u '{close[0]}'?" if close else ""
                raise ConfigError(
                    f"{self.where}: onbekende instelling '{key}'.{hint}{self.line_of(key)}"
                )

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "een lijst met teksten")
        return tuple(value)

    def codes(self, key: str, default: tuple[str, ...] | None = ()) -> tuple[str, ...] | None:
        if key not in self.data:
            return default
        return tuple(c.upper() for c in self.strings(key))

    def severity(self, key: str, default: Severity, value: Any = None) -> Severity:
        value = self.data.get(key, default.value) if value is None else value
        try:
            return Severity(value)
        except ValueError:
            raise self.fail(key, "'error', 'warning' of 'info'") from None

    def severity_map(self) -> dict[str, Severity]:
        table = self.data.get("severity", {})
        if not isinstance(table, dict):
            raise self.fail("severity", "een tabel van code naar 'error', 'warning' of 'info'")
        return {
            code.upper(): self.severity(f"severity.{code}", Severity.INFO, v)
            for code, v in table.items()
        }

    def per_file_ignores(self) -> dict[str, tuple[str, ...]]:
        table = self.data.get("per-file-ignores", {})
        if not isinstance(table, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in table.values()
        ):
            raise self.fail("per-file-ignores", "een tabel van patroon naar een lijst met codes")
        return {glob: tuple(c.upper() for c in codes) for glob, codes in table.items()}

    def kind(self) -> DocumentKind | None:
        """``soort = "brief"``: the kind of text of every file (none: from each text)."""
        return self._kind("soort", self.data["soort"]) if "soort" in self.data else None

    def per_file_kind(self) -> dict[str, DocumentKind]:
        """``[per-file-soort]``: glob → kind of text; the first glob that matches counts."""
        table = self.data.get("per-file-soort", {})
        if not isinstance(table, dict):
            raise self.fail("per-file-soort", "een tabel van patroon naar soort")
        return {glob: self._kind(f"per-file-soort.{glob}", v) for glob, v in table.items()}

    def _kind(self, key: str, value: Any) -> DocumentKind:
        try:
            return DocumentKind(value.strip().lower())
        except (ValueError, AttributeError):
            known = ", ".join(f"'{k.value}'" for k in DocumentKind)
            raise self.fail(key, f"een van {known}") from None

    def letter_type(self, root: Path) -> str | None:
        """``brieftype = "aanmaning"``: the type of letter of every file (none: from the
        words of each letter)."""
        if "brieftype" not in self.data:
            return None
        return self._letter_type("brieftype", self.data["brieftype"], root)

    def per_file_letter_type(self, root: Path) -> dict[str, str]:
        """``[per-file-brieftype]``: glob → type of letter; the first glob that matches counts."""
        table = self.data.get("per-file-brieftype", {})
        if not isinstance(table, dict):
            raise self.fail("per-file-brieftype", "een tabel van patroon naar brieftype")
        return {
            glob: self._letter_type(f"per-file-brieftype.{glob}", v, root)
            for glob, v in table.items()
        }

    def _letter_type(self, key: str, value: Any, root: Path) -> str:
        """A type the rule packs define (the built-in ones and the configuration's own
        ``rule-packs``), or "geen"."""
        from lint_brieven.checks.loader import rules_for  # the packs import this module's users
        from lint_brieven.dutch.letter_type import NO_TYPE, known_types

        packs = tuple(root / p for p in self.strings("rule-packs"))
        known = [*known_types(rules_for(packs).values()), NO_TYPE]
        chosen = value.strip().lower() if isinstance(value, str) else None
        if chosen not in known:
            raise self.fail(key, f"een van {', '.join(repr(k) for k in known)}")
        return chosen

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true of false")
        return value

    def positive_int(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, "een heel getal groter dan 0")
        return value

    def level(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
            raise self.fail(key, "een LiNT-II-niveau van 1 tot en met 4")
        return value

    def reject(self) -> dict[str, str]:
        value = self.data.get("reject", {})
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return {w.lower(): "" for w in value}
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return {w.lower(): r for w, r in value.items()}
        raise self.fail("reject", "een lijst met woorden of een tabel van woord naar alternatief")

    def organisation(self) -> dict[str, str]:
        table = self.data.get("organisatie", {})
        if not isinstance(table, dict):
            raise self.fail("organisatie", "een tabel")
        for key, value in table.items():
            if key not in ORGANISATION_KEYS:
                raise ConfigError(
                    f"{self.where}: onbekende instelling 'organisatie.{key}'. "
                    f"Bekend: {', '.join(ORGANISATION_KEYS)}."
                )
            if not isinstance(value, str):
                raise self.fail(f"organisatie.{key}", "een tekst")
        return dict(table)

    def text_table(self, key: str) -> dict[str, str]:
        """A table of name → text (``[servicetermijnen]``)."""
        table = self.data.get(key, {})
        if not isinstance(table, dict) or not all(
            isinstance(v, str) and v.strip() for v in table.values()
        ):
            raise self.fail(key, "een tabel van naam naar tekst")
        return {name: value.strip() for name, value in table.items()}

    def moments(self) -> dict[str, str]:
        """``[momenten]``: glob → moment in the tenant journey, for ``audit``."""
        table = self.data.get("momenten", {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise self.fail("momenten", "een tabel van patroon naar moment")
        return dict(table)

    def docs_url(self) -> str | None:
        """``docs-url = "https://…/{code}"``: a rule's documentation page."""
        value = self.data.get("docs-url")
        if value is None:
            return None
        if not isinstance(value, str) or not value.startswith(("https://", "http://")):
            raise self.fail("docs-url", "een webadres (https://…, met {code} voor de regelcode)")
        return value

    def path(self, key: str, root: Path) -> Path | None:
        """A file named relative to the configuration file (``root``)."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "een bestandsnaam (tekst)")
        return root / value

    def rule_options(self) -> dict[str, dict[str, Any]]:
        """``[rule-options.LB201] max = 22``: per rule, the settings its pack allows to change
        (checked against the rule when the rules are known, see ``checks.options``)."""
        table = self.data.get("rule-options", {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise self.fail("rule-options", "een tabel van code naar een tabel met instellingen")
        return {code.upper(): dict(values) for code, values in table.items()}


@dataclass(frozen=True)
class Overrides:
    """Command-line settings that replace the file's."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    respect_gitignore: bool | None = None

    def apply(self, config: Config) -> Config:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(config, **changes) if changes else config


def unknown_selectors(config: Config, codes: Sequence[str]) -> list[str]:
    """Selectors in the configuration that match no rule code."""
    used = [
        *(config.select or ()),
        *config.extend_select,
        *config.ignore,
        *config.severity,
        *(c for cs in config.per_file_ignores.values() for c in cs),
    ]
    return [
        s
        for s in dict.fromkeys(used)
        if s != "ALL" and not any(code.startswith(s) for code in codes)
    ]


def selected_codes(
    config: Config, rules: Mapping[str, Any] | Sequence[str], path: Path
) -> set[str]:
    """The codes that run on ``path``. ``rules``: the rules by code (their ``on_by_default``
    decides the default selection), or just codes (then every one is on by default).

    Like ruff: without ``select`` the rules on by default; ``ALL``, a code or a prefix in
    ``select`` or ``extend-select`` selects rules that are off by default too.
    """
    codes = list(rules)

    def matching(selectors: Sequence[str]) -> set[str]:
        return {c for c in codes for s in selectors if s == "ALL" or c.startswith(s)}

    if config.select is None:
        by_code = rules if isinstance(rules, Mapping) else {}
        chosen = {c for c in codes if getattr(by_code.get(c), "on_by_default", True)}
    else:
        chosen = matching(config.select)
    chosen |= matching(config.extend_select)
    return chosen - matching(config.ignore) - matching(config.ignored_for(path))


def severity_for(config: Config, code: str, default: Severity) -> Severity:
    """The most specific override (longest matching prefix) wins."""
    matches = [s for s in config.severity if code.startswith(s)]
    return config.severity[max(matches, key=len)] if matches else default

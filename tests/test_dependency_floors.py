"""The dependency floors in pyproject.toml are versions that work.

Installing every floor takes minutes, so this test holds the floors against a table of the
lowest versions established by hand (each with how), checks every dependency has one, and
cross-checks what the project itself records: the shipped model's spaCy range, and the
installed (tested) versions meet the floors. Raise a floor here and in pyproject.toml together.
"""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

# distribution → (lowest version that works, how that was established); None: no floor of our
# own (the version comes with another dependency)
FLOORS: dict[str, tuple[str | None, str]] = {
    "spacy": ("3.7.5", "lint_brieven/nlp/model/meta.json: spacy_version >=3.7.5,<3.8.0"),
    "numpy": (None, "below 2 for spaCy 3.7's binaries; lint-ii requires >=1.25"),
    "textstat": ("0.7.7", "textstat.backend (get_lang_cfg) first ships in the 0.7.7 wheel"),
    "pyphen": ("0.14", "0.14's hyph_nl_NL.dic is byte-identical to 0.18's; Pyphen(lang=)"),
    "python-docx": ("1.1", "1.1.0 has docx.exceptions.PythonDocxError and the oxml we use"),
    "jinja2": ("3.1", "PackageLoader, select_autoescape, loaders.split_template_path"),
    "pyyaml": ("6", "yaml.safe_load as in 6.0"),
    "jsonschema": ("4.18", "Draft202012Validator: in the 4.0.0 wheel; 4.18 kept"),
    "rich": ("13", "Console, Table, Progress, markup.escape (all older than 13)"),
    "wordfreq": ("3.1", "3.1.0 wheel ships the Dutch frequency lists; zipf_frequency"),
    "regex": ("2023.10.3", "2023.10.3 wheel: timeout= on search/finditer, VERSION0"),
    "defusedxml": ("0.7.1", "defusedxml.ElementTree.DefusedXMLParser, DefusedXmlException"),
    "pathspec": ("0.12", "GitIgnoreSpec: in the 0.10.1 wheel, not 0.9.0; 0.12 kept"),
    "lint-ii": ("0.1.3", "pinned: readability/lint_ii_bridge.py's stand-in is tested with it"),
    "pygls": ("2.0", "pygls.lsp.server.LanguageServer and the lsprotocol 2025 types: new in 2.0.0"),
    "lsprotocol": ("2025.0.0", "pygls 2.0.0's wheel requires lsprotocol==2025.0.0"),
    "watchfiles": ("1.0", "watch(..., stop_event=, debounce=) as in the 1.0.0 wheel"),
}


def _dependencies() -> dict[str, Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = (Requirement(line) for line in data["project"]["dependencies"])
    return {r.name.lower(): r for r in requirements}


def _floor(specifier: SpecifierSet) -> Version | None:
    floors = [Version(s.version) for s in specifier if s.operator in (">=", "==", "~=")]
    return max(floors) if floors else None


def test_every_dependency_has_a_documented_floor():
    assert sorted(_dependencies()) == sorted(FLOORS)


def test_floors_in_pyproject_are_the_established_ones():
    for name, requirement in _dependencies().items():
        established, _how = FLOORS[name]
        floor = _floor(requirement.specifier)
        assert floor == (Version(established) if established else None), name


def test_spacy_floor_is_the_shipped_models():
    meta = json.loads((ROOT / "lint_brieven/nlp/model/meta.json").read_text(encoding="utf-8"))
    model_range = SpecifierSet(meta["spacy_version"])
    assert _floor(model_range) == _floor(_dependencies()["spacy"].specifier)


def test_tested_versions_meet_the_floors():
    for name, requirement in _dependencies().items():
        assert requirement.specifier.contains(version(name), prereleases=True), name

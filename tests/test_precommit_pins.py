"""The pre-commit hook's environment pins what the project was tested with.

pre-commit installs a Python hook with one ``pip install . <additional_dependencies>``, so the
exact pins in .pre-commit-hooks.yaml decide the versions of spaCy, its compiled parts and every
direct dependency. These pins must be constraints.txt's versions and allowed by pyproject.toml.
The slow test builds the environment the way the README's local-checkout route does
(``pre-commit try-repo`` on this checkout) and reads the versions pip installed there.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pre_commit.clientlib import load_manifest
from test_precommit import (
    BAD_LETTER,
    HOOK_ID,
    PRE_COMMIT_TIMEOUT,
    _clean_env,
    _commit_all,
    _describe,
    _init_repo,
    _run,
)

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _pins() -> dict[str, str]:
    (hook,) = load_manifest(str(MANIFEST))  # also validates it with pre-commit's own schema
    pins = {}
    for line in hook["additional_dependencies"]:
        name, _, pinned = line.partition("==")
        assert pinned, f"{line}: not an exact pin"
        pins[canonicalize_name(name)] = pinned
    return pins


def _constraints() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))
    return {canonicalize_name(name): pinned.strip() for name, pinned in pairs}


def _dependencies() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(line) for line in data["project"]["dependencies"]]


def test_pins_are_the_tested_versions():
    constraints = _constraints()
    assert {name: constraints.get(name) for name in _pins()} == _pins()


def test_every_direct_dependency_is_pinned_within_its_range():
    pins = _pins()
    for requirement in _dependencies():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in .pre-commit-hooks.yaml"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]}"


def test_spacy_and_its_compiled_parts_are_pinned():
    assert {"spacy", "thinc", "blis", "cymem", "preshed", "murmurhash", "srsly"} <= set(_pins())


def test_manifest_is_plain_yaml_with_one_hook():
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == [HOOK_ID]


def _templates(tmp_path: Path) -> Path:
    """A template repository with one letter in officialese (LB101)."""
    templates = tmp_path / "sjablonen"
    _init_repo(templates)
    letter = templates / "brieven" / "herinnering.txt"
    letter.parent.mkdir()
    letter.write_text(BAD_LETTER, encoding="utf-8")
    _commit_all(templates, "Herinnering")
    return templates


@pytest.mark.slow
def test_try_repo_on_this_checkout(tmp_path: Path) -> None:
    """``pre-commit try-repo /path/to/lint-brieven lint-brieven --all-files``: the checkout as it
    is, uncommitted changes included."""
    env = _clean_env(PRE_COMMIT_HOME=str(tmp_path / "home"), PRE_COMMIT_COLOR="never")
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), HOOK_ID, "--all-files"]
    done = _run(cmd, _templates(tmp_path), env, PRE_COMMIT_TIMEOUT)
    assert done.returncode == 1 and "LB101" in done.stdout + done.stderr, _describe(done)


@pytest.mark.slow
def test_local_checkout_as_repo_installs_the_pins(tmp_path: Path) -> None:
    """The README's snippet with ``repo:`` a local checkout and ``rev:`` its commit: the hook
    runs, and its environment holds exactly the pinned versions."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, env=_clean_env(), capture_output=True, text=True
    ).stdout.strip()
    templates = _templates(tmp_path)
    (templates / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n"
        f"      - id: {HOOK_ID}\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    env = _clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    done = _run(cmd, templates, env, PRE_COMMIT_TIMEOUT)
    assert done.returncode == 1 and "LB101" in done.stdout + done.stderr, _describe(done)
    (python,) = home.glob("repo*/py_env-*/bin/python")
    freeze = subprocess.run(
        [str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    installed = {
        canonicalize_name(name): pinned
        for name, _, pinned in (line.partition("==") for line in freeze.splitlines())
        if pinned
    }
    assert {name: installed.get(name) for name in _pins()} == _pins()

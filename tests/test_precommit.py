"""End-to-end test of the pre-commit hook in .pre-commit-hooks.yaml.

A snapshot of this checkout (committed and uncommitted files alike) becomes a throwaway git
repository that a second throwaway repository uses as its hook repository. pre-commit then
installs lint-brieven with pip into its own virtualenv, exactly as users get it, and runs it on a
bad letter (the hook must fail and name the file and LB101) and on a clean one (it must pass).

This needs git and the package registry, and the first run in a session builds the hook
environment (spaCy and friends), which takes a while: hence the ``slow`` marker. It is not
skipped by default; deselect it with ``-m "not slow"`` when you must.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EXCLUDED_TOP_LEVEL = {"corpus", ".venv"}
HOOK_ID = "lint-brieven"
LETTER = "brieven/herinnering.txt"

GIT_TIMEOUT = 120
# Cold runs create a virtualenv and pip-install lint-brieven with spaCy and its dependencies.
PRE_COMMIT_TIMEOUT = 3600

BAD_LETTER = """\
Geachte heer, mevrouw,

Op 3 maart hebben wij u een brief gestuurd over uw aanvraag voor een parkeerplaats.
Wij verzoeken u middels dit schrijven het formulier te retourneren teneinde uw aanvraag in \
behandeling te nemen.

Met vriendelijke groet,

Woonstichting Het Dak
"""

CLEAN_LETTER = """\
Beste mevrouw De Vries,

U vroeg om een parkeerplaats bij uw woning. Wij hebben uw formulier nog niet terug.
Wilt u het formulier vóór 1 mei invullen en naar ons sturen? Dat kan per post of via
onze website. Dan kunnen wij uw vraag bekijken.

Heeft u vragen? Bel ons op 030 123 45 67. Of mail naar info@woonstichting-hetdak.nl.

Met vriendelijke groet,

Sanne Bakker
Team Verhuur, Woonstichting Het Dak
"""


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would steer git or pre-commit elsewhere.

    GIT_DIR, GIT_INDEX_FILE and friends are set when pytest itself runs inside a git hook;
    SKIP and other PRE_COMMIT_* variables would change which hooks run.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key != "SKIP"
    }
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_TERMINAL_PROMPT="0",
    )
    env.update(extra)
    return env


def _describe(proc: subprocess.CompletedProcess[str]) -> str:
    return (
        f"command: {' '.join(map(str, proc.args))}\n"
        f"return code: {proc.returncode}\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )


def _run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: int
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def _git(repo: Path, *args: str) -> str:
    cmd = [
        "git",
        "-c",
        "user.name=lint-brieven tests",
        "-c",
        "user.email=tests@lint-brieven.invalid",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "core.autocrlf=false",
        *args,
    ]
    proc = _run(cmd, repo, _clean_env(), GIT_TIMEOUT)
    assert proc.returncode == 0, _describe(proc)
    return proc.stdout


def _init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "-c", "init.defaultBranch=main", "init", "--quiet", ".")


def _commit_all(repo: Path, message: str) -> str:
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "--no-verify", "-m", message)
    return _git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache per session, so the hook environment is built only once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout, uncommitted work included, as a fresh git repository: (path, HEAD sha)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test but is not on PATH")
    listing = _run(
        ["git", "-C", str(REPO_ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
        REPO_ROOT,
        _clean_env(),
        GIT_TIMEOUT,
    )
    assert listing.returncode == 0, (
        f"cannot list the files of {REPO_ROOT}: is it a git checkout?\n{_describe(listing)}"
    )
    snapshot = tmp_path_factory.mktemp("hook-repo")
    copied = 0
    for name in filter(None, listing.stdout.split("\0")):
        relative = Path(name)
        if relative.parts[0] in EXCLUDED_TOP_LEVEL:
            continue
        source = REPO_ROOT / relative
        if not source.is_file():  # deleted in the working tree, or not a regular file
            continue
        target = snapshot / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied += 1
    assert (snapshot / ".pre-commit-hooks.yaml").is_file(), "no .pre-commit-hooks.yaml copied"
    assert copied > 0
    _init_repo(snapshot)
    sha = _commit_all(snapshot, "Snapshot of the lint-brieven checkout under test")
    return snapshot, sha


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = _clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    return _run(cmd, repo, env, PRE_COMMIT_TIMEOUT)


@pytest.mark.slow
def test_hook_fails_on_officialese_and_passes_clean_letter(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    hook_path, sha = hook_repo
    templates = tmp_path / "sjablonen"
    _init_repo(templates)
    (templates / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_path.as_posix()}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n",
        encoding="utf-8",
    )
    letter = templates / LETTER
    letter.parent.mkdir()
    letter.write_text(BAD_LETTER, encoding="utf-8")
    _commit_all(templates, "Herinnering met ambtelijke taal")

    bad = _pre_commit(templates, pre_commit_home)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, _describe(bad)
    assert "LB101" in output, _describe(bad)
    assert LETTER in output, _describe(bad)

    letter.write_text(CLEAN_LETTER, encoding="utf-8")
    _commit_all(templates, "Herinnering in B1")

    clean = _pre_commit(templates, pre_commit_home)
    assert clean.returncode == 0, _describe(clean)

"""Which files ``check`` finds in a folder (walk.py, config's include/exclude): .gitignore files
inside and outside a git repository, the folders never entered, audit's report folders, files
that are no letters, gitignore globs in ``include``/``exclude``, and files named on the command
line. Every test goes through the command line and reads the checked paths from the JSON output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest
from lintkit import REPO

from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config

pytestmark = pytest.mark.usefixtures("in_tmp")

LETTER = (
    "Beste heer Jansen,\n\nStuur het formulier vóór 1 mei terug in de antwoordenvelop. "
    "Bel ons op 030 123 45 67.\n\nMet vriendelijke groet,\n\nPetra de Vries\n"
)
PAGE = f"<html><body><p>{LETTER}</p></body></html>\n"


def make(*paths: str, text: str = LETTER) -> None:
    for path in paths:
        file = Path(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(PAGE if file.suffix == ".html" else text, encoding="utf-8")


def git_init() -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests but is not on PATH")
    subprocess.run(["git", "init", "--quiet", "."], check=True, timeout=60)


def checked(capsys, *args: str) -> set[str]:
    """The paths ``check`` reports on (every file it read, findings or not)."""
    code = main(["check", *args, "--output-format", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return {report["path"] for report in json.loads(out)["files"]}


def ignoring_tree() -> None:
    """A template repository with ignored files at several depths."""
    Path(".gitignore").write_text(
        "# concepten niet\n*.concept.txt\n!bewaar.concept.txt\ngenegeerd/\n/alleen-boven.md\n",
        encoding="utf-8",
    )
    make(
        "brieven/welkom.txt",
        "brieven/oud.txt",
        "brieven/diep/oud.txt",
        "brieven/x.concept.txt",
        "brieven/terug.concept.txt",
        "bewaar.concept.txt",
        "y.concept.txt",
        "genegeerd/a.txt",
        "brieven/genegeerd/b.md",
        "alleen-boven.md",
        "brieven/alleen-boven.md",
    )
    # a deeper .gitignore: its own pattern, and a negation of the top file's pattern
    Path("brieven/.gitignore").write_text("oud.txt\n!terug.concept.txt\n", encoding="utf-8")


EXPECTED = {
    "bewaar.concept.txt",
    "brieven/welkom.txt",
    "brieven/terug.concept.txt",
    "brieven/alleen-boven.md",
}


def test_gitignore_in_a_repository(capsys):
    git_init()
    ignoring_tree()
    Path(".git/info").mkdir(parents=True, exist_ok=True)
    Path(".git/info/exclude").write_text("lokaal.md\n", encoding="utf-8")
    make("lokaal.md", "brieven/lokaal.md")
    assert checked(capsys, ".") == EXPECTED


def test_gitignore_files_above_the_checked_folder_count_in_a_repository(capsys):
    git_init()
    ignoring_tree()
    assert checked(capsys, "brieven") == {
        "brieven/welkom.txt",
        "brieven/terug.concept.txt",
        "brieven/alleen-boven.md",
    }


def test_gitignore_outside_a_repository(capsys):
    ignoring_tree()
    assert not Path(".git").exists()
    assert checked(capsys, ".") == EXPECTED


def test_gitignore_can_be_turned_off(capsys):
    git_init()
    ignoring_tree()
    everything = checked(capsys, ".", "--no-respect-gitignore")
    assert {"genegeerd/a.txt", "brieven/oud.txt", "y.concept.txt"} <= everything
    assert checked(capsys, ".", "--respect-gitignore") == EXPECTED
    Path("lint-brieven.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    find_config_file.cache_clear()  # a configuration made after a run in this process
    load_config.cache_clear()
    assert checked(capsys, ".") == everything
    assert checked(capsys, ".", "--respect-gitignore") == EXPECTED  # the command line wins


def test_bad_respect_gitignore_is_a_dutch_error(capsys):
    make("a.txt")
    Path("lint-brieven.toml").write_text('respect-gitignore = "nee"\n', encoding="utf-8")
    code = main(["check", "."])
    out, err = capsys.readouterr()
    assert code == 2
    assert "respect-gitignore" in out + err and "true of false" in out + err
    assert "Traceback" not in out + err


def test_build_folders_and_files_that_are_no_letters_are_passed_by(capsys):
    make(
        "brieven/welkom.txt",
        "requirements.txt",
        "requirements-dev.txt",
        "brieven/constraints.txt",
        "CMakeLists.txt",
        "LICENSE.txt",
        "license.md",
        "README.md",
        "docs/Readme.txt",
        "CHANGELOG.md",
        "robots.txt",
        "build/a.txt",
        "dist/b.md",
        "sub/node_modules/c.md",
        ".venv/d.txt",
        "sub/__pycache__/e.txt",
        "brieven/welkom.nagekeken.docx",
    )
    assert checked(capsys, ".") == {"brieven/welkom.txt"}


def test_files_named_on_the_command_line_are_checked(capsys):
    git_init()
    ignoring_tree()
    make("requirements.txt", "build/a.txt", "README.md")
    named = ("requirements.txt", "build/a.txt", "README.md", "genegeerd/a.txt", "y.concept.txt")
    assert checked(capsys, *named) == set(named)
    # a folder named on the command line is walked even when .gitignore ignores it
    assert checked(capsys, "genegeerd") == {"genegeerd/a.txt"}


def test_exclude_named_files_stay_out_on_the_command_line(capsys):
    make("brieven/a.txt", "concept/b.txt")
    Path("lint-brieven.toml").write_text('exclude = ["concept/"]\n', encoding="utf-8")
    assert checked(capsys, "brieven/a.txt", "concept/b.txt") == {"brieven/a.txt"}


def test_audit_report_folders_are_passed_by(capsys):
    make("brieven/welkom.txt")
    code = main(["audit", "brieven", "--out", "uitvoer/rapport", "--jobs", "1", "--no-cache"])
    assert code in (0, 1)
    capsys.readouterr()
    pages = list(Path("uitvoer/rapport").rglob("*.html"))
    assert pages  # there is something to pass by
    assert Path("uitvoer/rapport/.lint-brieven-rapport").is_file()
    assert checked(capsys, ".") == {"brieven/welkom.txt"}
    # a report from before the marker: rapport.json beside brieven.csv
    make("oud-rapport/index.html", "oud-rapport/brieven/1-welkom.html")
    Path("oud-rapport/rapport.json").write_text("{}", encoding="utf-8")
    Path("oud-rapport/brieven.csv").write_text("", encoding="utf-8")
    assert checked(capsys, ".") == {"brieven/welkom.txt"}


@pytest.mark.parametrize(
    ("key", "patterns", "expected"),
    [
        # ``*`` stays within a folder
        ("exclude", ["brieven/*.txt"], {"brieven/oud/b.txt", "c.txt"}),
        # ``**`` crosses folders
        ("exclude", ["brieven/**/*.txt"], {"c.txt"}),
        # no ``/``: a name at any depth; a folder pattern takes what is inside
        ("exclude", ["b.txt"], {"brieven/a.txt", "c.txt"}),
        ("exclude", ["oud/"], {"brieven/a.txt", "c.txt"}),
        # ``!`` takes a file out again
        ("exclude", ["*.txt", "!c.txt"], {"c.txt"}),
        ("include", ["brieven/*.txt"], {"brieven/a.txt"}),
        ("include", ["/*.txt"], {"c.txt"}),
        ("include", ["brieven/"], {"brieven/a.txt", "brieven/oud/b.txt"}),
    ],
)
def test_include_and_exclude_are_gitignore_patterns(capsys, key, patterns, expected):
    make("brieven/a.txt", "brieven/oud/b.txt", "c.txt")
    Path("lint-brieven.toml").write_text(f"{key} = {json.dumps(patterns)}\n", encoding="utf-8")
    assert checked(capsys, ".") == expected


def test_patterns_are_relative_to_the_configuration_folder(capsys, monkeypatch):
    make("sjablonen/brieven/a.txt", "sjablonen/b.txt")
    Path("sjablonen/lint-brieven.toml").write_text('exclude = ["/b.txt"]\n', encoding="utf-8")
    assert checked(capsys, ".") == {"sjablonen/brieven/a.txt"}
    monkeypatch.chdir("sjablonen/brieven")
    assert checked(capsys, "..") == {"a.txt"}


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "docs/Readme.txt",
        "CHANGELOG.md",
        "LICENSE.txt",
        "requirements-dev.txt",
        "constraints.txt",
        "robots.txt",
        "CMakeLists.txt",
        "brieven/huur.nagekeken.docx",
        "brieven/huurverhoging.txt",
        "brieven/readme-niet.html.j2",
        "sjablonen/licentie-brief.md",
    ],
)
def test_the_pre_commit_hook_leaves_out_exactly_the_files_a_walk_skips(name):
    """pre-commit names the files, and a named file is always checked: the hook's
    ``exclude`` must name the same files as ``config.NOT_LETTERS``."""
    import re

    import yaml

    from lint_brieven.config import NOT_LETTERS, glob_matches

    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    by_hook = bool(re.search(hook["exclude"], name))
    by_walk = glob_matches(PurePosixPath(PurePosixPath(name).name.lower()), NOT_LETTERS)
    assert by_hook == by_walk

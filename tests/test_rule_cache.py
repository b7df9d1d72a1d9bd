"""The rule cache (``checks/rule_cache.py``): validated rule packs and the word lists as our
pipeline reads them, kept between runs as JSON, keyed on what they depend on; a stale, corrupt
or unwritable cache is never an error and never changes a finding."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint_brieven import nlp
from lint_brieven.checks import rule_cache
from lint_brieven.checks.loader import RulePackError, builtin_pack_dir, load_pack
from lint_brieven.checks.rule import Rule
from lint_brieven.checks.substitution import SubstitutionCheck

ROOT = Path(__file__).resolve().parents[1]
# letters with lemma matches of LB101/LB102 ("in de juiste vorm"), pattern rules, terms
LETTERS = [
    "eval/dev/simpelveld-bezwaar-tegen-een-besluit.md",
    "eval/dev/ouder-amstel-uitnodiging-bewonerswerkgroep.txt",
    "eval/dev/directduidelijk-afwijzing-aansprakelijkheid-putdeksel.txt",
]

PACK = """\
pack: huis
rules:
  - code: LB901
    name: voorbeeld
    category: toon
    severity: warning
    kind: substitution
    message: "{message}"
    rationale: Omdat het korter is.
    examples:
      flag: [Wij verzoeken u te betalen.]
      pass: [Wij vragen u te betalen.]
    match: lemma
    swap:
      - phrase: verzoeken
        use: [vragen]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "lint-brieven" / "regels"


def _files(folder: Path, kind: str = "") -> dict[str, os.stat_result]:
    if not folder.is_dir():
        return {}
    return {p.name: p.stat() for p in folder.iterdir() if p.name.startswith(kind)}


def _check_cli(env_cache: str, cwd: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": env_cache}
    done = subprocess.run(
        [sys.executable, "-m", "lint_brieven", "check", *LETTERS, "--select", "ALL"]
        + ["--output-format", "json", "--exit-zero"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_cached_run_finds_what_an_uncached_run_finds(tmp_path):
    cache = tmp_path / "cache"
    first = _check_cli(str(cache), ROOT)  # builds and writes the cache
    folder = cache / "lint-brieven" / "regels"
    written = _files(folder)
    kinds = {name.split("-")[0] for name in written}
    assert kinds == {"pack", "forms", "lemmas", "hyphenation"}  # syllables: readability
    second = _check_cli(str(cache), ROOT)  # reads it
    assert second == first
    # nothing was rebuilt: every file is still the one written (a rewrite is a new file)
    again = _files(folder)
    assert {n: s.st_ino for n, s in again.items()} == {n: s.st_ino for n, s in written.items()}
    findings = json.loads(first)["files"]
    messages = [f["message"] for file in findings for f in file["findings"]]
    assert any("juiste vorm" in m for m in messages)  # lemma matches were made
    # a cache folder that cannot be made (a file in its place): the same findings, no error
    blocked = tmp_path / "blocked"
    blocked.write_text("geen map\n", encoding="utf-8")
    assert _check_cli(str(blocked), ROOT) == first


def test_a_changed_pack_is_read_again(cache, tmp_path):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    assert load_pack(pack)[0].message == "Eerste melding"
    assert len(_files(cache, "pack")) == 1
    assert load_pack(pack)[0].message == "Eerste melding"  # from the cache
    pack.write_text(PACK.format(message="Tweede melding"), encoding="utf-8")
    assert load_pack(pack)[0].message == "Tweede melding"
    assert len(_files(cache, "pack")) == 2
    # an invalid pack is never served from the cache, nor kept in it
    pack.write_text(PACK.format(message="Derde").replace("kind: substitution", "kind: x"))
    with pytest.raises(RulePackError, match="ongeldig regelpakket"):
        load_pack(pack)
    assert len(_files(cache, "pack")) == 2


def test_a_cached_pack_gives_the_same_rules_as_reading_it(cache, tmp_path, monkeypatch):
    files = sorted(p for p in builtin_pack_dir().glob("*.yaml") if p.name != "precision.yaml")
    fresh = [load_pack(p) for p in files]  # the first time: read, checked, written
    assert len(_files(cache, "pack")) == len(files)
    monkeypatch.setattr(
        "lint_brieven.checks.loader._validated",
        lambda *_: pytest.fail("a pack was read again although it is in the cache"),
    )
    cached = [load_pack(p) for p in files]
    assert [[_all_of(r) for r in rules] for rules in cached] == [
        [_all_of(r) for r in rules] for rules in fresh
    ]


def _all_of(rule: Rule) -> tuple:
    return (rule, rule.spec, json.dumps(rule.spec), rule.default, rule.suggestions)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"\x00\xff" + data,  # not JSON
        lambda data: data.replace(b"Eerste melding", b"Andere melding"),  # changed body
        lambda data: data.replace(b'"format": 1', b'"format": 0'),  # another format
    ],
)
def test_a_corrupt_cache_file_is_rebuilt(cache, tmp_path, damage):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    load_pack(pack)
    (file,) = cache.glob("pack-*.json")
    good = file.read_bytes()
    file.write_bytes(damage(good))
    assert load_pack(pack)[0].message == "Eerste melding"
    assert file.read_bytes() == good  # written again, whole


def test_a_cache_file_of_the_wrong_shape_is_rebuilt(cache, tmp_path):
    """A file whose checksum matches but whose value is not a pack (written by hand)."""
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    load_pack(pack)
    (file,) = cache.glob("pack-*.json")
    head = json.loads(file.read_bytes().partition(b"\n")[0])
    body = json.dumps({"pack": "huis", "rules": "geen lijst"})
    head["sha256"] = hashlib.sha256(body.encode()).hexdigest()
    file.write_text(json.dumps(head) + "\n" + body, encoding="utf-8")
    assert load_pack(pack)[0].message == "Eerste melding"


def test_an_unwritable_cache_folder_still_works(tmp_path, monkeypatch):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    blocked = tmp_path / "geen-map"
    blocked.write_text("", encoding="utf-8")  # the cache folder would have to be under a file
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_pack(pack)[0].message == "Eerste melding"
    assert load_pack(pack)[0].message == "Eerste melding"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_read_only_cache_folder_is_read_but_not_written(cache, tmp_path):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    load_pack(pack)
    cache.chmod(0o555)
    try:
        pack.write_text(PACK.format(message="Tweede melding"), encoding="utf-8")
        assert load_pack(pack)[0].message == "Tweede melding"
        assert len(_files(cache, "pack")) == 1
    finally:
        cache.chmod(0o755)


def test_a_read_only_cache_file_is_left_alone(cache, tmp_path):
    """A file that cannot be replaced (read-only) and is stale: the pack is read, no error."""
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    load_pack(pack)
    (file,) = cache.glob("pack-*.json")
    file.write_bytes(b"kapot")
    file.chmod(0o444)
    assert load_pack(pack)[0].message == "Eerste melding"
    assert file.read_bytes() == b"kapot"


def _matcher_content(check: SubstitutionCheck) -> tuple:
    # a PhraseMatcher pickles as (vocab, patterns per key, callbacks, attr)
    lower, lemma = check.lower.__reduce__()[1], check.lemma.__reduce__()[1]
    return lower[1], lower[3], lemma[1], lemma[3], check.classes


def test_lemma_patterns_from_the_cache_are_those_of_parsing(cache, tmp_path):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="m"), encoding="utf-8")
    rule = load_pack(pack)[0]
    fresh = _matcher_content(SubstitutionCheck(rule))
    assert len(_files(cache, "lemmas")) == 1 and len(_files(cache, "forms")) == 1
    assert fresh[2]  # the phrase is its own lemma: a lemma pattern
    cached = _matcher_content(SubstitutionCheck(rule))
    assert cached == fresh
    for file in cache.glob("*-*.json"):
        file.write_bytes(b"{}")  # corrupt: rebuilt, the same
    assert _matcher_content(SubstitutionCheck(rule)) == fresh


def test_the_builtin_word_lists_from_the_cache_are_those_of_parsing(cache):
    from lint_brieven.checks.loader import load_rules

    rules = load_rules()
    for code in ("LB101", "LB102"):
        fresh = _matcher_content(SubstitutionCheck(rules[code]))
        assert fresh[2] and fresh[0]
        assert _matcher_content(SubstitutionCheck(rules[code])) == fresh


def test_another_model_version_reads_the_phrases_again(cache, tmp_path, monkeypatch):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="m"), encoding="utf-8")
    rule = load_pack(pack)[0]
    SubstitutionCheck(rule)
    assert len(_files(cache, "lemmas")) == 1
    meta = nlp.pipeline().meta
    monkeypatch.setitem(meta, "version", meta["version"] + "-ander")
    rule_cache._pipeline_key.cache_clear()
    try:
        SubstitutionCheck(rule)
        assert len(_files(cache, "lemmas")) == 2
    finally:
        rule_cache._pipeline_key.cache_clear()


def test_values_json_cannot_keep_are_not_cached(cache):
    calls = []

    def build():
        calls.append(1)
        return {"datum": datetime.date(2024, 5, 1)}

    assert rule_cache.cached("test", {"k": 1}, build) == {"datum": datetime.date(2024, 5, 1)}
    rule_cache.cached("test", {"k": 1}, build)
    assert len(calls) == 2 and not _files(cache, "test")


def test_a_folder_in_the_cache_place_of_a_file_is_no_error(cache, tmp_path):
    pack = tmp_path / "regels.yaml"
    pack.write_text(PACK.format(message="Eerste melding"), encoding="utf-8")
    load_pack(pack)
    (file,) = cache.glob("pack-*.json")
    file.unlink()
    file.mkdir()
    assert load_pack(pack)[0].message == "Eerste melding"
    shutil.rmtree(file)

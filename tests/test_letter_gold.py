"""The hand-checked letter gold set (training/letters/gold-*.conllu) is well-formed CoNLL-U in
the treebanks' own annotation scheme, and the train/test files are its current split."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lintkit import REPO, SHARED

LETTERS = REPO / "training" / "letters"
GOLD = sorted(LETTERS.glob("gold-*.conllu"))
# Second-person forms the treebanks (news, Wikipedia) never use with these tags: the polite
# object "u" and the possessives "uw"/"jullie". They are the CGN tags for those words.
SECOND_PERSON_XPOS = re.compile(r"^VNW\|(pr|bez)\|.*\|2[bv]?\|")
# UD relations the treebanks happen not to use but the letters need ("Ja, ...", passive csubj).
EXTRA_RELATIONS = {"discourse", "csubj:pass"}


def sentences(path: Path) -> Iterator[tuple[str, dict[str, str], list[list[str]]]]:
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        comments = dict(
            line[2:].split(" = ", 1) for line in block.splitlines() if line.startswith("# ")
        )
        rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
        yield f"{path.name}:{comments.get('sent_id')}", comments, rows


def treebank_inventory() -> tuple[set[tuple[str, str]], set[str]]:
    pairs, relations = set(), set()
    for path in (SHARED / "nlp" / "ud-dutch").glob("*.conllu"):
        for _name, _comments, rows in sentences(path):
            for row in rows:
                if row[0].isdigit():
                    pairs.add((row[3], row[4]))
                    relations.add(row[7])
    return pairs, relations


@pytest.fixture(scope="module")
def inventory() -> tuple[set[tuple[str, str]], set[str]]:
    return treebank_inventory()


GOLD_SENTENCES = [s for path in GOLD for s in sentences(path)]


def test_gold_set_is_at_least_the_issues_500_sentences():
    assert len(GOLD_SENTENCES) >= 500


@pytest.mark.parametrize("name,comments,rows", GOLD_SENTENCES, ids=[s[0] for s in GOLD_SENTENCES])
def test_sentence_is_a_tree_over_its_text(name, comments, rows):
    assert all(len(row) == 10 for row in rows), name
    assert [row[0] for row in rows] == [str(i) for i in range(1, len(rows) + 1)], name
    heads = {int(row[0]): int(row[6]) for row in rows}
    roots = [row for row in rows if row[6] == "0"]
    assert len(roots) == 1 and roots[0][7] == "root", name
    assert all(row[7] != "root" for row in rows if row[6] != "0"), name
    for token in heads:
        seen, node = set(), token
        while node:
            assert node not in seen and node in heads, f"{name}: no path to the root from {token}"
            seen.add(node)
            node = heads[node]
    text = "".join(row[1] + ("" if "SpaceAfter=No" in row[9] else " ") for row in rows)
    assert text.strip() == comments["text"], name


def test_tags_and_relations_are_the_treebanks(inventory):
    pairs, relations = inventory
    unknown = {
        (name, row[1], row[3], row[4], row[7])
        for name, _comments, rows in GOLD_SENTENCES
        for row in rows
        if ((row[3], row[4]) not in pairs and not SECOND_PERSON_XPOS.match(row[4]))
        or (row[7] not in relations | EXTRA_RELATIONS)
    }
    assert not unknown


def test_train_and_test_files_are_the_current_split(tmp_path, monkeypatch):
    sys.path.insert(0, str(LETTERS))
    import split

    monkeypatch.setattr(split, "HERE", tmp_path)
    for path in GOLD:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    split.main()
    for name in ("letters-train.conllu", "letters-test.conllu"):
        expected = (tmp_path / name).read_text(encoding="utf-8")
        assert (LETTERS / name).read_text(encoding="utf-8") == expected, name

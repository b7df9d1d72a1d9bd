"""Training data augmentation (training/prepare.py): Word's curly quotes and lower-case sentence
starts in a seeded share of the training sentences, every annotation kept, train set only."""

from __future__ import annotations

import sys

import pytest
from lintkit import REPO, SHARED
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

sys.path.insert(0, str(REPO / "training"))

import prepare  # noqa: E402

UD = SHARED / "nlp" / "ud-dutch"


def _doc(rows: list[tuple[str, bool, str, str, int, str]]) -> Doc:
    """A treebank-like doc (bare vocab): (word, space after, POS, lemma, head, dep) rows."""
    return Doc(
        Vocab(),
        words=[r[0] for r in rows],
        spaces=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[2] for r in rows],
        lemmas=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        deps=[r[5] for r in rows],
    )


# Hij noemde het 'rood' en de auto's "snel".   De zon scheen.
QUOTED = [
    ("Hij", True, "PRON", "hij", 1, "nsubj"),
    ("noemde", True, "VERB", "noemen", 1, "ROOT"),
    ("het", True, "PRON", "het", 1, "obj"),
    ("'", False, "PUNCT", "'", 4, "punct"),
    ("rood", False, "ADJ", "rood", 1, "xcomp"),
    ("'", True, "PUNCT", "'", 4, "punct"),
    ("en", True, "CCONJ", "en", 9, "cc"),
    ("de", True, "DET", "de", 8, "det"),
    ("auto's", True, "NOUN", "auto", 9, "nsubj"),
    ('"', False, "PUNCT", '"', 10, "punct"),
    ("snel", False, "ADJ", "snel", 1, "conj"),
    ('"', False, "PUNCT", '"', 10, "punct"),
    (".", True, "PUNCT", ".", 1, "punct"),
    ("De", True, "DET", "de", 14, "det"),
    ("zon", True, "NOUN", "zon", 15, "nsubj"),
    ("scheen", False, "VERB", "schijnen", 15, "ROOT"),
    (".", False, "PUNCT", ".", 15, "punct"),
]


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.tag_, t.head.i, t.dep_, bool(t.whitespace_)) for t in doc]


def test_quotes_become_typographic_and_the_annotations_stay():
    doc = _doc(QUOTED)
    (out,) = prepare.augment([doc], typographic=1.0, lower_start=0.0)
    assert out.text == "Hij noemde het ‘rood’ en de auto’s “snel”. De zon scheen."
    assert _annotations(out) == _annotations(doc)
    assert [t.lemma_ for t in out][3:12] == ["‘", "rood", "’", "en", "de", "auto", "“", "snel", "”"]
    assert [s.text for s in out.sents] == [
        "Hij noemde het ‘rood’ en de auto’s “snel”.",
        "De zon scheen.",
    ]


def test_a_lower_case_sentence_start_never_lowers_a_name():
    doc = _doc(QUOTED)
    (out,) = prepare.augment([doc], typographic=0.0, lower_start=1.0)
    assert out.text == "hij noemde het 'rood' en de auto's \"snel\". de zon scheen."
    assert [t.lemma_ for t in out] == [t.lemma_ for t in doc]  # lemmas were lower case
    assert _annotations(out) == _annotations(doc)
    name = _doc(
        [("Jan", True, "PROPN", "Jan", 1, "nsubj"), ("komt", False, "VERB", "komen", 1, "ROOT")]
    )
    (kept,) = prepare.augment([name], typographic=0.0, lower_start=1.0)
    assert kept is name


@pytest.fixture(scope="module")
def treebank() -> list[Doc]:
    return prepare.docs_from(UD / "nl_alpino-ud-dev.conllu")


def _changed(before: list[Doc], after: list[Doc]) -> tuple[int, int, int]:
    """Sentences changed in case only, changed otherwise, and all sentences."""
    lower = other = total = 0
    for a, b in zip(before, after, strict=True):
        for s, t in zip(a.sents, b.sents, strict=True):
            total += 1
            if s.text != t.text:
                if s.text.lower() == t.text.lower():
                    lower += 1
                else:
                    other += 1
    return lower, other, total


def test_a_seeded_share_of_the_treebank_is_changed(treebank):
    quoted = sum(
        any(prepare._has_ascii_quote(t.text) for t in s) for d in treebank for s in d.sents
    )
    first = prepare.augment(treebank)
    lower, typographic, total = _changed(treebank, first)
    assert (
        0.5 * prepare.LOWER_START_SHARE * total <= lower <= 1.5 * prepare.LOWER_START_SHARE * total
    )
    assert (
        0.5 * prepare.TYPOGRAPHIC_SHARE * quoted
        <= typographic
        <= 1.5 * prepare.TYPOGRAPHIC_SHARE * quoted
    )
    assert [d.text for d in prepare.augment(treebank)] == [d.text for d in first]  # seeded
    other_seed = prepare.augment(treebank, seed=prepare.AUGMENT_SEED + 1)
    assert [d.text for d in other_seed] != [d.text for d in first]
    for a, b in zip(treebank, first, strict=True):
        assert len(a) == len(b) and _annotations(a) == _annotations(b)


def test_only_the_training_set_is_augmented(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        sys, "argv", ["prepare.py", "--shared", str(SHARED), "--out", str(tmp_path)]
    )
    prepare.main()
    vocab = Vocab()

    def texts(name: str) -> list[str]:
        return [d.text for d in DocBin().from_disk(tmp_path / f"{name}.spacy").get_docs(vocab)]

    train = " ".join(texts("train"))
    assert "‘" in train or "“" in train
    news = prepare.docs_from(UD / f"{prepare.UD_TEST}.conllu")
    assert texts("test-news") == [d.text for d in news]
    assert not any(q in t for t in texts("dev") + texts("test-news") for q in "‘’“”")
    capsys.readouterr()

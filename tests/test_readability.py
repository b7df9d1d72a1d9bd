"""Readability: LiNT-II through our pipeline agrees with the reference; Flesch-Douma; outputs."""

from __future__ import annotations

import json
import re
import sys

import pyphen
import pytest
from lintkit import SHARED, write

from lint_brieven import nlp
from lint_brieven.config import find_config_file, load_config
from lint_brieven.nlp import pipeline
from lint_brieven.readability import assess, flesch_douma, lint_ii_bridge
from lint_brieven.runner import RunRequest, run

REFERENCE = SHARED / "reference" / "lint-ii-examples"


def test_bridge_provides_what_lint_ii_imports():
    """Fails when a lint-ii upgrade imports something new from its nlp_model module."""
    module = lint_ii_bridge.install()
    assert sys.modules[lint_ii_bridge.MODULE] is module
    import lint_ii

    source_root = lint_ii.__path__[0]
    wanted: set[str] = set()
    from pathlib import Path

    for path in Path(source_root).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for names in re.findall(r"from lint_ii\.linguistic_data\.nlp_model import ([\w, ]+)", text):
            wanted |= {n.strip() for n in names.split(",")}
    assert wanted, "lint-ii no longer imports from nlp_model: check lint_ii_bridge"
    assert wanted <= set(vars(module)), wanted - set(vars(module))
    assert set(module.COEFFICIENTS) == {
        "const",
        "mean_log_word_freq",
        "mean_max_sdl",
        "mean_content_words",
        "proportion_concrete",
    }
    assert module.NLP_MODEL is pipeline()
    from lint_ii.core.lint_scorer import LintScorer

    assert LintScorer(4.0, 3, 2.0, 0.5).COEFFICIENTS is module.COEFFICIENTS


def _reference(level: str) -> tuple[str, dict]:
    texts = json.loads((REFERENCE / "texts.json").read_text(encoding="utf-8"))
    return texts[level]["text"], json.loads((REFERENCE / f"level{level}.json").read_text())


def _ours(text: str):
    from lint_ii.core.preprocessor import preprocess_text

    return assess([pipeline()(preprocess_text(text))])


# Every document within 3 points of the reference and at its level (issue 3's target, met).
# Sentence levels agreeing where the splits coincide is reported, not a target: on 46
# sentences it is too coarse to measure (issue 14 retired the 85% target). The figure reached
# (37 of 46) guards against regressions.
TARGET_POINTS = 3.0
REACHED_SENTENCE_AGREEMENT = 0.78


def _document(level: str) -> tuple[float, int, float, int]:
    text, reference = _reference(level)
    ours = _ours(text)
    return (
        ours.lint_ii,
        ours.level,
        reference["document_lint_score"],
        reference["document_difficulty_level"],
    )


@pytest.mark.parametrize("level", ["1", "2", "3", "4"])
def test_document_level_and_score_agree_with_reference(level):
    score, ours_level, ref_score, ref_level = _document(level)
    assert ours_level == ref_level
    assert abs(score - ref_score) <= TARGET_POINTS, (score, ref_score)


def _sentence_agreement() -> float:
    agree = total = 0
    for level in "1234":
        text, reference = _reference(level)
        ours = {
            " ".join(t.lower_ for t in pipeline().make_doc(s.text)): s
            for s in _ours(text).sentences
        }
        for sentence in reference["sentences"]:
            key = " ".join(w["text"] for w in sentence["word_features"])
            if key in ours and sentence["difficulty_level"] is not None:
                total += 1
                agree += ours[key].level == sentence["difficulty_level"]
    assert total >= 30, total
    return agree / total


def test_sentence_levels_agree_where_splits_coincide():
    assert _sentence_agreement() >= REACHED_SENTENCE_AGREEMENT


def test_whitespace_is_no_word_for_lint_ii():
    """A run of spaces, a tab or a line break inside a sentence changes no LiNT-II figure."""
    plain = "Wij vervangen morgen de kapotte kraan in de keuken van uw woning."
    spaced = "Wij  vervangen morgen\tde kapotte  kraan\nin de keuken van  uw woning."
    ours, known = (nlp.parse([t])[t] for t in (spaced, plain))
    assert any(t.is_space for t in ours)
    words = lint_ii_bridge.sentence_analysis(next(ours.sents)).word_features
    assert [f.token.text for f in words] == [t.text for t in known]
    assert [f.dep_length for f in words] == [
        f.dep_length for f in lint_ii_bridge.sentence_analysis(next(known.sents)).word_features
    ]
    assert assess([ours]).sentences[0].lint_ii == assess([known]).sentences[0].lint_ii


def test_sentences_keep_the_quotes_as_written():
    text = "‘Wij komen morgen,’ zegt de monteur. „Bel ons” als u niet thuis bent."
    readability = assess([nlp.parse([text])[text]])
    assert [s.text for s in readability.sentences] == [
        "‘Wij komen morgen,’ zegt de monteur.",
        "„Bel ons” als u niet thuis bent.",
    ]


def test_flesch_douma_uses_our_sentences_and_dutch_syllables():
    doc = pipeline()("Wij komen morgen. De monteur vervangt de kraan.")
    sentences = list(doc.sents)
    words = ["Wij", "komen", "morgen", "De", "monteur", "vervangt", "de", "kraan"]
    dic = pyphen.Pyphen(lang="nl")
    syllables = sum(len(dic.positions(w)) + 1 for w in words)
    expected = 206.835 - 0.93 * len(words) / 2 - 77 * syllables / len(words)
    assert len(sentences) == 2
    assert flesch_douma(sentences) == pytest.approx(expected, abs=0.05)


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    find_config_file.cache_clear()
    load_config.cache_clear()
    return tmp_path


def test_json_and_text_carry_readability_per_file_and_sentence(in_tmp, capsys):
    from lint_brieven.cli import main

    write(in_tmp, {"a.txt": "Beste heer Jansen,\n\nWij komen morgen. Bel ons op 030 123 45 67.\n"})
    main(["check", "a.txt", "--output-format", "json"])
    data = json.loads(capsys.readouterr().out)
    readability = data["files"][0]["readability"]
    assert set(readability) == {"lint_ii", "flesch_douma", "variant", "sentences"}
    assert set(readability["lint_ii"]) == {"score", "level"}
    assert [(s["line"], s["column"], s["text"]) for s in readability["sentences"]] == [
        (1, 1, "Beste heer Jansen,"),
        (3, 1, "Wij komen morgen."),
        (3, 19, "Bel ons op 030 123 45 67."),
    ]
    main(["check", "a.txt"])
    assert "a.txt: leesbaarheid: LiNT-II" in capsys.readouterr().out


def test_target_level_from_config(in_tmp):
    hard = (
        "Teneinde de continuïteit van de dienstverlening te waarborgen, zijn wij genoodzaakt de "
        "servicekostenafrekening conform de toepasselijke wettelijke bepalingen te verstrekken."
    )
    write(in_tmp, {"a.txt": hard, "lint-brieven.toml": "target-level = 4\n"})
    result = run(RunRequest(["a.txt"]))
    assert "LB401" not in {f.code for r in result.reports for f in r.findings}

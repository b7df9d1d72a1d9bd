"""Accuracy of the shipped pipeline on both held-out test sets, computed in CI from the model.

The thresholds are the figures reached at training time (training/metrics.json, MODEL_CARD.md)
less a small margin; a retrained model that does worse fails here.
"""

from __future__ import annotations

import json
import sys

import pytest
from lintkit import REPO, SHARED

sys.path.insert(0, str(REPO / "training"))

import evaluate  # noqa: E402

MARGIN = 0.5  # percentage points of slack for platform differences in floating point


@pytest.fixture(scope="module")
def measured() -> dict:
    return evaluate.evaluate(REPO / "lint_brieven" / "nlp" / "model", SHARED, speed=False)


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads((REPO / "training" / "metrics.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("test_set", ["news_test", "letter_test"])
@pytest.mark.parametrize("metric", ["upos", "las", "lemma"])
def test_accuracy_matches_the_model_card(measured, recorded, test_set, metric):
    assert measured[test_set][metric] >= recorded[test_set][metric] - MARGIN


def test_letter_set_is_large_enough_and_held_out():
    test = (REPO / "training" / "letters" / "letters-test.conllu").read_text(encoding="utf-8")
    train = (REPO / "training" / "letters" / "letters-train.conllu").read_text(encoding="utf-8")
    test_ids = {line for line in test.splitlines() if line.startswith("# sent_id")}
    train_ids = {line for line in train.splitlines() if line.startswith("# sent_id")}
    assert len(test_ids) >= 120
    assert len(test_ids) + len(train_ids) >= 500
    assert not test_ids & train_ids


def test_model_is_small(measured):
    assert measured["size_mb"] <= 15

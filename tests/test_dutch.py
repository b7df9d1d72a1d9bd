"""Dutch knowledge the rewrites rely on: verb forms, particles, requests."""

from __future__ import annotations

import pytest

from lint_brieven.dutch.requests import action, is_conditional_question, requests_in
from lint_brieven.dutch.verbs import infinitive_of, present, split_particle, stem
from lint_brieven.nlp import pipeline


@pytest.mark.parametrize(
    ("infinitive", "third"),
    [
        ("maken", "maakt"),
        ("bellen", "belt"),
        ("geven", "geeft"),
        ("lezen", "leest"),
        ("verhogen", "verhoogt"),
        ("leveren", "levert"),
        ("regelen", "regelt"),
        ("informeren", "informeert"),
        ("verwijderen", "verwijdert"),
        ("zetten", "zet"),
        ("hebben", "heeft"),
        ("gaan", "gaat"),
        ("uitvoeren", "uitvoert"),
    ],
)
def test_present_third_person(infinitive, third):
    assert present(infinitive, "3sg") == third


def test_plural_and_first_person():
    assert present("controleren", "pl") == "controleren"
    assert present("bellen", "1sg") == "bel"
    assert stem("halen") == "haal"


@pytest.mark.parametrize(
    ("stem_", "infinitive"),
    [
        ("bel", "bellen"),
        ("haal", "halen"),
        ("stuur", "sturen"),
        ("lever", "leveren"),
        ("geef", "geven"),
    ],
)
def test_infinitive_from_stem(stem_, infinitive):
    assert infinitive_of(stem_) == infinitive


def test_separable_particles():
    assert split_particle("opnemen", "opgenomen") == ("op", "nemen")
    assert split_particle("verhogen", "verhoogd") == ("", "verhogen")


def _sentences(text):
    return list(pipeline()(text).sents)


def test_requests_and_what_is_not_one():
    doc = pipeline()("Stuur het formulier terug. Heeft u vragen? Bel ons dan. U kunt ook mailen.")
    assert [s.text.strip() for s in requests_in(doc)] == ["Stuur het formulier terug."]
    assert is_conditional_question("Heeft u vragen?")
    assert not is_conditional_question("Wat moet u doen?")


def test_actions_of_the_same_kind_are_one():
    first, second = _sentences("Maak het bedrag over. Daarom moet u € 100 bijbetalen.")
    assert action(first) == action(second) == "betalen"

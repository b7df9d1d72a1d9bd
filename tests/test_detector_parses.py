"""The grammar-aware detectors on hand-made parses: they must not depend on one parser's habits.

Two parses of the same sentence may label it differently (obl or obl:agent for the "door"
phrase of a passive, aux or aux:pass for "is" with a participle, a coordinated "niet" as a
conjunct). These tests give the detectors each labelling, independent of the shipped model.
"""

from __future__ import annotations

import pytest
from lintkit import parsed

from lint_brieven.checks.detectors.double_negation import _clause
from lint_brieven.checks.detectors.nominalisation import Nominalisation
from lint_brieven.checks.detectors.passive import _is_agent, _passive_auxiliary
from lint_brieven.checks.detectors.split_verb import _finite_and_complement

PARTICIPLE = "WW|vd|vrij|zonder"


def _passive(aux_relation: str, agent_relation: str):
    """ "de huur is door ons vastgesteld" with the given labels."""
    return parsed(
        [
            ("de", "DET", "LID|bep|stan|rest", 1, "det"),
            ("huur", "NOUN", "N|soort|ev|basis|zijd|stan", 5, "nsubj:pass"),
            ("is", "AUX", "WW|pv|tgw|ev", 5, aux_relation),
            ("door", "ADP", "VZ|init", 4, "case"),
            ("ons", "PRON", "VNW|pr|pron|obl|vol|1|mv", 5, agent_relation),
            ("vastgesteld", "VERB", PARTICIPLE, 5, "ROOT"),
        ],
        {"is": "zijn"},
    )


@pytest.mark.parametrize("aux_relation", ["aux:pass", "aux"])
@pytest.mark.parametrize("agent_relation", ["obl:agent", "obl"])
def test_passive_found_under_either_labelling(aux_relation, agent_relation):
    doc = _passive(aux_relation, agent_relation)
    assert _passive_auxiliary(doc[2])
    assert _is_agent(doc[4])


def test_not_a_passive_auxiliary_or_agent():
    # "de huur is hoog": copula, no participle
    copula = parsed(
        [
            ("de", "DET", "LID|bep|stan|rest", 1, "det"),
            ("huur", "NOUN", "N|soort|ev|basis|zijd|stan", 3, "nsubj"),
            ("is", "AUX", "WW|pv|tgw|ev", 3, "cop"),
            ("hoog", "ADJ", "ADJ|vrij|basis|zonder", 3, "ROOT"),
        ],
        {"is": "zijn"},
    )
    assert not _passive_auxiliary(copula[2])
    # "wij hebben het gemeld": perfect with "hebben"
    perfect = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 3, "nsubj"),
            ("hebben", "AUX", "WW|pv|tgw|mv", 3, "aux"),
            ("het", "PRON", "VNW|pers|pron|stan|red|3|ev|onz", 3, "obj"),
            ("gemeld", "VERB", PARTICIPLE, 3, "ROOT"),
        ]
    )
    assert not _passive_auxiliary(perfect[1])
    # "met de huur" is an obl, but not a "door" phrase
    other = parsed(
        [
            ("met", "ADP", "VZ|init", 2, "case"),
            ("de", "DET", "LID|bep|stan|rest", 2, "det"),
            ("huur", "NOUN", "N|soort|ev|basis|zijd|stan", 3, "obl"),
            ("gemeld", "VERB", PARTICIPLE, 3, "ROOT"),
        ]
    )
    assert not _is_agent(other[2])


def test_coordinated_negations_share_their_clause():
    # "indien het niet of niet goed is gedaan"
    doc = parsed(
        [
            ("indien", "SCONJ", "VG|onder", 7, "mark"),
            ("het", "PRON", "VNW|pers|pron|stan|red|3|ev|onz", 7, "nsubj:pass"),
            ("niet", "ADV", "BW", 7, "advmod"),
            ("of", "CCONJ", "VG|neven", 4, "cc"),
            ("niet", "ADV", "BW", 2, "conj"),
            ("goed", "ADJ", "ADJ|vrij|basis|zonder", 7, "advmod"),
            ("is", "AUX", "WW|pv|tgw|ev", 7, "aux:pass"),
            ("gedaan", "VERB", PARTICIPLE, 7, "ROOT"),
        ]
    )
    assert _clause(doc[2]) == _clause(doc[4]) == doc[7]


def test_coordinated_negations_share_their_clause_when_misparsed():
    # "indien het werk niet of niet goed is gedaan", with the first "niet" attached to the
    # noun and the verb a conjunct of it, as a parser did in a long officialese sentence
    doc = parsed(
        [
            ("indien", "SCONJ", "VG|onder", 8, "mark"),
            ("het", "DET", "LID|bep|stan|evon", 2, "det"),
            ("werk", "NOUN", "N|soort|ev|basis|onz|stan", 2, "ROOT"),
            ("niet", "ADV", "BW", 2, "amod"),
            ("of", "CCONJ", "VG|neven", 8, "cc"),
            ("niet", "ADV", "BW", 8, "advmod"),
            ("goed", "ADJ", "ADJ|vrij|basis|zonder", 8, "advmod"),
            ("is", "AUX", "WW|pv|tgw|ev", 8, "aux:pass"),
            ("gedaan", "VERB", PARTICIPLE, 3, "conj"),
        ]
    )
    assert _clause(doc[3]) != _clause(doc[5])  # what the parse alone says
    first = _clause(doc[3])
    assert _clause(doc[5], {3: first.i}) == first
    # only a negation already seen two words before pulls it in
    assert _clause(doc[5], {2: 2}) == doc[8]


def test_coordinated_verbs_are_clauses_of_their_own():
    # "wij bellen niet en sturen geen brief"
    doc = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 1, "nsubj"),
            ("bellen", "VERB", "WW|pv|tgw|mv", 1, "ROOT"),
            ("niet", "ADV", "BW", 1, "advmod"),
            ("en", "CCONJ", "VG|neven", 4, "cc"),
            ("sturen", "VERB", "WW|pv|tgw|mv", 1, "conj"),
            ("geen", "DET", "VNW|onbep|det|stan|prenom|zonder|agr", 6, "det"),
            ("brief", "NOUN", "N|soort|ev|basis|zijd|stan", 4, "obj"),
        ]
    )
    assert _clause(doc[2]) == doc[1]
    assert _clause(doc[5]) == doc[4]


def test_nominalisation_in_a_coordinated_subject():
    # "de ondertekening en de uitreiking van de sleutels vinden plaats"
    doc = parsed(
        [
            ("de", "DET", "LID|bep|stan|rest", 1, "det"),
            ("ondertekening", "NOUN", "N|soort|ev|basis|zijd|stan", 8, "nsubj"),
            ("en", "CCONJ", "VG|neven", 4, "cc"),
            ("de", "DET", "LID|bep|stan|rest", 4, "det"),
            ("uitreiking", "NOUN", "N|soort|ev|basis|zijd|stan", 1, "conj"),
            ("van", "ADP", "VZ|init", 7, "case"),
            ("de", "DET", "LID|bep|stan|rest", 7, "det"),
            ("sleutels", "NOUN", "N|soort|mv|basis", 4, "nmod"),
            ("vinden", "VERB", "WW|pv|tgw|mv", 8, "ROOT"),
            ("plaats", "ADP", "VZ|fin", 8, "compound:prt"),
        ]
    )
    detector = Nominalisation(dict(Nominalisation.defaults))
    weak = {"vinden", "plaatsvinden"}
    found = detector._noun(doc[4], weak)
    assert found is not None
    start, end, verb, _obj = found
    assert doc[start:end].text == "de uitreiking van de sleutels"
    assert verb == "uitreiken"


def _noun_as_conjunct_of_a_verb(last_verb: str, last_lemma: str):
    """ "dat het ligt en dat de ondertekening van de huurovereenkomst zal <verb>", misparsed
    as a parser did: the noun a conjunct of the first clause's verb, the verb of the noun's
    clause a conjunct of the noun."""
    return parsed(
        [
            ("dat", "SCONJ", "VG|onder", 2, "mark"),
            ("het", "PRON", "VNW|pers|pron|stan|red|3|ev|onz", 2, "nsubj"),
            ("ligt", "VERB", "WW|pv|tgw|met-t", 2, "ROOT"),
            ("en", "CCONJ", "VG|neven", 6, "cc"),
            ("dat", "SCONJ", "VG|onder", 6, "mark"),
            ("de", "DET", "LID|bep|stan|rest", 6, "det"),
            ("ondertekening", "NOUN", "N|soort|ev|basis|zijd|stan", 2, "conj"),
            ("van", "ADP", "VZ|init", 9, "case"),
            ("de", "DET", "LID|bep|stan|rest", 9, "det"),
            ("huurovereenkomst", "NOUN", "N|soort|ev|basis|zijd|stan", 6, "nmod"),
            ("zal", "AUX", "WW|pv|tgw|ev", 11, "aux"),
            (last_verb, "VERB", "WW|inf|vrij|zonder", 6, "conj"),
        ],
        {last_verb: last_lemma, "zal": "zullen", "ligt": "liggen"},
    )


def test_nominalisation_when_the_noun_is_misparsed_as_a_conjunct_of_a_verb():
    weak = set(Nominalisation.defaults["weak-verbs"])
    detector = Nominalisation(dict(Nominalisation.defaults))
    doc = _noun_as_conjunct_of_a_verb("plaatsvinden", "plaatsvinden")
    found = detector._noun(doc[6], weak)
    assert found is not None
    start, end, verb, _obj = found
    assert doc[start:end].text == "de ondertekening van de huurovereenkomst"
    assert verb == "ondertekenen"
    # the verb that follows says something: no nominalisation to give back
    assert detector._noun(_noun_as_conjunct_of_a_verb("kosten", "kosten")[6], weak) is None


def test_split_verb_measures_to_the_first_verb_of_a_coordinated_group():
    # "Wilt u het formulier vóór 1 mei invullen en naar ons sturen?", with "sturen" hung on
    # "Wilt" as a parser did, not on "invullen"
    doc = parsed(
        [
            ("Wilt", "VERB", "WW|pv|tgw|met-t", 0, "ROOT"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 0, "nsubj"),
            ("het", "DET", "LID|bep|stan|evon", 3, "det"),
            ("formulier", "NOUN", "N|soort|ev|basis|onz|stan", 0, "obj"),
            ("vóór", "ADP", "VZ|init", 5, "case"),
            ("1", "NUM", "TW|hoofd|vrij", 7, "obl"),
            ("mei", "PROPN", "N|eigen|ev|basis|zijd|stan", 5, "flat"),
            ("invullen", "VERB", "WW|inf|vrij|zonder", 0, "xcomp"),
            ("en", "CCONJ", "VG|neven", 11, "cc"),
            ("naar", "ADP", "VZ|init", 10, "case"),
            ("ons", "PRON", "VNW|pr|pron|obl|vol|1|mv", 11, "obl"),
            ("sturen", "VERB", "WW|inf|vrij|zonder", 0, "conj"),
            ("?", "PUNCT", "LET", 0, "punct"),
        ],
        {"Wilt": "willen"},
    )
    assert list(_finite_and_complement(doc[:])) == [(doc[0], doc[7])]

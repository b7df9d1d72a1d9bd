"""The grammar-aware detectors on hand-made parses: they must not depend on one parser's habits.

Two parses of the same sentence may label it differently (obl or obl:agent for the "door"
phrase of a passive, aux or aux:pass for "is" with a participle, a coordinated "niet" as a
conjunct). These tests give the detectors each labelling, independent of the shipped model.
"""

from __future__ import annotations

import pytest
from lintkit import parsed

from lint_brieven.checks.detectors.double_negation import (
    _clause,
    _double,
    _separated,
    is_negation,
    negative_verb,
)
from lint_brieven.checks.detectors.nominalisation import Nominalisation
from lint_brieven.checks.detectors.passive import _is_agent, _passive_auxiliary
from lint_brieven.checks.detectors.rare_words import is_name_or_code
from lint_brieven.checks.detectors.split_verb import (
    _finite_and_complement,
    crosses_clause,
    subject_pairs,
    verb_group_pairs,
)
from lint_brieven.dutch.clauses import is_subordinate, words_between
from lint_brieven.dutch.passive_voice import (
    STATIVE,
    actor_known_from_sentence,
    clause_core,
    concerns_reader,
    copula_participle,
    hides_actor_that_matters,
    is_participle,
    names_agent,
    passive_span,
    takes_zijn,
)

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


# -- issue 14: only what the parse supports -----------------------------------------------

NOUN = "N|soort|ev|basis|zijd|stan"
DET = "LID|bep|stan|rest"
UW = "VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr"


def _huur_wordt(predicate: str, pos: str, tag: str, lemma: str):
    """ "uw huur wordt <predicate>", with "wordt" labelled aux:pass as the model does even for
    an adjective."""
    return parsed(
        [
            ("uw", "PRON", UW, 1, "nmod:poss"),
            ("huur", "NOUN", NOUN, 3, "nsubj:pass"),
            ("wordt", "AUX", "WW|pv|tgw|met-t", 3, "aux:pass"),
            (predicate, pos, tag, 3, "ROOT"),
        ],
        {"wordt": "worden", predicate: lemma},
    )


def test_a_participle_read_as_an_adjective_is_still_a_participle():
    # the model tags "verhoogd" in "uw huur wordt verhoogd" as ADJ
    doc = _huur_wordt("verhoogd", "ADJ", "ADJ|vrij|basis|zonder", "verhoogd")
    assert is_participle(doc[3], doc[2])
    assert hides_actor_that_matters(doc[3], clause_core(doc[3]))
    assert passive_span(doc[3], doc[2], clause_core(doc[3])) == (0, 4)
    # "uw schuld wordt hoger": copula + adjective, whatever the label of "wordt"
    hoger = _huur_wordt("hoger", "ADJ", "ADJ|vrij|comp|zonder", "hoog")
    assert not is_participle(hoger[3], hoger[2])


def test_a_known_participle_after_a_copula_label_is_a_passive():
    # "de kosten zijn opnieuw berekend", "zijn" labelled cop and "berekend" ADJ
    doc = parsed(
        [
            ("de", "DET", DET, 1, "det"),
            ("kosten", "NOUN", "N|soort|mv|basis", 4, "nsubj"),
            ("zijn", "AUX", "WW|pv|tgw|mv", 4, "cop"),
            ("opnieuw", "ADV", "BW", 4, "advmod"),
            ("berekend", "ADJ", "ADJ|vrij|basis|zonder", 4, "ROOT"),
        ],
        {"zijn": "zijn"},
    )
    assert copula_participle(doc[2])
    # "de huur is hoog" is not
    assert not copula_participle(
        parsed(
            [
                ("de", "DET", DET, 1, "det"),
                ("huur", "NOUN", NOUN, 3, "nsubj"),
                ("is", "AUX", "WW|pv|tgw|ev", 3, "cop"),
                ("hoog", "ADJ", "ADJ|vrij|basis|zonder", 3, "ROOT"),
            ],
            {"is": "zijn"},
        )[2]
    )


def test_states_and_the_perfect_with_zijn_are_not_passives():
    assert takes_zijn("gelukt") and takes_zijn("doorgegaan") and takes_zijn("teruggekomen")
    assert {"gelegen", "gebaseerd", "verplicht", "verbonden", "gesloten"} <= STATIVE
    assert not takes_zijn("afgewezen") and "afgewezen" not in STATIVE


def test_a_door_phrase_names_the_agent_under_any_label():
    # "er wordt door een van de coördinatoren contact met u opgenomen", the "door" phrase
    # labelled as the subject by the parser
    doc = parsed(
        [
            ("er", "ADV", "VNW|aanw|adv-pron|stan|red|3|getal", 9, "advmod"),
            ("wordt", "AUX", "WW|pv|tgw|met-t", 9, "aux:pass"),
            ("door", "ADP", "VZ|init", 3, "case"),
            ("een", "NUM", "TW|hoofd|nom|zonder-n|basis", 9, "nsubj:pass"),
            ("van", "ADP", "VZ|init", 5, "case"),
            ("coördinatoren", "NOUN", "N|soort|mv|basis", 3, "nmod"),
            ("contact", "NOUN", "N|soort|ev|basis|onz|stan", 9, "nsubj:pass"),
            ("met", "ADP", "VZ|init", 8, "case"),
            ("u", "PRON", "VNW|pr|pron|obl|vol|2|getal", 9, "obl"),
            ("opgenomen", "VERB", PARTICIPLE, 9, "ROOT"),
        ],
        {"wordt": "worden", "opgenomen": "opnemen"},
    )
    assert names_agent(doc[9])
    # without the "door" phrase the same clause hides who acts, and that matters (u)
    bare = parsed(
        [
            ("er", "ADV", "VNW|aanw|adv-pron|stan|red|3|getal", 5, "advmod"),
            ("wordt", "AUX", "WW|pv|tgw|met-t", 5, "aux:pass"),
            ("contact", "NOUN", "N|soort|ev|basis|onz|stan", 5, "nsubj:pass"),
            ("met", "ADP", "VZ|init", 4, "case"),
            ("u", "PRON", "VNW|pr|pron|obl|vol|2|getal", 5, "obl"),
            ("opgenomen", "VERB", PARTICIPLE, 5, "ROOT"),
        ],
        {"wordt": "worden", "opgenomen": "opnemen"},
    )
    assert not names_agent(bare[5])
    assert hides_actor_that_matters(bare[5], clause_core(bare[5]))
    assert passive_span(bare[1], bare[1], clause_core(bare[5]))[0] == 0  # "er" included


def test_a_passive_nobody_needs_the_actor_of_is_left_alone():
    # "de bomen worden gesnoeid": no reader, no decision, no instruction
    doc = parsed(
        [
            ("de", "DET", DET, 1, "det"),
            ("bomen", "NOUN", "N|soort|mv|basis", 3, "nsubj:pass"),
            ("worden", "AUX", "WW|pv|tgw|mv", 3, "aux:pass"),
            ("gesnoeid", "VERB", PARTICIPLE, 3, "ROOT"),
        ],
        {"worden": "worden", "gesnoeid": "snoeien"},
    )
    assert not hides_actor_that_matters(doc[3], clause_core(doc[3]))
    # "reparatieverzoeken moeten worden ingediend": an instruction to the tenant
    instruction = parsed(
        [
            ("reparatieverzoeken", "NOUN", "N|soort|mv|basis", 3, "nsubj:pass"),
            ("moeten", "AUX", "WW|pv|tgw|mv", 3, "aux"),
            ("worden", "AUX", "WW|inf|vrij|zonder", 3, "aux:pass"),
            ("ingediend", "VERB", PARTICIPLE, 3, "ROOT"),
        ],
        {"moeten": "moeten", "worden": "worden", "ingediend": "indienen"},
    )
    assert hides_actor_that_matters(instruction[3], clause_core(instruction[3]))


def test_the_span_leaves_out_a_subject_far_before_the_verbs():
    # "reacties die per e-mail worden ingediend, worden niet in behandeling genomen"
    doc = parsed(
        [
            ("reacties", "NOUN", "N|soort|mv|basis", 11, "nsubj:pass"),
            ("die", "PRON", "VNW|betr|pron|stan|vol|persoon|getal", 5, "nsubj:pass"),
            ("per", "ADP", "VZ|init", 3, "case"),
            ("e-mail", "NOUN", NOUN, 5, "obl"),
            ("worden", "AUX", "WW|pv|tgw|mv", 5, "aux:pass"),
            ("ingediend", "VERB", PARTICIPLE, 0, "acl:relcl"),
            (",", "PUNCT", "LET", 0, "punct"),
            ("worden", "AUX", "WW|pv|tgw|mv", 11, "aux:pass"),
            ("niet", "ADV", "BW", 11, "advmod"),
            ("in", "ADP", "VZ|init", 10, "case"),
            ("behandeling", "NOUN", NOUN, 11, "obl"),
            ("genomen", "VERB", PARTICIPLE, 11, "ROOT"),
        ],
        {"worden": "worden", "ingediend": "indienen", "genomen": "nemen"},
    )
    main = doc[11]
    core = clause_core(main)
    assert doc[5] not in core  # the relative clause is a clause of its own
    assert passive_span(main, doc[7], core) == (7, 12)
    # the relative clause: its subject "die" stands for "reacties", something the tenant sends
    assert hides_actor_that_matters(doc[5], clause_core(doc[5]))
    assert passive_span(doc[5], doc[4], clause_core(doc[5])) == (1, 6)


def _subclause_krijgt():
    """ "zorg ervoor dat uw verhuurder de brief vóór 1 mei krijgt" """
    return parsed(
        [
            ("zorg", "VERB", "WW|pv|tgw|ev", 0, "ROOT"),
            ("ervoor", "ADV", "BW", 0, "advmod"),
            ("dat", "SCONJ", "VG|onder", 10, "mark"),
            ("uw", "PRON", UW, 4, "nmod:poss"),
            ("verhuurder", "NOUN", NOUN, 10, "nsubj"),
            ("de", "DET", DET, 6, "det"),
            ("brief", "NOUN", NOUN, 10, "obj"),
            ("vóór", "ADP", "VZ|init", 8, "case"),
            ("1", "NUM", "TW|hoofd|vrij", 10, "obl"),
            ("mei", "PROPN", "N|eigen|ev|basis|zijd|stan", 8, "flat"),
            ("krijgt", "VERB", "WW|pv|tgw|met-t", 0, "ccomp"),
        ],
        {"krijgt": "krijgen"},
    )


def test_a_subordinate_clause_has_its_verbs_at_the_end_and_no_tang():
    doc = _subclause_krijgt()
    assert is_subordinate(doc[10]) and not is_subordinate(doc[0])
    assert list(subject_pairs(doc[:])) == []  # "verhuurder … krijgt" is normal order


def test_the_gap_counts_a_run_of_numbers_or_a_name_as_one_word():
    doc = parsed(
        [
            ("maak", "VERB", "WW|pv|tgw|ev", 0, "ROOT"),
            ("over", "ADP", "VZ|fin", 0, "compound:prt"),
            ("naar", "ADP", "VZ|init", 3, "case"),
            ("NL91", "NOUN", NOUN, 0, "obl"),
            ("ABNA", "PROPN", "N|eigen|ev|basis|zijd|stan", 3, "flat"),
            ("0417", "NUM", "TW|hoofd|vrij", 3, "flat"),
            ("1643", "NUM", "TW|hoofd|vrij", 3, "flat"),
            ("bij", "ADP", "VZ|init", 9, "case"),
            ("Woonstichting", "NOUN", NOUN, 9, "nmod"),
            ("De", "DET", DET, 8, "flat"),
            ("Linde", "PROPN", "SPEC|deeleigen", 8, "flat"),
            ("nu", "ADV", "BW", 0, "advmod"),
        ]
    )
    # naar | NL91 ABNA 0417 1643 | bij | Woonstichting De Linde
    assert words_between(doc[1], doc[11]) == 4


def test_a_verb_hung_across_a_comma_and_a_new_clause_is_no_tang():
    # "Heeft u nog vragen, dan kunt u contact opnemen", with "opnemen" hung on "Heeft"
    doc = parsed(
        [
            ("Heeft", "VERB", "WW|pv|tgw|met-t", 0, "ROOT"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 0, "nsubj"),
            ("nog", "ADV", "BW", 3, "advmod"),
            ("vragen", "NOUN", "N|soort|mv|basis", 0, "obj"),
            (",", "PUNCT", "LET", 9, "punct"),
            ("dan", "ADV", "BW", 9, "advmod"),
            ("kunt", "AUX", "WW|pv|tgw|met-t", 9, "aux"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 9, "nsubj"),
            ("contact", "NOUN", "N|soort|ev|basis|onz|stan", 9, "obj"),
            ("opnemen", "VERB", "WW|inf|vrij|zonder", 0, "advcl"),
        ],
        {"Heeft": "hebben", "kunt": "kunnen"},
    )
    assert crosses_clause(doc[0], doc[9])
    pairs = [(f.text, s.text) for f, s, _last in verb_group_pairs(doc[:])]
    assert ("kunt", "opnemen") in pairs


def _zonder_sentence(head_has_geen: bool):
    """ "huurders zonder achterstand hoeven niet …" or "geen aanvraag zonder handtekening …
    niet" with "zonder" describing the noun (nmod)."""
    first = ("geen", "DET", "VNW|onbep|det|stan|prenom|zonder|agr", 1, "det")
    return parsed(
        [
            first
            if head_has_geen
            else ("alle", "DET", "VNW|onbep|det|stan|prenom|met-e|agr", 1, "det"),
            ("huurders", "NOUN", "N|soort|mv|basis", 4, "nsubj"),
            ("zonder", "ADP", "VZ|init", 3, "case"),
            ("achterstand", "NOUN", NOUN, 1, "nmod"),
            ("hoeven", "VERB", "WW|pv|tgw|mv", 4, "ROOT"),
            ("niet", "ADV", "BW", 4, "advmod"),
        ]
    )


def test_zonder_describing_a_noun_negates_only_with_geen():
    assert not is_negation(_zonder_sentence(False)[2])
    assert is_negation(_zonder_sentence(True)[2])


def test_noch_noch_and_negations_across_a_clause_are_not_double():
    # "wij zijn noch de eigenaar noch de beheerder"
    noch = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 4, "nsubj"),
            ("zijn", "AUX", "WW|pv|tgw|mv", 4, "cop"),
            ("noch", "CCONJ", "VG|neven", 4, "cc"),
            ("de", "DET", DET, 4, "det"),
            ("eigenaar", "NOUN", NOUN, 4, "ROOT"),
            ("noch", "CCONJ", "VG|neven", 7, "cc"),
            ("de", "DET", DET, 7, "det"),
            ("beheerder", "NOUN", NOUN, 4, "conj"),
        ]
    )
    assert _double([noch[2], noch[5]]) is None
    # "wij komen niet als u geen afspraak heeft", both hung on "komen" by a parser
    across = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 1, "nsubj"),
            ("komen", "VERB", "WW|pv|tgw|mv", 1, "ROOT"),
            ("niet", "ADV", "BW", 1, "advmod"),
            ("als", "SCONJ", "VG|onder", 1, "mark"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 1, "nsubj"),
            ("geen", "DET", "VNW|onbep|det|stan|prenom|zonder|agr", 6, "det"),
            ("afspraak", "NOUN", NOUN, 1, "obj"),
            ("heeft", "VERB", "WW|pv|tgw|met-t", 1, "advcl"),
        ]
    )
    assert _separated(across[2], across[5])
    assert _double([across[2], across[5]]) is None


def test_a_negative_verb_with_niet_is_a_double_negation():
    # "wij sluiten niet uit"
    doc = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 1, "nsubj"),
            ("sluiten", "VERB", "WW|pv|tgw|mv", 1, "ROOT"),
            ("niet", "ADV", "BW", 1, "advmod"),
            ("uit", "ADP", "VZ|fin", 1, "compound:prt"),
        ]
    )
    assert negative_verb(doc[1])
    assert _double([doc[1], doc[2]]) == (doc[1], doc[2])


def _nominalisation_in(verb: str, verb_tag: str, relation: str, lemmas: dict[str, str]):
    """ "wij beginnen met het vervangen van de kozijnen" / "… overgaan tot het …" """
    return parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 1, "nsubj"),
            (verb, "VERB", verb_tag, 1, "ROOT"),
            ("met" if relation == "obl" else "tot", "ADP", "VZ|init", 4, "case"),
            ("het", "DET", "LID|bep|stan|evon", 4, "det"),
            ("vervangen", "VERB", "WW|inf|nom|zonder|zonder-n", 1, "obl"),
            ("van", "ADP", "VZ|init", 7, "case"),
            ("de", "DET", DET, 7, "det"),
            ("kozijnen", "NOUN", "N|soort|mv|basis", 4, "nmod"),
        ],
        lemmas,
    )


def test_a_nominalisation_in_an_ordinary_clause_is_plain_dutch():
    detector = Nominalisation(dict(Nominalisation.defaults))
    plain = _nominalisation_in("beginnen", "WW|pv|tgw|mv", "obl", {"beginnen": "beginnen"})
    assert detector._infinitive(plain[4]) is None
    support = _nominalisation_in("overgaan", "WW|inf|vrij|zonder", "tot", {})
    found = detector._infinitive(support[4])
    assert found is not None and found[2] == "vervangen"


def test_a_weak_verb_needs_its_particle_in_the_clause():
    # "de planning van de werkzaamheden vindt u in de bijlage", lemmatised as "plaatsvinden"
    doc = parsed(
        [
            ("de", "DET", DET, 1, "det"),
            ("planning", "NOUN", NOUN, 5, "nsubj"),
            ("van", "ADP", "VZ|init", 4, "case"),
            ("de", "DET", DET, 4, "det"),
            ("werkzaamheden", "NOUN", "N|soort|mv|basis", 1, "nmod"),
            ("vindt", "VERB", "WW|pv|tgw|met-t", 5, "ROOT"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 5, "nsubj"),
            ("in", "ADP", "VZ|init", 9, "case"),
            ("de", "DET", DET, 9, "det"),
            ("bijlage", "NOUN", NOUN, 5, "obl"),
        ],
        {"vindt": "plaatsvinden"},
    )
    detector = Nominalisation(dict(Nominalisation.defaults))
    assert detector._noun(doc[1]) is None


def test_a_capitalised_word_inside_a_sentence_is_a_name_not_a_rare_word():
    # "uw adres is Brantjesstraat 14", the street tagged as a common noun
    doc = parsed(
        [
            ("uw", "PRON", UW, 1, "nmod:poss"),
            ("adres", "NOUN", "N|soort|ev|basis|onz|stan", 3, "nsubj"),
            ("is", "AUX", "WW|pv|tgw|ev", 3, "cop"),
            ("Brantjesstraat", "NOUN", NOUN, 3, "ROOT"),
            ("14", "NUM", "TW|hoofd|vrij", 3, "nummod"),
        ]
    )
    assert is_name_or_code(doc[3], frozenset())
    assert not is_name_or_code(doc[1], frozenset())
    assert is_name_or_code(doc[1], frozenset({"adres"}))  # a word of the organisation's profile


def _main_with_subclause(subject: str, subject_pos: str, word: str, word_pos: str):
    """ "<subject> nodigt u uit voor de zitting, <word> uw bezwaar wordt behandeld" """
    return parsed(
        [
            (
                subject,
                subject_pos,
                NOUN if subject_pos == "NOUN" else "VNW|pers|pron|nomin|vol|1|mv",
                1,
                "nsubj",
            ),
            ("nodigt", "VERB", "WW|pv|tgw|met-t", 1, "ROOT"),
            ("u", "PRON", "VNW|pr|pron|obl|vol|2|getal", 1, "obj"),
            ("uit", "ADP", "VZ|fin", 1, "compound:prt"),
            (",", "PUNCT", "LET", 9, "punct"),
            (
                word,
                word_pos,
                "VG|onder" if word_pos == "SCONJ" else "BW",
                9,
                "mark" if word_pos == "SCONJ" else "advmod",
            ),
            ("uw", "PRON", UW, 7, "nmod:poss"),
            ("bezwaar", "NOUN", "N|soort|ev|basis|onz|stan", 9, "nsubj:pass"),
            ("wordt", "AUX", "WW|pv|tgw|met-t", 9, "aux:pass"),
            ("behandeld", "VERB", PARTICIPLE, 1, "advcl"),
        ],
        {"nodigt": "uitnodigen", "wordt": "worden", "behandeld": "behandelen"},
    )


def test_the_actor_is_plain_from_the_sentence():
    # "De commissie nodigt u uit …, waar uw bezwaar wordt behandeld": the commission acts
    doc = _main_with_subclause("commissie", "NOUN", "waar", "ADV")
    assert actor_known_from_sentence(doc[9])
    # "wij" do not make it plain (an editor still asks "wie behandelt?")
    assert not actor_known_from_sentence(_main_with_subclause("wij", "PRON", "omdat", "SCONJ")[9])
    # nor does a thing as the main subject ("de bezichtiging …, waarbij u wordt verzocht")
    assert not actor_known_from_sentence(
        _main_with_subclause("bezichtiging", "NOUN", "omdat", "SCONJ")[9]
    )
    # a relative clause with "waar…" describes a thing: "het bedrag waarmee de huur wordt
    # verlaagd"
    doc = parsed(
        [
            ("het", "DET", "LID|bep|stan|evon", 1, "det"),
            ("bedrag", "NOUN", "N|soort|ev|basis|onz|stan", 1, "ROOT"),
            ("waarmee", "ADV", "BW", 6, "advmod"),
            ("de", "DET", DET, 4, "det"),
            ("huur", "NOUN", NOUN, 6, "nsubj:pass"),
            ("wordt", "AUX", "WW|pv|tgw|met-t", 6, "aux:pass"),
            ("verlaagd", "VERB", PARTICIPLE, 1, "acl:relcl"),
        ],
        {"wordt": "worden", "verlaagd": "verlagen"},
    )
    assert actor_known_from_sentence(doc[6])


def test_the_reader_counts_in_the_subject_not_deep_inside_it():
    def clause(words):
        """ "<subject words> wordt opgenomen", the subject's head first"""
        rows = [(w, p, t, h, d) for w, p, t, h, d in words]
        n = len(rows)
        rows += [
            ("wordt", "AUX", "WW|pv|tgw|met-t", n + 1, "aux:pass"),
            ("opgenomen", "VERB", PARTICIPLE, n + 1, "ROOT"),
        ]
        return parsed(rows, {"wordt": "worden", "opgenomen": "opnemen"})

    # "uw woning wordt opgenomen": the reader's own home
    own = clause([("uw", "PRON", UW, 1, "nmod:poss"), ("woning", "NOUN", NOUN, 3, "nsubj:pass")])
    assert concerns_reader(own[3])
    # "de staat van uw woning wordt opgenomen": a record, not the reader
    deep = clause(
        [
            ("de", "DET", DET, 1, "det"),
            ("staat", "NOUN", NOUN, 6, "nsubj:pass"),
            ("van", "ADP", "VZ|init", 4, "case"),
            ("uw", "PRON", UW, 4, "nmod:poss"),
            ("woning", "NOUN", NOUN, 1, "nmod"),
        ]
    )
    assert not concerns_reader(deep[6])


def test_zonder_counts_only_when_it_is_negated_itself():
    # "wij kunnen niet zonder toestemming beginnen"
    doc = parsed(
        [
            ("wij", "PRON", "VNW|pers|pron|nomin|vol|1|mv", 5, "nsubj"),
            ("kunnen", "AUX", "WW|pv|tgw|mv", 5, "aux"),
            ("niet", "ADV", "BW", 5, "advmod"),
            ("zonder", "ADP", "VZ|init", 4, "case"),
            ("toestemming", "NOUN", NOUN, 5, "obl"),
            ("beginnen", "VERB", "WW|inf|vrij|zonder", 5, "ROOT"),
        ]
    )
    assert _double([doc[2], doc[3]]) == (doc[2], doc[3])
    # "zonder vergunning mag u hier niet parkeren": a plain prohibition
    ban = parsed(
        [
            ("zonder", "ADP", "VZ|init", 1, "case"),
            ("vergunning", "NOUN", NOUN, 6, "obl"),
            ("mag", "AUX", "WW|pv|tgw|ev", 6, "aux"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 6, "nsubj"),
            ("hier", "ADV", "BW", 6, "advmod"),
            ("niet", "ADV", "BW", 6, "advmod"),
            ("parkeren", "VERB", "WW|inf|vrij|zonder", 6, "ROOT"),
        ]
    )
    assert is_negation(ban[0])
    assert _double([ban[0], ban[5]]) is None


def test_adverbs_and_a_pronoun_after_the_verb_are_not_held_in_the_gap():
    # "moet u nog steeds uw gegevens aan ons geven"
    doc = parsed(
        [
            ("moet", "AUX", "WW|pv|tgw|ev", 8, "aux"),
            ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", 8, "nsubj"),
            ("nog", "ADV", "BW", 3, "advmod"),
            ("steeds", "ADV", "BW", 8, "advmod"),
            ("uw", "PRON", UW, 5, "nmod:poss"),
            ("gegevens", "NOUN", "N|soort|mv|basis", 8, "obj"),
            ("aan", "ADP", "VZ|init", 7, "case"),
            ("ons", "PRON", "VNW|pr|pron|obl|vol|1|mv", 8, "obl"),
            ("geven", "VERB", "WW|inf|vrij|zonder", 8, "ROOT"),
        ]
    )
    assert words_between(doc[0], doc[8]) == 7
    assert words_between(doc[0], doc[8], light=True) == 4

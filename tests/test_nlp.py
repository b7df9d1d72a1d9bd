"""The shipped Dutch pipeline: loaded once from the package, letter segmentation, letter Dutch."""

from __future__ import annotations

import pytest
from lintkit import parsed, write

from lint_brieven import nlp
from lint_brieven.nlp import finite_verbs
from lint_brieven.readers import ReadOptions, read


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.pipeline()(text).sents]


def test_loaded_once_from_inside_the_package():
    first = nlp.pipeline()
    assert nlp.pipeline() is first
    assert nlp.model_path().parent.name == "nlp"
    assert (nlp.model_path() / "meta.json").is_file()
    names = first.pipe_names
    assert names.index("letter_segmenter") < names.index("parser") < names.index("finite_verbs")
    assert {"tagger", "morphologizer", "parser", "trainable_lemmatizer"} <= set(names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beste heer Jansen,\nWij komen op 3 maart.",
            ["Beste heer Jansen,", "Wij komen op 3 maart."],
        ),
        (
            "Wij komen d.d. 3 maart om 12.00 uur. Bel ons t.a.v. de afdeling Wonen.",
            ["Wij komen d.d. 3 maart om 12.00 uur.", "Bel ons t.a.v. de afdeling Wonen."],
        ),
        (
            "U betaalt o.a. de huur van € 712,40 per maand. Dat is € 12,- meer.",
            ["U betaalt o.a. de huur van € 712,40 per maand.", "Dat is € 12,- meer."],
        ),
        (
            "1. Maak de woning leeg. 2. Lever de sleutels in.",
            ["1. Maak de woning leeg.", "2. Lever de sleutels in."],
        ),
        (
            'Hij zei: "Kom morgen." Daarna belde hij.',
            ['Hij zei: "Kom morgen."', "Daarna belde hij."],
        ),
        (
            "Met vriendelijke groet,\nWoonstichting De Linde\nTeam Wonen",
            ["Met vriendelijke groet,", "Woonstichting De Linde", "Team Wonen"],
        ),
        (  # a heading whose line break was lost
            "Ontwikkeling in de baarmoeder Tijdens de ovulatie kan een vrouw zwanger raken.",
            ["Ontwikkeling in de baarmoeder", "Tijdens de ovulatie kan een vrouw zwanger raken."],
        ),
        (  # a name part or the polite "U" is not a sentence start
            "Wij danken U voor uw brief over Woonstichting Het Anker in Delft.",
            ["Wij danken U voor uw brief over Woonstichting Het Anker in Delft."],
        ),
    ],
)
def test_letter_segmentation(text, expected):
    assert sentences(text) == expected


def test_placeholders_reach_the_parser_as_stand_ins_and_map_back(tmp_path):
    source = "<p>Beste {{ huurder.naam }},</p><p>Op {{ datum|datum }} betaalt u {{ bedrag }}.</p>"
    write(tmp_path, {"b.html.j2": source})
    letter = read(str(tmp_path / "b.html.j2"), source.encode(), ReadOptions()).letters[0]
    block = letter.blocks[1]
    doc = nlp.pipeline()(block.text)
    assert block.text == "Op 1 maart 2026 betaalt u € 100."
    assert [s.text for s in doc.sents] == [block.text]
    date = next(t for t in doc if t.text == "maart")
    placeholder = block.content.placeholders_in(date.idx, date.idx + len(date.text))[0]
    assert placeholder.placeholder.source == "{{ datum|datum }}"
    span = block.content.span(date.idx, date.idx + len(date.text))
    assert source[span.src_start : span.src_end] == "{{ datum|datum }}"


INF = "WW|inf|vrij|zonder"
FIN = "WW|pv|tgw|mv"
# "... cellen die voor energie zorgen ." with "zorgen" mistagged as an infinitive
RELATIVE = [
    ("cellen", "NOUN", "N|soort|mv|basis", 0, "ROOT"),
    ("die", "PRON", "VNW|betr|pron|stan|vol|persoon|getal", 4, "nsubj"),
    ("voor", "ADP", "VZ|init", 3, "case"),
    ("energie", "NOUN", "N|soort|ev|basis|zijd|stan", 4, "obl"),
    ("zorgen", "VERB", INF, 0, "acl:relcl"),
    (".", "PUNCT", "LET", 0, "punct"),
]


@pytest.mark.parametrize(
    ("rows", "index"),
    [
        (RELATIVE, 4),
        (  # "dat ze de laag heen dringen"
            [
                ("dat", "SCONJ", "VG|onder", 4, "mark"),
                ("ze", "PRON", "VNW|pers|pron|stan|red|3|mv", 4, "nsubj"),
                ("de", "DET", "LID|bep|stan|rest", 3, "det"),
                ("laag", "NOUN", "N|soort|ev|basis|zijd|stan", 4, "obj"),
                ("dringen", "VERB", INF, 4, "ROOT"),
            ],
            4,
        ),
        (  # "omdat Jan en Piet morgen verhuizen"
            [
                ("omdat", "SCONJ", "VG|onder", 5, "mark"),
                ("Jan", "PROPN", "SPEC|deeleigen", 5, "nsubj"),
                ("en", "CCONJ", "VG|neven", 3, "cc"),
                ("Piet", "PROPN", "SPEC|deeleigen", 1, "conj"),
                ("morgen", "ADV", "BW", 5, "advmod"),
                ("verhuizen", "VERB", INF, 5, "ROOT"),
            ],
            5,
        ),
    ],
)
def test_finite_verb_repair_marks_the_clause_verb_finite(rows, index):
    doc = finite_verbs.finite_verbs(parsed(rows))
    assert doc[index].tag_ == FIN
    assert doc[index].morph.get("VerbForm") == ["Fin"]
    assert sum(t.tag_ == FIN for t in doc) == 1


@pytest.mark.parametrize(
    "rows",
    [
        [  # singular subject: "dat hij wil verhuizen" keeps the infinitive
            ("dat", "SCONJ", "VG|onder", 3, "mark"),
            ("hij", "PRON", "VNW|pers|pron|nomin|vol|3|ev|masc", 3, "nsubj"),
            ("wil", "AUX", "WW|pv|tgw|ev", 3, "aux"),
            ("verhuizen", "VERB", INF, 3, "ROOT"),
        ],
        [  # a finite verb in the group already: "dat ze hebben gewerkt"
            ("dat", "SCONJ", "VG|onder", 3, "mark"),
            ("ze", "PRON", "VNW|pers|pron|stan|red|3|mv", 3, "nsubj"),
            ("hebben", "AUX", "WW|pv|tgw|mv", 3, "aux"),
            ("gewerkt", "VERB", "WW|vd|vrij|zonder", 3, "ROOT"),
        ],
        [  # two infinitive-looking verbs, no way to tell which is finite
            ("dat", "SCONJ", "VG|onder", 3, "mark"),
            ("ze", "PRON", "VNW|pers|pron|stan|red|3|mv", 3, "nsubj"),
            ("kunnen", "AUX", INF, 3, "aux"),
            ("komen", "VERB", INF, 3, "ROOT"),
        ],
        [  # a te-infinitive has no finite verb: "om ze te bellen"
            ("om", "SCONJ", "VG|onder", 3, "mark"),
            ("ze", "PRON", "VNW|pers|pron|stan|red|3|mv", 3, "nsubj"),
            ("te", "ADP", "VZ|init", 3, "mark"),
            ("bellen", "VERB", INF, 3, "ROOT"),
        ],
        [  # no subject: "Stuur het formulier terug" style clauses are left alone
            ("formulieren", "NOUN", "N|soort|mv|basis", 1, "obj"),
            ("invullen", "VERB", INF, 1, "ROOT"),
        ],
    ],
)
def test_finite_verb_repair_leaves_other_clauses_alone(rows):
    before = [t.tag_ for t in parsed(rows)]
    assert [t.tag_ for t in finite_verbs.finite_verbs(parsed(rows))] == before

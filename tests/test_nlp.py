"""The shipped Dutch pipeline: loaded once from the package, letter segmentation, letter Dutch."""

from __future__ import annotations

import pytest
from lintkit import parsed, write

from lint_brieven import nlp
from lint_brieven.engine import _quotes_as_written
from lint_brieven.nlp import finite_verbs, typography
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


def parsed_sentences(text: str) -> list[str]:
    """Sentences as the engine parses a block (``nlp.parse``), in the text as written."""
    doc = nlp.parse([text])[text]
    return [nlp.source_text(doc)[s.start_char : s.end_char].strip() for s in doc.sents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a lower-case sentence start after a full stop
            "Dat is alles. daarna gaan we naar huis.",
            ["Dat is alles.", "daarna gaan we naar huis."],
        ),
        (
            "Wij betalen o.a. de huur. daarna volgt bijv. de rest.",
            ["Wij betalen o.a. de huur.", "daarna volgt bijv. de rest."],
        ),
        (  # abbreviations, kept whole by the tokenizer or split from their full stop
            "U betaalt ca. 20 euro voor nr. drie, t.a.v. mevrouw Bos, z.s.m. en incl. btw.",
            ["U betaalt ca. 20 euro voor nr. drie, t.a.v. mevrouw Bos, z.s.m. en incl. btw."],
        ),
        (
            "Bel mw. de Vries via tel. nummer 030 123 45 67 of o.b.v. de brief.",
            ["Bel mw. de Vries via tel. nummer 030 123 45 67 of o.b.v. de brief."],
        ),
        ("J. de Vries komt langs.", ["J. de Vries komt langs."]),
        (  # a preposition's abbreviation, split from its stop, before a name
            "Maak het over t.n.v. Woonstichting De Linde. Dank u wel.",
            ["Maak het over t.n.v. Woonstichting De Linde.", "Dank u wel."],
        ),
        (  # numbers, amounts, dates
            "Het kost 1.200 euro of € 5.- per week vanaf 3.12.2024 tot eind juni.",
            ["Het kost 1.200 euro of € 5.- per week vanaf 3.12.2024 tot eind juni."],
        ),
        (  # URLs and e-mail addresses
            "Mail info@delinde.nl of kijk op www.delinde.nl/huur.html voor meer.",
            ["Mail info@delinde.nl of kijk op www.delinde.nl/huur.html voor meer."],
        ),
        (  # after a question or an ellipsis a lower-case word reads on
            "‘Waarom?’ vroeg hij. Dat gras… zei de egel.",
            ["‘Waarom?’ vroeg hij.", "Dat gras… zei de egel."],
        ),
        (  # a soft-wrapped line
            "Vroeg in de morgen wandelden de haas en de egel\ndoor het bos.",
            ["Vroeg in de morgen wandelden de haas en de egel\ndoor het bos."],
        ),
        (  # a salutation still ends at its line, even before a lower-case word
            "Beste heer Jansen,\nwij komen morgen.",
            ["Beste heer Jansen,", "wij komen morgen."],
        ),
        (
            "Woonstichting De Linde\nPostbus 12\n3500 AA Utrecht",
            ["Woonstichting De Linde", "Postbus 12", "3500 AA Utrecht"],
        ),
        (  # hard-wrapped prose: "Europa" would not have fitted on the first line
            "Italië, officieel de Italiaanse Republiek, is een land in het zuiden van\n"
            "Europa. Italië is onderdeel van de Europese Unie.",
            [
                "Italië, officieel de Italiaanse Republiek, is een land in het zuiden van\nEuropa.",
                "Italië is onderdeel van de Europese Unie.",
            ],
        ),
        (  # a long line with room left after it ends there
            "Woonstichting Het Anker, Postbus 412, 1800 AK Alkmaar\n"
            "Meld een reparatie via onze website of bel ons op werkdagen tussen 9 en 17 uur.",
            [
                "Woonstichting Het Anker, Postbus 412, 1800 AK Alkmaar",
                "Meld een reparatie via onze website of bel ons op werkdagen tussen 9 en 17 uur.",
            ],
        ),
    ],
)
def test_segmentation_as_the_engine_parses(text, expected):
    assert parsed_sentences(text) == expected


# The typographic quotes of issue 14, and the ASCII quote the model was trained with for each.
TYPOGRAPHIC = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'"} | dict.fromkeys("“”„‟«»″", '"')


@pytest.mark.parametrize(("quote", "ascii_quote"), sorted(TYPOGRAPHIC.items()))
def test_typographic_quotes_read_as_ascii_one_for_one(quote, ascii_quote):
    text = f"Wij noemen dit {quote}de regeling{quote} van de wet."
    doc = nlp.parse([text])[text]
    assert doc.text == text.replace(quote, ascii_quote)
    assert nlp.source_text(doc) == text
    marks = [t for t in doc if t.text == ascii_quote]
    assert len(marks) == 2 and all(t.is_punct for t in marks)
    assert [text[t.idx] for t in marks] == [quote, quote]  # offsets point at the source


def test_curly_quotes_parse_like_the_quotes_the_model_knows():
    curly = "‘Wat staat alles er mooi bij,’ zei de haas tevreden. Auto’s en m’n fiets."
    ascii_text = curly.replace("‘", "'").replace("’", "'")
    ours = nlp.parse([curly])[curly]
    known = nlp.pipeline()(ascii_text)
    assert [(t.tag_, t.dep_, t.head.i) for t in ours] == [(t.tag_, t.dep_, t.head.i) for t in known]
    assert [t.pos_ for t in ours if t.text == "'" and t.whitespace_ == " "] == ["PUNCT"]


def test_line_breaks_are_no_tokens():
    text = "Wij komen morgen\nuw kraan vervangen.\nDe monteur belt aan."
    doc = nlp.parse([text])[text]
    assert "\n" not in doc.text and not any(t.is_space for t in doc)
    assert len(doc) == len(nlp.pipeline().make_doc(text.replace("\n", " ")))
    assert parsed_sentences(text) == [
        "Wij komen morgen\nuw kraan vervangen.",
        "De monteur belt aan.",
    ]


def test_the_parser_never_sees_a_run_of_whitespace():
    spaced = "Wij  komen\t\tmorgen.\n\n  De monteur  vervangt de kraan."
    plain = "Wij komen morgen. De monteur vervangt de kraan."
    doc = nlp.parse([spaced])[spaced]
    words = [t for t in doc if not t.is_space]
    known = nlp.pipeline()(plain)
    assert [(t.text, t.tag_, t.dep_, words.index(t.head)) for t in words] == [
        (t.text, t.tag_, t.dep_, t.head.i) for t in known
    ]
    spaces = [t for t in doc if t.is_space]
    assert len(spaces) == 4
    assert all((t.pos_, t.tag_, t.dep_) == ("SPACE", "_SP", "punct") for t in spaces)
    assert all(t.head.i == t.i - 1 for t in spaces)  # with the word before it
    assert [s.text.strip() for s in doc.sents] == [
        "Wij  komen  morgen.",
        "De monteur  vervangt de kraan.",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n", "\n\n  Hallo.", "a\xa0\xa0b"])
def test_parse_of_blank_and_odd_whitespace(text):
    doc = nlp.parse([text])[text]
    assert len(doc.text) == len(text) and nlp.source_text(doc) == text


def test_rewrite_gets_the_letters_quotes_back():
    written = "de ‘reparatie’ van auto’s\nwordt „snel” gedaan"
    parsed = typography.for_parser(written)
    rewrite = "De aannemer doet de 'reparatie' van auto's \"snel\" en goed."
    assert _quotes_as_written(rewrite, written, parsed) == (
        "De aannemer doet de ‘reparatie’ van auto’s „snel” en goed."
    )


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

"""The shipped Dutch pipeline: loaded once from the package, letter segmentation, letter Dutch."""

from __future__ import annotations

import pytest
from lintkit import write

from lint_brieven import nlp
from lint_brieven.readers import ReadOptions, read


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.pipeline()(text).sents]


def test_loaded_once_from_inside_the_package():
    first = nlp.pipeline()
    assert nlp.pipeline() is first
    assert nlp.model_path().parent.name == "nlp"
    assert (nlp.model_path() / "meta.json").is_file()
    names = first.pipe_names
    assert names.index("letter_segmenter") < names.index("parser")
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

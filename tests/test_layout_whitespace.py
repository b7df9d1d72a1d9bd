"""The HTML layout collapses a block's whitespace while it joins the block's parts
(``whitespace.collapse_joined``): the same text and source map as joining them first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint_brieven.layout.whitespace import collapse, collapse_joined
from lint_brieven.letter import MappedText, Placeholder, PlaceholderKind, Segment, SourceText

_SOURCE = SourceText("brief.html", "Beste  huurder,\n\t de\xa0 huur \u2003 stijgt. " * 4)
_CHARACTERS = st.sampled_from([" ", "\n", "\t", "\xa0", "\u2003", "a", "b", "é", "."])


@st.composite
def _part(draw) -> MappedText:
    how = draw(st.sampled_from(["source", "stand-in", "loose", "joined"]))
    if how == "source":
        start = draw(st.integers(0, len(_SOURCE.text)))
        end = draw(st.integers(start, min(len(_SOURCE.text), start + 30)))
        return MappedText.from_source(_SOURCE, start, end)
    if how == "joined":
        return MappedText.join(draw(st.lists(_part(), max_size=3)))
    text = draw(st.text(_CHARACTERS, min_size=1, max_size=6))
    if how == "loose":
        return MappedText(text, ())
    start = draw(st.integers(0, len(_SOURCE.text) - 5))
    placeholder = Placeholder("{{ naam }}", PlaceholderKind.NAME)
    kept = draw(st.booleans())
    segment = Segment(0, len(text), _SOURCE, start, start + 5, False, placeholder if kept else None)
    return MappedText(text, (segment,))


@settings(max_examples=3000, deadline=None)
@given(st.lists(_part(), max_size=8))
def test_collapsing_while_joining_is_collapsing_the_joined_text(parts):
    expected = collapse(MappedText.join(parts))
    assert collapse_joined(parts) == expected
    assert collapse_joined(parts).segments == expected.segments

"""HTML template variants: the pieces every variant shares are tokenised once per file, and
the blocks are exactly those of laying out each variant's whole text."""

from __future__ import annotations

import random

import pytest

from lint_brieven.layout import html, pieces_layout_for
from lint_brieven.letter import MappedText, SourceText
from lint_brieven.readers import jinja
from lint_brieven.readers.options import ReadOptions

# pieces that end inside a tag, a comment, an entity, <script> or a quoted attribute value,
# and pieces that close them
TOKENS = [
    "<p>", "</p>", '<p class="a">', "<a title='x>", "'", '"', "&amp;", "&amp", "&#12", "&#x;",
    ";", "<", ">", "<!--", "-->", "<script>", "</script>", "<style>", "</style>", "<datum>",
    "<naam huurder>", "<li>", "<ol>", "</ol>", "<ul>", "Tekst met woorden", " ", "\n", "&",
    "amp", "<br/>", "<br>", "/", "=", "<![CDATA[", "]]>", "<!doctype html>", "</", "<?x?>",
    "<h2>", "</h2>", "[naam]", "UW NAAM", "<td>", "<b>", "</b>", "<p a= 'x>", "x", "&#65;",
    "&lt;datum&gt;", "<head>", "</head>", "<p", " class=", '"b"', '<a href="', "https://x.nl",
    '">', "</a>", "€ xx,xx", "……", "<!", "<div\n>", "</div >", "&#", "é",
]  # fmt: skip


def _pieces(texts: list[str]) -> list[MappedText]:
    source = SourceText("brief.html.j2", "".join(texts))
    pieces, pos = [], 0
    for text in texts:
        pieces.append(MappedText.from_source(source, pos, pos + len(text)))
        pos += len(text)
    return pieces


def _whole(pieces: list[MappedText]):
    try:
        return html.blocks(MappedText.join(pieces))
    except Exception as exc:  # noqa: BLE001 - the same error either way
        return type(exc)


def _by_pieces(pieces: list[MappedText], memo: dict):
    try:
        return html.blocks_of(pieces, memo)
    except Exception as exc:  # noqa: BLE001
        return type(exc)


@pytest.mark.parametrize("seed", range(6))
def test_variants_of_random_pieces_give_the_blocks_of_their_whole_text(seed):
    rng = random.Random(seed)
    for _ in range(40):
        texts = [
            "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(2, 10))
        ]
        pieces = _pieces(texts)
        memo: dict = {}  # one file: its variants share the memo
        for _ in range(6):
            variant = [rng.choice(pieces) for _ in range(rng.randint(1, 30))]
            assert _by_pieces(variant, memo) == _whole(variant), [p.text for p in variant]


def test_a_start_tag_whose_quoted_value_runs_on_into_the_next_piece():
    # alone, "<p a= 'x>" is a whole start tag; followed by "y'>" the quote runs on to it
    first, second, rest = _pieces(["<p a= 'x>", "y'>", "Tekst.</p>"])
    variant = [first, second, rest]
    blocks = html.blocks_of(variant, {})
    assert blocks == html.blocks(MappedText.join(variant))
    assert [b.text for b in blocks] == ["Tekst."]
    assert [b.text for b in html.blocks_of([first, rest], {})] == ["Tekst."]


def test_shared_pieces_are_tokenised_once(monkeypatch):
    head, a, b, c, d, tail = _pieces(
        ['<p class="intro">Beste ', "huurder", "bewoner", ",</p><p>U ", "betalen.</p>", "</body>"]
    )
    variants = [[head, a, c, d, tail], [head, b, c, d, tail]]
    whole = [html.blocks(MappedText.join(v)) for v in variants]
    tokenised = _count_tokenised(monkeypatch)
    layout = pieces_layout_for("html")
    assert [layout(v) for v in variants] == whole
    assert sorted(tokenised) == sorted(p.text for p in (head, a, b, c, d, tail))
    assert [layout(v) for v in variants] == whole
    assert len(tokenised) == 6  # nothing tokenised twice


def test_a_template_reads_the_same_as_laying_out_each_variant_whole(tmp_path, monkeypatch):
    (tmp_path / "brief.html.j2").write_text(
        "<html><body>\n<p>Beste {{ naam }},</p>\n"
        '{% if huur %}<p class="let-op">Uw huur wordt {{ bedrag }} per maand.</p>'
        "{% else %}<p>Uw huur blijft gelijk.</p>{% endif %}\n"
        "<ul>{% if reparatie %}<li>Wij komen op {{ datum }}.</li>{% endif %}"
        "<li>Bel ons op 030 123 45 67.</li></ul>\n"
        "<p>Met vriendelijke groet,</p>\n</body></html>\n",
        encoding="utf-8",
    )
    laid_out: list[list] = []
    real = jinja.pieces_layout_for

    def whole(markup):
        layout = real(markup)

        def both(texts):
            blocks = layout(texts)
            laid_out.append([blocks, html.blocks(MappedText.join(texts))])
            return blocks

        return both

    monkeypatch.setattr(jinja, "pieces_layout_for", whole)
    path = tmp_path / "brief.html.j2"
    result = jinja.read(str(path), path.read_bytes(), ReadOptions())
    assert len(result.letters) == 4
    assert laid_out and all(by_pieces == joined for by_pieces, joined in laid_out)


def test_a_shared_template_is_parsed_once_per_text(tmp_path, monkeypatch):
    from jinja2 import Environment

    from lint_brieven.readers import template_tree

    monkeypatch.setattr(template_tree, "_PARSED", template_tree._ParsedTemplates())
    parsed: list[str] = []
    parse = Environment.parse

    def counting(self, source, name=None, filename=None):
        parsed.append(name)
        return parse(self, source, name, filename)

    monkeypatch.setattr(Environment, "parse", counting)
    (tmp_path / "basis.html.j2").write_text(
        "<html><body>{% block inhoud %}{% endblock %}<p>Groet,</p></body></html>",
        encoding="utf-8",
    )
    for name, words in (("a.html.j2", "Uw huur."), ("b.html.j2", "Uw reparatie.")):
        (tmp_path / name).write_text(
            '{% extends "basis.html.j2" %}{% block inhoud %}<p>' + words + "</p>{% endblock %}",
            encoding="utf-8",
        )

    def read(name):
        path = tmp_path / name
        letters = jinja.read(str(path), path.read_bytes(), ReadOptions()).letters
        return [[b.text for b in letter.blocks] for letter in letters]

    assert read("a.html.j2") == [["Uw huur.", "Groet,"]]
    assert read("b.html.j2") == [["Uw reparatie.", "Groet,"]]
    assert sorted(parsed) == ["a.html.j2", "b.html.j2", "basis.html.j2"]
    # an edited house style is parsed anew
    (tmp_path / "basis.html.j2").write_text(
        "<html><body>{% block inhoud %}{% endblock %}<p>Met groet,</p></body></html>",
        encoding="utf-8",
    )
    assert read("a.html.j2") == [["Uw huur.", "Met groet,"]]
    assert parsed.count("basis.html.j2") == 2 and parsed.count("a.html.j2") == 1


def test_a_stretch_no_choice_splits_is_laid_out_as_one_text(tmp_path, monkeypatch):
    # text, a placeholder and more text between two choices: one text in every variant
    (tmp_path / "brief.html.j2").write_text(
        "<p>Beste {{ naam }},</p>\n<p>Uw huur is {{ bedrag }}.</p>\n"
        "{% if a %}<p>Eerste.</p>{% else %}<p>Tweede.</p>{% endif %}\n"
        "<p>Bel {{ telefoon }} op {{ dag }}.</p>\n"
        "{% if b %}<p>Derde.</p>{% endif %}<p>Groet,</p>\n",
        encoding="utf-8",
    )
    tokenised = _count_tokenised(monkeypatch)
    path = tmp_path / "brief.html.j2"
    letters = jinja.read(str(path), path.read_bytes(), ReadOptions()).letters
    assert [[b.text for b in letter.blocks] for letter in letters][:2] == [
        ["Beste Jansen,", "Uw huur is € 100.", "Eerste.", "Bel 030 123 45 67 op 1 maart 2026.",
         "Derde.", "Groet,"],
        ["Beste Jansen,", "Uw huur is € 100.", "Tweede.", "Bel 030 123 45 67 op 1 maart 2026.",
         "Derde.", "Groet,"],
    ]  # fmt: skip
    assert len(letters) == 4
    # the stretches before, between and after the choices, and the three branches with text
    assert sorted(tokenised) == sorted(
        [
            "<p>Beste Jansen,</p>\n<p>Uw huur is € 100.</p>\n",
            "<p>Eerste.</p>",
            "<p>Tweede.</p>",
            "\n<p>Bel 030 123 45 67 op 1 maart 2026.</p>\n",
            "<p>Derde.</p>",
            "<p>Groet,</p>",  # jinja drops the last newline
        ]
    )


def test_a_macro_called_many_times_is_worked_out_once(tmp_path, monkeypatch):
    from lint_brieven.readers import template_tree

    monkeypatch.setattr(template_tree, "_PARSED", template_tree._ParsedTemplates())
    classified: list[list[str]] = []
    classify = template_tree.classify

    def counting(names, filters):
        classified.append(names)
        return classify(names, filters)

    monkeypatch.setattr(template_tree, "classify", counting)
    calls = "".join(f"{{{{ regel({i}) }}}}" for i in range(30))
    (tmp_path / "brief.html.j2").write_text(
        "{% macro regel(n) %}<li>Betaal {{ bedrag }} voor {{ datum }}.</li>{% endmacro %}"
        f"<ol>{calls}</ol>",
        encoding="utf-8",
    )
    path = tmp_path / "brief.html.j2"
    letters = jinja.read(str(path), path.read_bytes(), ReadOptions()).letters
    texts = [b.text for b in letters[0].blocks]
    assert len(texts) == 30 and len(set(texts)) == 1 and "{{" not in texts[0]
    assert sorted(classified) == [["bedrag"], ["datum"]]


def _count_tokenised(monkeypatch) -> list[str]:
    """The texts the HTML layout tokenises from now on, in order."""
    tokenised: list[str] = []
    tokens = html._tokens

    def counting(text: MappedText, final: bool):
        tokenised.append(text.text)
        return tokens(text, final)

    monkeypatch.setattr(html, "_tokens", counting)
    return tokenised

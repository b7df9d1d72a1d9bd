"""checks.doc_cache: a doc's text and sentences kept once per doc give exactly what spaCy gives
(``Doc.text``, ``Span.text``, ``Doc.sents``, ``Token.sent``, ``Span.sent``), on every block of
the development set's letters."""

import random
from pathlib import Path

from lint_brieven import nlp
from lint_brieven.checks.doc_cache import (
    doc_sentences,
    doc_text,
    doc_tokens,
    lemma_ids,
    lower_ids,
    sentence_of,
    span_text,
    token_bounds,
    word_ids,
    written_text,
)
from lint_brieven.config import config_in
from lint_brieven.readers import read

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"


def _docs():
    texts = []
    for path in sorted(DEV.iterdir()):
        if path.suffix in (".txt", ".md"):
            result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
            texts += [b.text for letter in result.letters for b in letter.blocks]
    texts += ["", "Eén woord", "Bel ons. Of mail.\n\nGroet,\n  Jan"]
    return list(nlp.parse(texts).values())


def test_the_kept_text_and_sentences_are_spacys():
    docs = _docs()
    assert len(docs) > 300
    spans = random.Random(16)
    for doc in docs:
        assert doc_text(doc) == doc.text
        assert doc_sentences(doc) == tuple(doc.sents)
        for sentence in doc.sents:
            assert span_text(sentence) == sentence.text
        for token in doc:
            kept, own = sentence_of(token), token.sent
            assert (kept.start, kept.end) == (own.start, own.end)
        tokens = doc_tokens(doc)
        assert [(t.doc, t.i) for t in tokens] == [(doc, t.i) for t in doc]
        assert [t.text for t in tokens] == [t.text for t in doc]
        assert token_bounds(doc) == ([t.idx for t in doc], [t.idx + len(t.text) for t in doc])
        assert lower_ids(doc) == {t.lower for t in doc}
        assert lower_ids(doc) == word_ids(t.lower_ for t in doc)
        assert lemma_ids(doc) == {t.lemma for t in doc}
        assert lemma_ids(doc) == word_ids(t.lemma_ for t in doc)
        for _ in range(10 if len(doc) else 0):
            start = spans.randrange(len(doc))
            span = doc[start : spans.randrange(start, len(doc) + 1)]
            assert span_text(span) == span.text
            kept, own = sentence_of(span), span.sent
            assert (kept.start, kept.end) == (own.start, own.end)


def test_each_is_worked_out_once_per_doc():
    doc = nlp.parse(["Wij komen op 4 mei. Bel ons als dat niet past."])[
        "Wij komen op 4 mei. Bel ons als dat niet past."
    ]
    assert doc_sentences(doc) is doc_sentences(doc)
    assert doc_text(doc) is doc_text(doc)
    assert doc_tokens(doc) is doc_tokens(doc)
    assert token_bounds(doc) is token_bounds(doc)
    assert lower_ids(doc) is lower_ids(doc)
    assert lemma_ids(doc) is lemma_ids(doc)
    assert not lower_ids(doc).isdisjoint(word_ids(["mei", "juni"]))
    assert lower_ids(doc).isdisjoint(word_ids(["juni", "Wij"]))  # (ids of lower-case forms)
    assert [span_text(s) for s in doc_sentences(doc)] == [
        "Wij komen op 4 mei.",
        "Bel ons als dat niet past.",
    ]


def test_the_written_text_is_the_source_text():
    """``written_text`` is ``nlp.source_text``: the text as written, typographic quotes and
    line breaks too, for every block of the development set and a few of our own."""
    texts = ["‘Wij komen morgen,’ zegt de monteur.", "Bel ons\nop 030 123 45 67.", "Tot ziens."]
    docs = _docs() + list(nlp.parse(texts).values())
    assert any(nlp.source_text(d) != d.text for d in docs)
    for doc in docs:
        assert written_text(doc) == nlp.source_text(doc)

"""The made-up sentences a check parses to learn about one word ("Wij gaan {word}." for which
word of an alternative is its verb, "Wij bespreken {noun}." for a noun's gender) are parsed in
one batch per file (``nlp.Probe``), and each gets the parse it gets on its own: the findings of
a letter are the same whether its words were asked alone or together with other letters'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from lint_brieven import nlp
from lint_brieven.checks import offers, replacement_check, swap_fit
from lint_brieven.cli import main
from lint_brieven.dutch import forms

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((REPO / "corpus" / "sjablonen").glob("[!g]*/[0-9]*.html.j2"))
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _forget() -> None:
    """Every answer and parse kept in the process from earlier runs (a fresh process)."""
    replacement_check._PARSED.clear()
    swap_fit._VERB_INDEX.known.clear()
    forms._gender_probe().known.clear()
    forms.gender.cache_clear()


def _check(capsys, *paths: Path) -> dict[str, list]:
    main(["check", *map(str, paths), "--select", "ALL", "--output-format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert not any(f["error"] for f in out["files"])
    return {f["path"]: f["findings"] for f in out["files"]}


@pytest.fixture
def probed(monkeypatch):
    """The sentences of every ``Probe``: (its sentence, whether it was primed before asked)."""
    asked: list[tuple[str, bool]] = []
    call = nlp.Probe.__call__

    def spy(self, word):
        asked.append((self.sentence(word), word in self.known))
        return call(self, word)

    monkeypatch.setattr(nlp.Probe, "__call__", spy)
    return asked


def test_probe_sentences_parse_alike_alone_and_in_one_batch(capsys, probed):
    """Every made-up sentence the corpus templates ask: the same tags, morphology, lemmas,
    dependencies and heads parsed alone (``Language.__call__``) and all in one batch."""
    _forget()
    _check(capsys, *TEMPLATES)
    sentences = list(dict.fromkeys(sentence for sentence, _primed in probed))
    assert len(sentences) > 100
    pipeline = nlp.pipeline()
    batch = [doc.to_array(ATTRS).tolist() for doc in pipeline.pipe(sentences)]
    alone = [pipeline(sentence).to_array(ATTRS).tolist() for sentence in sentences]
    assert batch == alone


def test_a_nouns_gender_is_read_off_the_tagger_as_off_the_whole_pipeline(capsys, monkeypatch):
    """The gender probe runs the pipeline up to its tagger (``upto``): every gender the corpus
    templates and the development letters ask is the one the whole pipeline's parse gives."""
    ran: list[list[str]] = []
    pipe = Language.pipe

    def spy(self, texts, *args, disable=(), **kwargs):
        texts = list(texts)
        if texts and isinstance(texts[0], str) and texts[0].startswith("Wij bespreken "):
            ran.append([name for name in self.pipe_names if name not in disable])
        return pipe(self, texts, *args, disable=disable, **kwargs)

    monkeypatch.setattr(Language, "pipe", spy)
    _forget()
    _check(capsys, *TEMPLATES, *sorted((REPO / "eval" / "dev").glob("*.txt")))
    assert ran and all(names == ["tok2vec", "tagger"] for names in ran)
    probe = forms._gender_probe()
    assert len(probe.known) > 150
    assert {"de", "het", None} <= set(probe.known.values())
    pipeline = nlp.pipeline()
    for word, answer in probe.known.items():
        assert answer == forms._gender_in(word, pipeline(probe.sentence(word))), word


def _first_asked(probed: list[tuple[str, bool]]) -> dict[str, bool]:
    """Whether each sentence was primed when it was first asked."""
    first: dict[str, bool] = {}
    for sentence, primed in probed:
        first.setdefault(sentence, primed)
    return first


def test_a_files_words_are_asked_in_one_batch_with_the_same_findings(capsys, probed, monkeypatch):
    """A template's words (the word lists' alternatives, the terms' plainer words, the nouns
    of the sentences that check them) are primed before they are asked: no pipeline call per
    word; switched off (nothing primed), one call per word and the same findings."""
    letter = REPO / "corpus" / "sjablonen" / "voor" / "06-huurverhoging.html.j2"
    pipes: list[int] = []
    pipe = Language.pipe

    def counted(self, texts, *args, **kwargs):
        texts = list(texts)
        if (
            texts
            and isinstance(texts[0], str)
            and texts[0].startswith(("Wij gaan ", "Wij bespreken "))
        ):
            pipes.append(len(texts))
        return pipe(self, texts, *args, **kwargs)

    monkeypatch.setattr(Language, "pipe", counted)
    _forget()
    batched = _check(capsys, letter)
    first = _first_asked(probed)
    assert first and all(first.values())  # every word parsed before it was asked
    assert len(pipes) < len(first) / 4

    monkeypatch.setattr(offers, "prime", lambda wanted: None)
    monkeypatch.setattr(replacement_check, "prime_genders", lambda nouns: None)
    _forget()
    probed.clear()
    pipes.clear()
    assert _check(capsys, letter) == batched
    assert _first_asked(probed).keys() == first.keys() and not any(_first_asked(probed).values())
    assert pipes and set(pipes) == {1}


def test_a_letter_checked_alone_and_among_others_has_the_same_findings(capsys):
    """Its words and sentences parsed in other batches (those of the other letters before it)
    give the same findings and suggestions."""
    before = [t for t in TEMPLATES if t.parent.name == "voor"]  # (the ones with findings)
    letter = before[3]
    _forget()
    alone = _check(capsys, letter)
    _forget()
    among = _check(capsys, *before[:6])
    assert any(alone.values())
    assert {path: among[path] for path in alone} == alone


def test_checked_sentences_parse_alike_alone_and_in_their_batch(capsys, monkeypatch):
    """Every batch ``nlp.parse`` reads while the corpus templates are checked (the blocks, the
    sentences that check the replacements of word lists, terms and detectors): each text has
    the same tags, morphology, lemmas, dependencies and heads parsed on its own."""
    batches = []
    parse = nlp.parse

    def spy(texts, widths=None):
        texts = list(texts)
        docs = parse(texts, widths)
        batches.append((docs, widths or {}))
        return docs

    monkeypatch.setattr(nlp, "parse", spy)
    _forget()
    _check(capsys, *TEMPLATES)
    monkeypatch.setattr(nlp, "parse", parse)
    assert sum(len(docs) > 1 for docs, _widths in batches) > 20
    for docs, widths in batches:
        for text, doc in docs.items():
            alone = nlp.parse([text], {text: widths.get(text)})[text]
            assert alone.to_array(ATTRS).tolist() == doc.to_array(ATTRS).tolist(), text

"""Replacements checked together: their sentences are parsed in one batch, and each parse is the
one the sentence gets on its own (so the check's answer is the same)."""

from __future__ import annotations

from lintkit import lint_text
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from lint_brieven import nlp
from lint_brieven.checks import offers, replacement_check, substitution
from lint_brieven.checks.replacement_check import Replacement, holds, prepare, problems

TEXT = (
    "Wij verzoeken u het formulier te retourneren. Mocht u vragen hebben, dan kunt u ons "
    "bellen. Echter, de huur wordt per 1 juli verhoogd."
)
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _replacements() -> list[Replacement]:
    doc = nlp.parse([TEXT])[TEXT]
    pairs = [("verzoeken", "vragen"), ("retourneren", "terug te sturen"), ("Echter,", "Maar")]
    pairs += [("Mocht u vragen hebben", "Als u vragen heeft"), ("bellen", "bel")]
    out = []
    for old, new in pairs:
        start = TEXT.index(old)
        out.append(Replacement(doc, start, start + len(old), new))
    return out


def test_prepared_sentences_parse_as_each_alone_and_in_one_batch(monkeypatch):
    replacement_check._PARSED.clear()
    reps = _replacements()
    alone = {}
    for rep in reps:
        text, changed, _lo, _hi = replacement_check._pair_texts(rep)
        for t in (text, changed):
            alone[t] = nlp.parse([t])[t].to_array(ATTRS).tolist()
    expected = [problems(rep) for rep in reps]
    replacement_check._PARSED.clear()
    calls = []
    parse = nlp.parse
    monkeypatch.setattr(nlp, "parse", lambda texts: calls.append(list(texts)) or parse(texts))
    prepare(reps)
    assert len(calls) == 1 and set(calls[0]) == set(alone)
    for text, doc in zip(alone, replacement_check._parse_all(list(alone)), strict=True):
        assert doc.to_array(ATTRS).tolist() == alone[text], text
    assert [problems(rep) for rep in reps] == expected
    assert len(calls) == 1  # nothing parsed again
    assert [holds(rep) for rep in reps] == [not p for p in expected]
    assert any(expected) and not all(expected)  # some hold, some do not


LETTER = (
    "Wij verzoeken u het formulier te retourneren.\n\nIndien u vragen heeft, kunt u ons "
    "bellen. Wij zullen uw verzoek in behandeling nemen."
)


def _spy_on_parse(monkeypatch) -> list[list[str]]:
    """The texts of every ``nlp.parse`` call from now on, call by call."""
    calls: list[list[str]] = []
    parse = nlp.parse

    def spy(texts, *args):
        texts = list(texts)
        calls.append(texts)
        return parse(texts, *args)

    monkeypatch.setattr(nlp, "parse", spy)
    return calls


def test_a_word_lists_matches_in_a_letter_are_checked_in_one_batch(monkeypatch):
    """LB101 gathers the alternatives of all its matches in a letter before it checks them:
    their sentences are parsed in one batch, with the same findings as each match's sentences
    parsed on their own."""

    def shown(findings):
        return [
            (f.line, f.column, f.text, [(s.text, s.safe) for s in f.suggestions]) for f in findings
        ]

    calls = _spy_on_parse(monkeypatch)
    replacement_check._PARSED.clear()
    found = shown(lint_text(LETTER, ["LB101"]))
    assert len(found) == 3 and all(suggestions for *_, suggestions in found)
    assert len(calls) == 2  # the letter's blocks, then every match's sentences together
    # the three changed sentences and the two old ones that are not a whole block (the first
    # block is its sentence: its own parse is read)
    assert len(calls[1]) == 5

    for module in (offers, substitution):  # nothing prepared: each pair parsed when checked
        monkeypatch.setattr(module, "prepare", lambda reps: None)
    replacement_check._PARSED.clear()
    calls.clear()
    assert shown(lint_text(LETTER, ["LB101"])) == found
    assert len(calls) == 4


def _checked_with_and_without(monkeypatch, capsys, letters, module, name, off) -> tuple:
    """Findings of ``check`` on ``letters`` (all rules, JSON) and its pipeline calls, as it is
    and with ``module.name`` replaced by ``off`` (the batch switched off)."""
    import json

    from lint_brieven.cli import main

    calls = _spy_on_parse(monkeypatch)

    def check() -> tuple[list, int]:
        replacement_check._PARSED.clear()
        calls.clear()
        main(["check", *map(str, letters), "--select", "ALL", "--output-format", "json"])
        out = json.loads(capsys.readouterr().out)
        assert not any(f["error"] for f in out["files"])
        return [f["findings"] for f in out["files"]], len(calls)

    batched = check()
    monkeypatch.setattr(module, name, off)
    return batched, check()


def test_a_detectors_rewrites_in_a_file_are_checked_in_one_batch(monkeypatch, capsys):
    """A detector's rewrites (passive to active, nominalisations, …) of a letter have their
    sentences parsed together before any is checked: fewer pipeline calls than each rewrite's
    pair parsed when checked, and the same findings and suggestions."""
    from pathlib import Path

    from lint_brieven.checks import detector

    dev = Path(__file__).resolve().parents[1] / "eval" / "dev"
    letters = sorted(p for p in dev.iterdir() if p.suffix in (".txt", ".md"))[:24]
    (batched, batched_calls), (alone, alone_calls) = _checked_with_and_without(
        monkeypatch, capsys, letters, detector, "prepare_places", lambda *args: None
    )
    assert alone == batched
    assert batched_calls < alone_calls


def test_a_files_terms_are_checked_in_one_batch(monkeypatch, capsys):
    """The hits of a letter's unexplained terms have their sentences (the plainer words and
    the term with its gloss in brackets, each in its sentence) parsed together before any is
    made: fewer pipeline calls than each hit's own, and the same findings and suggestions."""
    from pathlib import Path

    from lint_brieven.checks import term

    corpus = Path(__file__).resolve().parents[1] / "corpus" / "sjablonen" / "voor"
    letters = sorted(corpus.glob("[0-9]*.html.j2"))[:6]
    (batched, batched_calls), (alone, alone_calls) = _checked_with_and_without(
        monkeypatch, capsys, letters, term, "prepare", lambda reps: None
    )
    assert any("(" in s["text"] for found in batched for f in found for s in f["suggestions"])
    assert alone == batched
    assert batched_calls < alone_calls


def _whole_block_replacements(text: str) -> list[Replacement]:
    doc = nlp.parse([text])[text]
    source = nlp.source_text(doc)
    pairs = [("verzoeken", "vragen"), ("retourneren", "terug te sturen"), ("u het", "het u")]
    return [
        Replacement(doc, source.index(old), source.index(old) + len(old), new) for old, new in pairs
    ]


def test_a_sentence_that_is_its_whole_block_is_read_from_the_block(monkeypatch):
    """When the sentence around a replacement is its whole block, without a line break, the
    block's own parse is that sentence's parse (the same text parses the same in any batch):
    only the changed sentences are parsed, and the answers are those of the sentence parsed
    on its own. A block with a line break (which the segmenter weighs) is parsed again."""
    text = "Wij verzoeken u het formulier te retourneren."
    replacement_check._PARSED.clear()
    with monkeypatch.context() as m:
        m.setattr(replacement_check, "_is_block", lambda doc, text: False)
        expected = [problems(rep) for rep in _whole_block_replacements(text)]
    assert any(expected) and not all(expected)
    replacement_check._PARSED.clear()
    reps = _whole_block_replacements(text)
    calls = _spy_on_parse(monkeypatch)
    prepare(reps)
    assert [problems(rep) for rep in reps] == expected
    parsed = [t for call in calls for t in call]
    assert text not in parsed and len(parsed) == len(reps)  # the changed sentences only

    broken = "Wij verzoeken u het formulier\nte retourneren."
    replacement_check._PARSED.clear()
    reps = _whole_block_replacements(broken)
    calls.clear()  # (the block's own parse)
    prepare(reps)
    assert text in [t for call in calls for t in call]  # the block's text as the parser read it

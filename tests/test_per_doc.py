"""checks.base.per_doc: work on a parsed block done once per file, across template variants."""

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, per_doc
from lint_brieven.letter import Letter


def _letter(docs, shared):
    return AnalysedLetter(Letter(path="brief.txt", format="txt", blocks=()), tuple(docs), shared)


def test_the_work_on_a_doc_is_done_once_for_the_letters_that_share_it():
    docs = nlp.parse(["Wij komen op 4 mei.", "Bel ons."])
    first, second = docs["Wij komen op 4 mei."], docs["Bel ons."]
    shared: dict = {}
    calls = []

    def count(doc):
        calls.append(doc.text)
        return len(doc)

    variant_a, variant_b = _letter([first, second], shared), _letter([first], shared)
    assert per_doc(variant_a, "tokens", first, count) == 6
    assert per_doc(variant_b, "tokens", first, count) == 6
    assert per_doc(variant_a, "tokens", second, count) == 3
    assert calls == ["Wij komen op 4 mei.", "Bel ons."]
    # another name is other work; letters of another file share nothing
    assert per_doc(variant_a, "text", first, lambda d: d.text) == "Wij komen op 4 mei."
    assert per_doc(_letter([first], {}), "tokens", first, count) == 6
    assert calls == ["Wij komen op 4 mei.", "Bel ons.", "Wij komen op 4 mei."]

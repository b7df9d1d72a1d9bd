"""checks.base.per_doc, per_block, found_in and first_in: work on a parsed block done once per file,
across template variants."""

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, first_in, found_in, per_block, per_doc
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


def test_every_block_of_a_letter_in_its_order_each_doc_worked_out_once():
    texts = ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]
    docs = nlp.parse(texts)
    first, second, third = (docs[t] for t in texts)
    shared: dict = {}
    calls = []

    def periods(doc):
        calls.append(doc.text)
        return [t.i for t in doc if t.text == "."]

    variant_a = _letter([first, second, first], shared)
    variant_b = _letter([third, first], shared)
    assert per_block(variant_a, "periods", periods) == [[5], [2], [5]]
    assert per_block(variant_b, "periods", periods) == [[2], [5]]
    assert calls == ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]
    # the same work as per_doc under the same name: nothing is worked out again
    assert per_doc(variant_b, "periods", second, periods) == [2]
    assert calls == ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]


def test_found_in_gives_the_blocks_with_something_found_by_position():
    texts = ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]
    docs = nlp.parse(texts)
    letter = _letter([docs[t] for t in texts] + [docs["Bel ons."]], {})

    def calls(doc):
        return [t.text for t in doc if t.lower_ == "bel"] or None

    assert found_in(letter, "bel", calls) == [(1, ["Bel"]), (3, ["Bel"])]
    assert found_in(letter, "none", lambda doc: ()) == []


def test_first_in_works_out_the_blocks_up_to_the_first_with_something_found():
    texts = ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]
    docs = nlp.parse(texts)
    shared: dict = {}
    letter = _letter([docs[t] for t in texts], shared)
    calls = []

    def calls_us(doc):
        calls.append(doc.text)
        return [t.text for t in doc if t.lower_ == "bel"]

    assert first_in(letter, "bel", calls_us) == (1, ["Bel"])
    assert calls == ["Wij komen op 4 mei.", "Bel ons."]  # not the block after it
    assert first_in(_letter([docs["Tot ziens."]], shared), "bel", calls_us) is None
    assert found_in(letter, "bel", calls_us) == [(1, ["Bel"])]  # the same results, kept
    assert calls == ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens."]


def test_a_variant_whose_blocks_were_all_worked_out_finds_them_by_position():
    """A later variant reads what the variants before it worked out (nothing again): every
    block with something found in its own order, a block it has twice at both places."""
    texts = ["Wij komen op 4 mei.", "Bel ons.", "Tot ziens.", "Bel ons morgen."]
    docs = nlp.parse(texts)
    shared: dict = {}
    calls = []

    def calls_us(doc):
        calls.append(doc.text)
        return [t.text for t in doc if t.lower_ == "bel"]

    first = _letter([docs[t] for t in texts], shared)
    assert found_in(first, "bel", calls_us) == [(1, ["Bel"]), (3, ["Bel"])]
    later = _letter([docs[texts[i]] for i in (2, 3, 0, 1, 3)], shared)
    assert found_in(later, "bel", calls_us) == [(1, ["Bel"]), (3, ["Bel"]), (4, ["Bel"])]
    assert first_in(later, "bel", calls_us) == (1, ["Bel"])
    assert first_in(_letter([docs[texts[i]] for i in (0, 2)], shared), "bel", calls_us) is None
    assert per_block(later, "bel", calls_us) == [[], ["Bel"], [], ["Bel"], ["Bel"]]
    assert calls == texts  # each worked out once, by the first variant

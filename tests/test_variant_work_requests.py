"""LB304 (request details), LB705 (vague period) and LB707 (service term) work out each block
of a template once, whatever the number of variants (``checks.base.per_doc``), and judge it
in each variant's own context: a follow-up, a second promise or a way to answer that only
some variants have. The findings are those of working out every block in every variant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lintkit import new_checks, read_template, without_sharing

from lint_brieven import nlp
from lint_brieven.checks.base import CheckContext
from lint_brieven.checks.detectors import request_details, service_term, vague_period
from lint_brieven.dutch import commitments
from lint_brieven.dutch.commitments import is_request_or_question
from lint_brieven.dutch.requests import requests
from lint_brieven.engine import analyse

# three independent choices: 8 variants. The season is honest where a letter with the exact
# date follows; the second term for calling back contradicts the first where it is there;
# the request says how where the reply envelope is named after it.
TEMPLATE = """<p>Beste {{ huurder.naam }},</p>
<p>Wij vervangen dit jaar de keukens in uw straat. De werkzaamheden beginnen in het voorjaar.</p>
{% if brief %}<p>Voor de start ontvangt u een brief met de exacte startdatum.</p>{% endif %}
<p>Wij repareren de kraan binnen 3 werkdagen.</p>
<p>Wij nemen binnen 2 werkdagen contact met u op over de keuken.</p>
{% if later %}<p>Wij nemen binnen 5 werkdagen contact met u op over de keuken.</p>{% endif %}
<p>Stuur het formulier met uw keuze terug.</p>
{% if adres %}<p>Gebruik daarvoor de antwoordenvelop en stuur het vóór 1 mei op.</p>{% endif %}
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""
CTX = CheckContext(
    {"naam": "Woonstichting De Linde"}, service_terms={"reparatie": "binnen 5 werkdagen"}
)
CODES = ["LB304", "LB705", "LB707"]
SHARING = [request_details, vague_period, service_term, commitments]


def _checks():
    return new_checks(CODES)


def _template(tmp_path: Path):
    return read_template(tmp_path, TEMPLATE)


def _without_sharing(monkeypatch) -> None:
    without_sharing(monkeypatch, SHARING)


def _spy(monkeypatch) -> Counter:
    """Count the per-block work of the three detectors, by (work, block text)."""
    seen: Counter = Counter()

    def counting(module, name):
        work = getattr(module, name)

        def spy(*args):
            seen[name, args[-1].text] += 1  # the doc is the last argument of each
            return work(*args)

        monkeypatch.setattr(module, name, spy)

    counting(request_details, "_block")
    counting(request_details, "_found")
    counting(vague_period, "_periods")
    counting(service_term, "_promises")
    counting(commitments, "names_follow_up_in")
    return seen


def _summary(findings):
    return sorted((f.code, f.line, f.text, f.variant is None) for f in findings)


def test_each_block_is_worked_out_once_across_the_variants(tmp_path, monkeypatch):
    result = _template(tmp_path)
    assert len(result.letters) == 8
    seen = _spy(monkeypatch)
    assert analyse(result, _checks(), CTX).findings
    distinct = {b.text for letter in result.letters for b in letter.blocks}
    assert {text for _, text in seen} <= distinct
    assert set(seen.values()) == {1}  # in up to 8 variants, worked out once
    works = {name for name, _ in seen}
    assert works == {"_block", "_found", "_periods", "_promises", "names_follow_up_in"}
    request = next(t for t in distinct if t.startswith("Stuur het formulier"))
    assert seen["_found", request] == seen["_block", request] == 1
    season = next(t for t in distinct if "voorjaar" in t)
    assert seen["_periods", season] == seen["names_follow_up_in", season] == 1


def test_without_sharing_every_variant_works_out_every_block(tmp_path, monkeypatch):
    """The counterpart of the test above: the spy sees the repeated work when it is done."""
    result = _template(tmp_path)
    _without_sharing(monkeypatch)
    seen = _spy(monkeypatch)
    analyse(result, _checks(), CTX)
    request = next(text for _, text in seen if text.startswith("Stuur het formulier"))
    assert seen["_found", request] == seen["_block", request] == 8
    promise = next(text for _, text in seen if "kraan" in text)
    assert seen["_promises", promise] == 8


def test_findings_equal_working_out_every_block_in_every_variant(tmp_path, monkeypatch):
    result = _template(tmp_path)
    shared = analyse(result, _checks(), CTX).findings
    _without_sharing(monkeypatch)
    assert analyse(_template(tmp_path), _checks(), CTX).findings == shared


def test_each_variant_is_judged_in_its_own_context(tmp_path):
    findings = analyse(_template(tmp_path), _checks(), CTX).findings
    assert _summary(findings) == [
        # only where no reply envelope is named after it
        ("LB304", 7, "Stuur het formulier met uw keuze terug.", False),
        ("LB705", 2, "in het voorjaar", False),  # only where no letter with the date follows
        ("LB707", 4, "binnen 3 werkdagen", True),  # the service term: in every variant
        ("LB707", 6, "binnen 5 werkdagen", False),  # only where the second promise is
    ]


def test_a_request_or_question_read_from_its_last_and_first_words():
    """``is_request_or_question`` reads only the words it needs (the last for a question mark,
    the first two for an imperative); it says what reading the whole sentence says."""
    texts = [
        "Heeft u vragen? Bel ons dan. Stuur het formulier terug. Dan. Dan stuurt u het op.",
        "Klopt dat ?  ",
        "Wij komen op 3 mei.",
        "(Wilt u ons bellen?) 12. Geef de sleutel af.",
    ]
    sentences = [s for doc in nlp.parse(texts).values() for s in doc.sents]
    for sentence in sentences:
        question = sentence.text.strip().endswith("?")
        assert commitments._ends_in_question_mark(sentence) is question, sentence.text
    assert {s.text.strip(): is_request_or_question(s) for s in sentences} == {
        "Heeft u vragen?": True,
        "Bel ons dan.": True,
        "Stuur het formulier terug.": True,
        "Dan.": False,
        "Dan stuurt u het op.": False,
        "Klopt dat ?": True,
        "Wij komen op 3 mei.": False,
        "(Wilt u ons bellen?)": False,  # the bracket is its last word
        "12. Geef de sleutel af.": True,  # a number before the first word
    }


def test_a_request_keeps_its_verb_worked_out_once():
    (doc,) = nlp.parse(["Stuur het formulier terug. U moet de huur overmaken."]).values()
    first, second = requests(doc)
    assert (first.infinitive, first.action) == ("terugsturen", "sturen")
    assert (second.infinitive, second.action) == ("overmaken", "betalen")
    assert first == requests(doc)[0]  # a kept verb does not change what the request is


def test_each_sentence_is_read_for_a_request_once_whichever_checks_ask(tmp_path, monkeypatch):
    """LB304, LB305 and LB306 each ask which sentences of a block are requests
    (``dutch.requests``); a sentence is read for one once, in whichever variant and check
    asks first, with the same findings as reading it at every ask."""
    from lint_brieven.dutch import requests as requests_module

    codes = ["LB304", "LB305", "LB306"]
    once = analyse(_template(tmp_path), new_checks(codes), CTX).findings
    read: Counter = Counter()
    work = requests_module._modal_request

    def spy(sentence):
        read[sentence.doc.text, sentence.start] += 1
        return work(sentence)

    monkeypatch.setattr(requests_module, "_modal_request", spy)
    assert analyse(_template(tmp_path), new_checks(codes), CTX).findings == once
    assert read and set(read.values()) == {1}

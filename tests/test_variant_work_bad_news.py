"""LB803 (bad news) and LB704 (half promise) read each sentence of a template once, whatever
the number of variants (``checks.base.per_doc``), and judge it in each variant's own context:
a reason, a question or a follow-up that only some variants have. The findings are those of
reading every sentence in every variant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lintkit import REPO, new_checks, read_template, without_sharing

from lint_brieven.checks.base import CheckContext
from lint_brieven.checks.detectors import bad_news, half_promise
from lint_brieven.config import config_in
from lint_brieven.engine import analyse
from lint_brieven.readers import read

# three independent choices: 8 variants. "niet toekennen" is explained where the reason
# stands before it; "Dan … verzetten" answers a question where there is one; "naar
# verwachting" is honest where the letter says when the exact date comes.
TEMPLATE = """<p>Beste {{ huurder.naam }},</p>
{% if reden %}<p>De aannemer heeft te weinig personeel.</p>{% endif %}
<p>Wij kunnen uw verzoek helaas niet toekennen.</p>
{% if vraag %}<p>Wilt u de monteur liever later laten komen?</p>{% endif %}
<p>Dan moeten wij de afspraak helaas verzetten.</p>
<p>Bel ons op 030 123 45 67.</p>
<p>De werkzaamheden zijn naar verwachting eind mei klaar.</p>
{% if brief %}<p>Voor de start krijgt u een brief met de dag en het tijdstip.</p>{% endif %}
<p>In principe komt de monteur op dinsdag.</p>
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""
CTX = CheckContext({"naam": "Woonstichting De Linde"})
CODES = ["LB803", "LB704"]


def _checks():
    return new_checks(CODES)


def _template(tmp_path: Path):
    return read_template(tmp_path, TEMPLATE)


def _without_sharing(monkeypatch) -> None:
    without_sharing(monkeypatch, (bad_news, half_promise))


def _spy(monkeypatch) -> tuple[Counter, Counter]:
    """Count the reads of each sentence by the per-sentence work of both detectors."""
    news: Counter = Counter()
    hedges: Counter = Counter()
    read_news, read_hedge = bad_news._bad_news, half_promise._hedge

    def spy_news(sentence):
        news[sentence.doc.text, sentence.start_char] += 1
        return read_news(sentence)

    def spy_hedge(doc, sentence, organisation, follow_up):
        hedges[doc.text, sentence.start_char, follow_up] += 1
        return read_hedge(doc, sentence, organisation, follow_up)

    monkeypatch.setattr(bad_news, "_bad_news", spy_news)
    monkeypatch.setattr(half_promise, "_hedge", spy_hedge)
    return news, hedges


def _summary(findings):
    return sorted((f.code, f.line, f.text, f.variant is None) for f in findings)


def test_each_sentence_is_read_once_across_the_variants(tmp_path, monkeypatch):
    result = _template(tmp_path)
    assert len(result.letters) == 8
    news, hedges = _spy(monkeypatch)
    findings = analyse(result, _checks(), CTX).findings
    assert findings
    distinct = {b.text for letter in result.letters for b in letter.blocks}
    refusal = next(t for t in distinct if "toekennen" in t)
    assert news[refusal, 0] == 1  # in all 8 variants, read once
    assert set(news.values()) == {1}
    assert {text for text, _ in news} <= distinct
    # a hedge is read once per follow-up answer: the follow-up varies with {% if brief %}
    expected = next(t for t in distinct if "naar verwachting" in t)
    assert hedges[expected, 0, True] == hedges[expected, 0, False] == 1
    assert set(hedges.values()) == {1}


def test_without_sharing_every_variant_reads_every_sentence(tmp_path, monkeypatch):
    """The counterpart of the test above: the spy sees the repeated work when it is done."""
    result = _template(tmp_path)
    _without_sharing(monkeypatch)
    news, hedges = _spy(monkeypatch)
    analyse(result, _checks(), CTX)
    refusal = next(text for text, _ in news if "toekennen" in text)
    assert news[refusal, 0] == 8
    assert sum(hedges.values()) > len(hedges)


def test_each_variant_is_judged_in_its_own_context(tmp_path):
    findings = analyse(_template(tmp_path), _checks(), CTX).findings
    assert _summary(findings) == [
        ("LB704", 7, "naar verwachting", False),  # only where no brief with the date follows
        ("LB704", 9, "In principe", True),  # in every variant
        ("LB803", 3, "niet toekennen", False),  # only where the reason is not given
        ("LB803", 5, "verzetten", False),  # only where it does not answer the question
    ]


def test_findings_equal_those_without_sharing(tmp_path, monkeypatch):
    result = _template(tmp_path)
    shared = analyse(result, _checks(), CTX).findings
    _without_sharing(monkeypatch)
    assert analyse(result, _checks(), CTX).findings == shared


@pytest.mark.parametrize(
    "template", ["voor/04-reparatieverzoek.html.j2", "voor/11-overlast.html.j2"]
)
def test_corpus_template_findings_equal_those_without_sharing(template, monkeypatch):
    path = REPO / "corpus" / "sjablonen" / template
    result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
    assert len(result.letters) >= 4
    shared = analyse(result, _checks(), CTX).findings
    assert any(f.variant is not None for f in shared)  # found in some variants only
    _without_sharing(monkeypatch)
    assert analyse(result, _checks(), CTX).findings == shared

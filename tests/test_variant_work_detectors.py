"""The letter-level checks of the letter's parts and contents (LB209, LB513, LB607, LB306,
LB604, LB606, LB605, LB303, LB805, LB301/LB302 and the content rules) read each block of a
template once, whatever the number of variants (``checks.base.per_doc`` and the content
checks' counts per text), and judge it in each variant's own letter: a word reported once
per letter, an abbreviation explained in another paragraph, a stand-in in the next one, a
phone number anywhere, an amount the letter names or not. A variant's hits are those of
reading it on its own."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lintkit import read_template

from lint_brieven import nlp
from lint_brieven.checks.base import AnalysedLetter, CheckContext
from lint_brieven.checks.detectors import absence, main_message, rare_words, web_only
from lint_brieven.checks.loader import build_check, load_rules
from lint_brieven.engine import analyse
from lint_brieven.readers import ReadOptions, read

# three independent choices: 8 variants. The amount is named or not (LB911); the
# abbreviation is explained, and the rare word first used, in an optional paragraph (LB513,
# LB209); a colleague with a phone number stands in for the writer or not (LB607, LB606,
# LB301).
TEMPLATE = """<p>Betreft: Betalingsherinnering</p>
<p>Beste {{ huurder.naam }},</p>
<p>U heeft de huur van maart nog niet betaald.</p>
{% if bedrag %}<p>U moet ons nog € 650 betalen.</p>{% endif %}
<p>Betaal het bedrag uiterlijk 15 april.</p>
{% if uitleg %}<p>Het bewonershulpteam (BHT) int ook de retributie.</p>{% endif %}
<p>Het BHT stuurt u binnenkort een brief over de retributie.</p>
<p>Van 3 tot 14 augustus ben ik met vakantie.</p>
{% if collega %}<p>Bel dan met mijn collega Piet de Vries op 030 123 45 67.</p>{% endif %}
<p>Kijk op onze website voor de betaaldata.</p>
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""
CTX = CheckContext({"naam": "Woonstichting De Linde"})
CODES = {"LB209", "LB513", "LB607", "LB306", "LB604", "LB606", "LB605", "LB303", "LB805"}
CODES |= {"LB301", "LB302"}


def _checks():
    rules = load_rules().values()
    return [build_check(r) for r in rules if r.code in CODES or r.kind == "content"]


def _template(tmp_path: Path):
    return read_template(tmp_path, TEMPLATE)


def _hits_per_variant(result, checks, *, shared: bool) -> list[dict]:
    """Every check's hits on every variant, the variants sharing what they work out (as the
    engine runs them) or each variant on its own."""
    docs = nlp.parse(b.text for letter in result.letters for b in letter.blocks)
    file_cache: dict = {}
    out = []
    for letter in result.letters:
        own = tuple(docs[b.text] for b in letter.blocks)
        analysed = AnalysedLetter(letter, own, file_cache if shared else {})
        out.append({check.rule.code: check.run(analysed, CTX) for check in checks})
    return out


def test_a_variant_has_the_hits_it_has_on_its_own(tmp_path):
    result = _template(tmp_path)
    assert len(result.letters) == 8
    checks = _checks()
    alone = _hits_per_variant(result, checks, shared=False)
    assert _hits_per_variant(result, checks, shared=True) == alone
    # the variants differ: the comparison is not between empty or identical lists
    for code in ("LB209", "LB513", "LB607", "LB606", "LB911"):
        assert len({tuple(hits[code]) for hits in alone}) >= 2, code


def test_each_block_is_read_once_across_the_variants(tmp_path, monkeypatch):
    result = _template(tmp_path)
    absences: Counter = Counter()
    words: Counter = Counter()
    news: Counter = Counter()
    read_absence, read_word, read_news = (
        absence._absence,
        rare_words.RareWords._check,
        (main_message.is_news),
    )

    def spy_absence(offset, text):
        absences[text, offset] += 1
        return read_absence(offset, text)

    def spy_word(token, min_zipf, long):
        words[token.doc.text, token.i] += 1
        return read_word(token, min_zipf, long)

    def spy_news(sentence):
        news[sentence.doc.text, sentence.start] += 1
        return read_news(sentence)

    monkeypatch.setattr(absence, "_absence", spy_absence)
    monkeypatch.setattr(rare_words.RareWords, "_check", staticmethod(spy_word))
    monkeypatch.setattr(main_message, "is_news", spy_news)
    analyse(result, _checks(), CTX)
    holiday = next(key for key in absences if "vakantie" in key[0])
    assert absences[holiday] == 1  # in all 8 variants, read once
    assert set(absences.values()) == set(words.values()) == set(news.values()) == {1}
    assert any("retributie" in text for text, _ in words)
    # and without sharing, the same spy sees the repeated work
    absences.clear()
    _hits_per_variant(result, _checks(), shared=False)
    assert absences[holiday] == 8


def _summary(findings, codes):
    return sorted((f.code, f.line, f.text, f.variant is None) for f in findings if f.code in codes)


def test_each_variant_is_judged_in_its_own_letter(tmp_path):
    findings = analyse(_template(tmp_path), _checks(), CTX).findings
    codes = {"LB209", "LB513", "LB607", "LB606", "LB301", "LB911"}
    assert _summary(findings, codes) == [
        ("LB209", 6, "retributie", False),  # once per letter: here where the paragraph is
        ("LB209", 7, "retributie", False),  # and here where it is not
        ("LB301", 1, "", False),  # no phone number without the colleague's
        ("LB513", 7, "BHT", False),  # only where no paragraph explains it
        ("LB606", 10, "op onze website", False),  # only where no phone number is given
        ("LB607", 8, "ben ik met vakantie", False),  # only where no colleague stands in
        ("LB911", 1, "", False),  # only where the amount is not named
    ]


def test_a_phone_number_read_across_two_paragraphs_is_a_way_without_internet():
    """LB606 reads the offline routes block by block (once per distinct block); the text
    as a whole, with a line break between the blocks, still counts where a phone number
    runs from one block into the next."""
    text = (
        "Beste mevrouw Jansen,\n\nKijk op onze website voor de planning. Ons nummer is 030 123"
        "\n\n45 67.\n\nMet vriendelijke groet,\n\nPetra de Vries\n"
    )
    (letter,) = read("brief.txt", text.encode(), ReadOptions()).letters
    texts = [b.text for b in letter.blocks]
    assert not any(web_only.OFFLINE.search(t) for t in texts)
    assert web_only.OFFLINE.search("\n".join(texts))
    check = build_check(load_rules()["LB606"])
    docs = nlp.parse(texts)
    analysed = AnalysedLetter(letter, tuple(docs[t] for t in texts))
    assert check.run(analysed, CTX) == []
    # in one block, the text that gives no number is flagged
    without = text.replace("Ons nummer is 030 123\n\n45 67.", "Tot ziens.")
    (letter,) = read("brief.txt", without.encode(), ReadOptions()).letters
    texts = [b.text for b in letter.blocks]
    docs = nlp.parse(texts)
    hits = check.run(AnalysedLetter(letter, tuple(docs[t] for t in texts)), CTX)
    assert [h.text for h in hits] == ["op onze website"]

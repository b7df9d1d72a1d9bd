"""Template variants share their blocks: block-level checks run once per distinct block, each
template piece is laid out once, readability is worked out once per distinct sentence, and the
findings are exactly those of running every check on every variant."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from lintkit import REPO, write

from lint_brieven.checks.base import AnalysedLetter, Check, CheckContext, Hit
from lint_brieven.checks.detectors import DETECTORS
from lint_brieven.checks.loader import build_check, load_pack, load_rules
from lint_brieven.config import config_in
from lint_brieven.dutch.letter_parts import document_kind
from lint_brieven.engine import analyse
from lint_brieven.layout import html, layout_for
from lint_brieven.letter import DocumentKind, MappedText, SourceText
from lint_brieven.readability import assess, lint_ii_bridge
from lint_brieven.readers import ReadOptions, read

PACK = """
pack: eigen
rules:
  - code: LB999
    name: reparatie-woord
    category: huisstijl
    severity: info
    kind: pattern
    message: "'{match}' gevonden."
    rationale: "Voor de test."
    patterns:
      - - {LOWER: reparatie}
    examples:
      flag: ["De reparatie is klaar."]
      pass: ["Het herstel is klaar."]
"""

# three independent choices: 2 x 2 x 2 = 8 variants, most paragraphs in all of them
TEMPLATE = """<p>Beste {{ huurder.naam }},</p>
<p>Wij hebben uw melding over de reparatie van de kraan ontvangen.</p>
{% if spoed %}<p>De reparatie heeft spoed: wij komen binnen een dag.</p>
{% else %}<p>De monteur komt binnen vijf werkdagen voor de reparatie.</p>{% endif %}
<p>U hoeft niets te betalen voor de reparatie.</p>
{% if sleutel %}<p>Geef de sleutel af bij de buren.</p>{% endif %}
<p>Bent u niet thuis? Bel ons dan om een nieuwe afspraak te maken.</p>
{% if eigen_schuld %}<p>Was het uw eigen schuld? Dan betaalt u de reparatie zelf.</p>{% endif %}
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""


class AsLetterLevel:
    """A check run on every letter whatever its scope: the engine without reuse."""

    scope = "letter"

    def __init__(self, check):
        self.check = check
        self.rule = check.rule
        self.skips_placeholders = check.skips_placeholders

    def run(self, letter, ctx):
        return self.check.run(letter, ctx)


def _template(tmp_path: Path):
    write(tmp_path, {"brief.html.j2": TEMPLATE})
    path = tmp_path / "brief.html.j2"
    return read(str(path), path.read_bytes(), ReadOptions())


def _spy_check(tmp_path: Path, monkeypatch):
    write(tmp_path, {"eigen.yaml": PACK})
    (rule,) = load_pack(tmp_path / "eigen.yaml")
    check = build_check(rule)
    seen: Counter[str] = Counter()
    run = check.run

    def spy(letter, ctx):
        seen.update(doc.text for doc in letter.docs)
        return run(letter, ctx)

    monkeypatch.setattr(check, "run", spy)
    return check, seen


def test_block_level_check_reads_each_distinct_block_once(tmp_path, monkeypatch):
    result = _template(tmp_path)
    assert len(result.letters) == 8
    check, seen = _spy_check(tmp_path, monkeypatch)
    assert check.scope == "block"
    findings = analyse(result, [check], CheckContext()).findings
    distinct = {b.text for letter in result.letters for b in letter.blocks}
    assert set(seen) == distinct
    assert max(seen.values()) == 1  # 8 variants, yet every block read once
    # every 'reparatie' of every variant is found, with the variant named where it varies
    assert sorted(f.line for f in findings) == [2, 3, 4, 5, 8]
    assert {f.line for f in findings if f.variant is not None} == {3, 4, 8}


def test_a_block_level_check_cannot_report_the_whole_letter(tmp_path):
    class Whole(Check):
        scope = "block"

        def run(self, letter, ctx):
            return [Hit(-1, 0, 0, "hele brief")]

    rule = load_rules()["LB101"]
    with pytest.raises(ValueError, match="block-level"):
        analyse(_template(tmp_path), [Whole(rule)], CheckContext())


def test_findings_equal_a_run_without_reuse(tmp_path, monkeypatch):
    result = _template(tmp_path)
    check, seen = _spy_check(tmp_path, monkeypatch)
    with_reuse = analyse(result, [check], CheckContext()).findings
    once = sum(seen.values())
    without = analyse(result, [AsLetterLevel(check)], CheckContext()).findings
    assert with_reuse == without
    assert sum(seen.values()) - once == sum(len(x.blocks) for x in result.letters)


@pytest.mark.parametrize(
    "template", ["voor/07-betalingsherinnering.html.j2", "voor/06-huurverhoging.html.j2"]
)
def test_every_rule_gives_the_same_findings_on_a_corpus_template(template):
    """Every rule, block- and letter-level, on a template with many variants: the findings
    (their order, variants and positions) are those of every check on every variant."""
    path = REPO / "corpus" / "sjablonen" / template
    options = config_in(path.parent).read_options
    result = read(str(path), path.read_bytes(), options)
    assert len(result.letters) >= 12
    rules = load_rules()
    checks = [build_check(rules[c]) for c in sorted(rules) if rules[c].kind != "builtin"]
    assert {c.scope for c in checks} == {"block", "letter"}
    ctx = CheckContext({"naam": "Woonstichting De Linde", "telefoon": "030 123 45 67"})
    with_reuse = analyse(result, checks, ctx).findings
    without = analyse(result, [AsLetterLevel(c) for c in checks], ctx).findings
    assert with_reuse == without
    assert len(with_reuse) > 20
    assert with_reuse == _each_variant_on_its_own(result, checks, ctx)


def _each_variant_on_its_own(result, checks, ctx):
    """The findings of a template as checking each variant as a file of its own gives them:
    the first finding at each place, named for its variant unless every variant has it (no
    work, parse or finding shared between variants)."""
    first, count = {}, Counter()
    for letter in result.letters:
        for finding in analyse(replace(result, letters=[letter]), checks, ctx).findings:
            first.setdefault(finding.place, replace(finding, variant=letter.variant))
            count[finding.place] += 1
    every = len(result.letters)
    return [f if count[p] < every else replace(f, variant=None) for p, f in first.items()]


def test_every_check_kind_and_detector_says_its_scope():
    for name, detector in DETECTORS.items():
        assert detector.__dict__.get("scope") in ("block", "letter"), name
    rules = load_rules()
    built = {code: build_check(rule) for code, rule in rules.items() if rule.kind != "builtin"}
    scopes = {code: check.scope for code, check in built.items()}
    assert set(scopes.values()) == {"block", "letter"}
    # a word list whose entry asks the letter ("verhuurder": fine in a tenant's letter, or
    # where the letter says "uw verhuurder") is block-level given those answers
    assert scopes["LB101"] == scopes["LB102"] == "block"
    assert built["LB101"].letter_facts is not None and built["LB102"].letter_facts is None
    assert scopes["LB501"] == "letter"  # a term is fine once explained anywhere
    assert scopes["LB201"] == "block" and scopes["LB203"] == "letter"  # average: whole letter


LANDLORD = """<p>Beste {{ huurder.naam }},</p>
<p>De verhuurder repareert de kraan volgende week.</p>
{% if huurt %}<p>Als u huurt, betaalt u niets voor de reparatie.</p>{% endif %}
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""


def test_a_block_shared_by_variants_is_judged_with_each_letter_s_facts(tmp_path):
    """LB101's 'verhuurder' is fine in a letter that says 'als u huurt' anywhere: the same
    paragraph is flagged in the variant without that sentence only."""
    write(tmp_path, {"brief.html.j2": LANDLORD})
    path = tmp_path / "brief.html.j2"
    result = read(str(path), path.read_bytes(), ReadOptions())
    assert len(result.letters) == 2
    check = build_check(load_rules()["LB101"])
    findings = analyse(result, [check], CheckContext()).findings
    landlord = [f for f in findings if f.text.lower() == "verhuurder"]
    assert [(f.line, f.variant) for f in landlord] == [(2, result.letters[1].variant)]
    assert findings == analyse(result, [AsLetterLevel(check)], CheckContext()).findings


ALTERNATING = """<p>Beste {{ huurder.naam }},</p>
<p>De verhuurder repareert de kraan volgende week.</p>
{% if huurt %}<p>Als u huurt, betaalt u niets voor de reparatie.</p>{% endif %}
{% if later %}<p>Daarna verft de schilder de deur.</p>{% else %}<p>Daarna verft de verhuurder de
deur.</p>{% endif %}
<p>Met vriendelijke groet,</p>
<p>Woonstichting De Linde</p>
"""


def test_letters_whose_facts_alternate_are_each_judged_with_their_own(tmp_path):
    """Variants with and without 'als u huurt' take turns, and a block first comes in a later
    variant: each variant's findings are those of checking it as a file of its own."""
    write(tmp_path, {"brief.html.j2": ALTERNATING})
    path = tmp_path / "brief.html.j2"
    result = read(str(path), path.read_bytes(), ReadOptions())
    says = ["Als u huurt" in " ".join(b.text for b in x.blocks) for x in result.letters]
    assert says == [True, False, True, False]
    check = build_check(load_rules()["LB101"])
    findings = analyse(result, [check], CheckContext()).findings
    assert [f.line for f in findings if f.text.lower() == "verhuurder"] == [2, 4]
    assert findings == _each_variant_on_its_own(result, [check], CheckContext())
    assert findings == analyse(result, [AsLetterLevel(check)], CheckContext()).findings


def test_a_view_of_new_blocks_asks_the_whole_letter_about_the_letter(tmp_path):
    """A block-level check reads a view of the blocks not seen before; what it asks of the
    letter as a whole (its kind, for an entry's ``unless``) the whole letter answers."""
    result = _template(tmp_path)
    letter = result.letters[0]
    assert document_kind(letter) is DocumentKind.LETTER
    part = replace(letter, blocks=letter.blocks[2:4])
    assert document_kind(part) is DocumentKind.FRAGMENT  # its own facts, not the letter's
    from lint_brieven.checks.entry_conditions import _kind

    whole = AnalysedLetter(letter, ())
    view = AnalysedLetter(part, (), whole=whole)
    assert _kind(view) == "brief"
    assert _kind(AnalysedLetter(part, ())) == "fragment"


def test_each_template_piece_is_laid_out_once(tmp_path, monkeypatch):
    laid_out: Counter[str] = Counter()
    collapse_joined = html.collapse_joined

    def counting(parts: list[MappedText]) -> MappedText:
        text = "".join(part.text for part in parts)
        if text.strip():  # (not the line breaks between paragraphs)
            laid_out[text] += 1
        return collapse_joined(parts)

    monkeypatch.setattr(html, "collapse_joined", counting)
    result = _template(tmp_path)
    assert len(result.letters) == 8
    assert laid_out and max(laid_out.values()) == 1
    # a paragraph in every variant is one text, laid out once
    assert len({id(letter.blocks[1].content) for letter in result.letters}) == 1


def test_a_layout_keeps_its_memo_to_itself():
    source = SourceText("a.html", "<p>Eén.</p><p>Twee.</p>")
    text = MappedText.from_source(source)
    first, second = layout_for("html"), layout_for("html")
    assert [b.text for b in first(text)] == ["Eén.", "Twee."]
    assert first.keywords["memo"] and not second.keywords["memo"]
    assert second(text) == first(text)


def test_readability_is_worked_out_once_per_distinct_sentence(tmp_path, monkeypatch):
    result = _template(tmp_path)
    counted: Counter[str] = Counter()
    figures = lint_ii_bridge.sentence_figures

    def counting(doc, sentences):
        counted.update(sentence.text for sentence in sentences)
        return figures(doc, sentences)

    monkeypatch.setattr(lint_ii_bridge, "sentence_figures", counting)
    check = build_check(load_rules()["LB401"])
    analysed = analyse(result, [check], CheckContext()).letters
    every = sum(len(a.readability.sentences) for a in analysed)
    assert counted and max(counted.values()) == 1  # each distinct sentence once
    assert sum(counted.values()) < every / 4
    # the same scores as working out every letter on its own
    assert [a.readability for a in analysed] == [assess(a.docs) for a in analysed]

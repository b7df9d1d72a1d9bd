"""Rewrites that are correct Dutch, or none: what ``--fix`` writes and what "Schrijf: …" shows
reads correctly in the sentence (verb agreement, verb forms, adjective endings, de/het, split
verbs, "maar" for "echter", "Let op:" before a main clause, active for passive); where a place
cannot take the plainer words, the finding gives advice and ``--fix`` leaves the text alone.
Word-list entries that are the plain or legal word in context do not fire there."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from lintkit import REPO, write

from lint_brieven import nlp
from lint_brieven.checks.replacement_check import Replacement, problems
from lint_brieven.cli import main

pytestmark = pytest.mark.usefixtures("in_tmp")


def fixed(tmp_path, text: str, code: str) -> str:
    """The file after ``check --fix --unsafe-fixes`` with one rule selected."""
    write(tmp_path, {"brief.txt": text + "\n"})
    main(["check", "brief.txt", "--fix", "--unsafe-fixes", "--select", code])
    return (tmp_path / "brief.txt").read_text(encoding="utf-8").rstrip("\n")


def findings(tmp_path, capsys, text: str, code: str) -> list[dict]:
    write(tmp_path, {"brief.txt": text + "\n"})
    capsys.readouterr()
    main(["check", "brief.txt", "--select", code, "--output-format", "json"])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [f for r in json.loads(out)["files"] for f in r["findings"] if f["code"] == code]


def replacements(finding: dict) -> list[str]:
    return [s["text"] for s in finding["suggestions"] if s["replaces"]]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # "Mocht u … hebben" → "Als u … heeft": the verb at the end agrees with "u"
        ("Mocht u vragen hebben, bel ons dan.", "LB102", "Als u vragen heeft, bel ons dan."),
        (
            "Mocht u de huur niet kunnen betalen, bel ons dan.",
            "LB102",
            "Als u de huur niet kunt betalen, bel ons dan.",
        ),
        (
            "Mocht u het niet eens zijn met dit besluit, dan kunt u bezwaar maken.",
            "LB102",
            "Als u het niet eens bent met dit besluit, dan kunt u bezwaar maken.",
        ),
        (
            "Mocht u dit formulier willen invullen, stuur het dan terug.",
            "LB102",
            "Als u dit formulier wilt invullen, stuur het dan terug.",
        ),
        # an attributive adjective keeps its -e
        (
            "Wij helpen u snel bij spoedeisende reparaties.",
            "LB101",
            "Wij helpen u snel bij dringende reparaties.",
        ),
        # a participle stays a participle, a finite verb agrees with its subject
        (
            "Wij hebben uw gegevens verstrekt aan de aannemer.",
            "LB101",
            "Wij hebben uw gegevens gegeven aan de aannemer.",
        ),
        ("De aannemer verstrekt u de sleutels.", "LB101", "De aannemer geeft u de sleutels."),
        # a separable verb splits around "te"
        (
            "Wij vragen u het formulier te retourneren.",
            "LB101",
            "Wij vragen u het formulier terug te sturen.",
        ),
        # de/het and dit/deze follow the new noun
        ("Wij hebben dit verzoek ontvangen.", "LB101", "Wij hebben deze vraag ontvangen."),
        (
            "Wij hebben een nieuw verzoek ontvangen.",
            "LB101",
            "Wij hebben een nieuwe vraag ontvangen.",
        ),
        (
            "Wij hebben het voornoemde formulier ontvangen.",
            "LB101",
            "Wij hebben dit formulier ontvangen.",
        ),
        # "maar" only at the start of a clause
        ("Dat is echter niet mogelijk.", "LB101", "Maar dat is niet mogelijk."),
        ("Echter, de monteur kan niet komen.", "LB101", "Maar de monteur kan niet komen."),
        # "Let op:" only before a main clause
        (
            "Wij willen u erop wijzen dat de huur omhoog gaat.",
            "LB801",
            "Let op: de huur gaat omhoog.",
        ),
        # passive to active, every part of the clause kept, the verb conjugated
        ("Uw aanvraag is afgewezen.", "LB204", "Wij hebben uw aanvraag afgewezen."),
        ("Binnenkort wordt uw huur verhoogd.", "LB204", "Binnenkort verhogen wij uw huur."),
        ("Er wordt contact met u opgenomen.", "LB204", "Wij nemen contact met u op."),
        # the diaeresis "ge" needed goes with it: "geïnformeerd" → "informeren"
        (
            "In de loop van het jaar wordt u nader geïnformeerd over de werkzaamheden.",
            "LB204",
            "In de loop van het jaar informeren wij u nader over de werkzaamheden.",
        ),
        # "indien nodig" is not "als nodig"; "a.s." after a date is "aanstaande"
        ("Indien nodig komen wij langs.", "LB102", "Als het nodig is komen wij langs."),
        ("Op 4 mei a.s. beginnen wij.", "LB511", "Op 4 mei aanstaande beginnen wij."),
        ("Hierbij treft u het formulier.", "LB102", "Hierbij vindt u het formulier."),
        # "alvast" takes the "al" after "bij voorbaat" with it: never "alvast al"
        (
            "Ik meld u nu bij voorbaat al dat ik niet kan komen.",
            "LB102",
            "Ik meld u nu alvast dat ik niet kan komen.",
        ),
    ],
)
def test_the_fix_is_correct_dutch(tmp_path, text, code, expected):
    assert fixed(tmp_path, text, code) == expected


@pytest.mark.parametrize(
    ("text", "code", "advice"),
    [
        # "retourneert" → "stuurt … terug": the particle moves to the end of the clause
        ("U retourneert het formulier vandaag.", "LB101", "terugsturen"),
        # after "echter" comes the verb: "maar" would need the subject first
        ("Echter kan de monteur niet komen.", "LB101", "Maar"),
        # a modal takes a bare infinitive: "Wilt u … te retourneren" is wrong
        ("Wij verzoeken u het formulier te retourneren.", "LB102", "Wilt u"),
        # "eventuele" is attributive, "misschien" cannot be
        ("Een eventuele waarborgsom betalen wij terug.", "LB101", "misschien"),
        # never "de nodig onderdelen"; "de nodige onderdelen" means "quite a few"
        ("Wij hebben de benodigde onderdelen besteld.", "LB101", "nodig"),
        # "gebruiken een minicontainer" in a relative clause: the verb goes to the end
        (
            "Dit geldt voor huishoudens die voor hun afval gebruik maken van een minicontainer.",
            "LB102",
            "gebruiken",
        ),
        # "van toepassing" → "gelden" would give the clause two finite verbs
        ("Op uw huur zijn de algemene voorwaarden van toepassing.", "LB102", "gelden"),
        # rules "worden van kracht" (they start), they do not "worden geldig"
        ("Op 1 juli worden de nieuwe regels van kracht.", "LB102", "geldig"),
        # "treft u … aan" is aantreffen: "vindt u … aan" would leave the particle behind
        ("Daarom treft u geen handtekening aan.", "LB102", "vindt u"),
        # "al" elsewhere in the sentence: "Ik dank u al alvast" is wrong
        ("Ik dank u al bij voorbaat voor uw hulp.", "LB102", "alvast"),
        # what is handed out decides the verb: "het geven van minicontainers" reads badly
        ("De brief gaat over de verstrekking van nieuwe minicontainers.", "LB101", "het uitdelen"),
        ("De brief gaat over de verstrekking van nieuwe minicontainers.", "LB101", "het geven"),
    ],
)
def test_a_replacement_that_does_not_fit_is_advice_and_not_applied(
    tmp_path, capsys, text, code, advice
):
    found = findings(tmp_path, capsys, text, code)
    assert found, text
    assert all(advice not in replacements(f) for f in found)
    assert any(s["text"] == advice and not s["replaces"] for f in found for s in f["suggestions"])
    assert fixed(tmp_path, text, code) == text or advice not in fixed(tmp_path, text, code)


def test_no_let_op_before_a_dat_clause(tmp_path, capsys):
    text = "Wij wijzen u erop dat, indien de schade door u is ontstaan, de kosten op u vallen."
    found = findings(tmp_path, capsys, text, "LB801")
    assert found
    for finding in found:
        assert not any(r.startswith("Let op: dat") for r in replacements(finding))
    assert "Let op: dat" not in fixed(tmp_path, text, "LB801")


def test_a_passive_whose_rewrite_would_change_other_words_gets_advice_only(tmp_path, capsys):
    text = "Uw aanvraag, die wij op 3 maart kregen, is afgewezen."
    found = findings(tmp_path, capsys, text, "LB204")
    assert found
    assert all(replacements(f) == [] for f in found)
    assert all(f["suggestions"] for f in found)  # the rule's advice stays
    assert fixed(tmp_path, text, "LB204") == text


def test_a_compound_is_not_paraphrased_as_y_van_de_x():
    """The rule every rewrite passes (the rare-word detector used to offer these)."""
    line = "Zet op elke pagina het beschikkingsnummer."
    doc = nlp.parse([line])[line]
    start = line.index("beschikkingsnummer")
    end = start + len("beschikkingsnummer")
    assert problems(Replacement(doc, start, end, "nummer van de beschikking"))
    assert problems(Replacement(doc, start, end, "nummer")) == []


def test_u_dient_does_not_fire_on_the_separable_verb_indienen(tmp_path, capsys):
    assert findings(tmp_path, capsys, "Dient u het formulier vóór 1 mei in?", "LB202") == []
    assert findings(tmp_path, capsys, "U dient uw bezwaar in bij de Huurcommissie.", "LB202") == []
    assert findings(tmp_path, capsys, "U dient de huur vóór de eerste te betalen.", "LB202")


def test_safe_fixes_apply_without_unsafe_fixes(tmp_path):
    write(tmp_path, {"brief.txt": "Indien u vragen heeft, bel ons.\n"})
    assert main(["check", "brief.txt", "--fix", "--select", "LB101"]) == 0
    assert (tmp_path / "brief.txt").read_text() == "Als u vragen heeft, bel ons.\n"


# -- word lists in context -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # somebody else's landlord: "verhuurder" is the plain word there
        ("Uw verhuurder mag het bezwaar niet zelf afwijzen.", "LB101"),
        ("Hoe vraag ik mijn verhuurder om een lagere huurprijs?", "LB101"),
        # a text by somebody else (here a fragment about tenant and landlord)
        ("De huurder moet eerst de verhuurder vragen de lekkage te repareren.", "LB101"),
        # legal terms and names
        ("U huurt een zelfstandige woonruimte.", "LB101"),
        ("U krijgt de Tegemoetkoming Minimabeleid over 2022.", "LB101"),
        ("Dit is een besluit in de zin van de Algemene wet bestuursrecht.", "LB102"),
        ("U kunt een verzoek indienen bij de Huurcommissie.", "LB101"),
        # "indienen" is no form of the conjunction "indien"
        ("Hoe moet ik een bezwaarschrift indienen?", "LB101"),
    ],
)
def test_the_plain_or_legal_word_is_not_flagged(tmp_path, capsys, text, code):
    assert findings(tmp_path, capsys, text, code) == []


def test_the_organisation_calling_itself_verhuurder_is_flagged_with_advice(tmp_path, capsys):
    letter = (
        "Beste mevrouw De Vries,\n\nDe verhuurder onderhoudt de woning.\n\n"
        "Met vriendelijke groet,\nWoonstichting De Linde"
    )
    found = findings(tmp_path, capsys, letter, "LB101")
    assert [f["text"] for f in found] == ["verhuurder"]
    assert replacements(found[0]) == []  # "wij" needs a new verb form: advice only
    assert "pas de zin daarop aan" in found[0]["message"]


def test_a_tenants_letter_to_the_landlord_keeps_verhuurder(tmp_path, capsys):
    text = (
        "Geachte verhuurder,\n\nDe verhuurder moet de lekkage herstellen.\n\n"
        "Met vriendelijke groet,\nJan"
    )
    assert findings(tmp_path, capsys, text, "LB101") == []


# -- every offered replacement reads correctly -----------------------------------------------


def _finite_outside(doc, start: int, end: int) -> int:
    return sum(1 for t in doc if t.tag_.startswith("WW|pv") and not start <= t.idx < end)


@pytest.fixture(scope="module")
def offered():
    """Every concrete one-line replacement the tool offers on the corpus letters and the
    judged development set, run through the command line: the block text each one goes
    into (as the engine parsed it), its characters and the new words."""
    from lint_brieven import engine

    rows = []
    original = engine._finding

    def record(hit, letter, check, result):
        if hit.block >= 0:
            text = letter.blocks[hit.block].text
            for s in hit.suggestions:
                if s.replaces and "\n" not in s.text:
                    rows.append((check.rule.code, text, hit.start, hit.end, s.text))
        return original(hit, letter, check, result)

    paths = [str(REPO / "corpus")]
    if (REPO / "eval" / "dev").is_dir():
        paths.append(str(REPO / "eval" / "dev"))
    engine._finding = record
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            main(["check", *paths, "--select", "ALL", "--output-format", "json"])
    finally:
        engine._finding = original
    return sorted(set(rows))


def _finite_outside(doc, start: int, end: int) -> int:
    return sum(1 for t in doc if t.tag_.startswith("WW|pv") and not start <= t.idx < end)


def test_every_offered_replacement_reparses_with_the_same_clause_structure(offered):
    """Each replacement, put into its paragraph and parsed again: the rules of
    ``replacement_check`` hold, and the paragraph has as many finite verbs outside the new
    words as before."""
    assert len(offered) > 100
    wrong = []
    for code, text, start, end, new_words in offered:
        doc = nlp.parse([text])[text]
        reasons = problems(Replacement(doc, start, end, new_words))
        changed = text[:start] + new_words + text[end:]
        new = nlp.parse([changed])[changed]
        if _finite_outside(doc, start, end) != _finite_outside(new, start, start + len(new_words)):
            reasons.append("another number of finite verbs outside the replaced words")
        if reasons:
            wrong.append((code, changed[max(0, start - 60) : start + len(new_words) + 60], reasons))
    assert wrong == []


def test_a_term_in_a_heading_is_explained_where_the_text_first_uses_it(tmp_path, capsys):
    text = "# Servicekosten\n\nIeder jaar krijgt u een afrekening van de servicekosten."
    write(tmp_path, {"brief.md": text + "\n"})
    capsys.readouterr()
    main(["check", "brief.md", "--select", "LB501", "--output-format", "json"])
    (found,) = [f for r in json.loads(capsys.readouterr().out)["files"] for f in r["findings"]]
    assert (found["line"], found["text"]) == (3, "servicekosten")
    assert any(s["replaces"] and "(kosten die u" in s["text"] for s in found["suggestions"])
    # a heading alone: the gloss is advice, never written into the heading
    write(tmp_path, {"brief.md": "# Servicekosten\n\nIeder jaar krijgt u een afrekening.\n"})
    main(["check", "brief.md", "--select", "LB501", "--output-format", "json"])
    (found,) = [f for r in json.loads(capsys.readouterr().out)["files"] for f in r["findings"]]
    assert found["line"] == 1 and not any(s["replaces"] for s in found["suggestions"])

"""Batch audit: grade formula, journey moments, promise consistency, the reports, the cache,
and the dashboard rendered in a real browser (headless Chromium)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import numpy
import pytest
from lintkit import REPO, write
from PIL import Image

from lint_brieven.audit.html import COLOURS
from lint_brieven.audit.moments import moment_of
from lint_brieven.audit.promises import commitments, conflicts
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config

ARTEFACTS = REPO / "test-artefacts"


pytestmark = pytest.mark.usefixtures("fresh_config")


@pytest.mark.parametrize(
    ("sentence", "topic", "term"),
    [
        ("Wij verhelpen de storing binnen 5 werkdagen.", "reparatie", "5 werkdagen"),
        ("Bij spoed komt de monteur binnen 24 uur.", "spoedreparatie", "24 uur"),
        ("U krijgt uw borg binnen dertig dagen terug.", "terugbetaling van de borg", "30 dagen"),
        ("Wij beantwoorden uw klacht binnen twee weken.", "antwoord op een klacht", "2 weken"),
        ("De reparatie doen wij dezelfde week.", "reparatie", "dezelfde week"),
    ],
)
def test_commitments_are_found_with_topic_and_term(sentence, topic, term):
    found = commitments("a", [{"text": sentence, "line": 1}])
    assert [(c.topic, c.term) for c in found] == [(topic, term)]


@pytest.mark.parametrize(
    "sentence",
    [
        "De monteur komt op 3 maart.",  # a date, not a term
        "U woont al 5 jaar in deze woning.",  # no topic, no promise
        "Uw huur gaat binnenkort omhoog.",  # vague: the beloftes rules flag it, no term here
    ],
)
def test_sentences_without_a_commitment(sentence):
    assert commitments("a", [{"text": sentence, "line": 1}]) == []


def test_conflicting_terms_across_letters_are_reported_side_by_side():
    a = commitments("a.txt", [{"text": "Wij repareren het binnen 5 werkdagen.", "line": 2}])
    b = commitments("b.txt", [{"text": "De reparatie volgt binnen 2 weken.", "line": 4}])
    c = commitments("c.txt", [{"text": "De reparatie volgt binnen 5 werkdagen.", "line": 4}])
    found = conflicts(a + b + c)
    assert list(found) == ["reparatie"]
    assert {t: sorted(x.path for x in cs) for t, cs in found["reparatie"].items()} == {
        "5 werkdagen": ["a.txt", "c.txt"],
        "2 weken": ["b.txt"],
    }
    assert conflicts(a + c) == {}  # the same term everywhere


def test_moment_from_mapping_front_matter_names_and_words():
    assert moment_of("x/brief.txt", "", {"x/*": "verhuizen"}) == "verhuizen"
    assert moment_of("brief.html.j2", "{# moment: intrekken #}\n<p>Hallo</p>") == "intrekken"
    assert moment_of("sjablonen/huuropzegging.html.j2") == "verhuizen"
    assert moment_of("brief.txt", "De monteur komt de lekkage repareren.") == (
        "reparatie en onderhoud"
    )
    assert moment_of("brief.txt", "Hallo.") == "overig"


@pytest.fixture(scope="module")
def rapport(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    shutil.copytree(REPO / "corpus", root / "corpus")
    find_config_file.cache_clear()
    load_config.cache_clear()
    out = root / "rapport"
    assert main(["audit", str(root / "corpus"), "--out", str(out), "--jobs", "2"]) == 0
    return root, out


def test_audit_writes_dashboard_pages_json_and_csv(rapport):
    _root, out = rapport
    data = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    letters = data["letters"]
    assert len(letters) == 48  # 24 templates and 24 Word letters; shared pieces are no letters
    assert {b["moment"] for b in letters} == {
        "intrekken",
        "reparatie en onderhoud",
        "huur en betalen",
        "verhuizen",
    }
    before = [b["grade"] for b in letters if "/voor/" in b["path"]]
    after = [b["grade"] for b in letters if "/na/" in b["path"]]
    assert max(before) < 8 <= min(after)
    table = (out / "brieven.csv").read_text(encoding="utf-8-sig")  # Excel: with a BOM
    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    assert rows[0][:3] == ["pad", "moment", "cijfer"] and len(rows) == 49
    pages = list((out / "brieven").glob("*.html"))
    assert len([p for p in pages if not p.name.startswith("gedeeld-")]) == 48  # + shared pieces
    assert "Beloftes die elkaar tegenspreken" in (out / "index.html").read_text()
    # the corpus holds two letters that promise a different term for the deposit refund
    borg = data["conflicting_promises"]["terugbetaling van de borg"]
    assert set(borg) == {"30 dagen", "8 weken"}


def test_a_second_audit_uses_the_cache_and_compare_shows_the_change(rapport, capsys):
    root, out = rapport
    cache = sorted((out / ".lint-brieven-cache").glob("*.json"))
    assert len(cache) == 48
    stamps = [p.stat().st_mtime_ns for p in cache]
    shutil.copy(out / "rapport.json", root / "vorige.json")
    args = ["audit", str(root / "corpus"), "--out", str(out), "--jobs", "1"]
    assert main([*args, "--compare", str(root / "vorige.json")]) == 0
    assert [p.stat().st_mtime_ns for p in cache] == stamps  # nothing re-checked
    assert "Vergeleken met de vorige audit" in (out / "index.html").read_text()
    assert main([*args, "--no-cache"]) == 0


def _chromium():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Chromium ontbreekt: installeer het Debian-pakket chromium (zie .ci/run)"
    return browser


def _render(url, screenshot, tmp_path):
    browser = _chromium()
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1280,1800",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    subprocess.run(
        [browser, *flags, f"--screenshot={screenshot}", url], capture_output=True, timeout=120
    )
    return dom, Image.open(screenshot).convert("RGB")


def _has_colour(image, hex_colour, at_least=200):
    wanted = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    pixels = numpy.asarray(image)
    return int((pixels == wanted).all(axis=2).sum()) >= at_least


def test_dashboard_and_letter_page_render_in_a_real_browser(rapport, tmp_path):
    _root, out = rapport
    ARTEFACTS.mkdir(exist_ok=True)
    dom, shot = _render((out / "index.html").as_uri(), ARTEFACTS / "audit-index.png", tmp_path)
    # the charts are inline SVG (tests/test_audit_dashboard.py): 4 levels + 10 grades
    assert dom.count('class="staaf"') == 14
    assert _has_colour(shot, "#1f4e79", at_least=2000)  # the bars are drawn
    page = next(
        p
        for p in sorted((out / "brieven").glob("*.html"))
        if "/voor/01-woningaanbieding.html.j2</title>" in p.read_text()
    )
    dom, shot = _render(page.as_uri(), ARTEFACTS / "audit-brief.png", tmp_path)
    assert dom.count("<mark ") >= 10 and 'role="tooltip"' in dom
    assert _has_colour(shot, COLOURS["ambtelijk"])  # highlighted words are painted


def test_check_min_grade(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"a.txt": "Wij sturen u middels deze brief reeds het formulier. " * 3})
    only_grade = ["check", "a.txt", "--select", "LB1", "--fail-on", "error"]
    assert main([*only_grade, "--min-grade", "1"]) == 0
    assert main([*only_grade, "--min-grade", "8"]) == 1  # officialese pulls the grade down
    assert "is lager dan 8" in capsys.readouterr().err


def test_cache_key_follows_the_model(tmp_path, monkeypatch):
    """A retrained Dutch model (its meta.json) invalidates cached reports."""
    from lint_brieven.audit import keys
    from lint_brieven.audit.collect import cache_key

    letter = tmp_path / "brief.txt"
    letter.write_text("Beste heer Jansen,\n", encoding="utf-8")
    before = cache_key(letter)
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text('{"name": "retrained"}', encoding="utf-8")
    monkeypatch.setattr(keys, "model_path", lambda: model)
    assert cache_key(letter) != before

"""The audit's letter pages (``brieven/*.html``) and shared-piece pages, in headless Chromium:
every finding of a letter is on its page (in the text, nested ones too, and in the list) or on
the page of the shared piece it is in; variants are selectable; pages print as review sheets;
an older cache entry (without the letter's layout) is checked again."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lintkit import REPO
from test_audit import ARTEFACTS, _render

from lint_brieven.audit.cache import MAGIC, Cache, _body, _with_header
from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config

TEMPLATE = "corpus/sjablonen/voor/01-woningaanbieding.html.j2"
WORD = "corpus/docx/voor/01-woningaanbieding.docx"


pytestmark = pytest.mark.usefixtures("fresh_config")


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    root = tmp_path_factory.mktemp("letter-pages")
    shutil.copytree(REPO / "corpus", root / "corpus")
    find_config_file.cache_clear()
    load_config.cache_clear()
    out = root / "rapport"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # the report names letters relative to the working folder
        assert main(["audit", "corpus", "--out", str(out), "--jobs", "2"]) == 0
    return root, out


class Elements(HTMLParser):
    """Every element with ``data-code``: tag, id, code, line, column, and how many marks
    enclose it; the links; whether a ``<select id="variantkiezer">`` is shown."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[dict] = []
        self.links: list[str] = []
        self.options = 0
        self.select_hidden: bool | None = None
        self._marks: list[bool] = []  # open elements: True for a mark
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-code" in a:
            self.found.append(
                {
                    "tag": tag,
                    "id": a.get("id"),
                    "code": a["data-code"],
                    "line": int(a["data-regel"]),
                    "column": int(a["data-kolom"]),
                    "depth": sum(self._marks),
                }
            )
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "select" and a.get("id") == "variantkiezer":
            self.select_hidden = "hidden" in a
        if tag == "option":
            self.options += 1
        if tag not in {"br", "meta", "img", "input", "hr", "link"}:
            self._marks.append(tag == "mark")

    def handle_endtag(self, tag):
        if self._marks:
            self._marks.pop()


def _entry(out: Path, path: str) -> dict:
    data = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    return next(b for b in data["letters"] if b["path"] == path)


def _page_of(out: Path, path: str) -> Path:
    return next(
        p
        for p in sorted((out / "brieven").glob("0*.html"))
        if f"<title>{path}</title>" in p.read_text(encoding="utf-8")
    )


def _check_every_finding(out: Path, path: str, shot: str, tmp_path) -> tuple[Elements, str]:
    page = _page_of(out, path)
    dom, _image = _render(page.as_uri(), ARTEFACTS / shot, tmp_path)
    letter = Elements(dom)
    in_text = [e for e in letter.found if e["id"] and e["id"].startswith("f-")]
    in_list = [e for e in letter.found if e["id"] and e["id"].startswith("l-")]
    assert len(in_text) == len(in_list) == len({e["id"] for e in in_text})
    assert {e["id"][2:] for e in in_text} == {e["id"][2:] for e in in_list}
    # the page's own findings and those on the pages of the shared pieces it links to
    shown = Counter((e["code"], e["line"], e["column"]) for e in in_list)
    shared = sorted({h for h in letter.links if h.startswith("gedeeld-")})
    for name in shared:
        piece = Elements((out / "brieven" / name).read_text(encoding="utf-8"))
        shown.update(
            (e["code"], e["line"], e["column"])
            for e in piece.found
            if e["id"] and e["id"].startswith("l-")
        )
    expected = Counter((f["code"], f["line"], f["column"]) for f in _entry(out, path)["findings"])
    assert expected and not expected - shown  # every finding of rapport.json is on a page
    return letter, dom


def test_template_letter_page_shows_every_finding_nested_and_its_variants(audit, tmp_path):
    _root, out = audit
    ARTEFACTS.mkdir(exist_ok=True)
    letter, dom = _check_every_finding(out, TEMPLATE, "audit-brief-sjabloon.png", tmp_path)
    marks = [e for e in letter.found if e["tag"] == "mark" and e["id"]]
    assert len(marks) > 20
    assert any(e["depth"] >= 1 for e in marks)  # a word finding inside a sentence finding
    # variants: a shown <select> after the script ran, and a list of links without it
    assert letter.select_hidden is False and letter.options >= 2
    raw = _page_of(out, TEMPLATE).read_text(encoding="utf-8")
    assert re.search(r'<select id="variantkiezer" hidden>', raw)
    assert raw.count('<article class="variant brief"') == letter.options
    assert '<a href="#v2">' in raw
    # placeholders as chips labelled with their kind
    assert 'class="chip chip-datum"' in dom and 'class="chip chip-bedrag"' in dom
    # the list is grouped: errors, then safe fixes, then the rest, each with its explanation
    order = [dom.index(f'class="groep groep-{g}"') for g in ("fouten", "veilig", "overig")]
    assert order == sorted(order)
    assert "Uitleg van LB101" in dom and "## Waarom" in dom
    assert dom.count('id="uitleg-LB101"') == 1 and 'href="#uitleg-LB101"' in dom  # once
    assert "@media print" in raw


def test_word_letter_page_shows_every_finding(audit, tmp_path):
    _root, out = audit
    ARTEFACTS.mkdir(exist_ok=True)
    letter, dom = _check_every_finding(out, WORD, "audit-brief-docx.png", tmp_path)
    assert any(e["tag"] == "mark" and e["id"] for e in letter.found)
    assert letter.select_hidden is None  # one letter, no variants to choose


def test_shared_piece_page_exists_and_is_linked(audit, tmp_path):
    _root, out = audit
    letter = Elements(_page_of(out, TEMPLATE).read_text(encoding="utf-8"))
    shared = sorted({h for h in letter.links if h.startswith("gedeeld-")})
    assert shared
    pages = {p.name for p in (out / "brieven").glob("gedeeld-*.html")}
    assert set(shared) <= pages
    base = next(n for n in shared if "basis-oud" in n)
    dom, _image = _render(
        (out / "brieven" / base).as_uri(), ARTEFACTS / "audit-gedeeld.png", tmp_path
    )
    assert "corpus/sjablonen/gedeeld/basis-oud.html.j2" in dom
    piece = Elements(dom)
    # it links back to every letter that uses it, among them this one
    assert _page_of(out, TEMPLATE).name in piece.links
    # a finding in a shared piece is on its page once, not on every letter's
    items = [(e["code"], e["line"], e["column"]) for e in piece.found]
    assert len(items) == len(set(items))
    own_lists = [
        (e["code"], e["line"], e["column"])
        for e in letter.found
        if e["id"] and e["id"].startswith("l-")
    ]
    data = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    on_letter = Counter(f["code"] for f in _entry(out, TEMPLATE)["findings"])
    assert sum(on_letter.values()) > len(own_lists)  # some of them live on the shared pages
    assert len(data["letters"]) == 48  # shared pieces are no letters


def test_an_older_cache_entry_is_checked_again(audit):
    root, out = audit
    cache = out / ".lint-brieven-cache"
    page = _page_of(out, TEMPLATE)
    for entry in cache.glob("*.json"):
        body = json.loads(_body(entry.read_bytes(), MAGIC))
        if body["report"]["path"] != TEMPLATE:
            continue
        del body["layout"]  # as the audit wrote it before letter pages had a layout
        entry.write_bytes(_with_header(json.dumps(body, separators=(",", ":")), MAGIC))
        views = Cache(cache)
        old = views.view(entry.stem)
        del old["gedeeld"]
        views.store_view(entry.stem, old)
    page.write_text("oud", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["audit", "corpus", "--out", str(out), "--jobs", "1"]) == 0
    again = page.read_text(encoding="utf-8")
    assert '<article class="variant brief"' in again and 'class="chip' in again
    checked = [
        json.loads(_body(e.read_bytes(), MAGIC))
        for e in cache.glob("*.json")
        if e.name != "index.json"
    ]
    assert all(c.get("layout") for c in checked if c["report"]["path"] == TEMPLATE)

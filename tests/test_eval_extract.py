"""eval/extract.py: a letter's text from a saved web page, for texts we may not keep in git."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_extract", ROOT / "eval" / "extract.py")
extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extract)

PAGE = """<!DOCTYPE html>
<html><head><title>Bezwaar huurverhoging | Huurdersvereniging</title>
<style>p { color: red }</style><script>var x = "Geachte script";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/contact">Contact</a></nav></header>
<main>
<h1>Voorbeeldbrief bezwaar</h1>
<p>Gebruik deze brief als u het niet eens bent.</p>
<div class="letter">
<p>[Naam]<br>[Adres]<br/>[Postcode en woonplaats]</p>
<p>Geachte heer/mevrouw,</p>
<p>Ik maak   bezwaar tegen de huurverhoging
   van &eacute;&eacute;n procent per &lt;datum&gt;, voorgesteld door «Verhuurder».</p>
<ul><li>mijn huur is al hoger dan XXX</li><li><p>de woning heeft ……  gebreken</p></li></ul>
<p>Met vriendelijke groet,</p>
<p>UW NAAM</p>
</div>
<p>Deel deze pagina</p>
</main>
<footer>© Huurdersvereniging</footer>
</body></html>
"""


def _saved(tmp_path: Path) -> Path:
    page = tmp_path / "saved.html"
    page.write_text(PAGE, encoding="utf-8")
    return page


def test_paragraphs_skip_furniture_and_keep_placeholders() -> None:
    paragraphs = extract.page_paragraphs(PAGE)
    assert paragraphs[0] == "Voorbeeldbrief bezwaar"
    joined = "\n".join(paragraphs)
    for furniture in ("Home", "Contact", "color", "Geachte script", "©", "Bezwaar huurverhoging |"):
        assert furniture not in joined
    assert "[Naam]\n[Adres]\n[Postcode en woonplaats]" in paragraphs
    assert (
        "Ik maak bezwaar tegen de huurverhoging van één procent per <datum>, "
        "voorgesteld door «Verhuurder»." in paragraphs
    )
    assert "- mijn huur is al hoger dan XXX" in paragraphs
    assert "- de woning heeft …… gebreken" in paragraphs


def test_start_and_end_markers_select_the_letter() -> None:
    text = extract.extract(PAGE, start="[Naam]", end="UW NAAM")
    assert text.startswith("[Naam]\n[Adres]")
    assert text.endswith("Met vriendelijke groet,\n\nUW NAAM\n")
    assert "Gebruik deze brief" not in text and "Deel deze pagina" not in text


def test_missing_marker_is_an_error(tmp_path: Path, capsys) -> None:
    code = extract.main(
        [str(_saved(tmp_path)), "--out", str(tmp_path / "x.txt"), "--start", "Beste"]
    )
    assert code == 2
    assert "start marker not found" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


def test_slug_writes_text_and_metadata_from_link_file(tmp_path: Path, capsys) -> None:
    links, dev = tmp_path / "links", tmp_path / "dev"
    links.mkdir()
    (links / "voorbeeld.yaml").write_text(
        yaml.safe_dump(
            {
                "url": "https://example.org/bezwaar",
                "kind": "huurder-aan-verhuurder",
                "writer": "Huurdersvereniging",
                "start": "[Naam]",
                "end": "UW NAAM",
            }
        ),
        encoding="utf-8",
    )
    argv = [
        str(_saved(tmp_path)),
        "--slug",
        "voorbeeld",
        "--links-dir",
        str(links),
        "--dev-dir",
        str(dev),
    ]
    assert extract.main(argv) == 0
    text = (dev / "voorbeeld.txt").read_text(encoding="utf-8")
    assert text.startswith("[Naam]") and text.endswith("UW NAAM\n")
    meta = yaml.safe_load((dev / "voorbeeld.yaml").read_text(encoding="utf-8"))
    assert meta["source"] == "https://example.org/bezwaar"
    assert meta["kind"] == "huurder-aan-verhuurder"
    assert meta["judgments"] == []
    # A second run does not overwrite without --force.
    assert extract.main(argv) == 2
    assert "exists" in capsys.readouterr().err
    assert extract.main([*argv, "--force"]) == 0


def test_every_link_file_is_complete() -> None:
    files = sorted((ROOT / "eval" / "dev-links").glob("*.yaml"))
    assert files, "eval/dev-links/ has no link files"
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("url", "kind", "writer", "why_not_stored"):
            assert data.get(key), f"{path.name}: {key} missing"
        assert data["kind"] in {
            "brief",
            "fragment",
            "webtekst",
            "huurder-aan-verhuurder",
            "sjabloon",
        }

"""LiNT-II through the command line on every reader agrees with the reference implementation.

The four reference texts (shared/reference/lint-ii-examples, cased input) are written as the
files letter writers have: a hard-wrapped .txt, a Word file with one paragraph per reference
paragraph and Word's curly quotes, a hard-wrapped Markdown file with curly double quotes and a
placeholder-free HTML template with Dutch low-high quotes. Each goes through
``lint-brieven check --output-format json`` as a user runs it; the per-file readability block
must be within 3 points of the reference document score and at the reference level.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import textwrap

import pytest
from docx_factory import new_document, to_bytes
from lintkit import SHARED, write

from lint_brieven.cli import main
from lint_brieven.config import find_config_file, load_config
from lint_brieven.layout.plain import LIST_MARKER

REFERENCE = SHARED / "reference" / "lint-ii-examples"
TEXTS = {k: v["text"] for k, v in json.loads((REFERENCE / "texts.json").read_text()).items()}
LEVELS = sorted(TEXTS)
READERS = ["txt", "docx", "md", "html.j2"]
TARGET_POINTS = 3.0


def _reference(level: str) -> dict:
    return json.loads((REFERENCE / f"level{level}.json").read_text(encoding="utf-8"))


def _paragraphs(text: str) -> list[str]:
    """The reference paragraphs (blank-line separated), each on one line."""
    return [" ".join(p.split()) for p in text.split("\n\n")]


def _wrapped(paragraph: str) -> str:
    """A paragraph hard-wrapped near 72 columns, as a mail program or editor writes it; no
    line may start like a list item or heading ("1861. Hiervoor"), which would change it."""
    for width in range(72, 50, -1):
        lines = textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
        if not any(LIST_MARKER.match(line) or line.startswith(("#", ">")) for line in lines):
            return "\n".join(lines)
    raise AssertionError(paragraph)


def _soft_wrapped(text: str) -> str:
    """Text 1 keeps its own (book) line breaks; one-line paragraphs are hard-wrapped."""
    return "\n\n".join(p if "\n" in p else _wrapped(p) for p in text.split("\n\n"))


def _curly_double(text: str, opening: str = "“") -> str:
    """Text 1's single curly quotes as double ones; an apostrophe inside a word stays."""
    return re.sub("’(?!\\w)", "”", text.replace("‘", opening))


def _docx(text: str) -> bytes:
    document = new_document()
    for paragraph in _paragraphs(text):  # Word's ‘ ’ as the text has them
        document.add_paragraph(paragraph)
    return to_bytes(document)


def _html_template(text: str) -> str:
    body = "\n".join(
        f"<p>{html.escape(_wrapped(_curly_double(p, '„')), quote=False)}</p>"
        for p in _paragraphs(text)
    )
    return f"<html><body>\n{body}\n</body></html>\n"


def _files(level: str) -> dict[str, str | bytes]:
    text = TEXTS[level]
    return {
        f"ref{level}.txt": _soft_wrapped(text) + "\n",
        f"ref{level}.docx": _docx(text),
        f"ref{level}.md": _soft_wrapped(_curly_double(text)) + "\n",
        f"ref{level}.html.j2": _html_template(text),
    }


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, dict]:
    """Every version of every reference text, checked in one command-line run."""
    root = tmp_path_factory.mktemp("lint_ii")
    files = {name: data for level in LEVELS for name, data in _files(level).items()}
    write(root, files)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        find_config_file.cache_clear()
        load_config.cache_clear()
        with contextlib.redirect_stdout(out):
            code = main(["check", *files, "--output-format", "json"])
        find_config_file.cache_clear()
        load_config.cache_clear()
    assert code in (0, 1), out.getvalue()
    assert "Traceback" not in out.getvalue()
    reports = {f["path"]: f for f in json.loads(out.getvalue())["files"]}
    assert set(reports) == set(files)
    return reports


def test_the_versions_carry_typographic_quotes_and_line_breaks():
    files = _files("1")
    assert "‘" in files["ref1.txt"] and "\nmaar…’" in files["ref1.txt"]
    assert "“" in files["ref1.md"] and "\n" in files["ref1.md"].split("\n\n")[0]
    assert "„" in files["ref1.html.j2"] and "staat\nalles" in files["ref1.html.j2"]
    assert b"\xe2\x80\x98" in _docx_text(files["ref1.docx"])  # ‘ in word/document.xml
    wrapped = _files("2")["ref2.txt"].rstrip("\n").split("\n")
    assert len(wrapped) > 10 and any(line[0].isupper() for line in wrapped[1:])


def _docx_text(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("level", LEVELS)
def test_lint_ii_through_the_cli_agrees_with_the_reference(checked, level, reader):
    report = checked[f"ref{level}.{reader}"]
    assert report.get("error") is None
    ours = report["readability"]["lint_ii"]
    reference = _reference(level)
    assert ours["level"] == reference["document_difficulty_level"]
    assert abs(ours["score"] - reference["document_lint_score"]) <= TARGET_POINTS, (
        ours["score"],
        reference["document_lint_score"],
    )


@pytest.mark.parametrize("level", LEVELS)
def test_line_breaks_and_quotes_split_no_sentence(checked, level):
    """Every reader finds the same sentences; where the reference splits plain sentences
    (texts 1-3), as many as the reference."""
    counts = {r: len(checked[f"ref{level}.{r}"]["readability"]["sentences"]) for r in READERS}
    assert len(set(counts.values())) == 1, counts
    if level != "4":  # the law text: the reference makes "(b)" and "(2)" sentences of their own
        assert counts["txt"] == _reference(level)["sentence_count"]


def test_sentences_show_the_source_quotes(checked):
    for reader, quote in [("txt", "‘"), ("docx", "‘"), ("md", "“"), ("html.j2", "„")]:
        texts = [s["text"] for s in checked[f"ref1.{reader}"]["readability"]["sentences"]]
        assert any(quote in t for t in texts), reader
        assert not any("'" in t or '"' in t for t in texts), reader


def test_findings_show_the_source_text_and_point_at_it(in_tmp, tmp_path, capsys):
    """The parser reads ‘ ’ as ASCII quotes; the finding's text and column are the file's own."""
    sentence = (
        "Wij willen u er op wijzen dat de ‘reparatie’ van de lekkage in de badkamer die u op "
        "3 maart heeft gemeld pas kan worden uitgevoerd nadat de aannemer de onderdelen heeft "
        "ontvangen en een afspraak met u heeft gemaakt."
    )
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    document.add_paragraph(sentence)
    write(tmp_path, {"a.docx": to_bytes(document), "b.txt": f"Beste heer Jansen,\n\n{sentence}\n"})
    code = main(["check", "a.docx", "b.txt", "--select", "LB201", "--output-format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    for report in data["files"]:
        (finding,) = [f for f in report["findings"] if f["code"] == "LB201"]
        assert finding["text"] == sentence
        assert (finding["line"], finding["column"]) == (
            (2, 1) if report["path"] == "a.docx" else (3, 1)
        )

"""The reviewed Word copy: comments on exactly the flagged words, safe replacements as tracked
changes; rejecting them all gives the original text, accepting them the fixed text; what has
no finding stays byte-identical; LibreOffice opens every copy."""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from docx_factory import add_runs, new_document, resolve_changes, to_bytes
from lintkit import REPO
from lxml import etree
from pypdf import PdfReader

from lint_brieven.cli import main
from lint_brieven.fix.docx_review import review, text_of
from lint_brieven.fix.edits import Edit, apply, replacement, resolve
from lint_brieven.readers.docx import paragraphs_in_reading_order
from lint_brieven.runner import RunRequest, run

CORPUS_DOCX = sorted((REPO / "corpus" / "docx").rglob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


pytestmark = pytest.mark.usefixtures("fresh_config")


def _findings(path):
    return [f for r in run(RunRequest([str(path)])).reports for f in r.findings]


def _texts(document) -> list[str]:
    return [text_of(p) for p in paragraphs_in_reading_order(document)]


def _expected_fixed(original: list[str], findings) -> list[str]:
    out = list(original)
    for index, text in enumerate(original):
        edits = []
        for f in findings:
            s = replacement(f, unsafe=False)
            on_line = s and f.text and f.line == index + 1 == f.end_line
            if on_line and text[f.column - 1 : f.end_column - 1] == f.text != s.text:
                edits.append(Edit(f.column - 1, f.end_column - 1, s.text, f.code))
        out[index] = apply(text, resolve(edits))
    return out


def _anchored(data: bytes) -> dict[str, str]:
    """Per comment id, the original text between its range start and end."""
    root = etree.fromstring(_part(data, "word/document.xml"))
    open_ids: set[str] = set()
    texts: dict[str, str] = {}
    for el in root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t", f"{W}delText"):
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            texts.setdefault(el.get(f"{W}id"), "")
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif not any(a.tag == f"{W}ins" for a in el.iterancestors()):
            for i in open_ids:
                texts[i] += el.text or ""
    return texts


def _part(data: bytes, name: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(name)


@pytest.mark.parametrize("path", CORPUS_DOCX, ids=[p.name for p in CORPUS_DOCX])
def test_corpus_review_round_trip(path):
    data = path.read_bytes()
    findings = _findings(path)
    made = review(data, findings)
    original = _texts(docx.Document(io.BytesIO(data)))
    assert _texts(resolve_changes(made.data, accept=False)) == original
    assert _texts(resolve_changes(made.data, accept=True)) == _expected_fixed(original, findings)
    # every finding on words in the body has a comment anchored on exactly those words
    # (Word allows no comments in headers and footers; those go on the first paragraph)
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    in_body = [
        any(a is body for a in p._p.iterancestors()) for p in paragraphs_in_reading_order(document)
    ]
    anchored = set(_anchored(made.data).values())
    on_words = [f for f in findings if f.text and f.line == f.end_line and in_body[f.line - 1]]
    assert on_words or "na" in path.parts  # the "after" letters are nearly clean
    words = [original[f.line - 1][f.column - 1 : f.end_column - 1] for f in on_words]
    assert [w for w in words if w not in anchored] == []
    # the original file is untouched
    assert path.read_bytes() == data


def test_untouched_paragraphs_tables_and_headers_stay_byte_identical():
    path = REPO / "corpus" / "docx" / "voor" / "06-huurverhoging.docx"
    data = path.read_bytes()
    findings = _findings(path)
    made = review(data, findings)
    before = paragraphs_in_reading_order(docx.Document(io.BytesIO(data)))
    after = paragraphs_in_reading_order(docx.Document(io.BytesIO(made.data)))
    flagged = {f.line - 1 for f in findings}
    untouched = [i for i in range(len(before)) if i not in flagged]
    assert untouched, "the letter has paragraphs without findings"
    assert all(etree.tostring(before[i]._p) == etree.tostring(after[i]._p) for i in untouched)
    for name in ("word/styles.xml", "word/numbering.xml"):
        assert _part(made.data, name) == _part(data, name)


def test_tracked_change_keeps_the_runs_formatting(tmp_path):
    document = new_document()
    document.add_paragraph("Beste heer Jansen,")
    paragraph = document.add_paragraph()
    add_runs(paragraph, ["Wij sturen u ", ("middels deze brief", {"bold": True}), " de post."])
    (tmp_path / "brief.docx").write_bytes(to_bytes(document))
    made = review((tmp_path / "brief.docx").read_bytes(), _findings(tmp_path / "brief.docx"))
    root = etree.fromstring(_part(made.data, "word/document.xml"))
    deleted = next(root.iter(f"{W}del"))
    inserted = next(root.iter(f"{W}ins"))
    assert deleted.get(f"{W}author") == inserted.get(f"{W}author") == "lint-brieven"
    assert "".join(t.text for t in deleted.iter(f"{W}delText")) == "middels"
    assert "".join(t.text for t in inserted.iter(f"{W}t")) == "met"
    for change in (deleted, inserted):
        assert change.find(f"{W}r/{W}rPr/{W}b") is not None  # still bold
    # the rest of the bold run is still bold and unchanged
    texts = [(r.text, r.bold) for r in resolve_changes(made.data, accept=True).paragraphs[1].runs]
    assert ("met", True) in texts and (" deze brief", True) in texts


def test_cli_writes_a_copy_out_dir_or_in_place(tmp_path, capsys):
    source = REPO / "corpus" / "docx" / "voor" / "03-welkom.docx"
    shutil.copy(source, tmp_path / "brief.docx")
    original = (tmp_path / "brief.docx").read_bytes()
    assert main(["review", str(tmp_path / "brief.docx")]) == 0
    assert (tmp_path / "brief.nagekeken.docx").is_file()
    assert (tmp_path / "brief.docx").read_bytes() == original
    assert main(["review", str(tmp_path), "--out", str(tmp_path / "uit")]) == 0
    assert [p.name for p in (tmp_path / "uit").iterdir()] == ["brief.nagekeken.docx"]
    assert "opmerking" in capsys.readouterr().out
    assert main(["review", str(tmp_path / "brief.docx"), "--in-place"]) == 0
    assert (tmp_path / "brief.docx").read_bytes() != original
    assert b"lint-brieven" in _part((tmp_path / "brief.docx").read_bytes(), "word/comments.xml")


def test_unreadable_word_file_is_an_error_and_the_run_goes_on(tmp_path, capsys):
    shutil.copy(REPO / "corpus" / "docx" / "na" / "03-welkom.docx", tmp_path / "goed.docx")
    (tmp_path / "kapot.docx").write_bytes(b"geen zip")
    assert main(["review", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "kapot.docx: fout:" in out and (tmp_path / "goed.nagekeken.docx").is_file()


def test_libreoffice_opens_every_reviewed_corpus_letter(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice ontbreekt: installeer libreoffice-writer-nogui (zie .ci/run)"
    comments = {}
    for path in CORPUS_DOCX:
        findings = _findings(path)
        made = review(path.read_bytes(), findings)
        copy_path = tmp_path / f"{path.parent.name}-{path.stem}.docx"
        copy_path.write_bytes(made.data)
        if not findings:
            continue  # a clean letter gets no comments part; it must still convert
        root = etree.fromstring(_part(made.data, "word/comments.xml"))
        first = next(root.iter(f"{W}comment"))
        comments[copy_path.stem] = "".join(t.text for t in first.iter(f"{W}t"))
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--convert-to",
            export,
            "--outdir",
            str(tmp_path / "pdf"),
            *sorted(str(p) for p in tmp_path.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert len(comments) >= len(CORPUS_DOCX) // 2
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == len(CORPUS_DOCX)
    for stem, comment in comments.items():
        pdf = PdfReader(tmp_path / "pdf" / f"{stem}.pdf")
        notes = [
            str(a.get_object().get("/Contents") or "")
            for page in pdf.pages
            for a in (page.get("/Annots") or [])
        ]
        assert any(comment.split("\n")[0][:60] in n for n in notes), stem
        assert "".join(page.extract_text() for page in pdf.pages).strip()

"""Generate the Word letters in corpus/docx/ from corpus/docx_bron.yaml.

Run from the repository root:

    .venv/bin/python corpus/make_docx.py

The output is deterministic: the core properties carry a fixed date and the ZIP container is
rewritten with fixed timestamps, so running the script twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
BRON = HERE / "docx_bron.yaml"
UIT = HERE / "docx"

VASTE_DATUM = dt.datetime(2025, 1, 6, 9, 0, 0, tzinfo=dt.UTC)
ZIP_DATUM = (2025, 1, 6, 9, 0, 0)


def is_tag_alinea(tekst: str) -> bool:
    """A paragraph that holds only a docxtpl paragraph tag, e.g. ``{%p if x %}``."""
    t = tekst.strip()
    return t.startswith("{%p") and t.endswith("%}")


def zet_taal(document: Document, taal: str = "nl-NL") -> None:
    """Mark the Normal style (and so the whole letter) as Dutch, as a Dutch Word install does."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), taal)
    lang.set(qn("w:eastAsia"), taal)


def kop_en_voet(document: Document, stijl: dict) -> None:
    sectie = document.sections[0]
    sectie.top_margin = Cm(3.0)
    sectie.left_margin = sectie.right_margin = Cm(2.5)

    kop = sectie.header
    eerste, *rest = stijl["briefhoofd"]
    p = kop.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p.add_run(eerste)
    r.bold = True
    r.font.size = Pt(14)
    for regel in rest:
        p = kop.add_paragraph(regel)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    voet = sectie.footer
    for i, regel in enumerate(stijl["briefvoet"]):
        p = voet.paragraphs[0] if i == 0 else voet.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(regel)
        r.font.size = Pt(8)


def alinea_met_regels(document: Document, regels: list[str], style: str | None = None) -> None:
    p = document.add_paragraph(style=style)
    for i, regel in enumerate(regels):
        r = p.add_run(regel)
        if i < len(regels) - 1:
            r.add_break()


def lijst(document: Document, items: list, style: str) -> None:
    for item in items:
        if isinstance(item, dict):  # nested list
            lijst(document, item["bullets"], "List Bullet 2")
        elif is_tag_alinea(item):
            document.add_paragraph(item)
        else:
            document.add_paragraph(item, style=style)


def tabel(document: Document, rijen: list[list[str]]) -> None:
    t = document.add_table(rows=len(rijen), cols=len(rijen[0]))
    t.style = "Table Grid"
    for i, rij in enumerate(rijen):
        for j, waarde in enumerate(rij):
            cel = t.cell(i, j)
            cel.text = ""
            r = cel.paragraphs[0].add_run(waarde)
            if i == 0:
                r.bold = True
    document.add_paragraph()


def blok(document: Document, b: dict, contact: dict) -> None:
    if "kop" in b:
        document.add_heading(b["kop"], level=1)
    elif "kop2" in b:
        document.add_heading(b["kop2"], level=2)
    elif "p" in b:
        document.add_paragraph(b["p"])
    elif "regels" in b:
        alinea_met_regels(document, b["regels"])
    elif "runs" in b:
        p = document.add_paragraph()
        for run in b["runs"]:
            r = p.add_run(run["t"])
            if run.get("b"):
                r.bold = True
            if run.get("i"):
                r.italic = True
            if run.get("u"):
                r.underline = True
    elif "nummers" in b:
        lijst(document, b["nummers"], "List Number")
    elif "bullets" in b:
        lijst(document, b["bullets"], "List Bullet")
    elif "tabel" in b:
        tabel(document, b["tabel"])
    elif "contact" in b:
        for sub in contact[b["contact"]]:
            blok(document, sub, contact)
    elif "ondertekening" in b:
        o = b["ondertekening"]
        document.add_paragraph(o["groet"])
        regels = [o["naam"], *([o["functie"]] if o.get("functie") else []), "Woonstichting De Linde"]
        alinea_met_regels(document, ["", *regels])
    else:
        raise ValueError(f"unknown block: {b!r}")


def maak_brief(brief: dict, stijlen: dict, contact: dict) -> bytes:
    stijl = stijlen[brief["stijl"]]
    document = Document()
    zet_taal(document)
    kop_en_voet(document, stijl)

    alinea_met_regels(document, stijl["adresblok"])
    kenmerken = list(stijl["kenmerken"])
    if "onderwerp_regel" in stijl:
        kenmerken.append(stijl["onderwerp_regel"] + brief["onderwerp"])
    alinea_met_regels(document, kenmerken)
    if "onderwerp_als_kop" in stijl:
        document.add_heading(stijl["onderwerp_als_kop"] + brief["onderwerp"], level=1)

    for b in brief["inhoud"]:
        blok(document, b, contact)

    cp = document.core_properties
    cp.author = "Woonstichting De Linde"
    cp.last_modified_by = "Woonstichting De Linde"
    cp.title = brief["onderwerp"]
    cp.subject = brief["bestand"]
    cp.keywords = "lint-brieven corpus"
    cp.comments = "Fictief voorbeeld voor lint-brieven"
    cp.revision = 1
    cp.created = VASTE_DATUM
    cp.modified = VASTE_DATUM
    cp.last_printed = VASTE_DATUM

    buf = io.BytesIO()
    document.save(buf)
    return vaste_zip(buf.getvalue())


def vaste_zip(data: bytes) -> bytes:
    """Rewrite the DOCX container with fixed timestamps and a fixed member order."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(uit, "w") as zout:
        for info in zin.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=ZIP_DATUM)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o644 << 16
            zout.writestr(nieuw, zin.read(info.filename))
    return uit.getvalue()


def main() -> int:
    bron = yaml.safe_load(BRON.read_text(encoding="utf-8"))
    for brief in bron["brieven"]:
        doel = UIT / f"{brief['bestand']}.docx"
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_bytes(maak_brief(brief, bron["stijlen"], bron["contact"]))
        print(doel.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())

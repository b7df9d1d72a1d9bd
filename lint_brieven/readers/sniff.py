"""Recognise what a file really is from its first bytes, for a precise Dutch message.

A letter saved in the wrong format is common (an old ``.doc`` renamed ``.docx``, Notepad's
"Unicode" which is UTF-16) and deserves a message that says what to do, not "beschadigd".
Text in UTF-16 or UTF-32 is refused with or without a byte order mark: ``--fix`` writes UTF-8,
so reading it would change the file's encoding on the first fix.
"""

from __future__ import annotations

import codecs

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_SAMPLE = 4096


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def nul_only(data: bytes) -> str | None:
    if data and not data.strip(b"\x00"):
        return (
            "Het bestand bevat alleen nul-bytes (0x00) en geen tekst; het is waarschijnlijk niet "
            "goed opgeslagen of gekopieerd."
        )
    return None


def office_binary(data: bytes) -> str | None:
    """A message for an OLE2 compound file: a password-protected Word file (Word wraps an
    encrypted .docx in one), an old .doc, or another old Office file."""
    if not data.startswith(OLE2_MAGIC):
        return None
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return (
            "Dit Word-bestand is met een wachtwoord beveiligd en kan niet worden gelezen. Sla "
            "een kopie op zonder wachtwoord en controleer die."
        )
    if _utf16("WordDocument") in data:
        return (
            "Dit is een oud Word-bestand (.doc), geen .docx. Open het in Word en sla het op als "
            "Word-document (.docx)."
        )
    return (
        "Dit is een ouder Office-bestand (zoals .doc, .xls of .msg), geen .docx of tekst. Sla "
        "de brief op als Word-document (.docx)."
    )


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def text_encoding(data: bytes) -> str | None:
    """A message for text that is not UTF-8 but UTF-16 or UTF-32, or no text at all.

    Text in those encodings is recognised by its NUL bytes: Dutch text is mostly ASCII, whose
    characters have one or three NUL bytes beside them there. A byte order mark alone is not
    enough (``FF FE`` followed by text that is no UTF-16 is just invalid UTF-8).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if _wide(data[len(bom) :]) == encoding:
                return f"Het bestand is {encoding}-tekst; sla het op als UTF-8."
            break
    if data.startswith(b"PK\x03\x04"):
        return (
            "Het bestand is geen tekst maar een zip-bestand (misschien een Word-document met "
            "de verkeerde extensie)."
        )
    if data.startswith(b"%PDF-"):
        return (
            "Het bestand is een PDF, geen tekst. Lever de brief aan als .docx, .txt, .md of .html."
        )
    encoding = _wide(data)
    if encoding:
        return f"Het bestand is {encoding}-tekst zonder BOM; sla het op als UTF-8."
    return None


def _wide(data: bytes) -> str | None:
    """'UTF-32' or 'UTF-16' when the NUL bytes in ``data`` fall as in those encodings."""
    sample = data[:_SAMPLE]
    if b"\x00" not in sample:
        return None
    if _zero_share(sample, 4, (1, 2, 3)) >= 0.9 or _zero_share(sample, 4, (0, 1, 2)) >= 0.9:
        return "UTF-32"
    even, odd = _zero_share(sample, 2, (0,)), _zero_share(sample, 2, (1,))
    if (odd >= 0.3 and even <= 0.05) or (even >= 0.3 and odd <= 0.05):
        return "UTF-16"
    return None


def _zero_share(sample: bytes, step: int, residues: tuple[int, ...]) -> float:
    """The share of NUL bytes at positions ``i`` with ``i % step`` in ``residues``."""
    picked = [sample[r::step] for r in residues]
    total = sum(len(p) for p in picked)
    return sum(p.count(0) for p in picked) / total if total else 0.0

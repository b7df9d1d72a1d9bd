"""The zip package of a Word file, checked before python-docx sees it.

Every entry is inflated here, by this module and in small chunks, counting the bytes that come
out: a zip can state a small size and still inflate to gigabytes, so the stated size is never
trusted. An entry whose real size or checksum differs from what the zip states is damaged.
Every XML part (by content type in ``[Content_Types].xml``, and every ``.xml`` and ``.rels``)
is parsed with defusedxml, which refuses a DOCTYPE or entities in any encoding. The main part
must be a plain Word document (not a macro-enabled one, a template or an Excel file).

python-docx then gets a clean copy of the package, rebuilt (uncompressed) from the verified
bytes, so it can never inflate anything itself.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.limits import MAX_DOCX_ENTRIES, MAX_XML_DEPTH, number
from lint_brieven.readers.options import ReadOptions

_CHUNK = 64 * 1024
_LOCAL_HEADER = b"PK\x03\x04"
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_XML_SUFFIXES = (".xml", ".rels")
_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MESSAGE = (
    "Dit is een Word-bestand met macro's (.docm); macro's worden niet gelezen. Sla de brief op "
    "als gewoon Word-document (.docx)."
)
_OTHER_MAIN = {
    "application/vnd.ms-word.document.macroenabled.main+xml": MACRO_MESSAGE,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "Dit is een Word-sjabloon (.dotx), geen brief. Sla de brief op als gewoon "
        "Word-document (.docx)."
    ),
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": (
        "Dit is een Word-sjabloon met macro's (.dotm), geen brief. Sla de brief op als gewoon "
        "Word-document (.docx)."
    ),
}
_OTHER_OFFICE = (
    ("spreadsheetml", "een Excel-bestand"),
    ("ms-excel", "een Excel-bestand"),
    ("presentationml", "een PowerPoint-bestand"),
    ("ms-powerpoint", "een PowerPoint-bestand"),
)


def check_package(data: bytes, options: ReadOptions) -> bytes:
    """The package rebuilt from its verified entries; a Dutch :class:`ReaderError` for a zip
    that is corrupt, too large when inflated, carries XML entities or is no plain Word file."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except Exception as exc:  # zipfile raises many types for a damaged central directory
        raise ReaderError(
            "Dit is geen leesbaar Word-bestand (.docx): het bestand is beschadigd of onvolledig."
        ) from exc
    _check_stated_sizes(infos, options)
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReaderError("Dit is geen Word-document: word/document.xml ontbreekt.")
    parts = _inflate_all(memoryview(data), infos, options)
    types = _content_types(parts)
    for name, content in parts.items():
        if name.endswith(_XML_SUFFIXES) or _is_xml(types(name)):
            _parse_xml(name, content)
    _check_main_part(parts, types)
    return _rebuild(parts)


def unreadable(exc: BaseException) -> str:
    """A Dutch message for an error python-docx raised on a package that passed the checks."""
    missing = re.search(r"no item named '([^']{1,200})'", str(exc))
    if isinstance(exc, KeyError) and missing:
        return f"Het Word-bestand is beschadigd: onderdeel '{missing.group(1)}' ontbreekt."
    return (
        "Het Word-bestand kan niet worden gelezen: de onderdelen van het pakket passen niet bij "
        "elkaar of een verwijzing tussen onderdelen is ongeldig."
    )


# -- sizes ----------------------------------------------------------------------------------


def _bomb(name: str, size: str, limit: int) -> ReaderError:
    return ReaderError(
        f"Het Word-bestand is geweigerd: onderdeel '{name}' is uitgepakt te groot "
        f"({size} bytes; grens {number(limit)}). Dit kan een zip-bom zijn."
    )


def _too_large_together(limit: int) -> ReaderError:
    return ReaderError(
        "Het Word-bestand is geweigerd: alle onderdelen samen zijn uitgepakt te groot "
        f"(meer dan {number(limit)} bytes). Dit kan een zip-bom zijn."
    )


def _check_stated_sizes(infos: list[zipfile.ZipInfo], options: ReadOptions) -> None:
    """What the zip says about itself, before anything is inflated."""
    if len(infos) > MAX_DOCX_ENTRIES:
        raise ReaderError(
            f"Het Word-bestand is geweigerd: het bevat {number(len(infos))} onderdelen "
            f"(grens {number(MAX_DOCX_ENTRIES)})."
        )
    total = 0
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise ReaderError(
                f"Het Word-bestand is beschadigd: onderdeel '{info.filename}' komt twee keer voor."
            )
        seen.add(info.filename)
        total += info.file_size
        if info.file_size > options.max_docx_entry_bytes:
            raise _bomb(info.filename, number(info.file_size), options.max_docx_entry_bytes)
        if total > options.max_docx_total_bytes:
            raise _too_large_together(options.max_docx_total_bytes)


def _inflate_all(
    data: memoryview, infos: list[zipfile.ZipInfo], options: ReadOptions
) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    used = 0
    for info in infos:
        content = _inflate(data, info, _Budget(options, used))
        used += len(content)
        parts[info.filename] = content
    return parts


class _Budget:
    """How many inflated bytes one entry may still grow to."""

    def __init__(self, options: ReadOptions, used: int) -> None:
        self.entry = options.max_docx_entry_bytes
        self.total = options.max_docx_total_bytes
        self.limit = min(self.entry, self.total - used)

    def refuse(self, name: str, size: int) -> ReaderError:
        if size > self.entry:
            return _bomb(name, f"meer dan {number(self.entry)}", self.entry)
        return _too_large_together(self.total)


def _inflate(data: memoryview, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The entry's bytes, inflated here in chunks; refused as soon as more bytes come out
    than the limits allow, whatever the zip states."""
    name = info.filename
    damaged = f"Het Word-bestand is beschadigd: '{name}' kan niet worden uitgepakt."
    if info.flag_bits & 0x1:
        raise ReaderError(
            f"Het Word-bestand kan niet worden gelezen: onderdeel '{name}' is versleuteld en kan "
            "niet worden uitgepakt."
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReaderError(
            f"Het Word-bestand kan niet worden gelezen: onderdeel '{name}' is ingepakt met een "
            "methode die Word niet gebruikt en wordt niet uitgepakt."
        )
    offset = info.header_offset
    if not 0 <= offset <= len(data) - 30 or bytes(data[offset : offset + 4]) != _LOCAL_HEADER:
        raise ReaderError(damaged)
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_length + extra_length
    raw = data[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise ReaderError(damaged)
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) > budget.limit:
            raise budget.refuse(name, len(raw))
        out = bytearray(raw)
    else:
        out = _inflate_deflate(raw, name, budget, damaged)
    if len(out) != info.file_size:
        raise ReaderError(
            f"Het Word-bestand is beschadigd: onderdeel '{name}' is uitgepakt "
            f"{number(len(out))} bytes groot, maar het zip-bestand geeft "
            f"{number(info.file_size)} bytes op."
        )
    if zlib.crc32(out) != info.CRC:
        raise ReaderError(damaged)
    return bytes(out)


def _inflate_deflate(raw: memoryview, name: str, budget: _Budget, damaged: str) -> bytearray:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    pos = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                chunk: bytes | memoryview = inflater.unconsumed_tail
            else:
                chunk = raw[pos : pos + _CHUNK]
                pos += len(chunk)
            piece = inflater.decompress(chunk, _CHUNK)
            if not piece and not chunk:
                break  # no input left, nothing pending: the stream stops before its end
            out += piece
            if len(out) > budget.limit:
                raise budget.refuse(name, len(out))
    except zlib.error as exc:
        raise ReaderError(damaged) from exc
    if not inflater.eof:
        raise ReaderError(damaged)
    return out


# -- XML ------------------------------------------------------------------------------------


class _TooDeep(Exception):
    pass


class _Scan:
    """Parser target that builds no tree: it checks the nesting depth and keeps the
    attributes of the elements asked for (the content types, the relationships)."""

    def __init__(self, wanted: tuple[str, ...]) -> None:
        self.wanted = wanted
        self.depth = 0
        self.found: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _TooDeep
        if tag in self.wanted:
            self.found.append((tag, dict(attrib)))

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        pass

    def close(self) -> list[tuple[str, dict[str, str]]]:
        return self.found


def _parse_xml(
    name: str, content: bytes, wanted: tuple[str, ...] = ()
) -> list[tuple[str, dict[str, str]]]:
    """Parse one XML part with defusedxml: a DOCTYPE, an entity or too deep nesting is
    refused. Returns the ``wanted`` elements (tag and attributes) in document order."""
    refused = ReaderError(
        f"Het Word-bestand is geweigerd: '{name}' bevat een DOCTYPE of XML-entiteiten, die in "
        "een gewoon Word-document niet voorkomen."
    )
    probe = content.replace(b"\x00", b"")  # UTF-16/32 XML: the markup is ASCII
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        raise refused
    parser = DefusedXMLParser(
        target=_Scan(wanted), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(_by_bom(content))
        return parser.close()
    except DefusedXmlException as exc:
        raise refused from exc
    except _TooDeep as exc:
        raise ReaderError(
            f"Het Word-bestand is geweigerd: de XML in '{name}' is dieper genest dan "
            f"{number(MAX_XML_DEPTH)} lagen."
        ) from exc
    except (ParseError, ValueError, LookupError) as exc:  # LookupError: unknown encoding
        raise ReaderError(
            f"Het Word-bestand kan niet worden gelezen: onderdeel '{name}' is geen geldige XML."
        ) from exc


def check_xml(name: str, content: bytes) -> None:
    """Refuse XML that python-docx would parse as a plain part's bytes (a part that is XML
    only by the relationship pointing to it): DOCTYPE, entities, too deep, not well-formed."""
    _parse_xml(name, content)


def _by_bom(content: bytes) -> bytes:
    """UTF-16 XML with a byte order mark as UTF-8 without its declaration: the mark decides
    the encoding, whatever the declaration says (as for libxml2, which python-docx uses)."""
    if not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content
    try:
        text = content.decode("utf-16")
    except UnicodeDecodeError:
        return content  # expat reports it
    return _DECLARATION.sub("", text, count=1).encode("utf-8")


def _is_xml(content_type: str | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media.endswith(("+xml", "/xml"))


def _content_types(parts: dict[str, bytes]):
    """A function from part name to its content type, as python-docx will look it up."""
    if _CONTENT_TYPES not in parts:
        raise ReaderError(f"Het Word-bestand is beschadigd: {_CONTENT_TYPES} ontbreekt.")
    default, override = f"{_CT_NS}Default", f"{_CT_NS}Override"
    found = _parse_xml(_CONTENT_TYPES, parts[_CONTENT_TYPES], (default, override))
    defaults = {
        e.get("Extension", "").lower(): e.get("ContentType", "") for t, e in found if t == default
    }
    overrides = {
        e.get("PartName", "").lower(): e.get("ContentType", "") for t, e in found if t == override
    }

    def content_type(name: str) -> str | None:
        found = overrides.get("/" + name.lower())
        if found is not None:
            return found
        return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())

    return content_type


def _check_main_part(parts: dict[str, bytes], types) -> None:
    """The part the package names as its main document must be a plain Word document."""
    main = "word/document.xml"
    rels = parts.get("_rels/.rels")
    if rels is not None:
        for _, rel in _parse_xml("_rels/.rels", rels, (f"{_REL_NS}Relationship",)):
            if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != (
                "External"
            ):
                main = posixpath.normpath("/" + rel.get("Target", "")).lstrip("/")
                break
    content_type = (types(main) or "").split(";", 1)[0].strip().lower()
    if content_type == WORD_MAIN:
        return
    if content_type in _OTHER_MAIN:
        raise ReaderError(_OTHER_MAIN[content_type])
    kind = next((what for key, what in _OTHER_OFFICE if key in content_type), None)
    if kind:
        raise ReaderError(f"Dit is geen Word-document maar {kind}.")
    if main not in parts:
        raise ReaderError(f"Het Word-bestand is beschadigd: onderdeel '{main}' ontbreekt.")
    raise ReaderError(
        "Dit is geen gewoon Word-document (.docx): het hoofddeel van het pakket heeft een "
        "ander inhoudstype."
    )


def _rebuild(parts: dict[str, bytes]) -> bytes:
    """An uncompressed zip of the verified entries: nothing left for python-docx to inflate."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as package:
        for name, content in parts.items():
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()

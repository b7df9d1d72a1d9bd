"""One page per letter (``brieven/*.html``) and one per shared template piece
(``brieven/gedeeld-*.html``), rendered with the Jinja2 templates in ``audit/templates``.

The letter page shows the letter as the tenant reads it (its blocks: headings, paragraphs,
list items; placeholders as chips labelled with their kind), one panel per template variant
(the first shows; the others through the variant list, also without JavaScript: ``:target``),
and beside it every finding of the letter's own file, in this order (``GROUPS``):

1. errors (``fout``);
2. warnings with a safe fix (a suggestion ``--fix`` may apply);
3. the rest (other warnings, then tips), each group in the order of the text.

Each finding is an element with ``id="f-N"`` and ``data-code`` in the text (a ``<mark>``; a
finding inside another's range is a ``<mark>`` inside that one, drawn as an underline, so
none hides another; a finding over the whole letter goes in the box above the text) and a
list item ``id="l-N"`` that links to it. Findings in shared pieces (a template the letter
extends, includes or imports) are not repeated on every letter: they are on the page of the
shared piece, which the letter page links to.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from lint_brieven.audit.model import LetterResult
from lint_brieven.audit.rows import Rows
from lint_brieven.findings import Finding, Severity

GROUPS = (
    ("fouten", "Eerst: fouten"),
    ("veilig", "Dan: waarschuwingen met een veilige oplossing"),
    ("overig", "Daarna: de rest"),
)
_ASSETS = resources.files("lint_brieven.audit") / "assets"
_HEADING_KINDS = {"heading"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lint_brieven.audit", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["css"] = (_ASSETS / "rapport.css").read_text(encoding="utf-8")
    env.filters["komma"] = lambda value, digits=1: (
        "-" if value is None else f"{value:.{digits}f}".replace(".", ",")
    )
    return env


def group_of(finding: Finding) -> str:
    if finding.severity is Severity.ERROR:
        return "fouten"
    if finding.severity is Severity.WARNING and any(s.safe for s in finding.suggestions):
        return "veilig"
    return "overig"


def shared_page_name(path: str) -> str:
    """The file name (in ``brieven/``) of a shared piece's page."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(path).name.lower()).strip("-")
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"gedeeld-{stem}-{digest}.html"


# -- the letter's text with nested highlights ---------------------------------------------


@dataclass
class Item:
    """A finding on the page."""

    number: int
    finding: Finding
    category: str
    rule_name: str
    group: str
    explanation: str
    placed: bool = False  # in the text; else in the box over the whole letter
    explained_here: bool = True  # the first item of its code carries the rule's page

    @property
    def code(self) -> str:
        return self.finding.code


@dataclass
class Node:
    kind: str  # "text", "chip", "mark"
    text: str = ""
    label: str = ""
    item: Item | None = None
    first: bool = False  # the element that carries the finding's id
    children: list[Node] = field(default_factory=list)


def _line_starts(text: str) -> list[int]:
    """Line starts as ``letter.SourceText`` counts them (a line ends at "\\n")."""
    return [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]


def _offsets(f: Finding, starts: list[int], size: int) -> tuple[int, int] | None:
    if not 1 <= f.line <= f.end_line <= len(starts):
        return None
    start = starts[f.line - 1] + f.column - 1
    end = starts[f.end_line - 1] + f.end_column - 1
    if not 0 <= start <= size:
        return None
    return start, max(start + 1, min(end, size))


def _block_ranges(pieces: list, own: int, start: int, end: int) -> tuple[int, int] | None:
    """Where the source range ``start:end`` of the letter's own file is in a block's text."""
    lo = hi = None
    pos = 0
    for text, source, p_start, p_end, exact, _kind, _tag in pieces:
        size = len(text)
        if source == own and p_start < end and start < max(p_end, p_start + 1):
            if exact:
                a = pos + max(start, p_start) - p_start
                b = pos + min(end, p_end) - p_start
            else:
                a, b = pos, pos + size
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
        pos += size
    if lo is None or hi is None or hi <= lo:
        return None
    return lo, hi


def _snap(pieces: list, lo: int, hi: int) -> tuple[int, int]:
    """Widen a range so no placeholder chip is cut in two."""
    pos = 0
    for text, _source, _s, _e, exact, _kind, _tag in pieces:
        end = pos + len(text)
        if not exact:
            if pos < lo < end:
                lo = pos
            if pos < hi < end:
                hi = end
        pos = end
    return lo, hi


def _leaves(pieces: list, lo: int, hi: int) -> list[Node]:
    """Text and chips of ``lo:hi`` of a block."""
    out = []
    pos = 0
    for text, _source, _s, _e, exact, kind, tag in pieces:
        end = pos + len(text)
        a, b = max(lo, pos), min(hi, end)
        if a < b:
            if exact:
                out.append(Node("text", text[a - pos : b - pos].replace("\x0b", "\n")))
            elif a == pos:
                out.append(Node("chip", tag or text, label=kind or "tekst"))
        pos = end
    return out


def _nest(pieces: list, spans: list[tuple[int, int, Item, bool]], lo: int, hi: int) -> list[Node]:
    """Nodes for ``lo:hi``: each span a mark; a span inside another nested in it; a span that
    crosses the end of another is split there (its second part carries no id)."""
    todo = sorted(spans, key=lambda s: (s[0], -s[1], s[2].number))
    out: list[Node] = []
    pos = lo
    while todo:
        start, end, item, first = todo.pop(0)
        inner, rest = [], []
        for s in todo:
            if s[0] < end:
                inner.append((s[0], min(s[1], end), s[2], s[3]))
                if s[1] > end:
                    rest.append((end, s[1], s[2], False))
            else:
                rest.append(s)
        out += _leaves(pieces, pos, start)
        out.append(Node("mark", item=item, first=first, children=_nest(pieces, inner, start, end)))
        pos = end
        todo = sorted(rest, key=lambda s: (s[0], -s[1], s[2].number))
    out += _leaves(pieces, pos, hi)
    return out


@dataclass
class Variant:
    number: int
    name: str
    blocks: list[dict]


def _variants(letter: LetterResult, items: list[Item]) -> list[Variant]:
    layout = letter.layout
    if not layout:  # no layout (a letter that could not be read): the source text as it is
        return []
    sources = layout["sources"]
    own = sources.index(letter.path) if letter.path in sources else -2
    starts = _line_starts(letter.source)
    ranges = {
        item.number: _offsets(item.finding, starts, len(letter.source))
        for item in items
        if item.finding.text
    }
    placed: set[int] = set()
    out = []
    for v_number, variant in enumerate(layout["variants"], start=1):
        blocks = []
        for index in variant["blocks"]:
            block = layout["blocks"][index]
            pieces = block["pieces"]
            spans = []
            for item in items:
                where = ranges.get(item.number)
                found = where and _block_ranges(pieces, own, *where)
                if found:
                    lo, hi = _snap(pieces, *found)
                    spans.append((lo, hi, item, item.number not in placed))
                    placed.add(item.number)
            size = sum(len(p[0]) for p in pieces)
            blocks.append(
                {
                    "kind": block["kind"],
                    "level": block["level"],
                    "tag": f"h{min(max(block['level'], 1) + 1, 6)}",
                    "number": block["number"],
                    "shared": [sources[p[1]] for p in pieces if p[1] >= 0 and p[1] != own][:1],
                    "nodes": _nest(pieces, spans, 0, size),
                }
            )
        name = variant["name"] or ("De brief" if len(layout["variants"]) == 1 else "Variant")
        out.append(Variant(v_number, name, blocks))
    for item in items:
        item.placed = item.number in placed
    return out


def _items(findings: list[Finding], rules: dict) -> list[Item]:
    ordered = sorted(
        findings,
        key=lambda f: ([g for g, _ in GROUPS].index(group_of(f)), f.line, f.column, f.code),
    )
    out = []
    for number, f in enumerate(ordered, start=1):
        rule = rules.get(f.code)
        out.append(
            Item(
                number,
                f,
                rule.category if rule else "",
                rule.name if rule else f.rule_name,
                group_of(f),
                getattr(rule, "explanation", ""),  # collect.RuleInfo: the explain page
            )
        )
    seen: set[str] = set()
    for item in out:  # in the order of the list
        item.explained_here = item.code not in seen
        seen.add(item.code)
    return out


def letter_page(letter: LetterResult, rules: dict) -> str:
    report = letter.report
    own = [f for f in report.findings if f.path == report.path]
    shared: dict[str, int] = {}
    for f in report.findings:
        if f.path != report.path:
            shared[f.path] = shared.get(f.path, 0) + 1
    items = _items(own, rules)
    variants = _variants(letter, items)
    for name in (s for v in variants for b in v.blocks for s in b["shared"]):
        shared.setdefault(name, 0)
    return (
        environment()
        .get_template("letter.html")
        .render(
            letter=letter,
            report=report,
            variants=variants,
            items=items,
            groups=[(key, title, [i for i in items if i.group == key]) for key, title in GROUPS],
            loose=[i for i in items if not i.placed],
            categories=sorted({i.category for i in items if i.category}),
            shared=[(path, shared_page_name(path), n) for path, n in sorted(shared.items())],
            source_lines=letter.source.splitlines() if not variants else [],
        )
    )


# -- shared pieces ------------------------------------------------------------------------


class SharedPieces:
    """The findings in shared pieces, gathered over the letters (each once), and the letters
    that use each piece (kept in the audit's ``rows``, on disk)."""

    def __init__(self, rows: Rows) -> None:
        self.findings: dict[str, dict[tuple, Finding]] = {}
        self.rows = rows

    def add(self, letter_path: str, slug: str, findings: list[Finding], pieces: list[str]):
        for f in findings:
            if f.path != letter_path:
                self.findings.setdefault(f.path, {}).setdefault(f.place, f)
        for piece in {*pieces, *(f.path for f in findings if f.path != letter_path)}:
            self.rows.use(piece, letter_path, f"{slug}.html")

    def pages(self, rules: dict) -> Iterator[tuple[str, Callable[[], Iterator[str]]]]:
        """File name and page, one piece at a time; the page as a function that makes it
        part by part (as Jinja2 renders it: a piece that ten thousand letters use has a
        long list of them, which is never held whole)."""
        for piece in self.rows.pieces():
            found = sorted(self.findings.get(piece, {}).values(), key=lambda f: (f.line, f.column))
            items = _items(found, rules)
            context = {
                "path": piece,
                "items": items,
                "groups": [
                    (key, title, [i for i in items if i.group == key]) for key, title in GROUPS
                ],
                "letters": _Users(self.rows, piece),
            }
            yield (
                shared_page_name(piece),
                partial(environment().get_template("shared.html").generate, context),
            )


class _Users:
    """The letters (path, page) that use a piece, by path, read from the rows."""

    def __init__(self, rows: Rows, piece: str) -> None:
        self.rows, self.piece = rows, piece

    def __len__(self) -> int:
        return self.rows.count_users(self.piece)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return self.rows.users(self.piece)


def pieces_of(letter: LetterResult) -> list[str]:
    """The shared pieces whose text the letter shows."""
    layout = letter.layout or {}
    return [p for p in layout.get("sources", []) if p != letter.path]


def shared_json(letter: LetterResult) -> dict:
    """What the shared pieces' pages need of a letter, kept in its cached view (``gedeeld``)."""
    from lint_brieven.audit.cache_entry import _finding_json

    return {
        "findings": [_finding_json(f) for f in letter.report.findings if f.path != letter.path],
        "pieces": pieces_of(letter),
    }


def shared_from_json(view: dict | None) -> tuple[list[Finding], list[str]] | None:
    """``shared_json`` back from a view; None when the view has none or it does not fit (an
    older view: the letter then goes the long way)."""
    from lint_brieven.audit.cache_entry import _finding, _list, _text

    try:
        data = (view or {})["gedeeld"]
        return [_finding(f) for f in _list(data["findings"])], [
            _text(p, path=True) for p in _list(data["pieces"])
        ]
    except (KeyError, TypeError, ValueError, RecursionError):
        return None

"""Jinja2 templates: every letter a tenant can receive, read without rendering.

The template is parsed with jinja2's own parser (never rendered); see ``template_tree`` for how
the AST becomes text and choices, and ``variants`` for how choices become letters. Includes,
extends and imports are looked up in the template's own folder, then the configured paths
(``template_loader``: never through a symbolic link that leaves those folders).
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment

from lint_brieven.layout import pieces_layout_for
from lint_brieven.letter import Letter, ReadResult
from lint_brieven.readers.errors import ReaderError
from lint_brieven.readers.front_matter import declared_kind
from lint_brieven.readers.limits import (
    MAX_CHECKED_BLOCKS,
    MAX_TEMPLATE_NESTING,
    MAX_VARIANT_CHARS,
    MAX_VARIANT_PIECES,
    MAX_VARIANTS_CEILING,
    number,
)
from lint_brieven.readers.options import ReadOptions
from lint_brieven.readers.template_loader import FolderLoader
from lint_brieven.readers.template_tree import RecordingEnvironment, Seq, TemplateTree, longest
from lint_brieven.readers.text import MARKUP_BY_SUFFIX, decode
from lint_brieven.readers.variants import variants, widest
from lint_brieven.suppression import suppressions_in

_EXTENSIONS = ["jinja2.ext.do", "jinja2.ext.loopcontrols", "jinja2.ext.i18n"]
_HTML_HINT = re.compile(r"<(p|div|br|h[1-6]|li|ul|ol|table|html|body)\b", re.IGNORECASE)


def markup_of(path: str, source: str, options: ReadOptions) -> str:
    """``brief.html.j2`` is HTML, ``brief.md.j2`` Markdown; a bare ``.j2`` is guessed."""
    name = Path(path).name.lower()
    for suffix in sorted(options.template_suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            inner = Path(name[: -len(suffix)]).suffix
            if inner in MARKUP_BY_SUFFIX:
                return MARKUP_BY_SUFFIX[inner]
            break
    return "html" if _HTML_HINT.search(source) else "plain"


def environment(path: str, options: ReadOptions) -> Environment:
    folder = Path(path).parent
    search = [str(folder), *(str(p) for p in options.template_paths)]
    loader = FolderLoader(search, options.max_file_bytes)
    return RecordingEnvironment(loader=loader, extensions=_EXTENSIONS, autoescape=False)


def read(path: str, data: bytes, options: ReadOptions) -> ReadResult:
    source = decode(data)
    try:
        return _read(path, source, options)
    except RecursionError as exc:  # jinja2's parser recurses once or more per nested tag
        raise ReaderError(
            "Het sjabloon is te diep genest: {% if %}, {% for %}, macro's en blokken liggen "
            f"meer dan {MAX_TEMPLATE_NESTING} lagen in elkaar (grens)."
        ) from exc


def _read(path: str, source: str, options: ReadOptions) -> ReadResult:
    tree = TemplateTree(environment(path, options))
    parsed = tree.parse(Path(path).name, source, path)
    seq = tree.build(parsed)
    markup = markup_of(path, source, options)
    kind = declared_kind(source, markup, template=True)
    layout = pieces_layout_for(markup)
    cap, limit = _cap(seq, options)
    picked, full_count = variants(seq, cap)
    result = ReadResult(path, sources=tree.sources)
    # the variants checked, by their blocks' texts (two variants with the same texts are the
    # same letter for the checks); a tuple, not the texts joined: no copy of every variant's
    # text (a source with a NUL byte is refused, ``decode``, so joining with one told the same)
    seen: set[tuple[str, ...]] = set()
    checked = blocks_checked = 0
    covering = full_count is not None  # capped: the variants take every branch in turn
    for texts, labels in picked:
        blocks = tuple(layout(texts))
        key = tuple([b.content.text for b in blocks])
        if key in seen:
            checked += 1
            continue
        if result.letters and blocks_checked + len(blocks) > MAX_CHECKED_BLOCKS:
            full_count = len(picked) if full_count is None else full_count
            limit = f"grens: samen hoogstens {number(MAX_CHECKED_BLOCKS)} alinea's"
            break
        checked += 1
        seen.add(key)
        blocks_checked += len(blocks)
        label = ", ".join(labels) or None
        result.letters.append(Letter(path, f"jinja-{markup}", blocks, label, kind))
    if full_count is not None:
        covered = (
            "zo gekozen dat elke tak van elke {% if %} minstens één keer is meegenomen"
            if covering and checked >= widest(seq)
            else "niet elke tak van elke {% if %} is daarin meegenomen"
        )
        result.notices.append(
            f"Dit sjabloon kan {_how_many(full_count)} verschillende brieven opleveren; "
            f"{checked} daarvan zijn gecontroleerd, {covered} ({limit})."
        )
    for text in tree.sources:
        result.suppressions.extend(suppressions_in(text))
    return result


def _cap(seq: Seq, options: ReadOptions) -> tuple[int, str]:
    """How many variants to check, and the limit that decides it (Dutch, for the notice).

    ``max-variants`` from the configuration, never above ``MAX_VARIANTS_CEILING``, and fewer
    for a large template, so that all variants together stay within ``MAX_VARIANT_PIECES``
    pieces and ``MAX_VARIANT_CHARS`` characters.
    """
    size = longest(seq)
    by_size = max(
        1,
        min(MAX_VARIANT_PIECES // max(size.pieces, 1), MAX_VARIANT_CHARS // max(size.chars, 1)),
    )
    cap = min(options.max_variants, MAX_VARIANTS_CEILING, by_size)
    if cap == options.max_variants:
        return cap, f"grens: max-variants = {options.max_variants}"
    if cap == MAX_VARIANTS_CEILING:
        return cap, (
            f"grens: {number(MAX_VARIANTS_CEILING)}, de bovengrens voor max-variants; "
            f"ingesteld is {number(options.max_variants)}"
        )
    return cap, (
        f"grens: alle gecontroleerde varianten samen hoogstens {number(MAX_VARIANT_CHARS)} "
        "tekens; dit sjabloon is groot"
    )


def _how_many(count: int) -> str:
    return number(count) if count < 10**12 else "meer dan duizend miljard"

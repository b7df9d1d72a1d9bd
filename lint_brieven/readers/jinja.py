"""Jinja2 templates: every letter a tenant can receive, read without rendering.

The template is parsed with jinja2's own parser (never rendered); see ``template_tree`` for how
the AST becomes text and choices, and ``variants`` for how choices become letters. Includes,
extends and imports are looked up in the template's own folder, then the configured paths.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from lint_brieven.layout import layout_for
from lint_brieven.letter import Letter, MappedText, ReadResult
from lint_brieven.readers.options import ReadOptions
from lint_brieven.readers.template_tree import TemplateTree
from lint_brieven.readers.text import MARKUP_BY_SUFFIX, decode
from lint_brieven.readers.variants import variants
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
    return Environment(loader=FileSystemLoader(search), extensions=_EXTENSIONS, autoescape=False)


def read(path: str, data: bytes, options: ReadOptions) -> ReadResult:
    source = decode(data)
    tree = TemplateTree(environment(path, options))
    parsed = tree.parse(Path(path).name, source, path)
    seq = tree.build(parsed)
    markup = markup_of(path, source, options)
    layout = layout_for(markup)
    picked, full_count = variants(seq, options.max_variants)
    result = ReadResult(path, sources=tree.sources)
    seen: set[str] = set()
    for texts, labels in picked:
        blocks = tuple(layout(MappedText.join(texts)))
        key = "\x00".join(b.text for b in blocks)
        if key in seen:
            continue
        seen.add(key)
        label = ", ".join(labels) or None
        result.letters.append(Letter(path, f"jinja-{markup}", blocks, label))
    if full_count is not None:
        result.notices.append(
            f"Dit sjabloon kan {full_count} verschillende brieven opleveren; "
            f"{len(picked)} daarvan zijn gecontroleerd, zo gekozen dat elke tak van elke "
            f"{{% if %}} minstens één keer is meegenomen (grens: max-variants = "
            f"{options.max_variants})."
        )
    for text in tree.sources:
        result.suppressions.extend(suppressions_in(text))
    return result

"""Small helpers for tests: lint a text with chosen rules, write files, run the CLI."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from lint_brieven.checks.base import Check, CheckContext
from lint_brieven.checks.loader import build_check, load_rules
from lint_brieven.engine import analyse
from lint_brieven.findings import Finding
from lint_brieven.nlp import pipeline
from lint_brieven.readers import ReadOptions, read

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SARIF_SCHEMA = SHARED / "reference" / "sarif" / "sarif-schema-2.1.0.json"


@cache
def _check(code: str) -> Check:
    return build_check(load_rules()[code])


def new_checks(codes) -> list[Check]:
    """The checks of the rules ``codes``, newly built (not shared with other tests)."""
    rules = load_rules()
    return [build_check(rules[code]) for code in codes]


def lint_text(text: str, codes: list[str], name: str | None = None) -> list[Finding]:
    """Findings of the given rules on ``text`` read as a letter called ``name`` (default: a
    plain text letter, or a Jinja2 template when the text has template tags)."""
    if name is None:
        name = "brief.txt.j2" if "{{" in text or "{%" in text else "brief.txt"
    result = read(name, text.encode("utf-8"), ReadOptions())
    return analyse(result, [_check(c) for c in codes], CheckContext()).findings


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def at(source: str, word: str) -> tuple[int, int, int, int]:
    """Line/column span of the last occurrence of ``word`` in a raw source, computed directly."""
    offset = source.rindex(word)
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column, line, column + len(word)


def where(block, word: str) -> tuple[int, int, int, int]:
    """Line/column span the reader's source map gives for ``word`` in a block."""
    start = block.text.index(word)
    span = block.content.span(start, start + len(word))
    return span.line, span.column, span.end_line, span.end_column


def sarif_schema() -> dict:
    """The official SARIF schema; this copy keeps the log's shape in ``definitions/Root``.

    Without a top-level ``$ref`` to it the document would accept anything, so point at it.
    """
    assert SARIF_SCHEMA.is_file(), f"SARIF-schema ontbreekt: {SARIF_SCHEMA}"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        schema = {**schema, "$ref": "#/definitions/Root"}
    return schema


def parsed(rows: list[tuple[str, str, str, int, str]], lemmas: dict[str, str] | None = None) -> Doc:
    """A hand-parsed sentence, independent of the shipped model: (word, UPOS, CGN tag, head
    index, relation) per token; lemmas are the lowercase words unless ``lemmas`` says else."""
    lemmas = lemmas or {}
    words, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(
        pipeline().vocab,
        words=list(words),
        pos=list(pos),
        tags=list(tags),
        heads=list(heads),
        deps=list(deps),
        lemmas=[lemmas.get(w, w.lower()) for w in words],
    )


def read_template(folder: Path, text: str, name: str = "brief.html.j2"):
    """``text`` written as the template ``name`` in ``folder``, read as ``check`` reads it."""
    write(folder, {name: text})
    path = folder / name
    return read(str(path), path.read_bytes(), ReadOptions())


def without_sharing(monkeypatch, modules) -> None:
    """``per_doc``, ``per_block``, ``found_in`` and ``first_in`` in ``modules`` work out all anew,
    every time they are asked (to compare hits with and without the work shared across
    template variants)."""
    anew = {
        "per_doc": lambda letter, name, doc, compute: compute(doc),
        "per_block": lambda letter, name, compute: [compute(d) for d in letter.docs],
        "found_in": lambda letter, name, compute: [
            (i, found) for i, d in enumerate(letter.docs) if (found := compute(d))
        ],
        "first_in": lambda letter, name, compute: next(
            ((i, found) for i, d in enumerate(letter.docs) if (found := compute(d))), None
        ),
    }
    for module in modules:
        patched = [name for name in anew if hasattr(module, name)]
        assert patched, module
        for name in patched:
            monkeypatch.setattr(module, name, anew[name])

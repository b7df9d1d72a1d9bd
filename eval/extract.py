"""Extract a letter's text from a locally saved web page into eval/dev/.

Some texts in the development set may not be kept in this repository (a housing corporation's
or tenant organisation's own letter). For those, eval/dev-links/<slug>.yaml records the address
and, optionally, where the letter starts and ends on the page. Save the page yourself (browser:
"Save page as... HTML only") and run:

    .venv/bin/python eval/extract.py saved-page.html --slug <slug>

This writes eval/dev/<slug>.txt (plain text, a blank line between paragraphs, list items as
"- ...") and eval/dev/<slug>.yaml (source, kind, writer from the link file; empty judgments).
Both are listed in eval/.gitignore so they stay on your machine. Without --slug, give
--out PATH to write only the text.

Only the standard library is used. The words of the page are kept exactly (entities decoded,
runs of whitespace inside a paragraph collapsed); nothing is added inside the text.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent
DEV = EVAL / "dev"
LINKS = EVAL / "dev-links"

# Tags whose start or end closes the current paragraph.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
    "figcaption", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol",
    "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
# Page furniture and code: their text is never part of the letter.
_SKIP = {
    "footer", "head", "header", "iframe", "nav", "noscript", "script", "select", "style", "svg",
    "template", "button",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    """Collects paragraphs of visible text; ``<br>`` becomes a line break inside a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._pre = 0
        self._bullet = False

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if self._pre:
            text = raw.strip("\n")
        else:
            lines = [_SPACE.sub(" ", line).strip() for line in raw.replace("\n", " ").split("\x00")]
            text = "\n".join(line for line in lines if line)
        if text.strip():
            self.paragraphs.append(("- " + text) if self._bullet else text)
            self._bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            self._buf.append("\x00")  # a kept line break, turned into "\n" in _flush
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self._pre += 1
            if tag == "li":
                self._bullet = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self._buf.append("\x00")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def page_paragraphs(html_text: str) -> list[str]:
    """The visible paragraphs of a web page, in order."""
    collector = _TextCollector()
    collector.feed(html_text)
    collector.close()
    return [p.replace("\x00", "\n") for p in collector.paragraphs]


def select(paragraphs: list[str], start: str | None, end: str | None) -> list[str]:
    """The paragraphs from the first one containing ``start`` through the first one after it
    containing ``end`` (both included). Raises ValueError when a marker is not found."""
    first = 0
    if start:
        hits = [i for i, p in enumerate(paragraphs) if start in p]
        if not hits:
            raise ValueError(f"start marker not found on the page: {start!r}")
        first = hits[0]
    last = len(paragraphs) - 1
    if end:
        hits = [i for i in range(first, len(paragraphs)) if end in paragraphs[i]]
        if not hits:
            raise ValueError(f"end marker not found after the start: {end!r}")
        last = hits[0]
    return paragraphs[first : last + 1]


def extract(html_text: str, start: str | None = None, end: str | None = None) -> str:
    """The letter text: selected paragraphs joined by blank lines, ending in one newline."""
    chosen = select(page_paragraphs(html_text), start, end)
    if not chosen:
        raise ValueError("no text found on the page")
    return "\n\n".join(chosen) + "\n"


def _read_html(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _link(slug: str, links: Path = LINKS) -> dict:
    path = links / f"{slug}.yaml"
    if not path.is_file():
        raise ValueError(f"no link file {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "url" not in data:
        raise ValueError(f"{path.name}: expected a mapping with at least 'url'")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="locally saved copy of the page (.html)")
    parser.add_argument("--slug", help="name of the link file in eval/dev-links/ (without .yaml)")
    parser.add_argument("--start", help="text of the first paragraph to keep (default: link file)")
    parser.add_argument("--end", help="text of the last paragraph to keep (default: link file)")
    parser.add_argument(
        "--out", type=Path, help="write the text here instead of eval/dev/<slug>.txt"
    )
    parser.add_argument("--dev-dir", type=Path, default=DEV, help=argparse.SUPPRESS)
    parser.add_argument("--links-dir", type=Path, default=LINKS, help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args(argv)

    if not args.slug and not args.out:
        parser.error("give --slug (to write into eval/dev/) or --out PATH")
    try:
        link = _link(args.slug, args.links_dir) if args.slug else {}
        start = args.start if args.start is not None else link.get("start")
        end = args.end if args.end is not None else link.get("end")
        text = extract(_read_html(args.html), start, end)
    except (OSError, ValueError) as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return 2

    out = args.out or args.dev_dir / f"{args.slug}.txt"
    targets = [out] + ([args.dev_dir / f"{args.slug}.yaml"] if args.slug and not args.out else [])
    existing = [t for t in targets if t.exists()]
    if existing and not args.force:
        print(f"extract: {existing[0]} exists; use --force to overwrite", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if len(targets) == 2:
        meta = {
            "source": link["url"],
            "kind": link.get("kind", "brief"),
            "writer": link.get("writer", ""),
            "licence": "not in the repository: extracted from a local copy, for measuring only",
            "retrieved": datetime.date.today(),
            "judgments": [],
        }
        targets[1].write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    print(f"wrote {out} ({len(text.split())} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

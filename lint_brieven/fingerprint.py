"""A finding's identity that survives edits elsewhere in the file: its file, code, the flagged
words and their neighbourhood — never its line or column.

The neighbourhood is a few words before and after the flagged words in the same sentence of
the line (or DOCX paragraph) as written, whitespace normalised. A letter-level finding (a
missing phone number, the LiNT-II level) flags no words and points at the letter's first
block only as an anchor: its neighbourhood is its message with the numbers in it left out, so
neither a changed score nor an edited salutation makes it a new finding.

Two findings of one file with the same code, words and neighbourhood are told apart by their
occurrence number, counted in file order: the fingerprint is unique per result. The baseline
(baseline.py), SARIF ``partialFingerprints`` and GitLab ``fingerprint`` all use this module.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lint_brieven.findings import Finding

VERSION = "v1"  # part of every fingerprint: a change to the recipe changes them all
WORDS_AROUND = 3  # words of neighbourhood on each side
GAP = "…"  # where the flagged words stand in a neighbourhood

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, order=True)
class Identity:
    """What a finding is, wherever it moves: the baseline matches on this."""

    path: str
    code: str
    words: str
    context: str


def normalise(text: str) -> str:
    """Runs of whitespace (line breaks, tabs, a DOCX line break) as one space."""
    return " ".join(text.split())


def neighbourhood(finding: Finding) -> str:
    """The words around the finding in its sentence, the flagged words as ``…``; for a
    letter-level finding (no words) its message, numbers as ``#``."""
    if not finding.text:
        return normalise(_NUMBER.sub("#", finding.message))
    line = finding.source_line
    start = max(finding.column - 1, 0)
    before = line[:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = ""
    if finding.end_line == finding.line and start < len(line):
        after = line[max(finding.end_column - 1, start) :]
        end = _SENTENCE_END.search(after)
        if end:
            after = after[: end.end()]
    words_before = before.split()[-WORDS_AROUND:]
    words_after = after.split()[:WORDS_AROUND]
    return " ".join([*words_before, GAP, *words_after])


def identity(finding: Finding, path: str | None = None) -> Identity:
    """``path``: the file as the baseline names it (default: as the run shows it)."""
    return Identity(
        path=finding.path if path is None else path,
        code=finding.code,
        words=normalise(finding.text),
        context=neighbourhood(finding),
    )


def digest(ident: Identity, occurrence: int) -> str:
    key = "\x00".join((VERSION, ident.path, ident.code, ident.words, ident.context))
    data = f"{key}\x00{occurrence}".encode("utf-8", "surrogatepass")  # names that are not UTF-8
    return hashlib.sha256(data).hexdigest()


def fingerprinted(findings: Iterable[Finding]) -> list[tuple[Finding, str]]:
    """The findings in file order (``Finding.sort_key``), each with its fingerprint."""
    seen: Counter[Identity] = Counter()
    out = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        ident = identity(finding)
        seen[ident] += 1
        out.append((finding, digest(ident, seen[ident])))
    return out

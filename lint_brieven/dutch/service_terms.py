"""The organisation's service terms (``[servicetermijnen]`` in lint-brieven.toml, e.g.
reparatie = "binnen 5 werkdagen"): which one a sentence is about, and the term it names.

A service term's name is matched on its own words and on the words of the topics the audit
knows (``audit/promises.py``: "reparatie" also covers "monteur", "repareren", "storing"). The
most specific topic wins ("spoedreparatie" before "reparatie"); a sentence about no configured
topic gets no term, so no proposal is ever guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lint_brieven.audit.promises import TERM, TOPICS, normalise


def _name(key: str) -> str:
    return re.sub(r"[_\-\s]+", " ", key.strip().lower())


def _words(key: str) -> tuple[int, tuple[str, ...]]:
    """The rank of the key's topic (known topics in the audit's order, the most specific
    first; other names after them) and the words that show a sentence is about it."""
    name = _name(key)
    stem = re.sub(r"(?:en|s)$", "", name) if len(name) > 5 else name
    for rank, (topic, words) in enumerate(TOPICS):
        last = topic.split()[-1]
        if name in (topic, last) or (len(stem) > 3 and (last.startswith(stem) or stem == last)):
            return rank, (*words, stem)
    return len(TOPICS), (stem,)


def topic_terms(text: str, service_terms: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every configured service term (name, term text) the sentence ``text`` is about, the
    most specific first."""
    lowered = text.lower()
    found = []
    for key, value in service_terms.items():
        rank, words = _words(key)
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words if w):
            found.append((rank, key, value))
    return [(key, value) for _, key, value in sorted(found)]


def topic_term(text: str, service_terms: Mapping[str, str]) -> tuple[str, str] | None:
    """The configured service term (name, term text) the sentence ``text`` is about."""
    found = topic_terms(text, service_terms)
    return found[0] if found else None


def normalised_term(text: str) -> str | None:
    """ "binnen 5 werkdagen" → "5 werkdagen"; None when the text names no term."""
    match = TERM.search(text)
    return normalise(match) if match else None


def terms_in(text: str) -> list[tuple[int, int, str]]:
    """Every term in ``text``: start, end and the normalised term."""
    return [(m.start(), m.end(), normalise(m)) for m in TERM.finditer(text)]

"""checks.needed_text: a text ``may_match`` passes by has no match of the pattern, for the
patterns the detectors pass texts by with, on every text, sentence and slice of the
development set's and the corpus's letters, changed in case and with the characters
``re.IGNORECASE`` matches with ASCII letters put in; and those characters are all there are."""

import random
import re
import sys
from pathlib import Path

from lint_brieven.checks.detectors import (
    absence,
    bad_news,
    contact_person,
    half_promise,
    request_details,
    web_only,
    website_address,
    written_address,
)
from lint_brieven.checks.needed_text import _FOLDING, may_match, needed
from lint_brieven.config import config_in
from lint_brieven.dutch import commitments, requests
from lint_brieven.readers import read

ROOT = Path(__file__).resolve().parents[1]

PATTERNS = [
    commitments.PERIOD,
    commitments.FOLLOW_UP,
    requests.PAYMENT,
    web_only.OFFLINE,
    web_only.DIGITAL,
    *half_promise._HEDGES,
    *(p for p, _ in request_details._WAYS.values()),
    absence.ABSENCE,
    bad_news._EXAMPLE,
    bad_news._SORRY,
    contact_person.ROLES,
    website_address.EMAIL,
    website_address.WEB_ADDRESS,
    website_address.REFERENCE,
    written_address.WRITTEN,
]


def _texts() -> list[str]:
    texts = []
    for folder in (ROOT / "eval" / "dev", ROOT / "corpus"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".md", ".j2", ".jinja"):
                result = read(str(path), path.read_bytes(), config_in(path.parent).read_options)
                texts += [b.text for letter in result.letters for b in letter.blocks]
    return sorted(set(texts))


def test_a_text_passed_by_has_no_match():
    texts = _texts()
    assert len(texts) > 500
    rng = random.Random(21)
    variants = []
    for text in texts:
        variants += [text, text.upper(), text.swapcase()]
        if text:
            start = rng.randrange(len(text))
            variants.append(text[start : rng.randrange(start, len(text) + 1)])
            for folding in _FOLDING:  # "poſtbus", "Kantoor" with a Kelvin sign
                variants.append(text.replace(rng.choice("sSkKiI"), folding))
    variants += ["", "POSTBUS 12", "Bel 06-12345678", "in het VOORJAAR", "ſtuur", "@"]
    passed = 0
    for pattern in PATTERNS:
        strings = needed(pattern)
        assert strings, pattern.pattern  # each of them needs some text
        for text in variants:
            if not may_match(strings, text):
                passed += 1
                assert pattern.search(text) is None, (pattern.pattern, text)
    assert passed > 1000  # (the test passes texts by: it can fail)


def test_what_is_needed_is_read_from_the_pattern():
    assert needed(re.compile(r"\bpostbus\b|@", re.I)) == {"postbus", "@"}
    # of the parts every match has ("w", "ij" or "e", " ", "bellen" or "mailen", " u"): the
    # one whose shortest string is longest
    assert needed(re.compile(r"(?:wij|we) (?:bellen|mailen) u", re.I)) == {"bellen", "mailen"}
    assert needed(re.compile(r"a?b*|c")) is None  # an optional part needs nothing
    assert needed(re.compile(r"[ab]c{2,}")) == {"c"}
    assert needed(re.compile(r"x(?:yz)+", re.I)) == {"yz"}
    assert not may_match(needed(re.compile(r"\bbalie\b", re.I)), "Kom naar het loket.")
    assert may_match(needed(re.compile(r"\bbalie\b", re.I)), "Kom naar de BALIE.")


def test_the_folding_characters_are_every_one_ignorecase_matches_with_ascii():
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if ascii_class.fullmatch(chr(c))}
    assert found == _FOLDING
    # and a literal matches them as a class does: "ſ" as "s", the Kelvin sign as "k"
    assert re.search("postbus", "poſtbus", re.IGNORECASE)
    assert re.search("kantoor", "\u212aantoor", re.IGNORECASE)

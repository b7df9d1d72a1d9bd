"""Flesch-Douma without importing textstat: textstat stays the reference our counts must match.

``lint_brieven.readability.flesch`` counts syllables with pyphen, textstat's own source, so that
a check does not import textstat (and nltk with it). These tests compare both, word for word, on
every text of the corpus and the development set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textstat.backend.utils import get_lang_cfg
from textstat.textstat import textstatistics

from lint_brieven.nlp import pipeline
from lint_brieven.readability import flesch

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(
    p
    for folder in ("corpus", "eval/dev")
    for p in (ROOT / folder).rglob("*")
    if p.is_file() and p.suffix in (".txt", ".md", ".html", ".j2")
)
ODD_WORDS = [
    "",
    "-",
    "auto's",
    "zo'n",
    "co'operatie",
    "ge'aarzeld",
    "'s",
    "e-mail",
    "T.a.v.",
    "12,50",
    "€",
    "coöperatie",
    "ĳsbaan",
    "don't",
    "‘Wij",
    "huurverhoging/servicekosten",
    "ONDERHOUDSWERKZAAMHEDEN",
    "Wij komen morgen.",
]


@pytest.fixture(scope="module")
def textstat_dutch() -> textstatistics:
    stats = textstatistics()
    stats.set_lang("nl")
    return stats


@pytest.fixture(scope="module")
def corpus_sentences() -> list[list[str]]:
    """The words of each line of every corpus and development text, as our tokenizer splits
    them (markup of the templates included: more odd words to compare)."""
    make_doc = pipeline().make_doc
    out = []
    for path in TEXTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            words = [t.text for t in make_doc(line) if not (t.is_punct or t.is_space)]
            out.append(words)
    return out


def test_the_corpus_is_there():
    assert len(TEXTS) >= 40


def test_constants_are_textstats_dutch_ones():
    assert get_lang_cfg("nl", "fre_base") == flesch.BASE
    assert get_lang_cfg("nl", "fre_sentence_length") == flesch.SENTENCE_LENGTH
    assert get_lang_cfg("nl", "fre_syll_per_word") == flesch.SYLLABLES_PER_WORD


def test_syllables_match_textstat_on_every_corpus_word(textstat_dutch, corpus_sentences):
    words = sorted({w for sentence in corpus_sentences for w in sentence} | set(ODD_WORDS))
    assert len(words) > 2000
    differ = [
        (w, flesch.syllables(w), textstat_dutch.syllable_count(w))
        for w in words
        if flesch.syllables(w) != textstat_dutch.syllable_count(w)
    ]
    assert differ == []


def test_score_matches_the_formula_with_textstat_per_text(textstat_dutch, corpus_sentences):
    def reference(sentences: list[list[str]]) -> float | None:
        words = [w for s in sentences for w in s]
        counted = [s for s in sentences if s]
        if not words:
            return None
        syllables = sum(max(1, textstat_dutch.syllable_count(w)) for w in words)
        return round(
            get_lang_cfg("nl", "fre_base")
            - get_lang_cfg("nl", "fre_sentence_length") * len(words) / len(counted)
            - get_lang_cfg("nl", "fre_syll_per_word") * syllables / len(words),
            1,
        )

    chunks = [corpus_sentences[i : i + 12] for i in range(0, len(corpus_sentences), 12)]
    scores = [flesch.score(chunk) for chunk in chunks]
    assert scores == [reference(chunk) for chunk in chunks]
    assert len({s for s in scores if s is not None}) > 20  # many different letters, not one


def test_no_words_no_score():
    assert flesch.score([]) is None
    assert flesch.score([[], []]) is None
    assert flesch.score([["Bel"], []]) == flesch.score([["Bel"]])


def test_the_kept_hyphenation_patterns_are_pyphen_s_own(tmp_path):
    """The first start keeps pyphen's parsed Dutch patterns (in the rule cache); the next
    start hands them to pyphen instead of parsing its file: the same patterns, the same
    counts."""
    code = (
        "import json, pyphen\n"
        "from lint_brieven.readability import flesch\n"
        "ours = flesch._dutch()\n"
        "path = pyphen.LANGUAGES[pyphen.language_fallback('nl')]\n"
        "fresh = pyphen.HyphDict(path)\n"
        "words = ['huurverhoging', 'woningcorporatie', 'onderhoudswerkzaamheden', 'brief']\n"
        "print(json.dumps([type(ours.hd).__name__, ours.hd.patterns == fresh.patterns,\n"
        "    ours.hd.maxlen == fresh.maxlen, [flesch.syllables(w) for w in words],\n"
        "    [len(pyphen.Pyphen(lang='nl').positions(w)) + 1 for w in words]]))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert [run[0] for run in runs] == ["HyphDict", "Parsed"]  # parsed once, then kept
    for _, same_patterns, same_maxlen, counts, pyphens in runs:
        assert same_patterns and same_maxlen
        assert counts == pyphens and counts[0] == 4  # huur-ver-ho-ging

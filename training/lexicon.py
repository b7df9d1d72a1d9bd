"""Build the lexicon table the pipeline reads as static vectors: what a Dutch word can be.

The treebanks hold 62k tokens, so most words in a letter were never seen in training, and a
small model guesses their part of speech from the spelling alone: it tagged "zaadcellen" as a
verb (it ends in -en) and "oprichtte" as a noun. A lexicon fixes that, as it did for the classic
taggers. Each word form gets a short vector of facts, looked up in two well-kept word lists:

- the word classes it can have (noun, verb, adjective, adposition, determiner), from the Dutch
  lemma tables of ``spacy-lookups-data`` (its lemma index per class, form-to-lemma lookup and
  suffix rules), the data spaCy's own Dutch rule lemmatizer uses;
- how common it is, as a one-hot Zipf band from ``wordfreq``.

Only forms wordfreq knows are kept (see ``keep``), to hold the model under 15 MB.

Word forms with the same facts share one row of the table, so it stays a few hundred rows;
the vectors are keyed on the lowercase form. The table is written as a blank spaCy pipeline
whose vocab holds it, for ``[initialize] vectors`` in training/config.cfg; training copies it
into the shipped model, so running lint-brieven needs neither word list beyond wordfreq.

Run: python training/lexicon.py [--out training/data/lexicon]
"""

from __future__ import annotations

import argparse
import gzip
import json
from importlib import resources
from pathlib import Path

import numpy
import spacy
import wordfreq
from spacy.vectors import Vectors

ROOT = Path(__file__).resolve().parents[1]
CLASSES = ("noun", "verb", "adj", "adp", "det")
ZIPF_BANDS = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0)  # lower edges; below the first: not in wordfreq
WIDTH = len(CLASSES) + 1 + len(ZIPF_BANDS) + 1  # classes, "has a lemma", Zipf bands


def _table(name: str) -> dict:
    path = resources.files("spacy_lookups_data") / "data" / f"nl_{name}.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def word_classes(form: str, index: dict[str, set[str]], lookup: dict, rules: dict) -> set[str]:
    """The classes ``form`` can belong to: it or a lemma of it is in that class's index."""
    candidates = {form, lookup.get(form, form)}
    found = set()
    for name in CLASSES:
        words = index.get(name, set())
        lemmas = set(candidates)
        for old, new in rules.get(name, []):
            if form.endswith(old) and len(form) > len(old):
                lemmas.add(form[: len(form) - len(old)] + new)
        if lemmas & words:
            found.add(name)
    return found


def features(form: str, classes: set[str], has_lemma: bool) -> tuple[int, ...]:
    zipf = wordfreq.zipf_frequency(form, "nl")
    band = sum(zipf >= edge for edge in ZIPF_BANDS)  # 0: not in wordfreq
    bands = [0] * (len(ZIPF_BANDS) + 1)
    bands[band] = 1
    return (*(int(c in classes) for c in CLASSES), int(has_lemma), *bands)


def keep(vector: tuple[int, ...]) -> bool:
    """Keep forms wordfreq knows; of the rarest band only those with a word class. The rest
    (rare names, typos, forms no corpus has) barely occur in letters and would cost the
    shipped model megabytes of keys (the size target is 15 MB)."""
    bands = vector[len(CLASSES) + 1 :]
    has_class = any(vector[: len(CLASSES)])
    return not bands[0] and (has_class or not bands[1])


def build() -> tuple[list[str], numpy.ndarray, list[int]]:
    """Word forms, the distinct feature rows, and each form's row."""
    index = {name: set(words) for name, words in _table("lemma_index").items()}
    lookup = _table("lemma_lookup")
    rules = _table("lemma_rules")
    forms = set(lookup) | set(lookup.values()) | set(wordfreq.get_frequency_dict("nl", "best"))
    for words in index.values():
        forms |= words
    rows: dict[tuple[int, ...], int] = {}
    keys, key_rows = [], []
    for form in sorted(f for f in forms if f and f == f.lower() and " " not in f):
        classes = word_classes(form, index, lookup, rules)
        vector = features(form, classes, form in lookup)
        if not keep(vector):
            continue
        keys.append(form)
        key_rows.append(rows.setdefault(vector, len(rows)))
    table = numpy.zeros((len(rows), WIDTH), dtype="float32")
    for vector, row in rows.items():
        table[row] = vector
    return keys, table, key_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "data" / "lexicon")
    args = parser.parse_args()
    keys, table, key_rows = build()
    nlp = spacy.blank("nl")
    vectors = Vectors(strings=nlp.vocab.strings, data=table, attr="LOWER", name="brieven_lexicon")
    for key, row in zip(keys, key_rows, strict=True):
        vectors.add(key, row=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(args.out)
    print(f"lexicon: {len(keys)} word forms, {table.shape[0]} rows of {table.shape[1]}")


if __name__ == "__main__":
    main()

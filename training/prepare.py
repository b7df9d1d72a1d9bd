"""Build spaCy training data from the UD Dutch treebanks and our letter gold set.

Reads ``../shared/nlp/ud-dutch`` (beside the repository) and ``training/letters/*.conllu``;
writes ``training/data/{train,dev,test-news,test-letters}.spacy``.

- train: nl_alpino-ud-dev, nl_lassysmall-ud-dev, nl_lassysmall-ud-test (every 10th document
  held out as dev) and the letter gold set's training part (letters-train.conllu).
- test-news: nl_alpino-ud-test, never trained on.
- test-letters: letters-test.conllu, never trained on.

UD Alpino lemmas mark compound parts with "_" ("basis_niveau"); LiNT-II looks lemmas up in
word lists, so the marks are removed ("basisniveau").

Augmentation (train only; dev and both test sets stay as the treebanks have them): letters are
written in Word, which types curly quotes (‘ ’ “ ”) where the treebanks have ASCII ones, and
their writers start a sentence in lower case now and then ("Dat is alles. daarna …"). A seeded
share of the training sentences is changed to look like that, with every annotation kept:
``TYPOGRAPHIC_SHARE`` of the sentences with quote marks or apostrophes get typographic ones,
``LOWER_START_SHARE`` of all sentences a lower-case first word (never a proper noun). The
parse entry point reads typographic quotes as ASCII anyway (``lint_brieven.nlp.typography``);
this makes the model itself robust for text that reaches it otherwise.

Run: python training/prepare.py [--shared ../shared] [--no-augment]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs

ROOT = Path(__file__).resolve().parents[1]
UD_TRAIN = ("nl_alpino-ud-dev", "nl_lassysmall-ud-dev", "nl_lassysmall-ud-test")
UD_TEST = "nl_alpino-ud-test"
SENTS_PER_DOC = 10
DEV_EVERY = 10
AUGMENT_SEED = 14
TYPOGRAPHIC_SHARE = 0.3  # of the training sentences with an ASCII quote mark or apostrophe
LOWER_START_SHARE = 0.05  # of all training sentences
OPENING = {'"': "“", "'": "‘"}
CLOSING = {'"': "”", "'": "’"}  # ’ is also Word's apostrophe: "auto’s"


def clean_conllu(text: str) -> str:
    """Remove compound marks from lemmas (column 3) and drop enhanced dependencies."""
    out = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10:
                if cols[2] not in ("_",):
                    cols[2] = cols[2].replace("_", "")
                cols[8] = "_"
                line = "\t".join(cols)
        out.append(line)
    return "\n".join(out) + "\n"


def docs_from(path: Path, n_sents: int = SENTS_PER_DOC) -> list:
    text = clean_conllu(path.read_text(encoding="utf-8"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return list(conllu_to_docs(text, n_sents=n_sents, merge_subtokens=True, no_print=True))


def augment(
    docs: list[Doc],
    seed: int = AUGMENT_SEED,
    typographic: float = TYPOGRAPHIC_SHARE,
    lower_start: float = LOWER_START_SHARE,
) -> list[Doc]:
    """``docs`` with a seeded share of their sentences given typographic quotes (share
    ``typographic`` of the sentences that have quote marks or apostrophes) or a lower-case
    first word (share ``lower_start``); tags, morphology, lemmas and the parse stay."""
    rng = random.Random(seed)
    out = []
    for doc in docs:
        words = [t.text for t in doc]
        for sent in doc.sents:
            if any(_has_ascii_quote(t.text) for t in sent) and rng.random() < typographic:
                for token in sent:
                    words[token.i] = _typographic(token)
            if rng.random() < lower_start:
                # String tests: the treebank docs have a bare vocab without lexical attributes.
                first = next((t for t in sent if t.text.isalpha()), None)
                if first is not None and first.text.istitle() and first.pos_ != "PROPN":
                    words[first.i] = first.text.lower()
        out.append(doc if words == [t.text for t in doc] else _with_words(doc, words))
    return out


def _has_ascii_quote(text: str) -> bool:
    return text in OPENING or "'" in text


def _typographic(token) -> str:
    """A quote mark as Word types it: opening after a space and before a word, else closing;
    an apostrophe inside a word ("auto's", "'t") as Word's ’."""
    text = token.text
    if text in OPENING:
        doc, i = token.doc, token.i
        after_space = i == 0 or bool(doc[i - 1].whitespace_)
        before_word = i + 1 < len(doc) and not token.whitespace_
        return (OPENING if after_space and before_word else CLOSING)[text]
    return text.replace("'", CLOSING["'"])


def _with_words(doc: Doc, words: list[str]) -> Doc:
    """``doc`` with other word forms and the same annotations (a lemma that was the word form
    itself follows the new form)."""
    return Doc(
        doc.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        pos=[t.pos_ for t in doc],
        morphs=[str(t.morph) for t in doc],
        lemmas=[w if t.lemma_ == t.text else t.lemma_ for t, w in zip(doc, words, strict=True)],
        heads=[t.head.i for t in doc],
        deps=[t.dep_ for t in doc],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "data")
    parser.add_argument(
        "--no-augment", action="store_true", help="the data model 1.2.0 was trained on"
    )
    args = parser.parse_args()
    ud = args.shared / "nlp" / "ud-dutch"
    letters = ROOT / "training" / "letters"
    train, dev = [], []
    for name in UD_TRAIN:
        for i, doc in enumerate(docs_from(ud / f"{name}.conllu")):
            (dev if i % DEV_EVERY == 0 else train).append(doc)
    letter_train = letters / "letters-train.conllu"
    if letter_train.exists():
        for i, doc in enumerate(docs_from(letter_train)):
            (dev if i % DEV_EVERY == 0 else train).append(doc)
    if not args.no_augment:
        train = augment(train)
    args.out.mkdir(parents=True, exist_ok=True)
    sets = {"train": train, "dev": dev, "test-news": docs_from(ud / f"{UD_TEST}.conllu")}
    letter_test = letters / "letters-test.conllu"
    if letter_test.exists():
        sets["test-letters"] = docs_from(letter_test)
    for name, docs in sets.items():
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / f"{name}.spacy")
        words = sum(len(d) for d in docs)
        print(f"{name}: {len(docs)} docs, {words} tokens")


if __name__ == "__main__":
    main()

"""Build spaCy training data from the UD Dutch treebanks and our letter gold set.

Reads ``../shared/nlp/ud-dutch`` (beside the repository) and ``training/letters/*.conllu``;
writes ``training/data/{train,dev,test-news,test-letters}.spacy``.

- train: nl_alpino-ud-dev, nl_lassysmall-ud-dev, nl_lassysmall-ud-test (every 10th document
  held out as dev) and the letter gold set's training part (letters-train.conllu).
- test-news: nl_alpino-ud-test, never trained on.
- test-letters: letters-test.conllu, never trained on.

UD Alpino lemmas mark compound parts with "_" ("basis_niveau"); LiNT-II looks lemmas up in
word lists, so the marks are removed ("basisniveau").

Run: python training/prepare.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from spacy.tokens import DocBin
from spacy.training.converters import conllu_to_docs

ROOT = Path(__file__).resolve().parents[1]
UD_TRAIN = ("nl_alpino-ud-dev", "nl_lassysmall-ud-dev", "nl_lassysmall-ud-test")
UD_TEST = "nl_alpino-ud-test"
SENTS_PER_DOC = 10
DEV_EVERY = 10


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "data")
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

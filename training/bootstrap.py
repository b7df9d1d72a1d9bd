"""Parse raw letter sentences into CoNLL-U, as a first draft for hand correction.

Input: a text file with one sentence per line; lines starting with "#" set a category comment
for the sentences below them ("# categorie = aanhef"). Output: CoNLL-U with ID, FORM, LEMMA,
UPOS, XPOS, FEATS, HEAD, DEPREL and SpaceAfter=No, every line forced to be one sentence.

Run: python training/bootstrap.py zinnen.txt out.conllu --model training/output/bootstrap/model-best
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc


def parse_one(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def to_conllu(doc: Doc, sent_id: str, category: str | None) -> str:
    lines = [f"# sent_id = {sent_id}"]
    if category:
        lines.append(f"# categorie = {category}")
    lines.append(f"# text = {doc.text}")
    for token in doc:
        head = 0 if token.head.i == token.i else token.head.i + 1
        deprel = "root" if head == 0 else token.dep_
        misc = "_" if token.whitespace_ else "SpaceAfter=No"
        feats = str(token.morph) or "_"
        lines.append(
            "\t".join(
                [
                    str(token.i + 1),
                    token.text,
                    token.lemma_ or token.text,
                    token.pos_ or "X",
                    token.tag_ or "_",
                    feats,
                    str(head),
                    deprel,
                    "_",
                    misc,
                ]
            )
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--prefix", default=None, help="sent_id prefix (default: input stem)")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    prefix = args.prefix or args.input.stem
    category = None
    blocks = []
    number = 0
    for raw in args.input.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            category = line.lstrip("#").split("=", 1)[-1].strip()
            continue
        number += 1
        blocks.append(to_conllu(parse_one(nlp, line), f"{prefix}-{number:03d}", category))
    args.output.write_text("\n".join(blocks) + "\n", encoding="utf-8")
    print(f"{number} sentences -> {args.output}")


if __name__ == "__main__":
    main()

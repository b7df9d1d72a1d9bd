"""Accuracy of a pipeline on the news test set and the letter test set, its size and speed.

Run: python training/evaluate.py [MODEL_DIR] [--shared ../shared] [--out training/metrics.json]
Default model: the one shipped in lint_brieven/nlp/model. Used by the model card and the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin
from spacy.training import Example

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from prepare import docs_from  # noqa: E402

SCORES = {
    "upos": "pos_acc",
    "xpos": "tag_acc",
    "lemma": "lemma_acc",
    "uas": "dep_uas",
    "las": "dep_las",
    "sents_f": "sents_f",
}


def load(model: Path):
    """The pipeline as lint-brieven runs it: with our rule components in place."""
    from lint_brieven.nlp import letter_pipeline

    return letter_pipeline(model)


def score(nlp, conllu: Path, n_sents: int = 10) -> dict[str, float]:
    """Scores on a CoNLL-U file, read ``n_sents`` sentences to a document."""
    gold = docs_from(conllu, n_sents)
    docs = list(DocBin(docs=gold).get_docs(nlp.vocab))  # gold in the pipeline's vocab
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    scores = nlp.evaluate(examples)
    return {name: round(100 * float(scores[key] or 0), 1) for name, key in SCORES.items()}


def words_per_second(nlp, conllu: Path, rounds: int = 2) -> float:
    texts = [d.text for d in docs_from(conllu)]
    words = sum(len(nlp.make_doc(t)) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        best = min(best, time.perf_counter() - start)
    return round(words / best)


def size_mb(model: Path) -> float:
    total = sum(p.stat().st_size for p in model.rglob("*") if p.is_file())
    return round(total / 1e6, 1)


def evaluate(model: Path, shared: Path, speed: bool = True) -> dict:
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the targets are stated
    nlp = load(model)
    news = shared / "nlp" / "ud-dutch" / "nl_alpino-ud-test.conllu"
    letters = ROOT / "training" / "letters" / "letters-test.conllu"
    result = {"news_test": score(nlp, news), "size_mb": size_mb(model)}
    if speed:
        result["words_per_second"] = words_per_second(nlp, news)
    if letters.exists():
        # Each letter sentence is one line of a letter, which the readers hand over on its own.
        result["letter_test"] = score(nlp, letters, n_sents=1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "model", type=Path, nargs="?", default=ROOT / "lint_brieven" / "nlp" / "model"
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = evaluate(args.model, args.shared)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Train the Dutch letter pipeline and ship it inside the package, reproducibly.

Steps: build the data (prepare.py), train with training/config.cfg and a fixed seed, copy the
best model to lint_brieven/nlp/model with our metadata, and evaluate it (metrics.json, used
by MODEL_CARD.md). The news test set (nl_alpino-ud-test) and the letter test set are never
trained on.

Run: python training/train.py [--shared ../shared] [--steps 8000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "lint_brieven" / "nlp" / "model"
META = {
    "lang": "nl",
    "name": "brieven_sm",
    "version": "1.0.0",
    "description": "Dutch pipeline for letters from housing corporations to tenants "
    "(tagger, morphologizer, parser, lemmatizer), trained by lint-brieven.",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "UD Dutch Alpino",
            "url": "https://universaldependencies.org/treebanks/nl_alpino/",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "UD Dutch LassySmall",
            "url": "https://universaldependencies.org/treebanks/nl_lassysmall/",
            "license": "CC BY-SA 4.0",
        },
        {"name": "lint-brieven letter gold set", "license": "CC BY-SA 4.0"},
    ],
}


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=ROOT / "training" / "output" / "final")
    args = parser.parse_args()
    py = sys.executable
    run(py, "training/letters/split.py")
    run(py, "training/prepare.py", "--shared", str(args.shared))
    run(
        py,
        "-m",
        "spacy",
        "train",
        "training/config.cfg",
        "--output",
        str(args.output),
        "--paths.train",
        "training/data/train.spacy",
        "--paths.dev",
        "training/data/dev.spacy",
        "--system.seed",
        str(args.seed),
        "--training.max_steps",
        str(args.steps),
    )
    best = args.output / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    meta.update(META)
    (best / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    shutil.copytree(best, SHIPPED)
    run(
        py,
        "training/evaluate.py",
        str(SHIPPED),
        "--shared",
        str(args.shared),
        "--out",
        "training/metrics.json",
    )


if __name__ == "__main__":
    main()

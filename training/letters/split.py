"""Split the hand-checked letter gold set into training and test sentences, deterministically.

Reads training/letters/gold-*.conllu; every 4th sentence (in file order) goes to
letters-test.conllu (the held-out letter test set), the rest to letters-train.conllu.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_EVERY = 4


def sentences(path: Path) -> list[str]:
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [b.strip() + "\n" for b in blocks if b.strip()]


def main() -> None:
    train, test = [], []
    for path in sorted(HERE.glob("gold-*.conllu")):
        for i, sentence in enumerate(sentences(path)):
            (test if i % TEST_EVERY == TEST_EVERY - 1 else train).append(sentence)
    (HERE / "letters-train.conllu").write_text("\n".join(train), encoding="utf-8")
    (HERE / "letters-test.conllu").write_text("\n".join(test), encoding="utf-8")
    print(f"letter gold set: {len(train)} train, {len(test)} test sentences")


if __name__ == "__main__":
    main()

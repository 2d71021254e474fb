"""How long identity takes per episode: fact matching against the lock and cloze renumbering.

.venv/bin/python bench/identity.py
"""

from __future__ import annotations

import time
from pathlib import Path

from notecards import load
from notecards.generate import generate
from notecards.identity import identify
from notecards.model import LockEntry

SAMPLE = Path(__file__).resolve().parents[1] / "decks" / "lex-fridman-035-jeremy-howard.txt"


def main(rounds: int = 50) -> None:
    episode = load(SAMPLE)
    cards = generate(episode)

    def lock(text_of) -> list[LockEntry]:
        return [
            LockEntry(f"g{i}", episode.key, f"k{i}", "cloze", "cloze", fact.section, text_of(fact.text), "c", 1)
            for i, fact in enumerate(episode.facts)
        ]

    cases = {
        "no lock (first build)": [],
        "every fact unchanged": lock(lambda text: text),
        "every fact edited (a word dropped)": lock(lambda text: " ".join(text.split()[1:])),
        "no fact matches (worst case: every pair scored)": lock(lambda text: " ".join(w[::-1] for w in text.split())),
    }
    for name, previous in cases.items():
        start = time.perf_counter()
        for _ in range(rounds):
            identify(episode, cards, previous)
        print(
            f"{name}: {(time.perf_counter() - start) / rounds * 1000:.2f} ms per episode "
            f"({len(episode.facts)} facts, {len(cards)} cards)"
        )


if __name__ == "__main__":
    main()

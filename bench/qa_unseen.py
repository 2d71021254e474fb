"""Q/A cards on made-up bullets the patterns were never written from (tests/data/unseen/*.txt).

    .venv/bin/python bench/qa_unseen.py        # totals, and every card not yet judged
    .venv/bin/python bench/qa_unseen.py -v     # every fact with its Q/A cards
    .venv/bin/python bench/qa_unseen.py unseen2   # another set of pages (tests/data/unseen2/)

Prints how many facts get a Q/A card and how many of those cards a human judged correct
(tests/data/unseen/judged.yaml: one entry per card, ``ok`` true when the question is an English
sentence that asks for its answer). Unjudged cards are listed so they can be judged by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from notecards import generate, load

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def main(argv: list[str]) -> None:
    names = [a for a in argv if not a.startswith("-")] or ["unseen"]
    for name in names:
        report(DATA / name, argv)


def report(UNSEEN: Path, argv: list[str]) -> None:
    judged_path = UNSEEN / "judged.yaml"
    judged = (
        {(j["q"], j["a"]): j["ok"] for j in (yaml.safe_load(judged_path.read_text(encoding="utf-8")) or [])}
        if judged_path.exists()
        else {}
    )
    facts = with_qa = with_good = cards = good = bad = 0
    unjudged = []
    for page in sorted(UNSEEN.glob("*.txt")):
        episode = load(page)
        made = generate(episode)
        for fact in episode.facts:
            facts += 1
            qa = [c for c in made if c.kind == "qa" and c.fact == fact]
            with_qa += bool(qa)
            with_good += any(judged.get((c.question, c.answer)) for c in qa)
            if "-v" in argv:
                print(f"- {fact.text}")
            for card in qa:
                cards += 1
                verdict = judged.get((card.question, card.answer))
                good += verdict is True
                bad += verdict is False
                if verdict is None:
                    unjudged.append(card)
                if "-v" in argv:
                    mark = {True: "ok ", False: "BAD", None: "?  "}[verdict]
                    print(f"    {mark} Q: {card.question}  A: {card.answer}")
    print(
        f"{UNSEEN.name} ({facts} facts): {with_qa} with a Q/A card ({with_qa / facts:.2f}); {cards} cards, "
        f"{good} judged correct, {bad} wrong, {len(unjudged)} unjudged; {cards / facts:.2f} per fact; "
        f"{with_good} facts with a correct card"
    )
    for card in unjudged:
        print(
            yaml.safe_dump([{"q": card.question, "a": card.answer, "ok": None}], allow_unicode=True, width=200).rstrip()
        )


if __name__ == "__main__":
    main(sys.argv[1:])

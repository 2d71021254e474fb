"""A quick proxy for cloze precision on labelled pages (dev only): share of deletions matching a gold span,
share of cloze notes whose every deletion matches one, deletions per note, and the notes that do not.

    .venv/bin/python bench/cloze_proxy.py [split] [-v]

Blind review (bench/review.py) is the measure; this only says, between two reviews, whether a change to
span choice moved towards or away from what a careful labeller hides.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from notecards import generate, load
from quality import PAGES, normal, overlaps


def main(argv: list[str]) -> None:
    split = next((a for a in argv if not a.startswith("-")), "dev")
    if split != "dev":
        raise SystemExit("the proxy reads gold spans: dev only (held-out pages are for blind review figures)")
    stems = yaml.safe_load((PAGES / "splits.yaml").read_text(encoding="utf-8"))[split]
    deletions = hits = notes = clean = facts = carded = 0
    misses = []
    for stem in stems:
        episode = load(PAGES / f"{stem}.txt")
        gold_file = yaml.safe_load((PAGES / f"{stem}.gold.yaml").read_text(encoding="utf-8"))
        gold = {
            normal(item["text"]): [str(s) for s in item.get("key_spans", [])]
            for item in [*gold_file.get("big_reveals", []), *gold_file.get("things_worth_remembering", [])]
        }
        cards = generate(episode)
        facts += len(episode.facts)
        carded += len({c.fact for c in cards if c.fact in episode.facts})
        for card in cards:
            if card.kind != "cloze":
                continue
            spans = gold.get(normal(card.fact.text), [])
            answers = list(dict.fromkeys(card.text[d.start : d.end] for d in card.deletions))
            good = [any(overlaps(a, g) for g in spans) for a in answers]
            deletions += len(answers)
            hits += sum(good)
            notes += 1
            clean += all(good)
            if not all(good):
                misses.append(
                    f"  {[a for a, g in zip(answers, good, strict=True) if not g]} in: {card.text[:100]}  (gold {spans})"
                )
    print(f"{split}: {notes} cloze notes, {deletions / max(notes, 1):.2f} deletions per note")
    print(f"  deletions matching gold {hits}/{deletions} = {hits / max(deletions, 1):.2f}")
    print(f"  notes all matching gold {clean}/{notes} = {clean / max(notes, 1):.2f}")
    print(f"  facts with a card {carded}/{facts}")
    if "-v" in argv:
        print("\n".join(misses))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(sys.argv[1:])

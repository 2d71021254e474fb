"""Reading more shapes of notes changes nothing for the sources notecards already read: every sample
and test page keeps its episode key, deck name, title and fact keys — so its GUIDs — as recorded in
``tests/data/identity/sources.json`` before the readers grew (regenerate only on purpose:
``NOTECARDS_UPDATE_IDENTITY=1``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from notecards.identity import fresh_fact_key
from notecards.sources import read_episode

SNAPSHOT = Path("tests/data/identity/sources.json")
RECORDED = json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def identity(path: Path) -> dict:
    episode = read_episode(path)
    facts = [*(g.fact for g in episode.guests), *episode.facts, *(r.fact for r in episode.recommendations)]
    return {
        "key": episode.key,
        "deck": episode.deck_name,
        "title": episode.title,
        "podcast": episode.podcast,
        "number": episode.number,
        "guests": list(episode.guest_names),
        "facts": [fresh_fact_key(fact) for fact in facts],
    }


def test_the_snapshot_covers_the_samples_and_every_test_page() -> None:
    assert len(RECORDED) >= 60
    assert {p for p in RECORDED if p.startswith("decks/")} == {str(p) for p in Path("decks").iterdir()}


@pytest.mark.parametrize("source", sorted(RECORDED))
def test_an_existing_source_keeps_its_keys(source: str) -> None:
    if os.environ.get("NOTECARDS_UPDATE_IDENTITY"):
        RECORDED[source] = identity(Path(source))
        SNAPSHOT.write_text(json.dumps(RECORDED, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert identity(Path(source)) == RECORDED[source]

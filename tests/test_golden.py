"""Golden JSON of the notes generated from each deck source, reviewed like code.

After a deliberate change to generation, regenerate with
``NOTECARDS_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import DATA
from notecards.build import plan
from notecards.cli import note_as_json
from notecards.sources import supported_suffixes

GOLDEN = DATA / "golden"
SOURCES = sorted(
    p
    for p in Path(__file__).resolve().parents[1].joinpath("decks").iterdir()
    if p.is_file() and p.suffix.lower() in supported_suffixes()
)  # not notecards.lock


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_generated_notes_match_the_golden_file(source: Path) -> None:
    notes, errors = plan([Path("decks") / source.name])
    assert errors == ()
    generated = [note_as_json(note) for note in notes]
    golden = GOLDEN / f"{source.stem}.notes.json"
    if os.environ.get("NOTECARDS_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(generated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert generated == json.loads(golden.read_text(encoding="utf-8"))

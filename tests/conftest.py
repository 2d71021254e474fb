"""Shared fixtures: the sample episode, a built copy of it, and a fresh real Anki collection."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = Path("decks") / "lex-fridman-035-jeremy-howard.txt"  # relative: paths show up in outputs
SAMPLE_GOLD = DATA / "pages" / "lex-fridman-035-jeremy-howard.gold.yaml"


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the project root as its working directory, as a user running the CLI would."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def collection(tmp_path: Path):
    from anki_real import fresh_collection

    col = fresh_collection(tmp_path)
    yield col
    col.close()

# Anki cards (one per cloze number, one per Q/A note) the sample makes: pinned in one place,
# updated with the golden notes when generation changes on purpose.
SAMPLE_CARDS = 51

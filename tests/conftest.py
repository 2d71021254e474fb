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


SAMPLE_LOCK = ROOT / "decks" / "notecards.lock"


@pytest.fixture(autouse=True, scope="session")
def _keep_the_users_sample_lock():
    """A CLI build of decks/ writes decks/notecards.lock (the default lock). Tests run without the
    one a user may have, and it is put back afterwards."""
    saved = SAMPLE_LOCK.read_bytes() if SAMPLE_LOCK.exists() else None
    SAMPLE_LOCK.unlink(missing_ok=True)
    yield
    SAMPLE_LOCK.unlink(missing_ok=True)
    if saved is not None:
        SAMPLE_LOCK.write_bytes(saved)


@pytest.fixture(autouse=True)
def _no_shared_sample_lock(_keep_the_users_sample_lock):
    """Each test starts without decks/notecards.lock, so tests never see each other's builds."""
    SAMPLE_LOCK.unlink(missing_ok=True)


@pytest.fixture
def collection(tmp_path: Path):
    from anki_real import fresh_collection

    col = fresh_collection(tmp_path)
    yield col
    col.close()

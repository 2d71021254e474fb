"""Shared fixtures: the sample episode, a built copy of it, and a fresh real Anki collection."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from notecards.generate.qa import qa_cards
from notecards.generate.qa_rules import is_clean
from notecards.model import BIG_REVEALS, Card, Episode, Fact, Guest, Location

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = Path("decks") / "lex-fridman-035-jeremy-howard.txt"  # relative: paths show up in outputs
SAMPLE_GOLD = DATA / "pages" / "lex-fridman-035-jeremy-howard.gold.yaml"
# A made-up episode for Q/A tests on single bullets: its guest's names are context, never answers.
QA_WHERE = Location("decks/ep.txt", 3)
QA_EPISODE = Episode(
    "Some Podcast",
    "Ada Smith | Some Podcast #12",
    QA_WHERE,
    number=12,
    guests=(Guest("Ada Smith", "Historian", QA_WHERE),),
)


def clean_qa_cards(text: str) -> list[Card]:
    """The Q/A cards of one bullet of ``QA_EPISODE``, each checked against the Q/A rules."""
    cards = qa_cards(Fact(BIG_REVEALS, text, QA_WHERE), QA_EPISODE)
    assert all(is_clean(card) for card in cards)
    return cards


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the project root as its working directory, as a user running the CLI would."""
    monkeypatch.chdir(ROOT)


def _stray_locks() -> list[Path]:
    """Lock and overrides files in the project's source folders: a CLI build without --lock writes
    notecards.lock beside its sources (decks/, tests/data/…), and `review` its overrides there."""
    return [
        path
        for folder in (ROOT / "decks", DATA)
        for name in ("notecards.lock", "notecards.overrides.yaml")
        for path in folder.rglob(name)
    ]


@pytest.fixture(autouse=True, scope="session")
def _keep_the_users_locks():
    """Tests run without the lock files a user may have in decks/; they are put back afterwards."""
    saved = {path: path.read_bytes() for path in _stray_locks()}
    for path in saved:
        path.unlink()
    yield
    for path in _stray_locks():
        path.unlink()
    for path, data in saved.items():
        path.write_bytes(data)


@pytest.fixture(autouse=True)
def _no_shared_locks(_keep_the_users_locks):
    """Each test starts without lock files in the source folders, and leaves none there: a test
    writes its lock into its own temporary folder (``--lock``), never into the checkout."""
    for path in _stray_locks():
        path.unlink()
    yield
    written = _stray_locks()
    for path in written:
        path.unlink()
    assert not written, f"the test wrote {[str(p.relative_to(ROOT)) for p in written]}: pass --lock in tmp_path"


# What ``pytest -m "not slow"`` leaves out: tests that import into a real Anki collection, drive
# Chromium, start a process pool or other processes, talk to a server, run hypothesis searches, or
# build whole decks again and again (the lock, the cache, overrides, templates, hostile sources).
SLOW_MODULES = {
    "test_anki_import",  # real Anki
    "test_reimport",
    "test_review_reimport",
    "test_sync",  # AnkiConnect on a real collection
    "test_cli_sync",
    "test_ankiconnect",
    "test_preview_browser",  # Chromium
    "test_review_browser",
    "test_review_server",  # a server on 127.0.0.1
    "test_watch",  # processes
    "test_watch_cli",
    "test_batch",  # process pools
    "test_interrupts",  # a real build process, interrupted
    "test_build_guard",
    "test_workers",  # worker processes
    "test_failures",  # builds in processes, a full disk
    "test_untrusted_files",  # end-to-end builds
    "test_identity_edits",
    "test_budgets",
    "test_properties",  # hypothesis
    "test_generate_properties",
    "test_lock",  # end-to-end builds
    "test_lock_file",
    "test_removed_sources",
    "test_overrides",
    "test_templates_user",
    "test_keys_scripts",
    "test_hostile",
    "test_sources_shapes",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module.__name__ in SLOW_MODULES or "collection" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def collection(tmp_path: Path):
    from anki_real import fresh_collection

    col = fresh_collection(tmp_path)
    yield col
    col.close()


# Anki cards (one per cloze number, one per Q/A note) the sample makes: pinned in one place,
# updated with the golden notes when generation changes on purpose.
SAMPLE_CARDS = 27


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's headless Chromium for the browser tests: skipped where it is not installed, except in
    CI (the CI variable set), where that fails: .ci/run installs it."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI needs the browser test: apt-get install chromium")
        pytest.skip("chromium is not installed")
    return CHROMIUM

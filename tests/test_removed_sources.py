"""A source file that disappears: its notes are emitted once more tagged removed, and the lock
keeps them removed; a build of another folder or one file never removes what it did not look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anki_real import import_package, notes_by_guid
from conftest import DATA
from notecards import build, plan
from notecards.cli import app
from notecards.lock import REMOVED_TAG
from notecards.lock_file import read_lock
from notecards.removed_sources import REMOVED_DECK

V1 = DATA / "reimport" / "v1"
ADA, OMAR = "memory-lab-012-ada-moreau.txt", "memory-lab-013-omar-haddad.txt"
T1, T2, T3, T4 = 1_600_000_000, 1_600_000_100, 1_600_000_200, 1_600_000_300


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(V1, folder)
    return folder


def live(lock: Path, episode_part: str) -> set[str]:
    return {e.guid for e in read_lock(lock).entries if episode_part in e.episode and not e.removed}


def test_a_deleted_source_has_its_notes_removed_once(notes_dir: Path, tmp_path: Path) -> None:
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    first = build([notes_dir], out, lock=lock, now=T1)
    (ada_deck,) = [deck for deck in first.decks if "#12" in deck.name]
    ada_guids = set(ada_deck.new)
    assert ada_guids and all(e.source == ADA for e in read_lock(lock).entries if e.guid in ada_guids)

    (notes_dir / ADA).unlink()
    second = build([notes_dir], out, lock=lock, now=T2)
    assert second.errors == () and second.gone == (str(notes_dir / ADA),)  # (outside the working folder)
    (removed_deck,) = [deck for deck in second.decks if deck.removed]
    assert removed_deck.name == ada_deck.name and set(removed_deck.removed) == ada_guids
    assert removed_deck.notes == 0 and removed_deck.removed_facts
    entries = {e.guid: e for e in read_lock(lock).entries}
    assert all(entries[g].removed and REMOVED_TAG in entries[g].tags and entries[g].mtime == T2 for g in ada_guids)
    # The other episodes are untouched, and the next build removes nothing more.
    assert all(not deck.removed and not deck.changed for deck in second.decks if deck is not removed_deck)
    third = build([notes_dir], out, lock=lock, now=T3)
    assert third.gone == () and all(not deck.removed for deck in third.decks)

    # Put back, the source gets its old GUIDs again.
    shutil.copy(V1 / ADA, notes_dir / ADA)
    fourth = build([notes_dir], out, lock=lock, now=T4)
    assert live(lock, "12") == ada_guids and fourth.gone == ()
    (ada_back,) = [deck for deck in fourth.decks if "#12" in deck.name]
    assert set(ada_back.changed) == ada_guids and not ada_back.new and not ada_back.removed


def test_removed_notes_carry_their_fields_and_the_removed_tag_into_anki(
    notes_dir: Path, tmp_path: Path, collection
) -> None:
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    first = build([notes_dir], out, lock=lock, now=T1)
    for deck in first.decks:
        import_package(collection, Path(deck.path))
    before = notes_by_guid(collection)
    (notes_dir / OMAR).unlink()
    second = build([notes_dir], out, lock=lock, now=T2)
    (deck,) = [deck for deck in second.decks if deck.removed]
    summary = import_package(collection, Path(deck.path))
    after = notes_by_guid(collection)
    assert set(summary.guids("updated")) == set(deck.removed)
    assert len(after) == len(before)  # nothing added: the notes are updated in place
    for guid in deck.removed:
        assert REMOVED_TAG in after[guid].tags
        assert after[guid].fields == before[guid].fields  # as the last build rendered them (from the cache)


def test_without_the_cache_removed_notes_go_to_a_deck_of_their_own(notes_dir: Path, tmp_path: Path) -> None:
    lock = notes_dir / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    (notes_dir / OMAR).unlink()
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    (deck,) = [deck for deck in report.decks if deck.removed]
    assert deck.name == REMOVED_DECK and Path(deck.path).is_file()


def test_only_sources_inside_the_folders_built_count(notes_dir: Path, tmp_path: Path) -> None:
    lock, out = tmp_path / "shared.lock", tmp_path / "dist"
    other = tmp_path / "other"
    other.mkdir()
    shutil.move(notes_dir / OMAR, other / OMAR)
    build([notes_dir, other], out, lock=lock, now=T1)
    omar = live(lock, "13")
    # A build of one file, or of the other folder, leaves the rest of the lock alone.
    report = build([notes_dir / ADA], out, lock=lock, now=T2)
    assert report.gone == () and live(lock, "13") == omar
    (other / OMAR).unlink()
    report = build([notes_dir], out, lock=lock, now=T3)
    assert report.gone == () and live(lock, "13") == omar
    report = build([other], out, lock=lock, now=T4)
    assert len(report.gone) == 1 and live(lock, "13") == set()


def test_a_source_that_fails_to_read_keeps_its_notes(notes_dir: Path, tmp_path: Path) -> None:
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    build([notes_dir], out, lock=lock, now=T1)
    omar = live(lock, "13")
    (notes_dir / OMAR).write_bytes(b"\xff\xfe\x00broken")
    report = build([notes_dir], out, lock=lock, now=T2)
    assert report.errors and report.gone == () and live(lock, "13") == omar


def test_the_lock_names_sources_relative_to_itself(notes_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """Builds run from different folders agree on where a source was."""
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    monkeypatch.chdir(tmp_path)
    build([Path("notes")], out, lock=lock, now=T1)
    monkeypatch.chdir(notes_dir)
    report = build([Path(".")], out, lock=lock, now=T2)
    assert report.gone == () and all(not deck.removed for deck in report.decks)
    (notes_dir / ADA).unlink()
    monkeypatch.chdir(tmp_path)
    report = build([notes_dir.resolve()], out, lock=lock, now=T3)
    assert len(report.gone) == 1 and report.gone[0].endswith(ADA)


def test_cards_and_the_summary_show_the_removed_notes(notes_dir: Path, tmp_path: Path) -> None:
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    build([notes_dir], out, lock=lock, now=T1)
    ada = live(lock, "12")
    (notes_dir / ADA).unlink()
    notes, errors = plan([notes_dir], lock=lock)
    assert errors == () and {n.guid for n in notes if REMOVED_TAG in n.tags} == ada
    result = CliRunner().invoke(app, ["build", str(notes_dir), "--out", str(out), "--lock", str(lock)])
    assert result.exit_code == 0, result.output
    assert f"{ADA}: gone since the last build; its notes are tagged {REMOVED_TAG}" in result.output


def test_by_guest_removed_notes_go_to_the_guests_deck(tmp_path: Path) -> None:
    from test_batch import EPISODES, page

    folder = tmp_path / "src"
    for name, (guests, podcast, number, date) in EPISODES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(page(guests, podcast, number, date), encoding="utf-8")
    lock, out = tmp_path / "notecards.lock", tmp_path / "dist"
    build([folder], out, lock=lock, by="guest", now=T1)
    (folder / "second" / "ada-7.txt").unlink()
    report = build([folder], out, lock=lock, by="guest", now=T2)
    (deck,) = [deck for deck in report.decks if deck.removed]
    assert deck.name == "Guests::Ada Lovelace" and deck.notes > 0  # with the guest's other episode

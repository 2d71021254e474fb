"""`sync` against an AnkiConnect server acting on a REAL Anki collection (tests/ankiconnect_server.py):
the re-import edit script (typos, rewording, a changed number, moves, a removed and an added bullet,
a renamed file) goes through AnkiConnect's package import, and nothing is duplicated or lost.

Build times are passed explicitly, all in the past, as in test_reimport.py (Anki compares whole seconds).
"""

from __future__ import annotations

import html
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from anki_real import answer_all_cards, card_states, notes_by_guid
from ankiconnect_server import AnkiConnectServer, collection_at
from notecards.anki_sync import RECORD_FILE, SyncReport, sync
from notecards.ankiconnect import AnkiConnect
from notecards.cache import CACHE_DIR
from notecards.lock import REMOVED_TAG
from notecards.lock_file import read_lock
from test_reimport import ADDED, EDITED, REMOVED, V1, V2, guids_of

SUSPENDED = -1  # a card's queue when suspended


@pytest.fixture
def anki(tmp_path: Path):
    """A server on a fresh collection; yields (server, client)."""
    collection = collection_at(tmp_path)
    with AnkiConnectServer(collection) as server:
        yield server, AnkiConnect(server.url)
    collection.close()


def swap_to_v2(notes: Path) -> None:
    for source in notes.glob("*.txt"):
        source.unlink()
    for source in V2.glob("*.txt"):
        shutil.copy(source, notes / source.name)


def deck_counts(report: SyncReport) -> dict[str, tuple[int, int, int]]:
    return {deck.name: (deck.added, deck.updated, deck.unchanged) for deck in report.imported}


def test_edit_script_through_sync(tmp_path: Path, anki) -> None:
    server, client = anki
    col = server.collection
    notes, lock, out = tmp_path / "notes", tmp_path / "notes" / "notecards.lock", tmp_path / "dist"
    shutil.copytree(V1, notes)
    now = int(time.time())

    first = sync([notes], out, anki=client, lock=lock, now=now - 4000)
    assert first.failure == "" and len(first.imported) == 3 and first.up_to_date == 0
    assert deck_counts(first) == {d.name: (d.notes, 0, 0) for d in first.build.decks}  # read back from Anki
    with server.lock:
        assert first.total("added") == col.note_count() > 25
        assert answer_all_cards(col) == col.card_count()
        preset = col.decks.get_config(1)
        preset["new"]["perDay"] = 33  # the user's own deck options (a package carries a preset too)
        col.decks.update_config(preset)
        before_states, before_notes = card_states(col), notes_by_guid(col)
    before_lock = {text: guids_of(lock, text) for text in [*EDITED, REMOVED]}

    swap_to_v2(notes)
    second = sync([notes], out, anki=client, lock=lock, now=now - 3000)
    assert second.failure == ""
    built = {d.name: d for d in second.build.decks}
    assert deck_counts(second) == {  # the renamed file's deck is unchanged: not sent again
        name: (len(d.new), len(d.changed) + len(d.removed), len(d.unchanged))
        for name, d in built.items()
        if d.new or d.changed or d.removed
    }
    assert len(second.imported) == 2 and second.up_to_date == 1
    with server.lock:
        after_states, after_notes = card_states(col), notes_by_guid(col)
        assert col.decks.get_config(1)["new"]["perDay"] == 33

    # No duplicates: the only new notes are the added bullet's and the new roles an edit gave.
    added = guids_of(lock, ADDED)
    new_roles = {g for text in EDITED.values() for g in guids_of(lock, text)} - {
        g for guids in before_lock.values() for g in guids
    }
    assert added and set(after_notes) == set(before_notes) | added | new_roles
    assert {s.type for s in after_states.values() if s.guid in added | new_roles} == {0}  # they arrive new
    assert second.total("added") == len(added | new_roles)
    fact_texts = [(e.fact, e.role) for e in read_lock(lock).entries]
    assert len(fact_texts) == len(set(fact_texts)) == len(after_notes)

    # Every review kept; the removed bullet's cards are suspended, and only theirs.
    removed = before_lock[REMOVED]
    assert {g for g, note in after_notes.items() if REMOVED_TAG in note.tags} == removed
    for card_id, state in before_states.items():
        after = after_states[card_id]
        assert after.revlog_count == state.revlog_count >= 1 and after.reps == state.reps
        assert replace(after, queue=state.queue) == state
        assert (after.queue == SUSPENDED) == (state.guid in removed)
    assert second.removed_notes == len(removed) and second.suspended == sum(
        1 for s in after_states.values() if s.guid in removed
    )
    for old_text, new_text in EDITED.items():  # edited facts show their new text under their old GUIDs
        for guid in before_lock[old_text]:
            assert new_text in html.unescape(after_notes[guid].fields["Fact"])

    # Syncing again: the removed notes are no longer emitted, so that deck goes to Anki once more,
    # and Anki reports nothing added or updated; after that, nothing is sent at all.
    third = sync([notes], out, anki=client, lock=lock, now=now - 2000)
    assert third.failure == "" and third.total("added") == third.total("updated") == 0
    assert third.suspended == 0 and third.removed_notes == len(removed)
    fourth = sync([notes], out, anki=client, lock=lock)
    assert fourth.imported == () and fourth.up_to_date == 3 and fourth.suspended == 0
    # Without the record of what Anki has, every deck is sent again: still nothing changes.
    (out / CACHE_DIR / RECORD_FILE).unlink()
    fifth = sync([notes], out, anki=client, lock=lock)
    assert len(fifth.imported) == 3 and fifth.total("added") == fifth.total("updated") == 0
    with server.lock:
        assert card_states(col) == after_states and notes_by_guid(col) == after_notes


def test_removed_notes_come_back_or_are_deleted(tmp_path: Path, anki) -> None:
    server, client = anki
    col = server.collection
    notes, lock, out = tmp_path / "notes", tmp_path / "notes" / "notecards.lock", tmp_path / "dist"
    shutil.copytree(V1, notes)
    now = int(time.time())
    sync([notes], out, anki=client, lock=lock, now=now - 4000)
    with server.lock:
        answer_all_cards(col)
        reviewed = card_states(col)
    removed = guids_of(lock, REMOVED)
    swap_to_v2(notes)
    kept = sync([notes], out, anki=client, lock=lock, now=now - 3000, removed="keep")
    assert kept.removed_notes == len(removed) and kept.suspended == 0
    suspended = sync([notes], out, anki=client, lock=lock, now=now - 2900)
    assert suspended.suspended == len(removed_cards(server, removed)) > 0

    # The bullet is put back: its notes keep their GUIDs, lose the tag, and their cards come back.
    source = notes / "memory-lab-012-ada-moreau.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  • A nap", f"  • {REMOVED}\n  • A nap"), encoding="utf-8")
    back = sync([notes], out, anki=client, lock=lock, now=now - 2000)
    assert guids_of(lock, REMOVED) == removed and back.restored == len(removed_cards(server, removed))
    with server.lock:
        states = card_states(col)
        assert [states[cid] for cid in removed_cards(server, removed)] == [  # as reviewed, unsuspended
            reviewed[cid] for cid in removed_cards(server, removed)
        ]
        assert not any(REMOVED_TAG in notes_by_guid(col)[g].tags for g in removed)

    # Removed again, and deleted this time: only those notes go, every other card keeps its state.
    source.write_text(text, encoding="utf-8")
    deleted = sync([notes], out, anki=client, lock=lock, now=now - 1000, removed="delete")
    assert deleted.deleted == len(removed) and deleted.removed_notes == len(removed)
    with server.lock:
        left = card_states(col)
        assert not removed & set(notes_by_guid(col))
        assert {cid: s for cid, s in states.items() if s.guid not in removed} == left


def removed_cards(server: AnkiConnectServer, guids: set[str]) -> list[int]:
    with server.lock:
        return [cid for cid, state in card_states(server.collection).items() if state.guid in guids]


def test_notes_of_a_deleted_source_are_suspended(tmp_path: Path, anki) -> None:
    server, client = anki
    notes, lock, out = tmp_path / "notes", tmp_path / "notes" / "notecards.lock", tmp_path / "dist"
    shutil.copytree(V1, notes)
    now = int(time.time())
    first = sync([notes], out, anki=client, lock=lock, now=now - 4000)
    gone = next(d for d in first.build.decks if "Omar Haddad" in d.name)
    (notes / "memory-lab-013-omar-haddad.txt").unlink()
    second = sync([notes], out, anki=client, lock=lock, now=now - 3000)
    assert second.failure == "" and second.removed_notes == gone.notes
    assert [(d.name, d.added, d.updated) for d in second.imported] == [(gone.name, 0, gone.notes)]
    with server.lock:
        states, in_anki = card_states(server.collection), notes_by_guid(server.collection)
    assert {g for g, note in in_anki.items() if REMOVED_TAG in note.tags} == set(gone.new)
    assert {s.guid for s in states.values() if s.queue == SUSPENDED} == set(gone.new)
    assert second.suspended == gone.cards

"""The maintainer's round trip, in a REAL Anki collection: build three episodes, import, review every
card, edit the notes, rebuild, re-import — and nothing is lost or duplicated.

tests/data/reimport/v1 → v2 holds the edits: typo fixes, a rewording, a changed number, two bullets
swapped, a bullet moved to the other section, one removed, one added, a recommendation's quote
edited, and one episode's file renamed without any change. Build times are passed explicitly
(Anki compares whole seconds), all in the past.
"""

from __future__ import annotations

import html
import re
import shutil
import time
from pathlib import Path

from anki_real import answer_all_cards, card_states, import_package, notes_by_guid, rendered_cards
from conftest import DATA
from notecards import build
from notecards.lock import REMOVED_TAG
from notecards.lock_file import read_lock

V1, V2 = DATA / "reimport" / "v1", DATA / "reimport" / "v2"
ADDED = "Handwritten notes are remembered better than typed transcripts because writing forces a summary."
REMOVED = "During deep sleep the hippocampus replays the day's experiences to the neocortex."
EDITED = {  # v1 text → v2 text
    "Outside South Africa, the entire African continent has only five pediatric radiologsts.": "Outside South Africa, the entire African continent has only five pediatric radiologists.",
    "Spaced repetition was discovered by psychologist Ebbinghaus roughly 150 years ago by memorizng random "
    "sequences of letters on cards.": "Spaced repetition was discovered by psychologist Ebbinghaus roughly 150 years ago by memorizing "
    "random sequences of letters on cards.",
    "Interleaving diffrent problem types feels harder but improves transfer to new problems.": "Interleaving different problem types feels harder but improves transfer to new problems.",
    "There is roughly a 10x global shortage of doctors, and training enough the traditional way would take "
    "about 300 years.": "There is roughly a tenfold global shortage of doctors, and training enough the traditional way "
    "would take about 400 years.",  # a changed number, and an edit inside a deletion ("10x" → "tenfold")
    "Google deliberately made TPUs almost entirely unprogrammable because they feared people would learn "
    "their IP secrets.": "Google made TPUs nearly impossible to program on purpose, fearing that people would learn its IP "
    "secrets.",
    "Students who took a practice test remembered about 50% more a week later than students who re-read "
    "the chapter.": "In a 2006 study, students who took a practice test remembered about 50% more a week later than "
    "students who re-read the chapter.",  # a new cloze span lands before the old one
    "Anders Hejlsberg's Delphi was amazing because it was like a compiled fast language that was as easy to use as Visual Basic": "Anders Hejlsberg's Delphi was amazing because it was a compiled, fast language that was as easy to use as Visual Basic",
}


def hidden(card) -> list[str]:
    """The answer(s) a cloze card hides, as Anki renders them on the back."""
    if card.notetype != "notecards cloze":
        return []
    return [html.unescape(text) for text in re.findall(r'<span class="cloze"[^>]*>(.*?)</span>', card.answer)]


def guids_of(lock_path: Path, text: str) -> set[str]:
    return {e.guid for e in read_lock(lock_path).entries if e.text == text and not e.removed}


def apkgs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.apkg"))}


def import_all(collection, report) -> dict[str, set[str]]:
    outcomes: dict[str, set[str]] = {}
    for deck in report.decks:
        summary = import_package(collection, Path(deck.path))
        assert not [name for name in summary.new_notetypes if name.endswith("+")] and not summary.conflicting
        for outcome, _count in summary.counts().items():
            outcomes.setdefault(outcome, set()).update(summary.guids(outcome))
    return outcomes


def test_edit_rebuild_reimport_keeps_everything(tmp_path: Path, collection) -> None:
    notes_dir, lock = tmp_path / "notes", tmp_path / "notes" / "notecards.lock"
    shutil.copytree(V1, notes_dir)
    now = int(time.time())
    first = build([notes_dir], tmp_path / "dist1", lock=lock, now=now - 4000)
    assert len(first.decks) == 3 and first.errors == ()
    assert import_all(collection, first).keys() == {"new"}
    reviewed = answer_all_cards(collection)
    assert reviewed == collection.card_count() > 25
    before_states, before_notes = card_states(collection), notes_by_guid(collection)
    before_lock = {text: guids_of(lock, text) for text in [*EDITED, REMOVED]}
    assert all(before_lock.values()), "every edited fact made notes in v1"
    hidden_before = {card.card_id: hidden(card) for card in rendered_cards(collection)}
    # A user's own tag on a note whose source does not change must survive the re-import.
    omar = next(v for v in before_notes.values() if "Major System" in html.unescape(v.fields.get("Fact", "")))
    note = collection.get_note(collection.db.scalar("select id from notes where guid = ?", omar.guid))
    note.tags.append("my-own-tag")
    collection.update_note(note)

    for source in notes_dir.glob("*.txt"):
        source.unlink()
    for source in V2.glob("*.txt"):
        shutil.copy(source, notes_dir / source.name)
    second = build([notes_dir], tmp_path / "dist2", lock=lock, now=now - 3000)
    outcomes = import_all(collection, second)
    after_notes = notes_by_guid(collection)

    # The only new notes are the added bullet's, and the cards an edited bullet's new wording gives
    # that the old wording did not (a new pattern fits: a new role); nothing is duplicated.
    added = guids_of(lock, ADDED)
    old_guids = {g for guids in before_lock.values() for g in guids}
    new_roles = {g for text in EDITED.values() for g in guids_of(lock, text)} - old_guids
    entries = {e.guid: e for e in read_lock(lock).entries}
    old_roles = {(entries[g].fact, entries[g].role) for g in old_guids if g in entries}
    assert all(
        (entries[g].fact, entries[g].role) not in old_roles for g in new_roles
    )  # no second copy    assert added and outcomes["new"] == added | new_roles == {g for d in second.decks for g in d.new}
    assert set(after_notes) == set(before_notes) | added | new_roles
    live = [e for e in read_lock(lock).entries if not e.removed]
    for entry in live:
        showing = [
            v
            for v in after_notes.values()
            if entry.text in html.unescape(v.fields.get("Fact", "")) and REMOVED_TAG not in v.tags
        ]
        assert len(showing) == sum(1 for e in live if e.text == entry.text), entry.text

    # Every review and every card state is kept.
    after_states = card_states(collection)
    for card_id, state in before_states.items():
        assert after_states[card_id] == state
    new_cards = {s.guid for cid, s in after_states.items() if cid not in before_states}
    assert new_cards <= added | new_roles | {g for d in second.decks for g in d.changed}

    # Each edited fact's notes show the new text under their old GUIDs.
    for old_text, new_text in EDITED.items():
        assert guids_of(lock, new_text) - new_roles == before_lock[old_text], new_text
        for guid in before_lock[old_text]:
            assert new_text in html.unescape(after_notes[guid].fields["Fact"])
    # … and each cloze card still asks for its own span: the card that hid "300 years" now hides
    # "400 years", and "50%" stays on its card although a new deletion ("2006") now comes first.
    hidden_after = {card.card_id: hidden(card) for card in rendered_cards(collection)}
    follows = {"300 years": "400 years", "50%": "50%", "64x64": "64x64", "four students": "four students"}
    for old, new in follows.items():
        cards = [card_id for card_id, texts in hidden_before.items() if old in texts]
        assert len(cards) == 1, old
        assert new in hidden_after[cards[0]], (old, hidden_after[cards[0]])
    # A deletion whose words were rewritten keeps its card: the one that hid "10x" (alone) now hides
    # "tenfold global shortage", the deletion that took its place.
    (shortage,) = [card_id for card_id, texts in hidden_before.items() if texts == ["10x"]]
    assert hidden_after[shortage] == ["tenfold global shortage"], hidden_after[shortage]

    # Unchanged notes are not rewritten: Anki counts them up to date, and keeps the user's tag.
    unchanged = {g for d in second.decks for g in d.unchanged}
    changed = {g for d in second.decks for g in d.changed}
    removed = {g for d in second.decks for g in d.removed}
    assert outcomes["duplicate"] == unchanged and len(unchanged) >= 15
    assert outcomes["updated"] == changed | removed
    assert changed >= {g for guids in before_lock.values() for g in guids} - removed
    assert "my-own-tag" in after_notes[omar.guid].tags
    for guid in unchanged - {omar.guid}:  # (the user's edit gave that one a time of its own)
        assert after_notes[guid].mtime == before_notes[guid].mtime == now - 4000

    # The removed bullet's notes carry notecards::removed, and nothing else does.
    assert removed == before_lock[REMOVED]
    assert {g for g, v in after_notes.items() if REMOVED_TAG in v.tags} == removed
    assert [d.removed_facts for d in second.decks if d.removed] == [(REMOVED,)]

    # Rebuilding with no change: the removed notes are not emitted again; after that, every rebuild
    # writes byte-identical packages and an identical lock, whatever the clock says.
    third = build([notes_dir], tmp_path / "dist3", lock=lock, now=now - 2000)
    lock_text = lock.read_text(encoding="utf-8")
    fourth = build([notes_dir], tmp_path / "dist4", lock=lock)
    assert apkgs(tmp_path / "dist3") == apkgs(tmp_path / "dist4") and len(apkgs(tmp_path / "dist3")) == 3
    assert lock.read_text(encoding="utf-8") == lock_text
    untouched = [d for d in second.decks if not d.removed]
    for deck in untouched:
        name = Path(deck.path).name
        assert (tmp_path / "dist2" / name).read_bytes() == (tmp_path / "dist3" / name).read_bytes()
    assert all(not d.new and not d.changed and not d.removed for d in (*third.decks, *fourth.decks))
    again = import_all(collection, fourth)
    assert again.keys() == {"duplicate"} and len(again["duplicate"]) == len(after_notes) - len(removed)

"""The lock file on disk at back-catalogue scale: no rendered fields kept (older locks with them
still read), a bad note named by its line, one parse per version of the file, and removed notes that
still show their text without the fields."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from conftest import DATA
from notecards import NotecardsError, build
from notecards.build import plan
from notecards.lock import REMOVED_TAG
from notecards.lock_file import read_lock

V1, V2 = DATA / "reimport" / "v1", DATA / "reimport" / "v2"
ADA = "memory-lab-012-ada-moreau.txt"
T1, T2 = 1_600_000_000, 1_600_000_100


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(V1, folder)
    return folder


def note_lines(text: str) -> list[int]:
    return [index for index, line in enumerate(text.splitlines()) if line.startswith('{"')]


def apkg_fields(out: Path) -> dict[str, list[str]]:
    """Every note's fields in every .apkg of ``out``, by GUID (read from the package's database)."""
    found: dict[str, list[str]] = {}
    for package in out.glob("*.apkg"):
        database = out / "collection.anki2"
        database.write_bytes(zipfile.ZipFile(package).read("collection.anki2"))
        with sqlite3.connect(database) as connection:
            found.update(
                (guid, fields.split("\x1f")) for guid, fields in connection.execute("select guid, flds from notes")
            )
        database.unlink()
    return found


def test_the_lock_keeps_no_rendered_fields_and_reads_a_lock_that_has_them(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    text = lock.read_text(encoding="utf-8")
    assert all("fields" not in json.loads(line.rstrip(",")) for line in text.splitlines() if line.startswith('{"'))
    entries = read_lock(lock).entries
    # A lock written by the earlier format carried each note's rendered fields: still read, same entries.
    notes = {note.guid: [value for _, value in note.fields] for note in plan([notes_dir], lock=lock)[0]}
    old = [
        json.dumps(
            {**json.loads(line.rstrip(",")), "fields": notes[json.loads(line.rstrip(","))["guid"]]},
            ensure_ascii=False,
            sort_keys=True,
        )
        + ("," if line.endswith(",") else "")
        if line.startswith('{"')
        else line
        for line in text.splitlines()
    ]
    lock.write_text("\n".join(old) + "\n", encoding="utf-8")
    assert read_lock(lock).entries == entries
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    assert all(not deck.new and not deck.changed and not deck.removed for deck in report.decks)


def test_a_bad_note_is_named_by_its_line(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    lines = lock.read_text(encoding="utf-8").splitlines()
    third = note_lines("\n".join(lines))[2]
    lines[third] = lines[third].replace(f'"mtime": {T1}', '"mtime": "yesterday"')
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corrupt = lock.read_bytes()
    with pytest.raises(NotecardsError) as error:
        read_lock(lock).entries  # noqa: B018  (every episode read)
    # A build meets it when it needs that episode's notes: into the same output (its cache says
    # what the lock said, and the lines changed since) or a fresh one. That episode's source fails
    # with the line named; the lock keeps the line as it is, for the user to fix.
    messages = [str(error.value)]
    for out in ("a", "fresh"):
        report = build([notes_dir], tmp_path / out, lock=lock, now=T2)
        messages += report.errors
        assert lock.read_bytes() == corrupt and len(report.errors) == 1
    assert error.value.line == third + 1 and "notes[2]" in error.value.message
    assert (
        all(
            message.startswith(f"{lock}:{third + 1}: corrupt lock file: notes[2]: expected an integer")
            for message in messages
        )
        and len(messages) == 3
    )


def test_a_duplicated_guid_and_a_line_that_is_not_json_are_named(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    lines = lock.read_text(encoding="utf-8").splitlines()
    first, second = note_lines("\n".join(lines))[:2]
    guid = json.loads(lines[first].rstrip(","))["guid"]
    duplicated = [
        *lines[:second],
        lines[second].replace(json.loads(lines[second].rstrip(","))["guid"], guid),
        *lines[second + 1 :],
    ]
    lock.write_text("\n".join(duplicated) + "\n", encoding="utf-8")
    with pytest.raises(NotecardsError) as error:
        read_lock(lock)
    assert (error.value.line, error.value.message) == (second + 1, f"corrupt lock file: guid {guid!r} appears twice")
    broken = [*lines[:second], lines[second].replace('"kind": ', '"kind" ', 1), *lines[second + 1 :]]
    lock.write_text("\n".join(broken) + "\n", encoding="utf-8")
    errors = build([notes_dir], tmp_path / "b", lock=lock, now=T2).errors
    assert len(errors) == 1 and errors[0].startswith(f"{lock}:{second + 1}: corrupt lock file (not JSON")


def test_a_lock_is_parsed_once_per_version_of_the_file(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    first = read_lock(lock)
    assert read_lock(lock) is first
    shutil.copy(V2 / ADA, notes_dir / ADA)
    build([notes_dir], tmp_path / "a", lock=lock, now=T2)
    second = read_lock(lock)
    assert second is not first and second.entries != first.entries


def test_a_removed_note_shows_what_it_was(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    rendered = {note.guid: [value for _, value in note.fields] for note in plan([notes_dir], lock=lock)[0]}
    shutil.copy(V2 / ADA, notes_dir / ADA)
    # Into the same output: the build cache still holds the previous build's notes, so a removed
    # note is emitted with exactly the fields it had.
    shutil.copy(lock, tmp_path / "before.lock")
    report = build([notes_dir], tmp_path / "a", lock=lock, now=T2)
    removed = {guid for deck in report.decks for guid in deck.removed}
    written = apkg_fields(tmp_path / "a")
    assert removed and all(written[guid] == rendered[guid] for guid in removed)
    # Into a fresh output (no cache): rebuilt from the lock, the text still shows, clozes marked.
    shutil.copy(tmp_path / "before.lock", lock)
    report = build([notes_dir], tmp_path / "fresh", lock=lock, now=T2)
    assert {guid for deck in report.decks for guid in deck.removed} == removed
    written = apkg_fields(tmp_path / "fresh")
    entries = {entry.guid: entry for entry in read_lock(lock).entries}
    text = "During deep sleep the hippocampus replays"
    for guid in removed:
        assert entries[guid].removed and REMOVED_TAG in entries[guid].tags
        assert any(text in value for value in written[guid])
        if entries[guid].kind == "cloze":
            assert "{{c" in written[guid][0]

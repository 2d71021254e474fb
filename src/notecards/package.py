"""Writing .apkg files: the only module that imports genanki.

Note types are frozen (id, name, fields, templates); only their HTML and CSS may change, and then
their own mtime moves. Each note is written with its own mtime, and the zip is rewritten with
fixed dates and deflate, so an unchanged rebuild is byte-identical. Files appear atomically.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import sqlite3
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import genanki

from .atomic_write import write_atomically
from .errors import NotecardsError
from .model import Note
from .render import CLOZE_FIELDS, QA_FIELDS, NoteTypeHtml

# Frozen forever: changing any of these makes Anki create "Name+" and skip every existing note.
CLOZE_MODEL_ID = 1_607_392_319_101
QA_MODEL_ID = 1_607_392_319_102
CLOZE_MODEL_NAME = "notecards cloze"
QA_MODEL_NAME = "notecards Q/A"
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


class _NoteType(genanki.Model):
    """A genanki model that writes its own mtime instead of the package's."""

    def __init__(self, mtime: int, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.mtime = mtime

    def to_json(self, timestamp: float, deck_id: int) -> dict:
        return super().to_json(self.mtime, deck_id)


class _Note(genanki.Note):
    """A genanki note that writes its own mtime: the time its content last changed."""

    def __init__(self, mtime: int, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.mtime = mtime

    def write_to_db(self, cursor, timestamp: float, deck_id, id_gen) -> None:
        super().write_to_db(cursor, self.mtime, deck_id, id_gen)


def note_type_fingerprint(kind: str, note_type_html: NoteTypeHtml) -> str:
    """Changes exactly when what Anki stores of the note type changes: its HTML and CSS (the schema
    is frozen). The lock keeps the note type's mtime under it, so only a template change moves it."""
    data = "\x1f".join((kind, note_type_html.front, note_type_html.back, note_type_html.css))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def note_types(
    cloze_html: NoteTypeHtml, qa_html: NoteTypeHtml, mtimes: int | Mapping[str, int]
) -> dict[str, genanki.Model]:
    """The two note types, each with its own mtime (one number: both the same)."""
    if isinstance(mtimes, int):
        mtimes = {"cloze": mtimes, "qa": mtimes}
    return {
        "cloze": _NoteType(
            mtimes["cloze"],
            model_id=CLOZE_MODEL_ID,
            name=CLOZE_MODEL_NAME,
            model_type=genanki.Model.CLOZE,
            fields=[{"name": name} for name in CLOZE_FIELDS],
            css=cloze_html.css,
            templates=[{"name": "Cloze", "qfmt": cloze_html.front, "afmt": cloze_html.back}],
        ),
        "qa": _NoteType(
            mtimes["qa"],
            model_id=QA_MODEL_ID,
            name=QA_MODEL_NAME,
            fields=[{"name": name} for name in QA_FIELDS],
            css=qa_html.css,
            templates=[{"name": "Card 1", "qfmt": qa_html.front, "afmt": qa_html.back}],
        ),
    }


def deck_id(name: str) -> int:
    """A stable id from the deck's name (Anki matches decks by name; never 1, the Default deck)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:6], "big") | (1 << 50)


def write_apkg(path: Path, notes: Iterable[Note], models: dict[str, genanki.Model]) -> None:
    """Write one .apkg of ``notes`` (grouped into their decks) atomically and reproducibly."""
    decks: dict[str, genanki.Deck] = {}
    newest = 0
    for note in notes:
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        deck.add_note(
            _Note(
                note.mtime,
                model=models[note.kind],
                fields=[value for _, value in note.fields],
                tags=list(note.tags),
                guid=note.guid,
                sort_field=note.fields[0][1],
            )
        )
        newest = max(newest, note.mtime)
    package = genanki.Package(list(decks.values()))
    try:
        # genanki seeds note and card ids from the timestamp: the newest mtime keeps them stable.
        data = _package_bytes(package, newest)
    except (sqlite3.Error, MemoryError) as error:
        raise NotecardsError(f"cannot write deck: {error}", str(path)) from None
    write_atomically(path, data, what="deck")


def _package_bytes(package: genanki.Package, timestamp: int) -> bytes:
    """The .apkg's bytes, made in memory: genanki's own ``write_to_file`` leaves its SQLite file in
    the temporary folder. Members get a fixed date and deflate compression: reproducible and small."""
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, member in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member)
    return buffer.getvalue()

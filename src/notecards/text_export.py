"""Anki's text-import format (File → Import of a .csv/.txt): the notes of a deck, one row each.

Why: a text file can be read, diffed and edited by hand, and Anki imports it with the same GUIDs,
so re-importing an edited export updates the same notes. The header lines tell Anki everything
(separator, HTML fields, which columns hold the note type, deck, GUID and tags), so the import
dialog needs no choices. Every field is quoted, so that a GUID starting with ``#`` is not read as a
comment line. The note types must already exist in the collection (import one .apkg first): Anki
matches them by name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from .atomic_write import write_atomically
from .model import Note
from .package import CLOZE_MODEL_NAME, QA_MODEL_NAME

NOTE_TYPE_NAMES = {"cloze": CLOZE_MODEL_NAME, "qa": QA_MODEL_NAME}
SUFFIX = ".csv"
HEADER = (
    "#separator:Comma",
    "#html:true",
    "#guid column:1",
    "#notetype column:2",
    "#deck column:3",
    "#tags column:4",
    "#if matches:update current",
)


def text_export(notes: Iterable[Note]) -> str:
    """The notes as Anki text-import lines: GUID, note type, deck, tags, then the note's fields.

    The GUID comes first, as in Anki's own export; tags come before the fields, because the two
    note types have different numbers of fields and the tags column must be the same on every row."""
    out = io.StringIO()
    out.write("\n".join(HEADER) + "\n")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for note in notes:
        writer.writerow(
            [
                note.guid,
                NOTE_TYPE_NAMES[note.kind],
                note.deck,
                " ".join(note.tags),
                *(value for _, value in note.fields),
            ]
        )
    return out.getvalue()


def write_text_export(path: Path, notes: Iterable[Note]) -> None:
    """Write ``notes`` to ``path`` atomically (a half-written file never replaces a good one)."""
    write_atomically(path, text_export(notes), what="text export")

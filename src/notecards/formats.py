"""The output formats a build writes, registered in one place: adding a format touches only this
module (the CLI's ``--format`` choices, file suffixes and deck writing all come from ``FORMATS``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import package, text_export
from .errors import NotecardsError
from .model import Note
from .render import Renderer

# A deck writer: the file, the deck's stamped notes, the renderer (for the note types' HTML and
# CSS) and each note type's modification time.
DeckWriter = Callable[[Path, Sequence[Note], Renderer, Mapping[str, int]], None]


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str
    suffix: str
    description: str  # one line for ``--help``
    write: DeckWriter


def _write_apkg(path: Path, notes: Sequence[Note], renderer: Renderer, type_mtimes: Mapping[str, int]) -> None:
    models = package.note_types(renderer.note_type_html("cloze"), renderer.note_type_html("qa"), dict(type_mtimes))
    package.write_apkg(path, notes, models)


def _write_csv(path: Path, notes: Sequence[Note], renderer: Renderer, type_mtimes: Mapping[str, int]) -> None:
    text_export.write_text_export(path, notes)


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat("apkg", ".apkg", "Anki packages", _write_apkg),
        OutputFormat(
            "csv",
            text_export.SUFFIX,
            "Anki's text-import format (import one .apkg first for its note types)",
            _write_csv,
        ),
    )
}
DEFAULT_FORMAT = "apkg"


def output_format(name: str) -> OutputFormat:
    """The format called ``name``; an unknown name is a user error listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise NotecardsError(f"unknown output format {name!r} (expected one of: {', '.join(FORMATS)})") from None

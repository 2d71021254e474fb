"""Readers of episode notes, one per format, chosen by file suffix; each returns an ``Episode``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import NotecardsError
from ..model import Episode
from .notes_page import read_notes_page

Reader = Callable[[Path, str], Episode]

READERS: dict[str, Reader] = {
    ".txt": read_notes_page,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(READERS)


def read_episode(path: Path) -> Episode:
    """Read one source file, whatever its format; every failure is a ``NotecardsError``."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise NotecardsError(
            f"unsupported file type {path.suffix!r} (expected one of {', '.join(READERS)})", str(path))
    return reader(path, decode_source(path))


def decode_source(path: Path) -> str:
    """The file's text with BOMs removed, line ends made ``\\n`` and no-break spaces made spaces."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotecardsError(f"cannot read file: {error.strerror}", str(path)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
        if b"\x00" in data:
            raise NotecardsError("binary file, not text notes", str(path), 1)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise NotecardsError(f"not valid {encoding.upper().replace('-SIG', '')} text "
                             f"(byte {error.start})", str(path), line) from None
    if "\x00" in text:
        raise NotecardsError("binary file, not text notes", str(path), 1)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u202f", " ")

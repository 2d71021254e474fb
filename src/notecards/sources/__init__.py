"""Readers of episode notes, one per format, chosen by file suffix; each returns an ``Episode``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import NotecardsError
from ..model import Episode
from .canonical import read_canonical
from .checks import check_episode
from .discovery import discover as discover_files
from .markdown import read_markdown
from .notes_page import read_notes_page

Reader = Callable[[Path, str], Episode]

READERS: dict[str, Reader] = {
    ".txt": read_notes_page,
    ".md": read_markdown,
    ".yaml": read_canonical,
    ".yml": read_canonical,
}
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))  # zero-width space, word joiner, soft hyphen
CONTROL = dict.fromkeys((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)), " ")


def supported_suffixes() -> tuple[str, ...]:
    return tuple(READERS)


def discover(paths: Iterable[Path]) -> list[Path]:
    """The source files named, with folders searched recursively for every format read here."""
    return discover_files(paths, READERS)


def read_episode(path: Path) -> Episode:
    """Read one source file, whatever its format; every failure is a ``NotecardsError``."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise NotecardsError(f"unsupported file type {path.suffix!r} (expected one of {', '.join(READERS)})", str(path))
    try:
        return check_episode(reader(path, decode_source(path)))
    except RecursionError:  # a pathological nesting the YAML parser could not follow
        raise NotecardsError("nested too deeply to read", str(path)) from None


def decode_source(path: Path) -> str:
    """The file's text with BOMs removed, line ends made ``\\n``, no-break spaces made spaces,
    zero-width characters dropped and other control characters made spaces."""
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
        line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
        raise NotecardsError(
            f"not valid {encoding.upper().replace('-SIG', '')} text (byte {error.start}); save the file as UTF-8",
            str(path),
            line,
        ) from None
    if "\x00" in text:
        raise NotecardsError("binary file, not text notes", str(path), 1)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return text.translate(INVISIBLE).translate(CONTROL)

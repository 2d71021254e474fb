"""Readers of episode notes: one module per shape of notes, all registered in ``FORMATS`` below, each
returning ``Episode`` values (a file may hold several episodes: Snipd's export of all episodes).

Which reader reads a file is decided here, in one place: by its suffix, and where several shapes share
a suffix (``.md``: Readwise, Snipd, plain Markdown), by the first whose ``claims`` test the text passes.
A new format is one module defining a ``SourceFormat`` and one line in ``FORMATS``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import NotecardsError, NotEpisodeNotes  # noqa: F401 - raised by readers, caught by callers
from ..model import Episode
from . import canonical, markdown, notes_page, readwise, snipd
from .checks import check_episode
from .discovery import discover as discover_files
from .format import SourceFormat

FORMATS: tuple[SourceFormat, ...] = (
    canonical.FORMAT,  # .yaml .yml
    readwise.READWISE,  # .md from Readwise (before Snipd: Readwise copies Snipd's links)
    snipd.SNIPD,  # .md from Snipd
    markdown.MARKDOWN,  # any other .md
    notes_page.FORMAT,  # .txt
)
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))  # zero-width space, word joiner, soft hyphen
CONTROL = dict.fromkeys((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)), " ")


def supported_suffixes() -> tuple[str, ...]:
    return tuple(dict.fromkeys(suffix for source_format in FORMATS for suffix in source_format.suffixes))


def discover(paths: Iterable[Path]) -> list[Path]:
    """The source files named, with folders searched recursively for every format read here."""
    return discover_files(paths, supported_suffixes())


def format_of(path: Path, text: str) -> SourceFormat:
    """The shape a file's notes are in: the first registered format that takes its suffix and text."""
    suffix = path.suffix.lower()
    for source_format in FORMATS:
        if source_format.takes(suffix, text):
            return source_format
    raise NotecardsError(
        f"unsupported file type {path.suffix!r} (expected one of {', '.join(supported_suffixes())})", str(path)
    )


def read_episodes(path: str | os.PathLike[str]) -> tuple[Episode, ...]:
    """Every episode one source file holds, whatever its format; every failure is a ``NotecardsError``
    (``NotEpisodeNotes`` for a file that is not notes at all), so that one file never stops the others."""
    path = Path(path)
    if path.suffix.lower() not in supported_suffixes():
        format_of(path, "")
    text = decode_source(path)
    source_format = format_of(path, text)
    try:
        episodes = source_format.read(path, text)
    except NotecardsError:
        raise
    except RecursionError:  # a pathological nesting the YAML parser could not follow
        raise NotecardsError("nested too deeply to read", str(path)) from None
    except Exception as error:  # a bug in a reader fails this file alone, named
        raise NotecardsError(
            f"internal error while reading it as {source_format.name} ({type(error).__name__}: {error}); "
            "please report this bug with this file",
            str(path),
        ) from error
    return _checked(path, episodes)


def _checked(path: Path, episodes: tuple[Episode, ...]) -> tuple[Episode, ...]:
    """Each episode checked; in a file of several, one with nothing to learn is left out with a warning
    (the others build), and a file where none has anything is an error."""
    if len(episodes) == 1:
        return (check_episode(episodes[0]),)
    kept: list[Episode] = []
    left_out: list[str] = []
    for episode in episodes:
        try:
            kept.append(check_episode(episode))
        except NotecardsError as error:
            if "no takeaways found" not in error.message:
                raise
            left_out.append(f"{episode.source}: warning: episode {episode.title[:50]!r} has no takeaways; left out")
    if not kept:
        raise NotecardsError(f"no takeaways found in any of its {len(episodes)} episodes", str(path))
    kept[0] = replace(kept[0], warnings=(*kept[0].warnings, *left_out))
    return tuple(kept)


def read_episode(path: str | os.PathLike[str]) -> Episode:
    """The one episode a source file holds (``ingest`` and the public ``load``)."""
    episodes = read_episodes(path)
    if len(episodes) != 1:
        raise NotecardsError(
            f"holds {len(episodes)} episodes; this command reads one episode per file "
            f"(build, cards, lint and preview read them all)",
            str(path),
        )
    return episodes[0]


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when the bytes read as UTF-16 text saved without a byte-order mark
    (some Windows editors do): an even length, the zero bytes of ASCII characters all on one side,
    and text without control characters once decoded. None for anything else (binary)."""
    if len(data) % 2:
        return None
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    if zeros_even == zeros_odd or min(zeros_even, zeros_odd) > len(data) // 100:
        return None
    encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r")
    return encoding if controls == 0 and text.strip() else None


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
            encoding = utf16_without_bom(data) or ""
            if not encoding:
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

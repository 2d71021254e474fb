"""The lock file on disk: reading, checking and writing ``notecards.lock`` (see lock.py for what
it means).

It is JSON with sorted keys and one note per line, sorted by episode, so it diffs note by note and
a bad note can be named by its line. A back catalogue's lock holds tens of thousands of notes and a
rebuild after one edit needs a handful, so reading it only splits the lines into episodes (a few
string searches a line: its episode, GUID and time); an episode's notes are parsed and checked when
they are asked for (``StoredEpisode.entries``), and an untouched episode is written back as the
text it was. Reads are memoised by a hash of the file. A file laid out differently (reformatted by
hand or a tool) is still read, as one JSON document, and every note checked at once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from .atomic_write import write_atomically
from .errors import NotecardsError
from .lock import Lock, NoteTypeStamp
from .model import LockEntry

FORMAT = "notecards.lock"
# Version 1 files written before the lock dropped the rendered "fields" of each note are read as
# they are (the key is ignored); the version did not change, as nothing else did.
VERSION = 1
MAX_LINE = 1 << 20  # characters in one line: a note's line is a few hundred
MAX_WHOLE = 256 << 20  # bytes of a lock not laid out by notecards, read as one JSON document
MAX_MTIME = 253_402_300_799  # 9999-12-31 23:59:59 UTC: later is no time a build could have made
_HEAD = 5  # lines before the first note: {, format, version, note_types, "notes": [

_last_read: tuple[str, bytes, Lock] | None = None  # (path, hash of its bytes, lock)


def read_lock(path: Path | None) -> Lock:
    """The lock at ``path``; an empty lock when the file does not exist yet (or ``path`` is None).

    A file that is not valid JSON, or not a notecards lock, is an error naming the file (and the
    line, for a bad note): it is never silently replaced. Reading the same unchanged file again
    returns the same ``Lock``.
    """
    global _last_read
    if path is None:
        return Lock(path)
    try:
        with path.open("rb") as handle:
            identity = hashlib.file_digest(handle, "sha256").digest()
    except FileNotFoundError:
        return Lock(path)
    except OSError as error:
        raise NotecardsError(f"cannot read lock file: {error.strerror}", str(path)) from None
    if _last_read is not None and _last_read[:2] == (str(path), identity):
        return _last_read[2]
    _last_read = None
    try:
        lock = _read_lines(path)
    except _NotLaidOut:
        lock = _read_whole(path)
    except (OSError, UnicodeDecodeError) as error:
        raise NotecardsError(f"cannot read lock file: {getattr(error, 'strerror', None) or error}", str(path)) from None
    _last_read = (str(path), identity, lock)
    return lock


class _NotLaidOut(Exception):
    """The file is not laid out as notecards writes it: read it as one JSON document instead."""


def _bounded_lines(handle: TextIO, path: Path) -> Iterator[str]:
    """The file's lines, each at most ``MAX_LINE`` characters: a longer one is an error naming it,
    found without holding it whole (a 200 MB line would take gigabytes to parse)."""
    number = 0
    while line := handle.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise NotecardsError(f"corrupt lock file: a line of more than {MAX_LINE:,} characters", str(path), number)
        yield line


def _read_lines(path: Path) -> Lock:
    with path.open(encoding="utf-8") as handle:
        lines = _bounded_lines(handle, path)
        head = [next(lines, "") for _ in range(_HEAD)]
        if head[0].strip() != "{" or head[-1].strip() != '"notes": [':
            raise _NotLaidOut
        try:
            data = json.loads("".join(head) + "]}")
        except (json.JSONDecodeError, RecursionError):
            raise _NotLaidOut from None
        note_types = _header(data, str(path))
        raw: list[str] = []
        for line in lines:
            line = line.strip()
            if line == "]":
                break
            raw.append(line[:-1] if line.endswith(",") else line)
        if "".join(lines).strip() != "}":
            raise _NotLaidOut
    episodes: dict[str, StoredEpisode] = {}
    guids: dict[str, int] = {}
    key, start, newest = None, 0, 0
    for index, line in enumerate(raw):
        episode, guid, mtime = _string_after(line, _EPISODE), _string_after(line, _GUID), _int_after(line, _MTIME)
        if episode is None or guid is None or (key is not None and episode < key) or _FIELDS in line:
            raise _NotLaidOut  # not as notecards writes it (or as it wrote it before): read whole
        if mtime > MAX_MTIME:
            raise NotecardsError(
                f"corrupt lock file: mtime {_shown(line, _MTIME)} is not a time", str(path), _HEAD + 1 + index
            )
        if guids.setdefault(guid, index) != index:
            raise NotecardsError(f"corrupt lock file: guid {guid!r} appears twice", str(path), _HEAD + 1 + index)
        if episode != key:
            if key is not None:
                episodes[key] = StoredEpisode(tuple(raw[start:index]), start, newest, path)
            key, start, newest = episode, index, 0
        if mtime > newest:
            newest = mtime
    if key is not None:
        episodes[key] = StoredEpisode(tuple(raw[start:]), start, newest, path)
    return Lock(path, (), note_types, episodes)


_EPISODE, _GUID, _MTIME, _FIELDS, _SOURCE = '"episode": "', '"guid": "', '"mtime": ', '"fields": ', '"source": "'
_DIGITS = re.compile(r"\d+")


def _string_after(line: str, key: str) -> str | None:
    """The string value of ``key`` in one note's line, found without parsing the line: a key's
    opening quote can only be a key's, as inside a JSON string a quote is always escaped."""
    at = line.find(key)
    if at < 0:
        return None
    try:
        # scanstring is json.decoder's public string scanner, but typeshed does not declare it.
        return json.decoder.scanstring(line, at + len(key))[0]  # type: ignore[attr-defined]
    except (json.JSONDecodeError, ValueError):
        return None


def _int_after(line: str, key: str) -> int:
    """The number after ``key``; one longer than a time can be is ``MAX_MTIME + 1`` (never made
    into a Python int: a 200 MB run of digits would take minutes)."""
    at = line.find(key)
    match = _DIGITS.match(line, at + len(key)) if at >= 0 else None
    if not match:
        return 0
    return int(match[0]) if len(match[0]) <= len(str(MAX_MTIME)) else MAX_MTIME + 1


def _shown(line: str, key: str) -> str:
    at = line.find(key) + len(key)
    return line[at : at + 20] + ("…" if len(line) > at + 20 else "")


class StoredEpisode:
    """One episode's notes as the file holds them: lines, parsed and checked when first asked for."""

    __slots__ = ("first", "lines", "newest_mtime", "path")

    def __init__(self, lines: tuple[str, ...], first: int, newest_mtime: int, path: Path) -> None:
        self.lines, self.first, self.newest_mtime, self.path = lines, first, newest_mtime, path

    @property
    def source(self) -> str:
        """The episode's source file as its first line records it (every line of an episode holds
        the same), found without parsing the episode."""
        return (_string_after(self.lines[0], _SOURCE) or "") if self.lines else ""

    def entries(self) -> tuple[LockEntry, ...]:
        where = str(self.path)
        try:
            items = json.loads("[" + ",".join(self.lines) + "]")  # one parse: far quicker than a line at a time
        except (json.JSONDecodeError, RecursionError):
            items = []
        if len(items) != len(self.lines):  # a line that is not JSON, or holds more than one note
            items = [self._item(index) for index in range(len(self.lines))]
        shared: dict = {}
        return tuple(
            _entry_or_error(item, self.first + index, where, _HEAD + 1 + self.first + index, shared)
            for index, item in enumerate(items)
        )

    def _item(self, index: int) -> object:
        try:
            return json.loads(self.lines[index])
        except RecursionError:
            raise NotecardsError(
                "corrupt lock file (nested too deeply to be a note)", str(self.path), _HEAD + 1 + self.first + index
            ) from None
        except json.JSONDecodeError as error:
            raise NotecardsError(
                f"corrupt lock file (not JSON: {error.msg})", str(self.path), _HEAD + 1 + self.first + index
            ) from None


def _read_whole(path: Path) -> Lock:
    where = str(path)
    try:
        if path.stat().st_size > MAX_WHOLE:
            raise NotecardsError(
                f"corrupt lock file: not laid out as notecards writes it, and too large ({path.stat().st_size:,} "
                f"bytes) to read whole; move it away to start afresh",
                where,
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NotecardsError(f"cannot read lock file: {getattr(error, 'strerror', None) or error}", where) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise NotecardsError("corrupt lock file (nested too deeply to be a lock)", where) from None
    except json.JSONDecodeError as error:
        raise NotecardsError(
            f"corrupt lock file (not JSON: {error.msg}); fix it, or move it away to "
            "start afresh (notes would get new times, not new GUIDs)",
            where,
            error.lineno,
        ) from None
    note_types = _header(data, where)
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        raise NotecardsError('corrupt lock file: "notes" is not a list', where)
    shared: dict = {}
    entries = tuple(_entry_or_error(item, index, where, None, shared) for index, item in enumerate(notes))
    guids = [entry.guid for entry in entries]
    if len(set(guids)) != len(guids):
        duplicate = next(guid for guid in guids if guids.count(guid) > 1)
        raise NotecardsError(f"corrupt lock file: guid {duplicate!r} appears twice", where)
    return Lock(path, entries, note_types)


def _header(data: object, where: str) -> dict[str, NoteTypeStamp]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotecardsError(f'not a notecards lock file (expected "format": "{FORMAT}")', where, 1)
    if data.get("version") != VERSION:
        raise NotecardsError(
            f"lock file version {data.get('version')!r} is not {VERSION}, the version this notecards reads", where, 1
        )
    try:
        return {
            kind: NoteTypeStamp(
                _str(s["fingerprint"]),
                _time(s["mtime"]),
                tuple(sorted((_str(f), _time(t)) for f, t in _dict(s.get("earlier", {})).items())),
            )
            for kind, s in _dict(data.get("note_types", {})).items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise NotecardsError(f"corrupt lock file: note_types: {_describe(error)}", where) from None


def _time(value: object) -> int:
    number = _int(value)
    if not 0 <= number <= MAX_MTIME:
        raise ValueError(f"mtime {str(number)[:20]} is not a time")
    return number


def _entry_or_error(item: object, index: int, where: str, line: int | None, shared: dict) -> LockEntry:
    try:
        return _read_entry(item, shared)
    except (KeyError, TypeError, ValueError) as error:
        raise NotecardsError(f"corrupt lock file: notes[{index}]: {_describe(error)}", where, line) from None


def _describe(error: Exception) -> str:
    return f"missing field {error.args[0]!r}" if isinstance(error, KeyError) else str(error)


_TEXT_KEYS = ("guid", "episode", "fact", "role", "kind", "section", "text", "content")
_text_values = itemgetter(*_TEXT_KEYS)
_KINDS, _STR, _STR_NONE = frozenset(("cloze", "qa")), {str}, {str, type(None)}


def _read_entry(item: Any, shared: dict) -> LockEntry:  # Any: parsed JSON, its types checked below
    """One note's entry, checked with a few calls (a lock holds tens of thousands); anything
    unexpected goes through ``_read_entry_checked`` for a precise message. Values repeated across
    notes are ``shared`` (one object each). A ``fields`` key (the rendered fields earlier builds
    kept) is ignored."""
    try:
        guid, episode, fact, role, kind, section, text, content = values = _text_values(item)
        mtime, tags, clozes = item["mtime"], item["tags"], item.get("clozes") or {}
        source = item.get("source", "")
        if (
            type(mtime) is int
            and 0 <= mtime <= MAX_MTIME
            and guid
            and type(tags) is list
            and type(clozes) is dict
            and kind in _KINDS
            and type(source) is str
            and {*map(type, values), *map(type, tags)} == _STR
            and {*map(type, clozes.values())} <= _STR_NONE
        ):
            tags = tuple(tags)
            return LockEntry(
                guid,
                shared.setdefault(episode, episode),
                fact,
                shared.setdefault(role, role),
                shared.setdefault(kind, kind),
                shared.setdefault(section, section),
                shared.setdefault(text, text),
                content,
                mtime,
                shared.setdefault(tags, tags),
                tuple(sorted((int(number), answer) for number, answer in clozes.items())),
                item.get("removed", False) is True,
                shared.setdefault(source, source),
            )
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return _read_entry_checked(item)


def _read_entry_checked(raw: object) -> LockEntry:
    item = _dict(raw)
    entry = LockEntry(
        guid=_str(item["guid"]),
        episode=_str(item["episode"]),
        fact=_str(item["fact"]),
        role=_str(item["role"]),
        kind=_str(item["kind"]),
        section=_str(item["section"]),
        text=_str(item["text"]),
        content=_str(item["content"]),
        mtime=_int(item["mtime"]),
        tags=tuple(_str(v) for v in _list(item["tags"])),
        clozes=tuple(
            sorted(
                (int(number), None if answer is None else _str(answer))
                for number, answer in _dict(item.get("clozes", {})).items()
            )
        ),
        removed=item.get("removed", False) is True,
        source=_str(item.get("source", "")),
    )
    if entry.kind not in ("cloze", "qa"):
        raise ValueError(f"unknown note kind {entry.kind!r}")
    if not entry.guid.strip():
        raise ValueError("empty guid")
    if not 0 <= entry.mtime <= MAX_MTIME:
        raise ValueError(f"mtime {str(entry.mtime)[:20]} is not a time (0 to {MAX_MTIME}, the end of year 9999)")
    return entry


def _typed(kind: type, name: str):
    def check(value):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TypeError(f"expected {name}, found {json.dumps(value)[:40]}")
        return value

    return check


_str, _int, _list, _dict = (
    _typed(str, "a string"),
    _typed(int, "an integer"),
    _typed(list, "a list"),
    _typed(dict, "an object"),
)


def lock_chunks(lock: Lock) -> Iterator[str]:
    """The file's text, an episode at a time: sorted keys, one note per line, so a rebuild diffs
    note by note."""
    note_types = {
        kind: {"fingerprint": s.fingerprint, "mtime": s.mtime, **({"earlier": dict(s.earlier)} if s.earlier else {})}
        for kind, s in lock.note_types.items()
    }
    yield (
        f'{{\n"format": "{FORMAT}",\n"version": {VERSION},\n'
        f'"note_types": {json.dumps(note_types, sort_keys=True)},\n"notes": [\n'
    )
    separator = ""
    for key in lock.keys():  # noqa: SIM118 - a Lock is no mapping: keys() is its own method
        yield separator + ",\n".join(lock.episode_lines(key))
        separator = ",\n"
    yield ("\n" if separator else "") + "]\n}\n"


def lock_text(lock: Lock) -> str:
    return "".join(lock_chunks(lock))


def write_lock(lock: Lock) -> None:
    """Write the lock atomically (a temporary file renamed over it), as a stream; untouched when
    its bytes are unchanged, and not created by a build that made no notes (every source failed)."""
    if lock.path is None or (not lock.keys() and not lock.path.exists()):
        return
    write_atomically(lock.path, lock_chunks(lock), what="lock file", keep_if_same=True)

"""The lock file: what the previous build made, so the next one can update notes in place.

Anki matches notes by GUID and updates one only when the package's note time is strictly newer
than its own. So for every note the lock keeps its GUID and identity (episode, fact key, role), the
fact's text (to match it after an edit), a hash of its content and the time that content last
changed. ``settle`` compares a build's notes with it: unchanged notes keep their time (Anki skips
them, and a user's own edits survive), changed and new ones get the build time, and notes that
disappeared are emitted once more tagged ``notecards::removed``.

The file is JSON with sorted keys and one note per line, meant to be committed beside the notes.
By default it is ``notecards.lock`` in the first source folder (or beside the first source file).
It keeps what identity needs, not the rendered fields (they were most of its bytes): a removed
note's fields come from the previous build's stored notes, or are rebuilt from its text and clozes.
Reading and writing the file is lock_file.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from .errors import NotecardsError
from .identity import fingerprint
from .model import Card, Fact, Location, LockEntry, Note
from .render import tombstone_fields

LOCK_NAME = "notecards.lock"
REMOVED_TAG = "notecards::removed"
MAX_EARLIER_TEMPLATES = 8  # template versions a lock remembers besides the latest
SAME_SECOND_WAIT = 2  # seconds a build waits for the clock to pass the lock's newest time


@dataclass(frozen=True, slots=True)
class NoteTypeStamp:
    """A note type's HTML/CSS fingerprint and its time, and the times of the other template versions
    this lock has built (``earlier``: (fingerprint, mtime) pairs, at most ``MAX_EARLIER_TEMPLATES``).

    A version keeps its time, so a trial build with other templates (``--templates`` into a scratch
    ``--out``) does not move the time the ordinary build's decks carry."""

    fingerprint: str
    mtime: int
    earlier: tuple[tuple[str, int], ...] = ()


class StoredLines(Protocol):
    """An episode as the file holds it (``lock_file.StoredEpisode``): its lines, parsed when asked."""

    @property
    def lines(self) -> tuple[str, ...]: ...

    @property
    def newest_mtime(self) -> int: ...

    @property
    def source(self) -> str: ...

    def entries(self) -> tuple[LockEntry, ...]: ...


class Lock:
    """The lock file's contents, episode by episode; ``path`` None means a build that keeps no lock.

    A back catalogue's lock holds tens of thousands of notes, and a rebuild after one edit needs a
    handful of them: an episode read from the file stays the text it was (``StoredEpisode``) until
    its entries are asked for, and is written back as that same text. Treat a lock as a value: a
    build makes the next one with ``replacing``.
    """

    __slots__ = ("_parsed", "_stored", "note_types", "path")

    def __init__(
        self,
        path: Path | None = None,
        entries: Iterable[LockEntry] = (),
        note_types: Mapping[str, NoteTypeStamp] | None = None,
        stored: Mapping[str, StoredLines] | None = None,
    ) -> None:
        self.path = path
        self.note_types: Mapping[str, NoteTypeStamp] = dict(note_types or {})
        grouped: dict[str, list[LockEntry]] = {}
        for entry in entries:
            grouped.setdefault(entry.episode, []).append(entry)
        self._parsed = {key: tuple(sorted(group, key=entry_order)) for key, group in grouped.items()}
        self._stored = {key: episode for key, episode in (stored or {}).items() if key not in self._parsed}

    def episode(self, key: str) -> tuple[LockEntry, ...]:
        """The entries of one episode (what ``identity.identify`` matches against); read from the
        file's text the first time they are asked for, which names a bad line if there is one."""
        entries = self._parsed.get(key)
        if entries is None:
            stored = self._stored.get(key)
            entries = self._parsed[key] = stored.entries() if stored else ()
        return entries

    def source(self, key: str) -> str:
        """The source file an episode was last built from, relative to the lock's folder ("" when
        the lock does not say), read without parsing the episode's notes."""
        parsed = self._parsed.get(key)
        if parsed:
            return parsed[0].source
        stored = self._stored.get(key)
        return stored.source if stored is not None else ""

    def keys(self) -> list[str]:
        """Every episode's key, in the file's order."""
        return sorted({*self._stored, *(key for key, entries in self._parsed.items() if entries)})

    @property
    def entries(self) -> tuple[LockEntry, ...]:
        """Every entry, in the file's order (each episode read: for a whole-lock view, not a build)."""
        return tuple(entry for key in self.keys() for entry in self.episode(key))

    def episode_lines(self, key: str) -> tuple[str, ...]:
        """The episode's lines of the file: as read, or encoded (each time: a first build's lock
        would otherwise hold every note twice, as entries and as text)."""
        stored = self._stored.get(key)
        return stored.lines if stored is not None else entry_lines(self._parsed.get(key, ()))

    def digest(self, keys: Iterable[str]) -> str:
        """A hash of these episodes' lines: the build cache keys a source's notes (and a deck) with
        it, so they are rebuilt when the lock says something else about their episodes."""
        data = "\x1e".join("\n".join(self.episode_lines(key)) for key in sorted(set(keys)))
        return hashlib.sha256(data.encode()).hexdigest()[:32]

    def replacing(
        self, keys: Iterable[str], entries: Iterable[LockEntry], note_types: Mapping[str, NoteTypeStamp]
    ) -> Lock:
        """The next lock: the episodes ``keys`` now hold ``entries``, every other stays as it was."""
        gone = set(keys)
        kept = [
            entry
            for key, group in self._parsed.items()
            if key not in gone and key not in self._stored
            for entry in group
        ]
        return Lock(
            self.path,
            (*kept, *entries),
            note_types,
            {key: stored for key, stored in self._stored.items() if key not in gone},
        )

    def newest_mtime(self) -> int:
        return max(
            [
                0,
                *(s.newest_mtime for s in self._stored.values()),
                *(e.mtime for entries in self._parsed.values() for e in entries),
                *(t for s in self.note_types.values() for t in (s.mtime, *(t for _, t in s.earlier))),
            ]
        )


def default_path(paths: Sequence[Path]) -> Path:
    """``notecards.lock`` in the first source folder, or beside the first source file."""
    first = Path(paths[0]) if paths else Path("decks")
    return (first if first.is_dir() or not first.suffix else first.parent) / LOCK_NAME


# ---------------------------------------------------------------------------------------------
# settling a build against the lock


@dataclass(frozen=True, slots=True)
class DeckChanges:
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    removed_facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settlement:
    """A build's notes stamped with their mtimes (tombstones included), what changed per deck,
    and the lock to write (which holds each note type's mtime)."""

    notes: tuple[Note, ...]
    changes: Mapping[str, DeckChanges]
    lock: Lock


def content_hash(kind: str, fields: Iterable[str], tags: Iterable[str]) -> str:
    """What Anki stores of a note, hashed: a change here is what makes the note "changed"."""
    data = "\x1e".join((kind, "\x1f".join(fields), " ".join(tags)))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def settle(
    previous: Lock,
    notes: Iterable[Note],
    now: int,
    episodes: Mapping[str, tuple[str, Location]],
    note_types: Mapping[str, str] | None = None,
    removed_fields: Callable[[str], tuple[str, ...] | None] | None = None,
) -> Settlement:
    """Stamp ``notes`` against ``previous``. ``episodes`` are the episodes these notes come from,
    by key, with the deck a removed note of theirs goes to and their source: only their notes can
    be removed; every other episode's entries are carried over untouched (a source that failed to
    read, or was not part of this build). ``note_types`` maps each note type's kind to a
    fingerprint of its HTML and CSS. ``removed_fields`` gives a removed note's field values as the
    previous build rendered them, when known (the build cache); else they are rebuilt from the lock.

    A removed note is emitted in exactly one build; the lock then keeps it as ``removed`` so it is
    not emitted again (a note deleted in Anki would come back) and a restored fact gets its GUIDs
    back.
    """
    before = {entry.guid: entry for entry in previous.entries}
    sources = {key: source_in_lock(previous.path, where.path) for key, (_, where) in episodes.items()}
    entries = {e.guid: e for e in previous.entries if e.episode not in episodes}
    stamped: list[Note] = []
    changes: dict[str, dict[str, list[str]]] = {}
    decks: dict[str, str] = {}
    for note in notes:
        values = tuple(value for _, value in note.fields)
        content = content_hash(note.kind, values, note.tags)
        old = before.get(note.guid)
        if old is not None and not old.removed and old.content == content:
            mtime, status = old.mtime, "unchanged"
        else:
            mtime, status = _later(old, now, previous), "new" if old is None else "changed"
        stamped.append(replace(note, mtime=mtime))
        decks.setdefault(note.episode_key, note.deck)
        _record(changes, note.deck, status, note.guid)
        entries[note.guid] = _entry(note, values, content, mtime, old, sources.get(note.episode_key, ""))
    for old in previous.entries:
        if old.episode not in episodes or old.guid in entries:
            continue
        if old.removed:
            entries[old.guid] = replace(old, source=sources[old.episode])
            continue
        deck, source = episodes[old.episode]
        deck = decks.get(old.episode, deck)
        tags = (*old.tags, REMOVED_TAG)
        values = (removed_fields(old.guid) if removed_fields else None) or tombstone_fields(
            old.kind, old.text, old.clozes, source.path
        )
        tombstone = replace(
            old,
            tags=tags,
            content=content_hash(old.kind, values, tags),
            mtime=_later(old, now, previous),
            removed=True,
            source=sources[old.episode],
        )
        entries[old.guid] = tombstone
        stamped.append(_tombstone_note(tombstone, values, deck, source))
        _record(changes, deck, "removed", old.guid)
        if old.text not in changes[deck]["removed_facts"]:
            changes[deck]["removed_facts"].append(old.text)
    stamps = note_type_stamps(previous, note_types or {}, now)
    lock = Lock(previous.path, entries.values(), stamps)
    return Settlement(
        tuple(stamped),
        {deck: DeckChanges(**{k: tuple(v) for k, v in lists.items()}) for deck, lists in changes.items()},
        lock,
    )


def _record(changes: dict[str, dict[str, list[str]]], deck: str, status: str, guid: str) -> None:
    lists = changes.setdefault(deck, {k: [] for k in DeckChanges.__dataclass_fields__})
    lists[status].append(guid)


def _later(old: LockEntry | NoteTypeStamp | None, now: int, previous: Lock) -> int:
    """The build time for a changed note, which must be strictly newer than the note's last time
    (Anki ignores an equal one) and never in the future (Anki would then refuse every later
    update until that time). When both cannot hold, the clock is wrong: say so."""
    if old is None or old.mtime < now:
        return now
    raise NotecardsError(
        f"the lock records a change at {_utc(old.mtime)}, not before this build's time {_utc(now)}; "
        "Anki would skip the update. Is this computer's clock behind the one that made the lock?",
        str(previous.path) if previous.path else None,
    )


def _utc(seconds: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))


def source_in_lock(lock: Path | None, source: str) -> str:
    """How the lock names a source file: relative to the lock's folder, with ``/``, so it stays the
    same whatever folder a build runs from ("" for a build without a lock file)."""
    if lock is None or not source:
        return ""
    try:
        return Path(os.path.relpath(os.path.abspath(source), os.path.abspath(lock.parent))).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(os.path.abspath(source)).as_posix()


def _entry(
    note: Note, values: tuple[str, ...], content: str, mtime: int, old: LockEntry | None, source: str
) -> LockEntry:
    card = note.card
    clozes: dict[int, str | None] = {number: None for number, _ in (old.clozes if old else ())}
    for deletion in sorted(card.deletions, key=lambda d: d.start):
        if clozes.get(deletion.number) is None:
            clozes[deletion.number] = card.text[deletion.start : deletion.end]
    return LockEntry(
        guid=note.guid,
        episode=note.episode_key,
        fact=note.fact_key,
        role=card.role,
        kind=note.kind,
        section=card.fact.section,
        text=card.fact.text,
        content=content,
        mtime=mtime,
        tags=tuple(note.tags),
        clozes=tuple(sorted(clozes.items())) if note.kind == "cloze" else (),
        source=source,
    )


def _tombstone_note(entry: LockEntry, values: tuple[str, ...], deck: str, source: Location) -> Note:
    fact = Fact(entry.section, entry.text, source)
    names = ("Text", "Fact", "Source") if entry.kind == "cloze" else ("Question", "Answer", "Fact", "Source")
    return Note(
        guid=entry.guid,
        kind=entry.kind,
        deck=deck,
        fields=tuple(zip(names, values, strict=False)),
        tags=entry.tags,
        card=Card(entry.kind, entry.role, fact),
        episode_key=entry.episode,
        mtime=entry.mtime,
        fact_key=entry.fact,
    )


def note_type_stamps(
    previous: Lock, fingerprints: Mapping[str, str], now: int, last_built: Mapping[str, str] | None = None
) -> dict[str, NoteTypeStamp]:
    """Each note type's stamp. A template version (``fingerprints``: kind → fingerprint of its HTML
    and CSS) keeps the time it was first built with; ``last_built`` is the version the output folder
    was last built with: switching an output folder to another version, or to one never built, gets
    the build time, newer than every version's, so Anki updates the note type (going back too)."""
    stamps = dict(previous.note_types)
    for kind, print_ in sorted(fingerprints.items()):
        old = stamps.get(kind)
        known = {**dict(old.earlier), old.fingerprint: old.mtime} if old else {}
        if print_ in known and (last_built or {}).get(kind, print_) == print_:
            mtime = known[print_]
        else:
            newest = NoteTypeStamp(print_, max(known.values())) if known else None
            mtime = _later(newest, now, previous)
        others = sorted(((t, f) for f, t in known.items() if f != print_), reverse=True)[:MAX_EARLIER_TEMPLATES]
        stamps[kind] = NoteTypeStamp(print_, mtime, tuple(sorted((f, t) for t, f in others)))
    return stamps


def entry_order(entry: LockEntry) -> tuple[str, str, str, str]:
    return (entry.episode, entry.fact, entry.role, entry.guid)


def build_time(previous: Lock) -> int:
    """The clock in whole seconds, after waiting (at most ``SAME_SECOND_WAIT`` s) when the lock's
    newest time is not yet in the past: two builds within one second must still differ in time."""
    newest = previous.newest_mtime()
    now = int(time.time())
    if now <= newest <= now + SAME_SECOND_WAIT:
        time.sleep(newest + 1 - time.time())
        now = int(time.time())
    return now


# --- the file's lines for one episode's entries (reading and writing the whole file: lock_file.py)


def entry_lines(entries: Iterable[LockEntry]) -> tuple[str, ...]:
    """The file's lines for these entries (one episode's), in the file's order."""
    fingerprints: dict[str, str] = {}  # a fact's text is on each of its notes' lines
    return tuple(
        _ENCODER.encode(
            _entry_json(
                entry, fingerprints.get(entry.text) or fingerprints.setdefault(entry.text, fingerprint(entry.text))
            )
        )
        for entry in sorted(entries, key=entry_order)
    )


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _entry_json(entry: LockEntry, text_fingerprint: str) -> dict:
    data = {
        "guid": entry.guid,
        "episode": entry.episode,
        "fact": entry.fact,
        "role": entry.role,
        "kind": entry.kind,
        "section": entry.section,
        "text": entry.text,
        "text_fingerprint": text_fingerprint,
        "content": entry.content,
        "mtime": entry.mtime,
        "tags": list(entry.tags),
    }
    if entry.clozes:
        data["clozes"] = {str(number): answer for number, answer in entry.clozes}
    if entry.removed:
        data["removed"] = True
    if entry.source:
        data["source"] = entry.source
    return data


__all__ = [
    "LOCK_NAME",
    "REMOVED_TAG",
    "DeckChanges",
    "Lock",
    "NoteTypeStamp",
    "Settlement",
    "build_time",
    "content_hash",
    "default_path",
    "note_type_stamps",
    "settle",
]

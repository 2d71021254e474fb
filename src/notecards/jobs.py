"""The work of one source and of one deck in a build: top-level functions of picklable values,
run in a worker process (``--jobs``) or inline, with the same result either way.

A source job reads, generates, identifies and renders, then stores the notes in the cache; a deck
job loads its sources' notes, settles them against the lock (mtimes, new/changed/removed) and
writes the deck. ``build.py`` decides which jobs to run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from . import identity
from .cache import DeckEntry, EpisodeEntry, digest, file_digest, load_notes, part_key, store_notes
from .errors import NotecardsError, NotEpisodeNotes
from .formats import output_format
from .lock import Lock, settle
from .lock_file import read_lock
from .model import Card, DeckReport, Episode, Location, LockEntry, Note, slug
from .overrides import Overrides, apply_override
from .render import Renderer
from .sources import read_episodes
from .sources.duplicates import same_as


def generate(episode: Episode) -> tuple[Card, ...]:
    """The generator, imported on first use: its word lists take a while to load, and a rebuild
    where no source changed never generates."""
    from .generate import generate as generate_cards

    return generate_cards(episode)


def warm_up() -> None:
    """Load what generating takes a while to load (wordfreq's word list), ahead of the first job."""
    from .generate.lexicon import zipf

    zipf("the")


def episode_notes(
    episode: Episode, renderer: Renderer, previous: LockView = Lock(), overrides: Overrides = Overrides()
) -> tuple[Note, ...]:
    """Generate, identify, apply the overrides and render every note of one episode (mtimes are
    stamped by ``settle``). A note an override skips is made all the same, marked ``dropped``."""
    entries = previous.episode(episode.key)
    by_guid = {entry.guid: entry for entry in entries} if overrides else {}
    notes = []
    for item in identity.identify(episode, generate(episode), entries):
        override = overrides.get(item.guid)
        item = apply_override(item, override, by_guid.get(item.guid), overrides.path)
        notes.append(note_for(item, episode, renderer, dropped=bool(override and override.skip)))
    return tuple(notes)


def note_for(item: identity.Identified, episode: Episode, renderer: Renderer, dropped: bool = False) -> Note:
    """One identified card rendered into its note."""
    card = item.card
    tags = ("notecards", f"notecards::{card.fact.section}", f"podcast::{slug(episode.podcast)}", *episode.tags)
    return Note(
        guid=item.guid,
        kind=card.kind,
        deck=episode.deck_name,
        fields=renderer.fields(card, episode),
        tags=tags,
        card=card,
        episode_key=episode.key,
        fact_key=item.fact_key,
        dropped=dropped,
    )


@dataclass(frozen=True, slots=True)
class SourceJob:
    path: str
    key: str
    cache_dir: str
    episode: str = ""  # the episode key the cache knows for this source ("": never built here)
    previous: tuple[LockEntry, ...] = ()  # the lock's entries for that episode


@dataclass(frozen=True, slots=True)
class SourceDone:
    path: str
    entries: tuple[EpisodeEntry, ...]  # one per episode of the file; none when it failed or was skipped
    error: str = ""
    notice: str = ""  # why a file that is not episode notes was skipped


@dataclass(frozen=True, slots=True)
class DeckJob:
    name: str
    path: str
    cache_dir: str
    sources: tuple[tuple[str, str, int], ...]  # (content key, path, episode of the file) of each source
    inputs: str  # the key of the sources; the lock's entries are added to it
    now: int
    format: str  # a name in formats.FORMATS
    previous: tuple[LockEntry, ...]  # the lock's entries for the deck's episodes
    episodes: tuple[tuple[str, str], ...]  # (episode key, source path) of each source
    type_mtimes: tuple[tuple[str, int], ...]
    lock: str | None  # the lock file (None: a build without one, so the next build sees no entries)
    earlier: tuple[str, ...] = ()  # content keys of the sources' previous builds: removed notes' fields


@dataclass(frozen=True, slots=True)
class DeckDone:
    report: DeckReport
    entry: DeckEntry
    lock_entries: tuple[LockEntry, ...]


@dataclass(slots=True)
class _WorkerState:
    """What ``init_worker`` sets up once in each process that runs jobs."""

    renderer: Renderer | None = None
    templates: Path | None = None
    lock: Path | None = None
    overrides: Overrides = field(default_factory=Overrides)


_worker = _WorkerState()


def init_worker(templates: Path | None, lock: Path | None, overrides: Overrides = Overrides()) -> None:
    if _worker.renderer is None or _worker.templates != templates:
        _worker.renderer, _worker.templates = Renderer(templates), templates
    # Read lazily, and at most once per file version (read_lock is memoised): only a source the
    # cache has never seen needs the whole lock. Read-only here; the main process writes it.
    _worker.lock = lock
    _worker.overrides = overrides


def _renderer() -> Renderer:
    if _worker.renderer is None:
        raise RuntimeError("init_worker() must run before a job")
    return _worker.renderer


def _whole_lock() -> Lock:
    return read_lock(_worker.lock)


class LockView(Protocol):
    """What generating one episode reads of the lock: that episode's entries."""

    def episode(self, key: str) -> tuple[LockEntry, ...]: ...


class _EpisodeLock:
    """The lock as a source job sees it: the entries of the episode the cache says the source is,
    sent with the job; the whole file is read only if the source turns out to be another episode."""

    def __init__(self, key: str, entries: tuple[LockEntry, ...]) -> None:
        self.key, self.entries = key, entries

    def episode(self, key: str) -> tuple[LockEntry, ...]:
        return self.entries if key == self.key else _whole_lock().episode(key)


def source_job(job: SourceJob) -> SourceDone:
    """read → generate → identify → render, then store the notes (mtimes are set per deck)."""
    previous = _EpisodeLock(job.episode, job.previous) if job.episode else _whole_lock()
    try:
        made = _make_notes(Path(job.cache_dir), job.key, job.path, previous)
    except NotEpisodeNotes as skipped:
        return SourceDone(job.path, (), notice=f"{skipped}; skipped")
    except NotecardsError as error:
        return SourceDone(job.path, (), str(error))
    return SourceDone(
        job.path,
        tuple(
            EpisodeEntry(
                part_key(job.key, part),
                job.path,
                episode.key,
                episode.deck_name,
                bool(episode.deck),
                episode.guest_names,
                episode.date,
                len(notes),
                episode.warnings,
                guids=tuple(note.guid for note in notes),
                overrides=_worker.overrides.digest(note.guid for note in notes),
                part=part,
                same_as=same_as(episode),
            )
            for part, (episode, notes) in enumerate(made)
        ),
    )


def source_notes(
    path: Path, renderer: Renderer, previous: LockView, overrides: Overrides = Overrides()
) -> tuple[tuple[Episode, tuple[Note, ...]], ...]:
    """read → generate → identify → (overrides) → render one source: each of its episodes, with its notes.

    A bug in notecards met on one source is reported against that source, as a bug, instead of
    stopping a batch of hundreds of episodes.
    """
    made = []
    for episode in read_episodes(path):
        try:
            made.append((episode, episode_notes(episode, renderer, previous, overrides)))
        except NotecardsError:
            raise
        except Exception as error:
            raise NotecardsError(
                f"internal error while making cards ({type(error).__name__}: {error}); "
                "please report this bug with this file",
                str(path),
            ) from error
    return tuple(made)


def _make_notes(
    cache_dir: Path, key: str, path: str, previous: LockView
) -> tuple[tuple[Episode, tuple[Note, ...]], ...]:
    made = source_notes(Path(path), _renderer(), previous, _worker.overrides)
    for part, (_, notes) in enumerate(made):
        store_notes(cache_dir, part_key(key, part), notes)
    return made


def _stored_notes(cache_dir: Path, key: str, path: str, part: int = 0) -> tuple[Note, ...]:
    """One episode's notes from the cache; remade from its source if the stored copy is unreadable."""
    try:
        return load_notes(cache_dir, key)
    except (OSError, ValueError):  # gone, or not what a build stores: a miss
        made = source_notes(Path(path), _renderer(), _whole_lock(), _worker.overrides)
        notes = made[part][1] if part < len(made) else ()
        store_notes(cache_dir, key, notes)
        return notes


def _earlier_fields(cache_dir: Path, keys: tuple[str, ...]) -> Callable[[str], tuple[str, ...] | None]:
    """A removed note's fields as the previous build rendered them, from that build's stored notes
    (loaded only when a note was removed; None when they are gone: the lock's text is used)."""
    fields: dict[str, tuple[str, ...]] = {}

    def lookup(guid: str) -> tuple[str, ...] | None:
        if not fields:
            for key in keys:
                try:
                    fields.update((n.guid, tuple(v for _, v in n.fields)) for n in load_notes(cache_dir, key))
                except (OSError, ValueError):  # gone, or not what a build stores: a miss
                    continue
            fields.setdefault("", ())
        return fields.get(guid)

    return lookup


def deck_job(job: DeckJob) -> DeckDone | str:
    """load the deck's notes → settle → write the .apkg; a failure is its message."""
    try:
        return _write_deck(job)
    except NotecardsError as error:
        return str(error)


def _write_deck(job: DeckJob) -> DeckDone:
    made = [
        replace(note, deck=job.name)
        for key, source, part in job.sources
        for note in _stored_notes(Path(job.cache_dir), key, source, part)
    ]
    notes = [note for note in made if not note.dropped]
    # A dropped note already imported goes like a removed one, showing what Anki has: its fields.
    dropped = {note.guid: tuple(value for _, value in note.fields) for note in made if note.dropped}
    earlier = _earlier_fields(Path(job.cache_dir), job.earlier)
    targets = {key: (job.name, Location(source, 1)) for key, source in job.episodes}
    settled = settle(
        Lock(Path(job.lock) if job.lock else None, job.previous),
        notes,
        job.now,
        targets,
        removed_fields=lambda guid: dropped.get(guid) or earlier(guid),
    )
    stamped, changes = settled.notes, settled.changes.get(job.name)
    path = Path(job.path)
    output_format(job.format).write(path, stamped, _renderer(), dict(job.type_mtimes))
    removed = set(changes.removed) if changes else set()
    live = [note for note in stamped if note.guid not in removed]
    cards = sum(max(len({d.number for d in n.card.deletions}), 1) for n in live)
    report = (
        DeckReport(
            job.name,
            job.path,
            len(live),
            cards,
            new=changes.new,
            changed=changes.changed,
            unchanged=changes.unchanged,
            removed=changes.removed,
            removed_facts=changes.removed_facts,
        )
        if changes
        else DeckReport(job.name, job.path, 0, 0)
    )
    # A deck that emitted removed notes is written again next time, without them ("emitted once").
    kept = settled.lock if job.lock else Lock()
    inputs = "rewrite" if removed else digest(job.inputs, kept.digest(key for key, _ in job.episodes))
    return DeckDone(
        report,
        DeckEntry(inputs, file_digest(path) or "", len(live), cards, tuple(note.guid for note in live)),
        settled.lock.entries,
    )

"""Orchestration: find sources, make their notes, group them into decks, write the decks.

A build runs in two stages, each a set of independent jobs run in a process pool (``jobs``
workers) or inline, with identical output either way:

1. **sources** — one job per source that changed: read → generate → fact keys → render. Pure;
   the notes are stored in the cache (``cache.py``) and only a small ``EpisodeEntry`` comes back.
2. **decks** — the main process groups entries into decks (``--by episode|guest``); one job per
   deck whose inputs changed (or whose .apkg is missing or modified) loads its notes, settles
   their mtimes (``settle``) and writes the .apkg.

The main process never holds more than entries and reports, so memory does not grow with the
number of episodes beyond what the largest deck needs.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from . import identity, package, text_export
from .cache import (BuildCache, DeckEntry, EpisodeEntry, code_fingerprint, digest, file_digest,
                    load_notes, store_notes)
from .errors import NotecardsError
from .generate import generate
from .grouping import Grouping, deck_file_name, deck_names, group_decks
from .model import BuildReport, DeckReport, Episode, Note, Progress, slug
from .render import Renderer
from .sources import read_episode, supported_suffixes
from .workers import Workers

DEFAULT_SOURCES = Path("decks")
DEFAULT_OUT = Path("dist")
ProgressCallback = Callable[[Progress], None]
OutputFormat = Literal["apkg", "csv"]


@dataclass(frozen=True, slots=True)
class EpisodeNotes:
    """One source file's episode and the notes it makes."""

    path: Path
    episode: Episode
    notes: tuple[Note, ...]


def discover(paths: Iterable[Path]) -> list[Path]:
    """The source files named, with folders searched recursively; sorted, so builds are deterministic."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in supported_suffixes()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            found.append(path)
        else:
            raise NotecardsError("no such file or folder", str(path))
    return list(dict.fromkeys(found))


def episode_notes(episode: Episode, renderer: Renderer, now: int) -> tuple[Note, ...]:
    """Generate, identify and render every note of one episode."""
    keys = identity.fact_keys(episode)
    notes = []
    seen: set[str] = set()
    for card in generate(episode):
        guid = identity.card_guid(episode, keys[card.fact], card)
        if guid in seen:
            raise NotecardsError(f"two cards share the id {keys[card.fact]}/{card.role}",
                                 card.fact.location.path, card.fact.location.line)
        seen.add(guid)
        tags = ("notecards", f"notecards::{card.fact.section}", f"podcast::{slug(episode.podcast)}",
                *episode.tags)
        notes.append(Note(guid=guid, kind=card.kind, deck=episode.deck_name,
                          fields=renderer.fields(card, episode), tags=tags, card=card,
                          episode_key=episode.key, mtime=now))
    return tuple(notes)


def read_all(paths: Iterable[Path], renderer: Renderer, now: int) -> Iterator[EpisodeNotes | NotecardsError]:
    """Each source's notes, or the error that stopped it; one bad file never stops the others."""
    for path in discover(paths):
        try:
            episode = read_episode(path)
            yield EpisodeNotes(path, episode, episode_notes(episode, renderer, now))
        except NotecardsError as error:
            yield error


def plan(paths: Iterable[Path], templates: Path | None = None) -> tuple[tuple[Note, ...], tuple[str, ...]]:
    """The notes a build would write, and the errors met, without writing anything."""
    notes, errors, _ = collect(paths, Renderer(templates), int(time.time()))
    return notes, errors


def collect(paths: Iterable[Path], renderer: Renderer, now: int
            ) -> tuple[tuple[Note, ...], tuple[str, ...], tuple[str, ...]]:
    """Every note of every source, one message per source that failed, and the readers' warnings."""
    notes: list[Note] = []
    errors: list[str] = []
    warnings: list[str] = []
    for result in read_all(paths, renderer, now):
        if isinstance(result, NotecardsError):
            errors.append(str(result))
        else:
            notes.extend(result.notes)
            warnings.extend(result.episode.warnings)
    return tuple(notes), tuple(errors), tuple(warnings)


def build(paths: Iterable[Path], out: Path = DEFAULT_OUT, *, templates: Path | None = None,
          by: Grouping = "episode", jobs: int | None = None, progress: ProgressCallback | None = None,
          now: int | None = None, format: OutputFormat = "apkg") -> BuildReport:  # noqa: A002
    """Build one .apkg (or Anki text-import .csv) per deck into ``out``, skipping what did not
    change since the last build.

    ``jobs`` worker processes (default: the machine's cores); ``progress`` is called in the main
    process after each source and deck; ``now`` is the time stamped on changed notes.
    """
    if by not in ("episode", "guest"):
        raise NotecardsError(f"unknown grouping {by!r} (expected 'episode' or 'guest')")
    renderer = Renderer(templates)
    now = int(time.time()) if now is None else now
    sources = discover(paths)
    cache = BuildCache(out)
    fingerprint = digest(code_fingerprint(_version()), renderer.template_fingerprint())
    report = _Report(progress)
    with Workers(jobs or os.cpu_count() or 1, _init_worker, templates) as workers:
        entries = _run_sources(sources, cache, fingerprint, workers, report)
        decks = group_decks(entries, by, report.errors)
        deck_entries = _run_decks(decks, out, cache, digest(fingerprint, format), now, format, workers,
                                  report)
    # Sources and decks this build did not touch (another grouping, a subset of the sources) stay
    # known while their files exist, so switching back or building everything again costs nothing.
    built = {str(path) for path in sources}
    episodes = {path: entry for path, entry in cache.episodes.items()
                if path not in built and Path(path).is_file()} | dict(entries)
    decks = {name: entry for name, entry in cache.decks.items() if deck_path(out, name, format).is_file()}
    cache.save(episodes, decks | deck_entries)
    warnings = tuple(warning for _, entry in entries for warning in entry.warnings)
    return BuildReport(decks=tuple(sorted(report.decks, key=lambda deck: deck.name)),
                       errors=tuple(report.errors), warnings=warnings)


def deck_path(out: Path, deck: str, format: OutputFormat) -> Path:  # noqa: A002
    path = out / deck_file_name(deck)
    return path.with_suffix(text_export.SUFFIX) if format == "csv" else path


# --- the main process's side of each stage -------------------------------------------------------

class _Report:
    """Collects deck reports and errors, and tells the progress callback."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback, self.decks, self.errors = callback, [], []

    def step(self, stage: str, done: int, total: int, item: str, skipped: bool) -> None:
        if self.callback is not None:
            self.callback(Progress(stage, done, total, item, skipped))


def _run_sources(sources: list[Path], cache: BuildCache, fingerprint: str, workers: Workers,
                 report: _Report) -> list[tuple[str, EpisodeEntry]]:
    """Each source's entry, from the cache when its content key is unchanged, else from a job."""
    found: dict[str, EpisodeEntry | None] = {}
    pending: list[_SourceJob] = []
    done = 0
    for path in sources:
        content = file_digest(path) or "unreadable"
        key = digest(fingerprint, str(path), content)
        entry = cache.episode(str(path), key) if content != "unreadable" else None
        found[str(path)] = entry
        if entry is None:
            pending.append(_SourceJob(str(path), key, str(cache.root)))
        else:
            done += 1
            report.step("sources", done, len(sources), str(path), True)
    for result in workers.map(_source_job, pending):
        done += 1
        found[result.path] = result.entry
        if result.error:
            report.errors.append(result.error)
        report.step("sources", done, len(sources), result.path, False)
    return [(path, entry) for path, entry in found.items() if entry is not None]


def _run_decks(decks: dict[str, list[EpisodeEntry]], out: Path, cache: BuildCache, fingerprint: str,
               now: int, format: OutputFormat, workers: Workers, report: _Report  # noqa: A002
               ) -> dict[str, DeckEntry]:
    """Write every deck whose inputs changed or whose .apkg is not the one last written."""
    written: dict[str, DeckEntry] = {}
    pending: list[_DeckJob] = []
    done = 0
    for name in sorted(decks):
        path = deck_path(out, name, format)
        inputs = digest(fingerprint, name, *(entry.key for entry in decks[name]))
        entry = cache.deck(name, inputs, path)
        if entry is None:
            pending.append(_DeckJob(name, str(path), str(cache.root), tuple(
                (entry.key, entry.path) for entry in decks[name]), inputs, now, format))
            continue
        written[name] = entry
        report.decks.append(DeckReport(name, str(path), entry.notes, entry.cards,
                                       unchanged=entry.guids, skipped=True))
        done += 1
        report.step("decks", done, len(decks), name, True)
    for job, result in zip(pending, workers.map(_deck_job, pending)):
        if isinstance(result, str):
            report.errors.append(result)
        else:
            written[job.name] = result.entry
            report.decks.append(result.report)
        done += 1
        report.step("decks", done, len(decks), job.name, False)
    return written


# --- the jobs: top-level functions of picklable values, run in a worker or inline ----------------

@dataclass(frozen=True, slots=True)
class _SourceJob:
    path: str
    key: str
    cache_dir: str


@dataclass(frozen=True, slots=True)
class _SourceDone:
    path: str
    entry: EpisodeEntry | None
    error: str = ""


@dataclass(frozen=True, slots=True)
class _DeckJob:
    name: str
    path: str
    cache_dir: str
    sources: tuple[tuple[str, str], ...]  # (content key, path) of each source, in order
    inputs: str
    now: int
    format: OutputFormat


@dataclass(frozen=True, slots=True)
class _DeckDone:
    report: DeckReport
    entry: DeckEntry


_worker: dict[str, object] = {}


def _init_worker(templates: Path | None) -> None:
    if _worker.get("templates", ...) != templates:
        _worker.clear()
        _worker.update(templates=templates, renderer=Renderer(templates))


def _source_job(job: _SourceJob) -> _SourceDone:
    """read → generate → fact keys → render, then store the notes (mtimes are set per deck)."""
    try:
        episode, notes = _make_notes(Path(job.cache_dir), job.key, job.path)
    except NotecardsError as error:
        return _SourceDone(job.path, None, str(error))
    return _SourceDone(job.path, EpisodeEntry(
        job.key, job.path, episode.key, episode.deck_name, bool(episode.deck), episode.guest_names,
        episode.date, len(notes), episode.warnings))


def _make_notes(cache_dir: Path, key: str, path: str) -> tuple[Episode, tuple[Note, ...]]:
    episode = read_episode(Path(path))
    notes = episode_notes(episode, _worker["renderer"], 0)
    store_notes(cache_dir, key, notes)
    return episode, notes


def _stored_notes(cache_dir: Path, key: str, path: str) -> tuple[Note, ...]:
    """A source's notes from the cache; remade from the source if the stored copy is unreadable."""
    try:
        return load_notes(cache_dir, key)
    except (OSError, EOFError, ValueError, AttributeError, ImportError, pickle.UnpicklingError):
        return _make_notes(cache_dir, key, path)[1]


def settle(notes: list[Note], now: int) -> tuple[list[Note], dict[str, tuple[str, ...]]]:
    """Stamp each note's mtime and say which notes are new/changed/unchanged/removed.

    Without a lock every note of a rewritten deck is stamped ``now`` and counted as new.
    """
    return [replace(note, mtime=now) for note in notes], {"new": tuple(note.guid for note in notes)}


def _deck_job(job: _DeckJob) -> _DeckDone | str:
    """load the deck's notes → settle → write the .apkg; a failure is its message."""
    try:
        return _write_deck(job)
    except NotecardsError as error:
        return str(error)


def _write_deck(job: _DeckJob) -> _DeckDone:
    notes = [replace(note, deck=job.name) for key, source in job.sources
             for note in _stored_notes(Path(job.cache_dir), key, source)]
    stamped, changes = settle(notes, job.now)
    path = Path(job.path)
    if job.format == "csv":
        text_export.write_text_export(path, stamped)
    else:
        renderer: Renderer = _worker["renderer"]
        # The note types' mtime moves only when a template or the CSS changes (Renderer.templates_mtime).
        models = package.note_types(renderer.note_type_html("cloze"), renderer.note_type_html("qa"),
                                    renderer.templates_mtime())
        package.write_apkg(path, stamped, models)
    cards = sum(max(len({d.number for d in n.card.deletions}), 1) for n in stamped)
    return _DeckDone(DeckReport(job.name, job.path, len(stamped), cards, **changes),
                     DeckEntry(job.inputs, file_digest(path) or "", len(stamped), cards,
                               tuple(note.guid for note in stamped)))


def _version() -> str:
    from . import __version__

    return __version__

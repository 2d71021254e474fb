"""Orchestration: find sources, read them, make notes, group them into decks, write the decks."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import identity, package, text_export
from .lock import Lock, build_time, read_lock, settle, write_lock
from .errors import NotecardsError
from .generate import generate
from .model import BuildReport, DeckReport, Episode, Note, slug
from .render import Renderer
from .sources import read_episode, supported_suffixes

DEFAULT_SOURCES = Path("decks")
DEFAULT_OUT = Path("dist")
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


def episode_notes(episode: Episode, renderer: Renderer, previous: Lock = Lock()) -> tuple[Note, ...]:
    """Generate, identify and render every note of one episode (mtimes are stamped by ``settle``)."""
    notes = []
    for item in identity.identify(episode, generate(episode), previous.episode(episode.key)):
        card = item.card
        tags = ("notecards", f"notecards::{card.fact.section}", f"podcast::{slug(episode.podcast)}",
                *episode.tags)
        notes.append(Note(guid=item.guid, kind=card.kind, deck=episode.deck_name,
                          fields=renderer.fields(card, episode), tags=tags, card=card,
                          episode_key=episode.key, fact_key=item.fact_key))
    return tuple(notes)


def read_all(paths: Iterable[Path], renderer: Renderer, previous: Lock) -> Iterator[EpisodeNotes | NotecardsError]:
    """Each source's notes, or the error that stopped it; one bad file never stops the others."""
    for path in discover(paths):
        try:
            episode = read_episode(path)
            yield EpisodeNotes(path, episode, episode_notes(episode, renderer, previous))
        except NotecardsError as error:
            yield error


def plan(paths: Iterable[Path], templates: Path | None = None,
         lock: Path | None = None) -> tuple[tuple[Note, ...], tuple[str, ...]]:
    """The notes a build would write (notes to be tagged removed included), and the errors met,
    without writing anything; ``lock`` is read, never written."""
    previous = read_lock(lock)
    notes, errors, episodes, _ = collect(paths, Renderer(templates), previous)
    now = max(int(time.time()), previous.newest_mtime() + 1)
    return settle(previous, notes, now, episodes).notes, errors


def collect(paths: Iterable[Path], renderer: Renderer, previous: Lock = Lock()
            ) -> tuple[tuple[Note, ...], tuple[str, ...], dict[str, Episode], tuple[str, ...]]:
    """Every note of every source, one message per source that failed, the episodes read (by key)
    and the readers' warnings. Two sources of one episode (a .txt and its .yaml) would give the
    same GUIDs twice: the second is an error."""
    notes: list[Note] = []
    errors: list[str] = []
    warnings: list[str] = []
    episodes: dict[str, Episode] = {}
    for result in read_all(paths, renderer, previous):
        if not isinstance(result, NotecardsError) and result.episode.key in episodes:
            first = episodes[result.episode.key].source.path
            result = NotecardsError(f"the same episode as {first} ({result.episode.label}); keep one source "
                                    "per episode", str(result.path))
        if isinstance(result, NotecardsError):
            errors.append(str(result))
        else:
            notes.extend(result.notes)
            episodes[result.episode.key] = result.episode
            warnings.extend(result.episode.warnings)
    return tuple(notes), tuple(errors), episodes, tuple(warnings)


def deck_file_name(deck: str) -> str:
    return f"{slug(deck.replace('::', '--')) or 'deck'}.apkg"


def build(paths: Iterable[Path], out: Path = DEFAULT_OUT, *, templates: Path | None = None,
          lock: Path | None = None, now: int | None = None,
          format: OutputFormat = "apkg") -> BuildReport:  # noqa: A002 - the CLI option's name
    """Build one .apkg (or Anki text-import .csv) per deck into ``out``; returns what was built and
    what failed.

    ``lock`` is the lock file read and then rewritten (None: keep no lock, every note is new and
    stamped ``now``). ``now`` is the build time in seconds (default: the clock).
    """
    renderer = Renderer(templates)
    previous = read_lock(lock)
    notes, errors, episodes, warnings = collect(paths, renderer, previous)
    html = {kind: renderer.note_type_html(kind) for kind in ("cloze", "qa")}
    settled = settle(previous, notes, build_time(previous) if now is None else now, episodes,
                     {kind: package.note_type_fingerprint(kind, value) for kind, value in html.items()})
    by_deck: dict[str, list[Note]] = {}
    for note in settled.notes:
        by_deck.setdefault(note.deck, []).append(note)
    # A note type's mtime moves only when its templates or CSS change: kept in the lock by
    # fingerprint; without a lock, the template files' newest mtime (Renderer.templates_mtime).
    models = package.note_types(html["cloze"], html["qa"],
                                settled.note_type_mtimes if lock is not None else renderer.templates_mtime())
    reports = []
    for deck, deck_notes in sorted(by_deck.items()):
        path = out / deck_file_name(deck)
        if format == "csv":
            path = path.with_suffix(text_export.SUFFIX)
            text_export.write_text_export(path, deck_notes)
        else:
            package.write_apkg(path, deck_notes, models)
        changes = settled.changes[deck]
        removed = set(changes.removed)
        live = [n for n in deck_notes if n.guid not in removed]
        cards = sum(max(len({d.number for d in n.card.deletions}), 1) for n in live)
        reports.append(DeckReport(deck, str(path), len(live), cards, new=changes.new, changed=changes.changed,
                                  unchanged=changes.unchanged, removed=changes.removed,
                                  removed_facts=changes.removed_facts))
    write_lock(settled.lock)
    return BuildReport(decks=tuple(reports), errors=errors, warnings=warnings, lock=str(lock) if lock else "")

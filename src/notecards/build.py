"""Orchestration: find sources, read them, make notes, group them into decks, write the decks."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import identity, package, text_export
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


def deck_file_name(deck: str) -> str:
    return f"{slug(deck.replace('::', '--')) or 'deck'}.apkg"


def build(paths: Iterable[Path], out: Path = DEFAULT_OUT, *, templates: Path | None = None,
          format: OutputFormat = "apkg") -> BuildReport:  # noqa: A002 - the CLI option's name
    """Build one .apkg (or Anki text-import .csv) per deck into ``out``; returns what was built and what failed."""
    renderer = Renderer(templates)
    now = int(time.time())
    notes, errors, warnings = collect(paths, renderer, now)
    by_deck: dict[str, list[Note]] = {}
    for note in notes:
        by_deck.setdefault(note.deck, []).append(note)
    # The note types' mtime moves only when a template or the CSS changes (see Renderer.templates_mtime).
    models = package.note_types(renderer.note_type_html("cloze"), renderer.note_type_html("qa"),
                                renderer.templates_mtime())
    reports = []
    for deck, deck_notes in sorted(by_deck.items()):
        path = out / deck_file_name(deck)
        if format == "csv":
            path = path.with_suffix(text_export.SUFFIX)
            text_export.write_text_export(path, deck_notes)
        else:
            package.write_apkg(path, deck_notes, models)
        cards = sum(max(len({d.number for d in n.card.deletions}), 1) for n in deck_notes)
        reports.append(DeckReport(deck, str(path), len(deck_notes), cards,
                                  new=tuple(n.guid for n in deck_notes)))
    return BuildReport(decks=tuple(reports), errors=errors, warnings=warnings)

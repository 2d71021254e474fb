"""The preview: one self-contained HTML page with every card, front and back, as Anki shows it.

Why: a creator wants to see the cards before importing them. The page applies the note types'
templates to each note's fields with Anki's own rules (``anki_template``), groups cards by deck,
and carries its CSS and script inline, so it opens offline from a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .anki_template import render_note
from .atomic_write import write_atomically
from .build import plan
from .lock import REMOVED_TAG
from .model import Note
from .render import NoteTypeHtml, PreviewCard, PreviewDeck, Renderer

DEFAULT_PREVIEW = Path("dist") / "preview.html"


@dataclass(frozen=True, slots=True)
class PreviewReport:
    """What ``write_preview`` wrote, for the CLI to print."""

    path: str
    decks: int
    cards: int
    errors: tuple[str, ...] = ()


def preview_decks(notes: Iterable[Note], renderer: Renderer) -> tuple[PreviewDeck, ...]:
    """Every card of ``notes`` rendered as Anki would, grouped by deck (sorted by name)."""
    note_types = {kind: renderer.note_type_html(kind) for kind in ("cloze", "qa")}
    by_deck: dict[str, list[PreviewCard]] = {}
    for note in notes:
        by_deck.setdefault(note.deck, []).extend(note_cards(note, note_types))
    return tuple(PreviewDeck(name, tuple(cards)) for name, cards in sorted(by_deck.items()))


def note_cards(note: Note, note_types: Mapping[str, NoteTypeHtml]) -> tuple[PreviewCard, ...]:
    """Every card Anki makes of one note, front and back (the review page shows notes this way too)."""
    html = note_types[note.kind]
    sides = render_note(
        html.front, html.back, dict(note.fields), cloze=note.kind == "cloze", tags=note.tags, deck=note.deck
    )
    return tuple(PreviewCard(note.guid, note.kind, card.ord, card.front, card.back) for card in sides)


def preview_page(notes: Iterable[Note], renderer: Renderer) -> tuple[str, tuple[PreviewDeck, ...]]:
    """The page's HTML, and the decks it shows."""
    decks = preview_decks(notes, renderer)
    cards = sum(len(deck.cards) for deck in decks)
    return renderer.preview_page(decks, renderer.note_type_html("cloze").css, cards), decks


def write_preview(
    paths: Iterable[Path],
    out: Path = DEFAULT_PREVIEW,
    *,
    templates: Path | None = None,
    lock: Path | None = None,
    overrides: Path | None = None,
) -> PreviewReport:
    """Render the cards of every source under ``paths`` into one HTML page at ``out``, with the
    overrides applied (the lock is only read: it gives the GUIDs the overrides are keyed by)."""
    notes, errors = plan(paths, templates, lock, overrides)
    notes = tuple(note for note in notes if REMOVED_TAG not in note.tags)  # gone from the sources
    page, decks = preview_page(notes, Renderer(templates))
    write_atomically(out, page, what="preview")
    return PreviewReport(str(out), len(decks), sum(len(deck.cards) for deck in decks), errors)

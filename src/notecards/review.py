"""Reviewing the cards before studying them: every note as the build makes it, with the creator's
choices (drop, edit, re-choose a cloze's deletions, keep) written at once to the overrides file.

Why a session: the page shows each note as Anki will, and after each choice shows it again, so the
generated cards (before any override) are kept in memory and every choice is applied to them with
the same function a build uses (``jobs.episode_notes``: identity, then ``overrides.apply_override``,
then ``render``). The server (``review_server.py``) only passes requests here; the library never
prints. ``review_stats.py`` counts the verdicts per card role.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from .build import same_episode_error
from .cache import file_digest
from .errors import NotecardsError
from .identity import Identified, identify
from .jobs import generate, note_for
from .lock import Lock
from .lock_file import read_lock
from .model import Deletion, Episode, LockEntry, Note
from .overrides import Override, Overrides, apply_override, read_overrides, write_overrides
from .preview import note_cards
from .render import REVIEW_NOTE, REVIEW_PAGE, PreviewCard, Renderer
from .review_stats import RoleStats, review_stats, verdict
from .sources import discover, read_episode
from .sources.cloze_markup import MAX_CLOZE_NUMBER, cloze_source, parse_cloze

MAX_EDIT_CHARS = 2000  # a question, an answer or a cloze sentence typed on the page
ACTIONS = ("drop", "undo", "keep", "edit", "revert")


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One generated note: its episode, its card as generated (GUID from identity) and its lock entry."""

    episode: Episode
    generated: Identified
    previous: LockEntry | None

    @property
    def guid(self) -> str:
        return self.generated.guid


class ReviewSession:
    """The notes of ``paths`` and the choices made on them, kept in step with the overrides file.

    Safe to use from several server threads: every choice is made under one lock, and the file is
    written (atomically) before the choice is answered.
    """

    def __init__(
        self, paths: Iterable[Path], overrides: Path, *, lock: Path | None = None, templates: Path | None = None
    ) -> None:
        self.path = overrides
        self.renderer = Renderer(templates)
        self.note_types = {kind: self.renderer.note_type_html(kind) for kind in ("cloze", "qa")}
        self.lock = threading.Lock()
        self.items, self.errors = collect_items(paths, read_lock(lock))
        self.overrides = read_overrides(overrides)
        self._seen = file_digest(overrides)
        self.broken = ""  # why the file does not read, after a hand edit (see ``refresh``)

    # --- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Take the file again if it was edited by hand since the session last read or wrote it."""
        with self.lock:
            self._reread()

    def _reread(self) -> None:
        """While the file does not read (a hand edit half done), the page says why and writes nothing,
        so the edit is never overwritten."""
        if file_digest(self.path) == self._seen:
            return
        try:
            self.overrides, self.broken = read_overrides(self.path), ""
        except NotecardsError as error:
            self.broken = f"{error}; fix it and reload the page (choices are not saved meanwhile)"
        self._seen = file_digest(self.path)

    def note(self, guid: str) -> Note:
        """The note as a build with the current overrides makes it (``dropped`` when skipped); an
        entry that does not fit its card (cloze text for a Q/A card) is left out here, and named by
        ``problems``, as a build names it."""
        item = self.items[guid]
        entry = self.overrides.get(guid)
        try:
            card = apply_override(item.generated, entry, item.previous, self.overrides.path)
        except NotecardsError:
            card = item.generated
        return note_for(card, item.episode, self.renderer, dropped=bool(entry and entry.skip))

    def problems(self) -> tuple[str, ...]:
        """What the page shows above the cards: sources that failed, a file that does not read,
        entries that do not fit their cards."""
        found = [*self.errors, *([self.broken] if self.broken else [])]
        for entry in self.overrides.entries:
            item = self.items.get(entry.guid)
            try:
                if item is not None:
                    apply_override(item.generated, entry, item.previous, self.overrides.path)
            except NotecardsError as error:
                found.append(str(error))
        return tuple(found)

    def state(self, guid: str) -> dict[str, object]:
        """What the page's script needs of a note: its verdict and what an edit starts from."""
        note, entry = self.note(guid), self.overrides.get(guid)
        card = note.card
        previous = self.items[guid].previous
        used = [number for number, _ in previous.clozes] if previous else []
        return {
            "guid": guid,
            "kind": note.kind,
            "role": card.role,
            "verdict": verdict(entry),
            "edited": bool(entry and entry.edited),
            "stale": bool(entry and entry.edited and entry.fact_text and entry.fact_text != card.fact.text),
            "question": card.question,
            "answer": card.answer,
            "text": card.text,
            "deletions": [[d.start, d.end, d.number, d.hint] for d in sorted(card.deletions, key=lambda d: d.start)],
            "next": max([0, *used, *(d.number for d in card.deletions)]) + 1,
        }

    def left(self) -> int:
        return sum(verdict(self.overrides.get(guid)) == "left" for guid in self.items)

    def page(self, nonce: str) -> str:
        """The whole page: notes grouped by deck, then episode, in source order."""
        groups: dict[str, dict[str, list[str]]] = {}
        for guid, item in self.items.items():
            groups.setdefault(item.episode.deck_name, {}).setdefault(item.episode.label, []).append(guid)
        decks = [
            {"name": deck, "episodes": [{"label": label, "guids": guids} for label, guids in episodes.items()]}
            for deck, episodes in sorted(groups.items())
        ]
        sides = {guid: self._cards(guid) for guid in self.items}
        states = {guid: self.state(guid) for guid in self.items}
        return self.renderer.review_html(
            REVIEW_PAGE,
            sides,
            self.note_types["cloze"].css,
            decks=decks,
            states=states,
            notes=len(self.items),
            left=self.left(),
            errors=self.problems(),
            overrides=str(self.path),
            nonce=nonce,
        )

    def note_html(self, guid: str) -> str:
        return self.renderer.review_html(REVIEW_NOTE, {guid: self._cards(guid)}, state=self.state(guid))

    def _cards(self, guid: str) -> tuple[PreviewCard, ...]:
        return note_cards(self.note(guid), self.note_types)

    # --- choosing ---------------------------------------------------------------------------------

    def choose(self, guid: str, action: str, change: Mapping[str, object] | None = None) -> dict[str, object]:
        """Apply one choice, write the file, and return the note's new state and HTML and the count
        of notes left. A choice the page cannot have meant is a ``NotecardsError`` (nothing written)."""
        with self.lock:
            self._reread()  # a hand edit made since the page loaded is kept, not overwritten
            if self.broken:
                raise NotecardsError(self.broken)
            if guid not in self.items:
                raise NotecardsError(f"no card has the GUID {guid!r}")
            if action not in ACTIONS:
                raise NotecardsError(f"unknown action {action!r}")
            entry = self.overrides.get(guid) or Override(guid)
            entry = self._changed(self.items[guid], entry, action, change or {})
            chosen = self.overrides.with_entry(entry)
            write_overrides(self.path, chosen, self.comments(chosen))
            self.overrides, self._seen = chosen, file_digest(self.path)
            return {"state": self.state(guid), "html": self.note_html(guid), "left": self.left()}

    def _changed(self, item: ReviewItem, entry: Override, action: str, change: Mapping[str, object]) -> Override:
        if action in ("drop", "undo"):
            return replace(entry, skip=action == "drop")
        if action == "keep":
            return replace(entry, reviewed=True)
        if action == "revert":
            return replace(entry, question="", answer="", text="", deletions=(), fact_text="")
        card = item.generated.card
        if card.kind == "qa":
            question, answer = _typed(change, "question"), _typed(change, "answer")
            question = "" if question == card.question else question
            answer = "" if answer == card.answer else answer
            edited = replace(entry, question=question, answer=answer, text="", deletions=())
        else:
            text = _typed(change, "text") if "text" in change else self.note(item.guid).card.text
            if "{{" in text or "}}" in text:
                raise NotecardsError("this sentence holds '{{' or '}}', which cloze markup cannot carry")
            markup = cloze_source(text, _deletions(change.get("deletions"), text))
            text, deletions = parse_cloze(markup, "the review page", 1)
            same = text == card.text and sorted(deletions, key=_place) == sorted(card.deletions, key=_place)
            edited = replace(entry, text="" if same else text, deletions=() if same else deletions)
        return replace(edited, fact_text=card.fact.text if edited.edited else "")

    def comments(self, overrides: Overrides) -> dict[str, str]:
        """A comment per entry naming its card, so the file reads without the page."""
        found = {}
        for entry in overrides.entries:
            item = self.items.get(entry.guid)
            if item is not None:
                card = item.generated.card
                what = card.question if card.kind == "qa" else cloze_source(card.text, card.deletions)
                found[entry.guid] = f"{item.episode.label} · {card.role}: {what}"
        return found

    def stats(self) -> tuple[RoleStats, ...]:
        """The verdicts per card role (``review --stats``)."""
        return review_stats(((guid, item.generated.card.role) for guid, item in self.items.items()), self.overrides)


def collect_items(paths: Iterable[Path], previous: Lock) -> tuple[dict[str, ReviewItem], tuple[str, ...]]:
    """Every generated note of the sources under ``paths``, by GUID in source order, and one message
    per source that failed (the others are still reviewed)."""
    items: dict[str, ReviewItem] = {}
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in discover(paths):
        try:
            episode = read_episode(path)
            if episode.key in seen:
                raise same_episode_error(str(path), seen[episode.key], episode.label)
            seen[episode.key] = str(path)
            entries = previous.episode(episode.key)
            by_guid = {entry.guid: entry for entry in entries}
            for identified in identify(episode, generate(episode), entries):
                items[identified.guid] = ReviewItem(episode, identified, by_guid.get(identified.guid))
        except NotecardsError as error:
            errors.append(str(error))
    return items, tuple(errors)


def _typed(change: Mapping[str, object], key: str) -> str:
    value = change.get(key)
    if not isinstance(value, str):
        raise NotecardsError(f"{key} should be text")
    value = " ".join(value.split())
    if not value or len(value) > MAX_EDIT_CHARS:
        raise NotecardsError(f"{key} must hold 1 to {MAX_EDIT_CHARS} characters")
    return value


def _deletions(value: object, text: str) -> tuple[Deletion, ...]:
    """The page's deletions, checked: in the text, in order, not overlapping, numbered 1–99."""
    if not isinstance(value, list) or not value:
        raise NotecardsError("a cloze card needs at least one deletion")
    found: list[Deletion] = []
    for item in value:
        if not (
            isinstance(item, list)
            and len(item) == 4
            and all(isinstance(n, int) and not isinstance(n, bool) for n in item[:3])
            and isinstance(item[3], str)
        ):
            raise NotecardsError("a deletion is [start, end, number, hint]")
        start, end, number, hint = item
        if not (0 <= start < end <= len(text) and 1 <= number <= MAX_CLOZE_NUMBER and len(hint) <= MAX_EDIT_CHARS):
            raise NotecardsError("a deletion lies outside the text, or its number is not 1–99")
        found.append(Deletion(start, end, number, " ".join(hint.split())))
    found.sort(key=_place)
    if any(a.end > b.start for a, b in pairwise(found)):
        raise NotecardsError("deletions overlap")
    return tuple(found)


def _place(deletion: Deletion) -> tuple[int, int]:
    return (deletion.start, deletion.end)

"""Which deck each episode's notes go to: one deck per episode, or one per guest (``--by``).

Grouping only names decks; GUIDs never depend on it, so switching it never duplicates a note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Literal, Protocol, TypeVar

from .model import slug

GUEST_DECK_PREFIX = "Guests::"
Grouping = Literal["episode", "guest"]


class EpisodeEntry(Protocol):
    """What grouping reads of a built source (``cache.EpisodeEntry``)."""

    @property
    def deck(self) -> str: ...  # the episode's own deck

    @property
    def explicit_deck(self) -> bool: ...  # the source names its deck

    @property
    def guests(self) -> tuple[str, ...]: ...

    @property
    def date(self) -> str: ...


Entry = TypeVar("Entry", bound=EpisodeEntry)


# A deck file's name, in bytes, without its suffix: far below the 255 of common file systems, with
# room for the suffix and the temporary name it is written under first.
MAX_FILE_NAME_BYTES = 120


@cache  # asked for every deck on every build, the same answer each time
def deck_file_name(deck: str) -> str:
    """The deck's file name: its slug, in any script; a long one is cut and ends in a hash of the
    whole, so two long titles that start alike still get two files."""
    stem = slug(deck.replace("::", "--")) or "deck"
    if len(stem.encode()) > MAX_FILE_NAME_BYTES:
        cut = stem.encode()[: MAX_FILE_NAME_BYTES - 11].decode(errors="ignore").rstrip("-")
        stem = f"{cut}-{hashlib.sha256(stem.encode()).hexdigest()[:10]}"
    return f"{stem}.apkg"


def deck_names(entries: Sequence[tuple[str, Entry]], by: Grouping) -> dict[str, str]:
    """The deck each source's notes go to (source path → deck name).

    ``episode``: the episode's own deck. ``guest``: ``Guests::<first-listed guest>``, so an episode
    with two guests goes to the first one's deck (a note can only live in one deck); guests are
    matched ignoring case and accents, and the name is spelled as in the earliest episode (by date,
    then path) that guest leads, so adding later episodes keeps deck names stable. A deck named
    explicitly in a source, and an episode with no guest, keep the episode's own deck.
    """
    if by == "episode":
        return {path: entry.deck for path, entry in entries}
    spelling: dict[str, str] = {}
    for _path, entry in sorted(entries, key=lambda item: (item[1].date or "9999", item[0])):
        if entry.guests and not entry.explicit_deck:
            spelling.setdefault(_guest_key(entry.guests[0]), entry.guests[0])
    return {
        path: (
            f"{GUEST_DECK_PREFIX}{spelling[_guest_key(entry.guests[0])]}"
            if entry.guests and not entry.explicit_deck
            else entry.deck
        )
        for path, entry in entries
    }


def removed_deck(entry: EpisodeEntry, by: Grouping, decks: Iterable[str]) -> str:
    """The deck a gone source's removed notes go to: its own deck, or with ``guest`` its first
    guest's deck, spelled as a deck of this build spells that guest."""
    if by == "episode" or not entry.guests or entry.explicit_deck:
        return entry.deck
    guest = _guest_key(entry.guests[0])
    for name in decks:
        if name.startswith(GUEST_DECK_PREFIX) and _guest_key(name[len(GUEST_DECK_PREFIX) :]) == guest:
            return name
    return f"{GUEST_DECK_PREFIX}{entry.guests[0]}"


def group_decks(entries: Sequence[tuple[str, Entry]], by: Grouping, errors: list[str]) -> dict[str, list[Entry]]:
    """Deck name → its sources' entries in source order. Two decks may not share a file name: the
    second is left out and an error says so."""
    decks: dict[str, list[Entry]] = {}
    names = deck_names(entries, by)
    for path, entry in entries:
        decks.setdefault(names[path], []).append(entry)
    files: dict[str, str] = {}
    for name in sorted(decks):
        other = files.setdefault(deck_file_name(name), name)
        if other != name:
            errors.append(f"deck {name!r} would overwrite deck {other!r} ({deck_file_name(name)}); rename one of them")
            del decks[name]
    return decks


def _guest_key(name: str) -> str:
    return slug(name) or name.casefold()

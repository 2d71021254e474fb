"""The values that flow between pipeline stages: frozen dataclasses and tuples, no I/O.

sources ─▶ Episode ─▶ generate ─▶ Card* ─▶ identity ─▶ guid ─▶ render ─▶ Note* ─▶ package
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from .errors import one_line

BIG_REVEALS = "big_reveals"
WORTH_REMEMBERING = "things_worth_remembering"
GUEST = "guest"
RECOMMENDATIONS = "recommendations"
HAND = "hand"  # facts that exist only to carry a hand-written card from canonical YAML

CardKind = Literal["cloze", "qa"]


def slug(text: str) -> str:
    """Lower-case letters and digits joined by dashes: for keys, tags and file names that must not
    depend on case, accents or punctuation, and must differ for different names in any script.

    Latin letters lose their accents (``Pelé`` → ``pele``) and the few with no unaccented form
    (``ø``, ``ł``, ``ß``) are dropped, exactly as before scripts were kept, since keys made from
    them are in users' locks. Letters and digits of every other script are kept, lower-cased, with
    their marks (``中文播客``, ``иван-петров``, ``नरेंद्र``), so names in those scripts no longer
    collapse into one empty key. A name with nothing left is its hash, so no name's key is empty.
    """
    kept: list[str] = []
    other_base = False  # the last base character was kept as a letter of another script
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            kept.append(char.lower())
            other_base = False
        elif unicodedata.category(char).startswith("M"):
            if other_base:  # a vowel sign or accent of that letter: part of it
                kept.append(char)
        elif _other_script_letter(char):
            kept.append(char.casefold())
            other_base = True
        else:  # Latin letters with no ASCII form, punctuation, symbols, spaces: dropped, as ever
            other_base = False
    result = _NOT_KEPT.sub("-", unicodedata.normalize("NFC", "".join(kept))).strip("-")
    if result or not text.strip():
        return result
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:10]


_NOT_KEPT = re.compile(r"[^a-z0-9\u0080-\U0010ffff]+")  # what ASCII is not a letter or digit


def _other_script_letter(char: str) -> bool:
    """A letter or digit of a script other than Latin (whose letters are keyed without accents)."""
    return unicodedata.category(char)[0] in "LN" and "LATIN" not in unicodedata.name(char, "")


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; every fact carries one so errors and cards can point back to it."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}"


@dataclass(frozen=True, slots=True)
class Fact:
    """One learnable unit as written in the notes: a bullet, the guest's bio or a quote.

    ``fact_id`` is an explicit id from canonical YAML; when absent, identity derives one.
    ``speaker`` and ``timestamp`` are set for quotes.
    """

    section: str
    text: str
    location: Location
    fact_id: str | None = None
    speaker: str = ""
    timestamp: str = ""
    named: bool = False  # ``fact_id`` was made from a name (a guest's, a product's), not given


@dataclass(frozen=True, slots=True)
class Guest:
    name: str
    bio: str
    location: Location

    @property
    def fact(self) -> Fact:
        return Fact(
            GUEST,
            f"{self.name} — {self.bio}" if self.bio else self.name,
            self.location,
            fact_id=f"guest-{slug(self.name)}",
            named=True,
        )


@dataclass(frozen=True, slots=True)
class Recommendation:
    name: str
    maker: str
    maker_inferred: bool
    quote: str
    speaker: str
    timestamp: str  # HH:MM:SS into the episode, or ""
    location: Location
    fact_id: str | None = None

    @property
    def fact(self) -> Fact:
        return Fact(
            RECOMMENDATIONS,
            self.quote or self.name,
            self.location,
            fact_id=self.fact_id or f"rec-{slug(self.name)}",
            named=self.fact_id is None,
            speaker=self.speaker,
            timestamp=self.timestamp,
        )


@dataclass(frozen=True, slots=True)
class Deletion:
    """One cloze deletion: characters ``start:end`` of the card's sentence become ``{{cN::…}}``."""

    start: int
    end: int
    number: int
    hint: str = ""


@dataclass(frozen=True, slots=True)
class HandCard:
    """A card written by hand in canonical YAML, already parsed: cloze markup became ``text`` plus
    ``deletions`` at read time (so ``render`` escapes it like any generated card), or a Q/A pair.

    ``fact_id`` names the fact the card belongs to. ``role`` (with the fact's key) makes the GUID.
    ``replaces``: the fact's generated cards are dropped in favour of the hand-written ones.
    A card with no fact of its own gets a ``HAND`` fact in ``Episode.facts`` (so it has a key).
    """

    kind: CardKind
    location: Location
    fact_id: str
    role: str
    text: str = ""
    deletions: tuple[Deletion, ...] = ()
    question: str = ""
    answer: str = ""
    replaces: bool = False


@dataclass(frozen=True, slots=True)
class Episode:
    """Everything a notes source says about one episode; missing parts are empty, never invented."""

    podcast: str
    title: str
    source: Location
    number: int | None = None
    site: str = ""
    host: str = ""
    date: str = ""  # ISO YYYY-MM-DD, or ""
    duration: str = ""
    summary: str = ""
    url: str = ""
    guests: tuple[Guest, ...] = ()
    gist: str = ""
    facts: tuple[Fact, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    deck: str = ""  # explicit deck name override from YAML
    tags: tuple[str, ...] = ()
    hand_cards: tuple[HandCard, ...] = ()
    skipped: tuple[str, ...] = ()  # "<fact id>/<card role>" of generated cards the user switched off
    warnings: tuple[str, ...] = ()  # "path:line: warning: …" for what the reader left out, and why

    @property
    def key(self) -> str:
        """Stable identity of the episode: podcast and number (or date, or title) — not the file name,
        so moving or converting a source keeps its GUIDs."""
        ident = str(self.number) if self.number is not None else (self.date or slug(self.topic))
        return f"{slug(self.podcast)}/{ident}"

    @property
    def topic(self) -> str:
        """The title without the ``| Podcast #N`` suffix."""
        return self.title.split(" | ")[0].strip()

    @property
    def label(self) -> str:
        """How cards and decks name the episode: ``#35 Jeremy Howard: fast.ai …``."""
        return f"#{self.number} {self.topic}" if self.number is not None else self.topic

    @property
    def deck_name(self) -> str:
        return self.deck or f"{self.podcast}::{self.label}"

    @property
    def guest_names(self) -> tuple[str, ...]:
        return tuple(guest.name for guest in self.guests)


@dataclass(frozen=True, slots=True)
class Card:
    """A generated (or hand-written) card before it has an identity.

    ``role`` names what the card asks within its fact (``cloze``, ``qa-who``, ``guest``…); together
    with the fact's key it makes the GUID, so it must not depend on the wording.
    For a cloze card, ``text`` is the plain sentence and ``deletions`` mark the hidden spans; for a
    Q/A card, ``question`` and ``answer`` are plain text. Hand-written cloze markup is parsed into
    the same form, so escaping happens in exactly one place (``render``).
    """

    kind: CardKind
    role: str
    fact: Fact
    text: str = ""
    deletions: tuple[Deletion, ...] = ()
    question: str = ""
    answer: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """A card with its identity and rendered HTML fields: what goes into the .apkg."""

    guid: str
    kind: CardKind
    deck: str
    fields: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    card: Card
    episode_key: str
    mtime: int = 0
    fact_key: str = ""  # the fact's stable key (see identity.py); stored in the lock
    dropped: bool = False  # skipped by an override: made for the review page, never emitted (overrides.py)

    def field(self, name: str) -> str:
        return dict(self.fields)[name]


@dataclass(frozen=True, slots=True)
class DeckReport:
    name: str
    path: str
    notes: int
    cards: int
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # guids of notes re-emitted once, tagged notecards::removed
    removed_facts: tuple[str, ...] = ()  # the text of each removed fact, for the summary
    skipped: bool = False  # unchanged since the last build: the .apkg was left as it was


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the CLI to print; the library itself never prints."""

    decks: tuple[DeckReport, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    lock: str = ""  # the lock file read and written, or "" when the build kept none
    gone: tuple[str, ...] = ()  # sources of earlier builds that no longer exist: their notes are removed
    notices: tuple[str, ...] = ()  # files skipped because they are not episode notes, one line each

    @property
    def notes(self) -> int:
        return sum(deck.notes for deck in self.decks)

    @property
    def cards(self) -> int:
        return sum(deck.cards for deck in self.decks)

    def count(self, change: str) -> int:
        """Notes in one change class (``new``, ``changed``, ``unchanged``, ``removed``) over all decks."""
        return sum(len(getattr(deck, change)) for deck in self.decks)

    @property
    def skipped(self) -> int:
        return sum(deck.skipped for deck in self.decks)


@dataclass(frozen=True, slots=True)
class Progress:
    """One step of a build, for a progress display: ``stage`` is ``sources`` or ``decks``;
    ``skipped`` means the cache showed the item unchanged; ``failed``, that it gave an error."""

    stage: str
    done: int
    total: int
    item: str
    skipped: bool = False
    failed: bool = False


@dataclass(frozen=True, slots=True)
class LockEntry:
    """What the lock file remembers about one note between builds (see lock.py).

    ``fact`` is the fact's stable key and ``text`` its text as last built, so the next build can
    match an edited fact to it; ``content`` hashes the fields and tags, and ``mtime`` is when they
    last changed. ``clozes`` maps each cloze number to its answer (None: a number no longer used,
    never to be given to another span). ``tags`` and ``clozes`` let a removed note be re-emitted (its
    rendered fields are not kept: see ``lock.settle``).
    """

    guid: str
    episode: str
    fact: str
    role: str
    kind: CardKind
    section: str
    text: str
    content: str
    mtime: int
    tags: tuple[str, ...] = ()
    clozes: tuple[tuple[int, str | None], ...] = ()
    removed: bool = False
    source: str = ""  # the episode's source file, relative to the lock's folder: a file gone means removed

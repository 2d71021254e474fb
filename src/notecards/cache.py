"""The incremental build cache, in ``OUT/.notecards-cache/``: safe to delete at any time.

Why: rebuilding a back catalogue after one edit should cost about one episode. Each source's
notes are stored under a key made of its bytes, its path, the notecards code and version and the
templates; each deck remembers the key of its inputs and a hash of the .apkg it wrote, so an
unchanged deck whose file is still intact is skipped. Anything missing or unreadable in the cache
is a miss, never an error. The stored notes are also how workers hand notes to the deck stage
without sending them through the main process.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import stored_values
from .atomic_write import write_atomically
from .model import Note

CACHE_DIR = ".notecards-cache"
INDEX_FILE = "index.json"
NOTES_DIR = "notes"
NOTES_SUFFIX = ".json"  # data, never pickle: a cache file cannot run code
FORMAT = 3


@dataclass(frozen=True, slots=True)
class EpisodeEntry:
    """What the deck stage needs to know about one source, without reading its notes."""

    key: str  # the content key its notes are stored under
    path: str
    episode_key: str
    deck: str  # the episode's own deck: its explicit deck, or ``Podcast::#N Topic``
    explicit_deck: bool
    guests: tuple[str, ...]
    date: str
    notes: int
    warnings: tuple[str, ...] = ()  # the reader's warnings, repeated on every build that uses the entry
    identity: str = ""  # a hash of the lock's lines for the episode after the build (``Lock.digest``)
    guids: tuple[str, ...] = ()  # every note it makes, dropped ones too: which overrides concern it
    overrides: str = ""  # a hash of those overrides (``Overrides.digest``): its notes are remade when it moves
    part: int = 0  # which episode of its file (a Snipd export of all episodes holds many)
    same_as: tuple[str, ...] = ()  # other names of the episode (``sources.duplicates``)

    @property
    def ident(self) -> str:
        """The source's name in the index: its path, and for a later episode of a file, its number."""
        return self.path if self.part == 0 else f"{self.path}\x00{self.part}"


def part_key(key: str, part: int) -> str:
    """The key the notes of one episode of a file are stored under (the file's key for the first)."""
    return key if part == 0 else digest(key, f"part {part}")


@dataclass(frozen=True, slots=True)
class DeckEntry:
    """A deck as last written: the key of its inputs and a hash of the file, to detect tampering."""

    inputs: str
    apkg: str
    notes: int
    cards: int
    guids: tuple[str, ...]


@cache
def code_fingerprint(version: str) -> str:
    """The notecards version and the hash of its own source: a code change invalidates the cache
    even when the version number did not move (as during development)."""
    digest = hashlib.sha256(f"{FORMAT}\0{version}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def file_digest(path: Path) -> str | None:
    """A hash of the file's bytes, or None when it cannot be read (the reader reports why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def store_notes(cache_dir: Path, key: str, notes: tuple[Note, ...]) -> None:
    """Store one source's notes under its content key, atomically (workers call this)."""
    folder = cache_dir / NOTES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(
        folder / f"{key}{NOTES_SUFFIX}",
        stored_values.dumps(notes),
        what="build cache",
        durable=False,
    )


def load_notes(cache_dir: Path, key: str) -> tuple[Note, ...]:
    """A source's stored notes; ``OSError`` or ``ValueError`` (a miss) when they are gone or wrong."""
    return stored_values.loads(Note, (cache_dir / NOTES_DIR / f"{key}{NOTES_SUFFIX}").read_bytes())


class BuildCache:
    """The index of the last build into one output folder."""

    def __init__(self, out: Path) -> None:
        self.root = out / CACHE_DIR
        self.episodes: dict[str, EpisodeEntry] = {}
        self.decks: dict[str, DeckEntry] = {}
        self.note_types: dict[str, str] = {}  # kind → fingerprint of the templates last built with here
        self.skipped: dict[str, tuple[str, str]] = {}  # path → (content key, notice): files that are not notes
        try:
            index = json.loads((self.root / INDEX_FILE).read_text(encoding="utf-8"))
            if index.get("format") == FORMAT:  # every entry checked: a wrong one makes the whole index a miss
                self.episodes = {
                    str(path): stored_values.decode(EpisodeEntry, entry)
                    for path, entry in index["episodes"].items()  # keyed by ``EpisodeEntry.ident``
                }
                self.decks = {
                    str(name): stored_values.decode(DeckEntry, entry) for name, entry in index["decks"].items()
                }
                self.note_types = {str(kind): str(value) for kind, value in index.get("note_types", {}).items()}
                self.skipped = {
                    str(path): (str(key), str(notice)) for path, (key, notice) in index.get("skipped", {}).items()
                }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.episodes, self.decks, self.note_types, self.skipped = {}, {}, {}, {}

    def notice(self, path: str, key: str) -> str | None:
        """Why an unchanged file was skipped last time (not episode notes), so it need not be read again."""
        known = self.skipped.get(path)
        return known[1] if known is not None and known[0] == key else None

    def drop_unused(self) -> None:
        """Remove stored notes the index on disk does not name (what an interrupted build made)."""
        used = {f"{entry.key}{NOTES_SUFFIX}" for entry in BuildCache(self.root.parent).episodes.values()}
        for stored in (self.root / NOTES_DIR).glob(f"*{NOTES_SUFFIX}"):
            if stored.name not in used:
                stored.unlink(missing_ok=True)

    def episode(self, path: str, key: str) -> EpisodeEntry | None:
        """The stored entry of a source whose content key is unchanged and whose notes are still there."""
        entry = self.episodes.get(path)
        if entry is None or entry.key != key or not (self.root / NOTES_DIR / f"{key}{NOTES_SUFFIX}").is_file():
            return None
        return entry

    def source(self, path: str, key: str) -> tuple[EpisodeEntry, ...] | None:
        """Every episode of a source whose content key is unchanged and whose notes are all still there."""
        first = self.episode(path, key)
        if first is None:
            return None
        parts = [first]
        while (entry := self.episodes.get(f"{path}\x00{len(parts)}")) is not None:
            if (
                entry.key != part_key(key, entry.part)
                or not (self.root / NOTES_DIR / f"{entry.key}{NOTES_SUFFIX}").is_file()
            ):
                return None
            parts.append(entry)
        return tuple(parts)

    def deck(self, name: str, inputs: str, apkg: Path) -> DeckEntry | None:
        """The stored entry of a deck whose inputs are unchanged and whose .apkg is intact."""
        entry = self.decks.get(name)
        if entry is None or entry.inputs != inputs or file_digest(apkg) != entry.apkg:
            return None
        return entry

    def save(
        self,
        episodes: dict[str, EpisodeEntry],
        decks: dict[str, DeckEntry],
        note_types: dict[str, str] | None = None,
        skipped: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """Write the new index and drop stored notes no source uses any more."""
        self.root.mkdir(parents=True, exist_ok=True)
        if note_types is not None:
            self.note_types = dict(note_types)
        if skipped is not None:
            self.skipped = dict(skipped)
        index = {
            "format": FORMAT,
            "episodes": {path: _flat(entry) for path, entry in sorted(episodes.items())},
            "decks": {name: _flat(entry) for name, entry in sorted(decks.items())},
            "note_types": dict(sorted(self.note_types.items())),
            "skipped": {path: list(value) for path, value in sorted(self.skipped.items())},
        }
        write_atomically(
            self.root / INDEX_FILE, json.dumps(index, ensure_ascii=False), what="build cache", durable=False
        )
        used = {f"{entry.key}{NOTES_SUFFIX}" for entry in episodes.values()}
        for stored in (self.root / NOTES_DIR).glob(f"*{NOTES_SUFFIX}"):
            if stored.name not in used:
                stored.unlink(missing_ok=True)
        self.episodes, self.decks = dict(episodes), dict(decks)


def _flat(entry: EpisodeEntry | DeckEntry) -> dict:
    """An entry's fields as a dict (its values are plain strings, numbers and tuples of strings):
    ``dataclasses.asdict`` deep-copies, and that was a tenth of an unchanged rebuild."""
    return {name: getattr(entry, name) for name in entry.__slots__}

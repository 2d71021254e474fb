"""Handing built decks to the running Anki, reading back what changed, and settling removed notes.

Each deck is imported with AnkiConnect's ``importPackage``: Anki's own package import, which matches
notes by GUID and updates a note only when the package's copy is newer — what File → Import does
(docs/ankiconnect.md). What changed is then read back from the collection, not assumed from the
build: a note that was not in the deck before was added, one whose modification time or tags moved
was updated, the rest Anki left as they were.

A record in the build cache (``OUT/.notecards-cache/anki.json``) keeps, per Anki address, a hash
of each deck file Anki has accepted, so a sync hands over only the decks that changed, and a sync
that stopped half-way hands over the rest next time. Importing a deck twice adds nothing (the GUIDs
match), so losing the record costs time, never cards.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .ankiconnect import AnkiConnect, AnkiConnectError
from .atomic_write import write_atomically
from .cache import CACHE_DIR, file_digest
from .lock import REMOVED_TAG
from .model import BuildReport, Progress
from .package import CLOZE_MODEL_ID, QA_MODEL_ID

RemovedNotes = Literal["keep", "suspend", "delete"]
REMOVED_CHOICES: tuple[RemovedNotes, ...] = ("keep", "suspend", "delete")
RECORD_FILE = "anki.json"
RECORD_FORMAT = 1
REMOVED_QUERY = f"tag:{REMOVED_TAG}"
OUR_NOTES = f"(mid:{CLOZE_MODEL_ID} OR mid:{QA_MODEL_ID})"  # by id: a note type renamed in Anki still counts


@dataclass(frozen=True, slots=True)
class DeckChanges:
    """What Anki's collection shows changed in one deck after its import."""

    name: str
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync did in Anki, for the CLI to print; ``failure`` says why it stopped, if it did
    (the built decks are in the output folder either way)."""

    build: BuildReport
    removed_mode: RemovedNotes = "suspend"
    imported: tuple[DeckChanges, ...] = ()
    up_to_date: int = 0  # decks Anki already had exactly as built: not sent again
    removed_notes: int = 0  # notes tagged notecards::removed in the collection
    suspended: int = 0  # their cards suspended by this sync
    deleted: int = 0  # their notes deleted by this sync
    restored: int = 0  # cards unsuspended because their fact is back in the notes
    failure: str = ""

    def total(self, change: str) -> int:
        """Notes ``added``, ``updated`` or ``unchanged`` over the imported decks."""
        return sum(getattr(deck, change) for deck in self.imported)


@dataclass(frozen=True, slots=True)
class _Note:
    """A note as the collection shows it: enough to tell whether an import changed it."""

    mod: int | None
    tags: frozenset[str]
    fields: tuple[str, ...]
    cards: tuple[int, ...]

    @property
    def removed(self) -> bool:
        return REMOVED_TAG.casefold() in {tag.casefold() for tag in self.tags}


def sync_decks(
    build: BuildReport,
    out: Path,
    anki: AnkiConnect,
    removed: RemovedNotes = "suspend",
    progress: Callable[[Progress], None] | None = None,
) -> SyncReport:
    """Import every deck of ``build`` that Anki does not have as built, read back what changed and
    settle the removed notes; ``progress`` hears of each import (stage ``anki``). Never raises for
    Anki's sake: a failure is the report's ``failure``."""
    if removed not in REMOVED_CHOICES:
        raise ValueError(f"removed must be one of {REMOVED_CHOICES}, not {removed!r}")
    done = _Done(build, removed)
    try:
        _deliver(build, out, anki, done, progress)
    except AnkiConnectError as error:
        done.failure = f"{error}; the decks are in {out}/ for File → Import"
    return done.report()


class _Done:
    """The report so far: a sync that fails half-way still says what it did."""

    def __init__(self, build: BuildReport, removed: RemovedNotes) -> None:
        self.build, self.removed = build, removed
        self.imported: list[DeckChanges] = []
        self.up_to_date = self.removed_notes = self.suspended = self.deleted = self.restored = 0
        self.failure = ""

    def report(self) -> SyncReport:
        return SyncReport(
            self.build,
            self.removed,
            tuple(self.imported),
            self.up_to_date,
            self.removed_notes,
            self.suspended,
            self.deleted,
            self.restored,
            self.failure,
        )


def _deliver(
    build: BuildReport, out: Path, anki: AnkiConnect, done: _Done, progress: Callable[[Progress], None] | None
) -> None:
    anki.connect()
    in_anki = {_deck_key(name) for name in anki.call("deckNames")}
    record = _Record(out, anki.url)
    decks = [(deck.name, Path(deck.path)) for deck in build.decks if deck.path.endswith(".apkg")]
    digests = {name: file_digest(path) for name, path in decks}
    pending = [
        (name, path)
        for name, path in decks
        if digests[name] is not None and (record.get(name) != digests[name] or _deck_key(name) not in in_anki)
    ]
    done.up_to_date = sum(1 for name, _ in decks if digests[name] is not None) - len(pending)
    before = _snapshot(anki, [name for name, _ in pending])
    total, sent = done.up_to_date + len(pending), {name for name, _ in pending}
    for count, name in enumerate((name for name, _ in decks if digests[name] and name not in sent), 1):
        if progress is not None:  # the decks Anki has as built, told first as skipped
            progress(Progress("anki", count, total, name, skipped=True))
    for count, (name, path) in enumerate(pending, done.up_to_date + 1):
        anki.call("importPackage", path=str(path.resolve()))
        record.set(name, digests[name] or "")
        if progress is not None:
            progress(Progress("anki", count, total, name))
    after_ids = _note_ids(anki, [name for name, _ in pending])
    known = {nid: note for notes in before.values() for nid, note in notes.items()}
    now = _notes_info(anki, known)
    for name, _ in pending:
        was, ids = before[name], after_ids[name]
        updated = sum(1 for nid in ids if nid in was and nid in now and now[nid] != was[nid])
        added = sum(1 for nid in ids if nid not in was)
        done.imported.append(DeckChanges(name, added, updated, len(ids) - added - updated))
    if done.removed != "delete":  # a fact put back: its note lost the tag, its cards come back
        back = [cid for nid, note in known.items() if note.removed and nid in now and not now[nid].removed
                for cid in now[nid].cards]  # fmt: skip
        done.restored = _suspend(anki, back, suspend=False)
    _settle_removed(anki, done)


def _settle_removed(anki: AnkiConnect, done: _Done) -> None:
    """Suspend (or delete, or keep) every note the collection has tagged notecards::removed."""
    notes = anki.call("findNotes", query=REMOVED_QUERY)
    done.removed_notes = len(notes)
    if done.removed == "suspend":
        done.suspended = _suspend(anki, anki.call("findCards", query=f"{REMOVED_QUERY} -is:suspended"))
    elif done.removed == "delete" and notes:
        anki.call("deleteNotes", notes=notes)
        done.deleted = len(notes)


def _suspend(anki: AnkiConnect, cards: list[int], suspend: bool = True) -> int:
    """(Un)suspend the cards not yet in that state; how many changed, as the collection says."""
    if not cards:
        return 0
    state = "-is:suspended" if suspend else "is:suspended"
    pending = anki.call("findCards", query=f"cid:{','.join(map(str, cards))} {state}")
    if pending:
        anki.call("suspend" if suspend else "unsuspend", cards=pending)
    return len(pending)


def _deck_query(name: str) -> str:
    """Anki's search for the notes of exactly this deck (not its subdecks), ours only."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*").replace("_", "\\_")
    return f'"deck:{escaped}" -"deck:{escaped}::*" {OUR_NOTES}'


def _deck_key(name: str) -> str:
    """Deck names as Anki compares them: case-insensitive, components trimmed."""
    return "::".join(part.strip() for part in unicodedata.normalize("NFC", name).casefold().split("::"))


def _note_ids(anki: AnkiConnect, decks: list[str]) -> dict[str, list[int]]:
    found = anki.multi([("findNotes", {"query": _deck_query(name)}) for name in decks])
    return dict(zip(decks, found, strict=True))


def _notes_info(anki: AnkiConnect, ids: Iterable[int]) -> dict[int, _Note]:
    ids = list(ids)
    infos = anki.call("notesInfo", notes=ids) if ids else []
    return {
        info["noteId"]: _Note(
            info.get("mod"),
            frozenset(info.get("tags", ())),
            tuple(field["value"] for field in sorted(info.get("fields", {}).values(), key=lambda f: f["order"])),
            tuple(info.get("cards", ())),
        )
        for info in infos
        if info  # AnkiConnect answers {} for a note that is gone
    }


def _snapshot(anki: AnkiConnect, decks: list[str]) -> dict[str, dict[int, _Note]]:
    ids = _note_ids(anki, decks)
    notes = _notes_info(anki, (nid for found in ids.values() for nid in found))
    return {name: {nid: notes[nid] for nid in found if nid in notes} for name, found in ids.items()}


class _Record:
    """Which deck files an Anki address has accepted (a hash of each), kept beside the build cache.
    Written after every import, so an interrupted sync resumes where it stopped."""

    def __init__(self, out: Path, url: str) -> None:
        self.path, self.url = out / CACHE_DIR / RECORD_FILE, url
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.all = data["anki"] if data.get("format") == RECORD_FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.all = {}
        self.decks: dict[str, str] = dict(self.all.get(url, {}))

    def get(self, deck: str) -> str | None:
        return self.decks.get(deck)

    def set(self, deck: str, digest: str) -> None:
        self.decks[deck] = digest
        self.all[self.url] = dict(sorted(self.decks.items()))
        text = json.dumps({"format": RECORD_FORMAT, "anki": self.all}, ensure_ascii=False, indent=1)
        write_atomically(self.path, text, what="sync record", durable=False)


def sync(
    paths: Iterable[Path], out: Path, *, anki: AnkiConnect, removed: RemovedNotes = "suspend", **build_options: Any
) -> SyncReport:
    """Build as ``build`` does (same options, lock and cache), then hand the decks to Anki."""
    from .build import build

    return sync_decks(build(paths, out, **build_options), out, anki, removed)

"""Drive a REAL Anki collection (PyPI `anki` 26.9.3) from tests.

Why: genanki only writes files; whether Anki imports, updates, renders and schedules them the way we
intend can only be checked by Anki's own Rust backend. Every helper below calls public `anki` APIs
(plus `col._backend.strip_html`, the function Anki itself uses to strip HTML). Plain functions, no pytest.
"""

from __future__ import annotations

import html
import re
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from anki.collection import (
    Collection,
    CsvMetadata,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
    ImportLogWithChanges,
    StripHtmlMode,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as _Cond
from anki.scheduler.v3 import CardAnswer

UpdateCondition = Literal["if_newer", "always", "never"]
# CSV has no mtimes, hence no "if_newer" (Anki's proto has UPDATE_IF_NEWER commented out).
_CSV_RESOLUTIONS = {"always": CsvMetadata.UPDATE, "never": CsvMetadata.PRESERVE, "duplicate": CsvMetadata.DUPLICATE}


def fresh_collection(directory: Path) -> Collection:
    """A new, empty collection (+ media folder) in `directory`. Call `col.close()` when done."""
    return Collection(str(Path(directory) / "collection.anki2"))


class LoggedNote(NamedTuple):
    """One entry of Anki's import log. `guid` is None only if Anki logged no id we can resolve
    (CSV rows with a missing note type or an empty first field). `fields` are as Anki logs them:
    HTML stripped and entities decoded."""

    guid: str | None
    note_id: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    """Anki's ImportResponse.Log: one tuple per outcome, same names.
    new: added. updated: existing note (same guid) overwritten. duplicate: same guid exists, NOT updated
    (up to date, or apkg update_notes="never"; CSV: identical content). conflicting: same guid, but its
    note type changed (apkg: schema change without merge -> skipped, and "Name+" shows up in new_notetypes).
    first_field_match (CSV update_notes="never" logs existing notes here, even when matched by guid),
    missing_notetype, missing_deck, empty_first_field: skipped."""

    new: tuple[LoggedNote, ...]
    updated: tuple[LoggedNote, ...]
    duplicate: tuple[LoggedNote, ...]
    conflicting: tuple[LoggedNote, ...]
    first_field_match: tuple[LoggedNote, ...]
    missing_notetype: tuple[LoggedNote, ...]
    missing_deck: tuple[LoggedNote, ...]
    empty_first_field: tuple[LoggedNote, ...]
    found_notes: int  # notes Anki found in the file
    new_notetypes: tuple[str, ...]  # names of note types the import created (e.g. "NC Basic+")

    def guids(self, outcome: str) -> frozenset[str | None]:
        """Guids logged under one outcome, e.g. `s.guids("updated") == {"g1"}`."""
        return frozenset(n.guid for n in getattr(self, outcome))

    def counts(self) -> dict[str, int]:
        """Non-empty outcomes only, e.g. `{"updated": 1, "duplicate": 3}` (easy to assert on)."""
        return {o: len(getattr(self, o)) for o in _OUTCOMES if getattr(self, o)}


_OUTCOMES = tuple(f for f in ImportSummary.__dataclass_fields__ if f not in ("found_notes", "new_notetypes"))


def _package_guids(path: Path) -> dict[int, str]:
    """note id -> guid inside an .apkg. Needed because Anki logs *skipped* notes with the package's id."""
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        names = [n for n in ("collection.anki21", "collection.anki2") if n in z.namelist()]
        if not names:  # zstd-only modern export; genanki never writes these
            return {}
        with closing(sqlite3.connect(z.extract(names[0], tmp))) as db:
            return dict(db.execute("select id, guid from notes"))


def _notetype_names(col: Collection) -> set[str]:
    return {nt.name for nt in col.models.all_names_and_ids()}


def _summarize(
    col: Collection, resp: ImportLogWithChanges, before: set[str], package_ids: dict[int, str]
) -> ImportSummary:
    collection_ids: dict[int, str] = dict(col.db.all("select id, guid from notes"))

    def entry(outcome: str, note) -> LoggedNote:
        # new/updated/duplicate carry collection ids; skipped .apkg notes carry the package's id.
        nid = note.id.nid
        maps = [collection_ids, package_ids]
        if outcome not in ("new", "updated", "duplicate"):
            maps.reverse()
        return LoggedNote(maps[0].get(nid) or maps[1].get(nid), nid, tuple(note.fields))

    return ImportSummary(
        **{o: tuple(entry(o, n) for n in getattr(resp.log, o)) for o in _OUTCOMES},
        found_notes=resp.log.found_notes,
        new_notetypes=tuple(sorted(_notetype_names(col) - before)),
    )


def import_package(
    col: Collection,
    path: Path,
    *,
    update_notes: UpdateCondition = "if_newer",
    merge_notetypes: bool = False,
    with_scheduling: bool = False,
    update_notetypes: UpdateCondition = "if_newer",
) -> ImportSummary:
    """Import an .apkg with desktop Anki's importer. Defaults = a new desktop profile's defaults."""
    before = _notetype_names(col)
    options = ImportAnkiPackageOptions(
        update_notes=_Cond.Value("IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_" + update_notes.upper()),
        update_notetypes=_Cond.Value("IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_" + update_notetypes.upper()),
        merge_notetypes=merge_notetypes,
        with_scheduling=with_scheduling,
    )
    resp = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))
    return _summarize(col, resp, before, _package_guids(Path(path)))


def import_csv(
    col: Collection, path: Path, *, update_notes: Literal["always", "never", "duplicate"] | None = None
) -> ImportSummary:
    """Import an Anki text file. Anki itself parses the `#key:value` headers (separator, html,
    notetype/deck/guid/tags column, `#if matches:`). Note types must exist (matched by name); missing decks
    are created. Existing notes are matched by guid if there is a guid column, else by first field.
    update_notes: None = the file's `#if matches:` (default "update"); always/never/duplicate override it."""
    before = _notetype_names(col)
    metadata = col.get_csv_metadata(str(path), None)  # None = take the delimiter from the file
    if update_notes is not None:
        metadata.dupe_resolution = _CSV_RESOLUTIONS[update_notes]
    resp = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
    return _summarize(col, resp, before, {})


@dataclass(frozen=True)
class NoteView:
    guid: str
    notetype: str
    fields: dict[str, str]  # field name -> raw stored HTML
    tags: tuple[str, ...]
    mtime: int  # notes.mod, seconds; what the "if_newer" rule compares
    decks: tuple[str, ...]  # sorted, distinct deck names of the note's cards
    card_count: int


def notes_by_guid(col: Collection) -> dict[str, NoteView]:
    """Every note, keyed by guid (the only key Anki matches notes by)."""
    result = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        dids = col.db.list("select did from cards where nid = ?", nid)
        result[note.guid] = NoteView(
            guid=note.guid,
            notetype=note.note_type()["name"],
            fields=dict(note.items()),
            tags=tuple(note.tags),
            mtime=note.mod,
            decks=tuple(sorted({col.decks.name(did) for did in dids})),
            card_count=len(dids),
        )
    return result


@dataclass(frozen=True)
class RenderedCard:
    card_id: int
    guid: str
    notetype: str
    ord: int  # template index; for cloze: cloze number - 1
    deck: str
    question: str  # card.question(): "<style>{css}</style>" + rendered front
    answer: str  # card.answer(): "<style>{css}</style>" + rendered back
    question_text: str  # what the user reads: tags/<style> stripped, entities decoded (see _strip)
    answer_text: str


_BLOCK = re.compile(r"<(?:br|hr|div|p|li|tr|h[1-6])\b[^>]*>|</(?:div|p|li|tr|h[1-6])>", re.I)


def _strip(col: Collection, text: str) -> str:
    """Anki's strip_html (drops <style>/<script> bodies, decodes entities), with line-breaking tags
    turned into spaces and whitespace collapsed, so "Q<hr id=answer>A" reads "Q A"."""
    stripped = col._backend.strip_html(text=_BLOCK.sub(" ", text), mode=StripHtmlMode.NORMAL)
    return " ".join(stripped.split())


def rendered_cards(col: Collection) -> list[RenderedCard]:
    """Every card rendered by Anki's template engine, sorted by (guid, ord).
    Beware: a cloze question's HTML carries the hidden answer in `data-cloze="..."`; assert on
    question_text when checking that the answer is hidden."""
    out = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        q, a = card.question(), card.answer()
        out.append(
            RenderedCard(
                cid,
                note.guid,
                note.note_type()["name"],
                card.ord,
                col.decks.name(card.did),
                q,
                a,
                _strip(col, q),
                _strip(col, a),
            )
        )
    return sorted(out, key=lambda c: (c.guid, c.ord))


def answer_all_cards(col: Collection, ease: Literal[1, 2, 3, 4] = 3) -> int:
    """Answer every card Anki shows exactly once through the v3 scheduler, like a user in the reviewer
    (1=Again 2=Hard 3=Good 4=Easy). Returns the number answered; each gets one revlog entry.
    Mutates deck options (daily limits 9999, no sibling burying) so Anki does not hold cards back.
    Suspended/buried cards are not shown, so not answered. A 2nd call answers the learning cards
    again (they are inside Anki's 20-minute learn-ahead window)."""
    for conf in col.decks.all_config():
        conf["new"]["perDay"] = conf["rev"]["perDay"] = 9999  # larger values are reset to 20/200!
        conf["new"]["bury"] = conf["rev"]["bury"] = conf["buryInterdayLearning"] = False
        col.decks.update_config(conf)
    rating = (CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.EASY)[ease - 1]
    total = col.card_count()
    answered: set[int] = set()
    for deck in col.decks.all_names_and_ids():  # the queue only covers the selected deck (+ children)
        col.decks.select(deck.id)
        while True:
            # Answered cards come back as learning cards (learn-ahead window), so skip those.
            queued = col.sched.get_queued_cards(fetch_limit=total + 1).cards
            pending = [q for q in queued if q.card.id not in answered]
            if not pending:
                break
            for q in pending:
                card = col.get_card(q.card.id)
                card.start_timer()
                col.sched.answer_card(col.sched.build_answer(card=card, states=q.states, rating=rating))
                answered.add(card.id)
    return len(answered)


@dataclass(frozen=True)
class CardState:
    guid: str
    ord: int
    due: int
    ivl: int
    queue: int
    type: int
    reps: int
    lapses: int
    revlog_count: int


def card_states(col: Collection) -> dict[int, CardState]:
    """Scheduling state per card id: snapshot before and after a re-import to prove history survived."""
    rows = col.db.all(
        "select c.id, n.guid, c.ord, c.due, c.ivl, c.queue, c.type, c.reps, c.lapses,"
        " (select count() from revlog r where r.cid = c.id) from cards c join notes n on n.id = c.nid"
    )
    return {row[0]: CardState(*row[1:]) for row in rows}


_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?""")
_ATTR = re.compile(r"""([^\s"'>/=]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_BAD_TAGS = {"script", "iframe", "object", "embed"}
_URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "data"}


def find_executable_html(text: str) -> list[str]:
    """Real (unescaped) tags that would run code in Anki's web view: <script>, <iframe>, <object>,
    <embed>, on*= event handlers, javascript: URLs (entities and whitespace tricks decoded).
    Escaped text such as `&lt;script&gt;` is inert and is not reported. Returns the offending tags."""
    found = []
    for tag in _TAG.finditer(text):
        bad = tag.group(1).lower() in _BAD_TAGS
        for attr in _ATTR.finditer(tag.group(2)):
            name, value = attr.group(1).lower(), attr.group(2)
            if value is None:
                continue
            url = re.sub(r"[\x00-\x20]", "", html.unescape(value.strip("\"'"))).lower()  # jav&#9;ascript:
            if re.fullmatch(r"on[a-z]{3,}", name) or (name in _URL_ATTRS and url.startswith("javascript:")):
                bad = True
        if bad:
            found.append(tag.group(0))
    return found

"""The overrides file: the creator's own verdicts on generated cards, applied on every build.

Why: a fix made in Anki is overwritten by the next rebuild's newer note, and a hand-written YAML
card needs the fact id and role. An override is keyed by the card's GUID alone and says what to do
with it: ``skip`` it, replace a Q/A card's ``question``/``answer``, replace a cloze card's ``text``
(cloze markup, parsed like a hand-written card so ``render`` escapes it), or mark it ``reviewed``.
``notecards review`` writes the file; it is plain YAML, and editing it by hand does the same.

Overrides apply after identity: the GUID comes from the episode, the fact and the role, never from
the override's text, so an edited card keeps its GUID and its reviews. Only the card's content
changes, and the same override always gives the same content, so the note's mtime moves only when
the override does. ``fact_text`` remembers the fact an edit was made against: when the fact changes
under it, ``lint`` says the edit may be stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .atomic_write import write_atomically
from .errors import NotecardsError
from .identity import Identified, keep_cloze_numbers
from .model import Deletion, LockEntry
from .sources.cloze_markup import cloze_source, parse_cloze
from .sources.discovery import NOT_SOURCES
from .sources.yaml_nodes import Place, compose

if TYPE_CHECKING:
    from .lock import Lock

OVERRIDES_NAME = "notecards.overrides.yaml"
KEYS = ("guid", "skip", "question", "answer", "text", "reviewed", "fact_text")
HEADER = (
    "# notecards overrides: your verdicts on generated cards, keyed by GUID, applied by every build.\n"
    "# skip: true drops a card; question/answer replace a Q/A card's; text (cloze markup) replaces a\n"
    "# cloze card's; reviewed: true marks it kept. `notecards review` rewrites the comments.\n"
)
_PLAIN_GUID = re.compile(r"[!#-\[\]-~]+")  # printable ASCII without '"' and '\': safe inside double quotes


@dataclass(frozen=True, slots=True)
class Override:
    """One card's verdict. ``text``/``deletions`` are the cloze markup parsed (plain text and spans);
    ``line`` is where the entry starts in the file, for messages."""

    guid: str
    skip: bool = False
    question: str = ""
    answer: str = ""
    text: str = ""
    deletions: tuple[Deletion, ...] = ()
    reviewed: bool = False
    fact_text: str = ""
    line: int = 0

    @property
    def edited(self) -> bool:
        return bool(self.question or self.answer or self.text)

    @property
    def empty(self) -> bool:
        """Says nothing: the page removes such an entry rather than write it."""
        return not (self.skip or self.edited or self.reviewed)

    def content(self) -> str:
        """What the entry says (its line and comment aside): for cache keys and change checks."""
        markup = cloze_source(self.text, self.deletions) if self.text else ""
        return "\x1f".join(
            (self.guid, str(self.skip), self.question, self.answer, markup, str(self.reviewed), self.fact_text)
        )


@dataclass(frozen=True, slots=True)
class Overrides:
    """Every entry of one overrides file, in the file's order; ``path`` "" when there is none."""

    entries: tuple[Override, ...] = ()
    path: str = ""
    _by_guid: dict[str, Override] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_guid.update((entry.guid, entry) for entry in self.entries)

    def get(self, guid: str) -> Override | None:
        return self._by_guid.get(guid)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def digest(self, guids: Iterable[str]) -> str:
        """A hash of the entries for these GUIDs: a source's notes are remade when it changes."""
        found = sorted(entry.content() for guid in set(guids) if (entry := self._by_guid.get(guid)) is not None)
        return hashlib.sha256("\x1e".join(found).encode()).hexdigest()[:32] if found else ""

    def with_entry(self, entry: Override) -> Overrides:
        """These overrides with ``entry`` in place of its GUID's old one (added at the end if new;
        dropped if it says nothing)."""
        kept = [e for e in self.entries if e.guid != entry.guid]
        if not entry.empty:
            position = next((i for i, e in enumerate(self.entries) if e.guid == entry.guid), len(kept))
            kept.insert(position, entry)
        return Overrides(tuple(kept), self.path)


def is_overrides_file(path: Path) -> bool:
    """An overrides file in a folder of sources is skipped by source discovery: named ``*.overrides.yaml``."""
    return path.name.lower().endswith(NOT_SOURCES)


def default_path(lock: Path) -> Path:
    """``notecards.overrides.yaml`` beside the lock file."""
    return lock.parent / OVERRIDES_NAME


def read_overrides(path: Path | None) -> Overrides:
    """The overrides in ``path``; none when there is no such file. Bad entries are one
    ``file:line`` error each (the first one met), before anything is built."""
    if path is None or not path.exists():
        return Overrides(path=str(path) if path else "")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise NotecardsError(f"cannot read overrides: {reason}", str(path)) from None
    place = Place(str(path))
    root = compose(text, place.where)
    if root is None:
        return Overrides(path=str(path))
    entries: list[Override] = []
    seen: dict[str, int] = {}
    for node in place.items(root, "the overrides file"):
        entry = _entry(place, node)
        if entry.guid in seen:
            raise NotecardsError(
                f"GUID {entry.guid!r} already has an override on line {seen[entry.guid]}", place.where, entry.line
            )
        seen[entry.guid] = entry.line
        entries.append(entry)
    return Overrides(tuple(entries), str(path))


def _entry(place: Place, node: yaml.Node) -> Override:
    values = place.mapping(node, KEYS, "an override")
    line = place.line(node)
    guid = values.text("guid", required=True)
    if ("question" in values or "answer" in values) and "text" in values:
        raise values.error("an override edits a Q/A card (question, answer) or a cloze card (text), not both")
    question = values.text("question", required="question" in values)
    answer = values.text("answer", required="answer" in values)
    text, deletions = "", tuple[Deletion, ...]()
    if "text" in values:
        text, deletions = parse_cloze(values.text("text", required=True), place.where, values.line("text"))
    return Override(
        guid,
        skip=values.flag("skip"),
        question=question,
        answer=answer,
        text=text,
        deletions=deletions,
        reviewed=values.flag("reviewed"),
        fact_text=values.text("fact_text"),
        line=line,
    )


def overrides_text(overrides: Overrides, comments: Mapping[str, str] | None = None) -> str:
    """The file's text: one entry per GUID in order, each preceded by a comment naming its card
    when ``comments`` knows it; reading it back gives the same overrides."""
    lines = [HEADER]
    for entry in overrides.entries:
        comment = " ".join((comments or {}).get(entry.guid, "").split())
        if comment:
            lines.append(f"# {comment[:117] + '…' if len(comment) > 118 else comment}\n")
        guid = f'"{entry.guid}"' if _PLAIN_GUID.fullmatch(entry.guid) else _scalar(entry.guid)
        lines.append(f"- guid: {guid}\n")
        values: list[tuple[str, object]] = [
            ("skip", entry.skip or None),
            ("question", entry.question or None),
            ("answer", entry.answer or None),
            ("text", cloze_source(entry.text, entry.deletions) if entry.text else None),
            ("reviewed", entry.reviewed or None),
            ("fact_text", entry.fact_text or None),
        ]
        lines.extend(f"  {key}: {_scalar(value)}\n" for key, value in values if value is not None)
    return "".join(lines)


def _scalar(value: object) -> str:
    """One YAML scalar on one line, quoted only when it must be."""
    dumped = yaml.safe_dump({"v": value}, allow_unicode=True, width=1_000_000, sort_keys=False)
    return dumped[len("v: ") :].rstrip("\n")


def write_overrides(path: Path, overrides: Overrides, comments: Mapping[str, str] | None = None) -> None:
    """Write the file atomically: it is always the old one or the whole new one."""
    write_atomically(path, overrides_text(overrides, comments), what="overrides")


# --- applying -------------------------------------------------------------------------------------


def apply_override(
    item: Identified, entry: Override | None, previous: LockEntry | None = None, where: str = ""
) -> Identified:
    """The card as the override makes it, under the same GUID; cloze numbers follow their spans as
    for any card (``previous`` is the note's lock entry; ``where`` the overrides file, for errors).
    ``skip`` is the caller's to honour: the card is still made, for the review page."""
    if entry is None or not entry.edited:
        return item
    card = item.card
    if card.kind != ("cloze" if entry.text else "qa"):
        given = "cloze text" if entry.text else "a question or answer"
        kind = "a Q/A card" if card.kind == "qa" else "a cloze card"
        raise NotecardsError(f"override gives {given}, but card {entry.guid} is {kind}", where or None, entry.line)
    if card.kind == "qa":
        card = replace(card, question=entry.question or card.question, answer=entry.answer or card.answer)
    else:
        card = keep_cloze_numbers(replace(card, text=entry.text, deletions=entry.deletions), previous)
    return replace(item, card=card)


def stale_overrides(
    overrides: Overrides, made: Iterable[str], previous: Lock, episodes: Iterable[str]
) -> tuple[Override, ...]:
    """The overrides whose GUID no card has any more: not among the notes ``made`` from the
    ``episodes`` read, nor in the lock's other episodes (sources this run did not read)."""
    made = set(made)
    missing = [entry for entry in overrides.entries if entry.guid not in made]
    if not missing:
        return ()
    read, elsewhere = set(episodes), set[str]()
    for key in previous.keys():  # noqa: SIM118 - a Lock, not a dict
        if key not in read:
            elsewhere.update(entry.guid for entry in previous.episode(key))
    return tuple(entry for entry in missing if entry.guid not in elsewhere)


def stale_message(entry: Override) -> str:
    return f"no card has the GUID {entry.guid} any more (its fact or its pattern is gone): delete this override"


def moved_fact_message(entry: Override) -> str:
    """For an edit whose fact changed since: the edit may no longer say what the fact says."""
    was = entry.fact_text if len(entry.fact_text) <= 60 else entry.fact_text[:59] + "…"
    return f"the fact under this edited card changed since the edit (it was: {was!r}); the override may be stale"

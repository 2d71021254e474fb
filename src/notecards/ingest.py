"""``notecards ingest``: any source to canonical YAML, the hand-editable form of the whole model.

The YAML builds to the same notes as its source: every fact gets its key as an explicit ``id``,
so GUIDs carry over and later edits to a fact's text keep the cards' review history. The only
I/O here is reading the source (through ``sources``) and writing the YAML atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import identity
from .atomic_write import write_atomically
from .errors import NotecardsError
from .lock_file import read_lock
from .model import BIG_REVEALS, HAND, WORTH_REMEMBERING, Episode, HandCard, LockEntry
from .sources import read_episode
from .sources.canonical import FORMAT_VERSION
from .sources.cloze_markup import cloze_source

HEADER = (
    f"# notecards canonical episode (format {FORMAT_VERSION}). Edit freely, then: notecards build\n"
    '# Keys: see the README ("Canonical YAML") and schema/notecards-episode.schema.json\n'
)
OUTPUT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The YAML written (or to print), where it went, and what the reader warned about."""

    text: str
    written: str | None
    warnings: tuple[str, ...]


def ingest(source: Path, out: Path | None = None, lock: Path | None = None, force: bool = False) -> IngestReport:
    """Read ``source`` and return its canonical YAML; with ``out``, also write it there atomically.

    ``lock`` (read, never written) supplies the keys the facts already have, so a fact edited since
    it was first built keeps its GUIDs once its source is the YAML. An existing ``out`` that holds
    anything else (a YAML edited by hand) is replaced only with ``force``."""
    if out is not None:
        if out.suffix.lower() not in OUTPUT_SUFFIXES:
            raise NotecardsError("output file must end in .yaml or .yml, so that build reads it", str(out))
        if out.exists() and source.exists() and out.resolve() == source.resolve():
            raise NotecardsError("output would overwrite the source it is read from", str(out))
    episode = read_episode(source)
    text = canonical_yaml(episode, read_lock(lock).episode(episode.key))
    if out is not None:
        if not force and out.is_file() and _other_text(out, text):
            raise NotecardsError(
                "already exists and holds something else (edited by hand?); --force replaces it", str(out)
            )
        write_atomically(out, text, keep_if_same=True)
    return IngestReport(text, str(out) if out is not None else None, episode.warnings)


def _other_text(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except OSError:
        return True


def canonical_yaml(episode: Episode, previous: Sequence[LockEntry] = ()) -> str:
    return HEADER + yaml.safe_dump(
        episode_document(episode, previous), sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False
    )


def episode_document(episode: Episode, previous: Sequence[LockEntry] = ()) -> dict:
    """The episode as the mapping canonical YAML holds, empty parts left out."""
    keys = identity.fact_keys(episode, previous)
    doc: dict = {
        "notecards": FORMAT_VERSION,
        "podcast": episode.podcast,
        "episode": episode.number,
        "title": episode.title,
        "site": episode.site,
        "host": episode.host,
        "date": episode.date,
        "duration": episode.duration,
        "url": episode.url,
        "summary": episode.summary,
        "deck": episode.deck,
        "tags": list(episode.tags),
        "guests": [
            {"name": guest.name, "bio": guest.bio} if guest.bio else {"name": guest.name} for guest in episode.guests
        ],
        "gist": episode.gist,
    }
    for section in (BIG_REVEALS, WORTH_REMEMBERING):
        doc[section] = [{"id": keys[fact], "text": fact.text} for fact in episode.facts if fact.section == section]
    doc["recommendations"] = [
        _without_empty(
            {
                "name": rec.name,
                "maker": rec.maker,
                "maker_inferred": rec.maker_inferred or None,
                "quote": rec.quote,
                "speaker": rec.speaker,
                "timestamp": rec.timestamp,
                "id": None if keys[rec.fact] == rec.fact.fact_id and rec.fact_id is None else keys[rec.fact],
            }
        )
        for rec in episode.recommendations
    ]
    doc["cards"] = [
        *(_hand_card(card) for card in episode.hand_cards),
        *({"fact": skip.rsplit("/", 1)[0], "role": skip.rsplit("/", 1)[1], "skip": True} for skip in episode.skipped),
    ]
    return _without_empty(doc)


def _hand_card(card: HandCard) -> dict:
    if card.kind == "cloze":
        label = card.text
        entry: dict = {"cloze": cloze_source(card.text, card.deletions)}
    else:
        label = f"{card.question} — {card.answer}"
        entry = {"question": card.question, "answer": card.answer}
    if card.role == "hand":  # a card of its own: its fact id is its id, unless derived from its text
        entry["id"] = None if card.fact_id == f"{HAND}/{identity.fingerprint(label)}" else card.fact_id
    else:
        own = card.role.removeprefix("hand-")
        entry.update(
            {
                "fact": card.fact_id,
                "id": None if own == identity.fingerprint(label) else own,
                "replaces": card.replaces or None,
            }
        )
    return _without_empty(entry)


def _without_empty(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in ("", None, [], {})}

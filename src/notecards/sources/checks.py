"""Checks every reader applies: names that could act as paths, and facts too long for a good card.

Deck names become file names (through a slug) and ids become parts of GUIDs; neither may carry
path syntax or control characters, so a hostile source cannot reach outside ``--out`` or produce
a name Anki would mangle. A ``/`` inside a deck name ("AC/DC Podcast") is fine: the file name is a
slug; a leading one, a ``..`` part or a backslash is refused.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import NotecardsError
from ..model import Episode, Fact

MAX_FACT_WORDS = 60  # one fact per card: a bullet longer than this is a paragraph, not a fact
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~-]{0,79}(?:/[A-Za-z0-9][A-Za-z0-9_.~-]{0,79})?$")
TAG = re.compile(r"^[^\s\"]{1,100}$")


def _control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def check_deck_name(name: str, where: str, line: int | None) -> None:
    """Refuse deck names that look like paths or that Anki would split into empty decks."""
    problem = ""
    if not name.strip():
        problem = "is empty"
    elif _control(name):
        problem = "contains a control character"
    elif "\\" in name or name.lstrip().startswith("/"):
        problem = "looks like a file path ('\\' or a leading '/')"
    elif any(part.strip() in (".", "..") for piece in name.split("::") for part in piece.split("/")):
        problem = "contains a '..' or '.' path part"
    elif any(not part.strip() for part in name.split("::")):
        problem = "has an empty part between '::' separators"
    if problem:
        raise NotecardsError(f"deck name {name[:60]!r} {problem}", where, line)


def check_id(value: str, what: str, where: str, line: int | None) -> str:
    """Ids are letters, digits, ``-_.~``, optionally ``section/name``: never a path or a control char."""
    if not ID.match(value) or ".." in value:
        raise NotecardsError(
            f"{what} {value[:60]!r} is not a valid id (letters, digits, '-', '_', '.', '~', "
            f"at most one inner '/', no '..')",
            where,
            line,
        )
    return value


def check_tag(value: str, where: str, line: int | None) -> str:
    if not TAG.match(value) or _control(value) or any(not part for part in value.split("::")):
        raise NotecardsError(
            f"tag {value[:60]!r} must be one word (no spaces or quotes, no empty '::' parts)", where, line
        )
    return value


def card_sized(facts: list[Fact], warnings: list[str]) -> list[Fact]:
    """The facts short enough for a card; each one left out adds a warning saying where and why."""
    kept = []
    for fact in facts:
        count = len(fact.text.split())
        if count > MAX_FACT_WORDS:
            warnings.append(
                f"{fact.location}: warning: bullet of {count} words is too long for one card "
                f"(at most {MAX_FACT_WORDS}); skipped — split it into single facts"
            )
        else:
            kept.append(fact)
    return kept


def check_episode(episode: Episode) -> Episode:
    """The checks every format shares, on what the reader produced."""
    check_deck_name(episode.deck_name, episode.source.path, episode.source.line)
    return episode

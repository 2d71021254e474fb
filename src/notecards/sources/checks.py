"""Checks every reader applies: names Anki would mangle, ids that could act as paths, facts too long
for a good card, the same bullet twice, and an episode with nothing to learn.

Every character of a title or a podcast's name is text (``C:\\Users``, ``AC/DC Radio``): deck files
are always named by a slug inside ``--out``. A deck name may not hold control characters, empty
``::`` parts or a ``..`` part (no title has one; a path trick would). Ids become parts of GUIDs and
stay letters, digits and ``-_.~``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from ..errors import NotecardsError
from ..model import Episode, Fact, Location

# Explicit embeddings, overrides and isolates reorder how the text around them is shown (a deck
# "Podcast\u202eSPAM" shows as "PodcastMAPS"); the invisible marks U+200E/F only nudge and stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_FACT_WORDS = 60  # one fact per card: a bullet longer than this is a paragraph, not a fact
# ... and as characters (60 words of 10), so that no text the generator sees is unbounded: a bullet
# of a few words holding a 50 KB token is skipped here, in time linear in its length.
MAX_FACT_CHARS = 600
MAX_NAME_CHARS = 500  # a title, podcast, guest or product name: longer is not a name
# Letters and digits of any script (a key made from a name keeps its script: model.slug), '-_.~'.
_ID_PART = r"[A-Za-z0-9\u0080-\U0010ffff][A-Za-z0-9_.~\u0080-\U0010ffff-]{0,79}"
ID = re.compile(rf"^{_ID_PART}(?:/{_ID_PART})?$")
TAG = re.compile(r"^[^\s\"]{1,100}$")


def _control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def check_deck_name(name: str, where: str, line: int | None) -> None:
    """Refuse deck names Anki would mangle (control characters, empty parts) or that play at paths."""
    problem = ""
    if not name.strip():
        problem = "is empty"
    elif _control(name):
        problem = "contains a control character"
    elif any(char in BIDI_CONTROLS for char in name):
        problem = "contains a right-to-left or left-to-right override (it would show another name than it is)"
    elif any(part.strip() in (".", "..") for piece in name.split("::") for part in piece.split("/")):
        problem = "contains a '..' or '.' path part"
    elif any(not part.strip() for part in name.split("::")):
        problem = "has an empty part between '::' separators"
    if problem:
        raise NotecardsError(f"deck name {name[:60]!r} {problem}", where, line)


def check_id(value: str, what: str, where: str, line: int | None) -> str:
    """Ids are letters, digits, ``-_.~``, optionally ``section/name``: never a path or a control char."""
    foreign = (char for char in value if not char.isascii())
    if not ID.match(value) or ".." in value or any(unicodedata.category(c)[0] not in "LNM" for c in foreign):
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
        if len(fact.text) > MAX_FACT_CHARS:
            warnings.append(_too_long(fact.location, f"bullet of {len(fact.text)} characters", MAX_FACT_CHARS))
        elif (count := len(fact.text.split())) > MAX_FACT_WORDS:
            warnings.append(
                f"{fact.location}: warning: bullet of {count} words is too long for one card "
                f"(at most {MAX_FACT_WORDS}); skipped — split it into single facts"
            )
        else:
            kept.append(fact)
    return kept


def _too_long(where: Location, what: str, limit: int) -> str:
    return f"{where}: warning: {what} is too long for one card (at most {limit}); skipped — split it into single facts"


def within_budgets(episode: Episode) -> Episode:
    """Every text the generator will see, bounded: names and titles longer than a name are an error,
    a bullet, bio or quote over ``MAX_FACT_CHARS`` is left out with a warning."""
    for what, text in (("title", episode.title), ("podcast name", episode.podcast)):
        if len(text) > MAX_NAME_CHARS:
            raise NotecardsError(
                f"{what} of {len(text)} characters is too long (at most {MAX_NAME_CHARS})",
                episode.source.path,
                episode.source.line,
            )
    warnings: list[str] = []
    facts = card_sized(list(episode.facts), warnings)
    guests = []
    for guest in episode.guests:
        if len(guest.name) > MAX_NAME_CHARS:
            warnings.append(_too_long(guest.location, f"guest name of {len(guest.name)} characters", MAX_NAME_CHARS))
        elif len(guest.bio) > MAX_FACT_CHARS:
            warnings.append(_too_long(guest.location, f"guest's bio of {len(guest.bio)} characters", MAX_FACT_CHARS))
            guests.append(replace(guest, bio=""))
        else:
            guests.append(guest)
    recommendations = []
    for rec in episode.recommendations:
        longest = max((rec.name, rec.maker, rec.quote), key=len)
        limit = MAX_FACT_CHARS if longest is rec.quote else MAX_NAME_CHARS
        if len(longest) > limit:
            warnings.append(_too_long(rec.location, f"recommendation of {len(longest)} characters", limit))
        else:
            recommendations.append(rec)
    if not warnings:
        return episode
    return replace(
        episode,
        facts=tuple(facts),
        guests=tuple(guests),
        recommendations=tuple(recommendations),
        warnings=(*episode.warnings, *warnings),
    )


def check_episode(episode: Episode) -> Episode:
    """The checks every format shares, on what the reader produced: a deck name that is no path, the
    same bullet only once, and at least one thing to learn."""
    episode = within_budgets(episode)
    check_deck_name(episode.deck_name, episode.source.path, episode.source.line)
    episode = once_each(episode)
    if not episode.facts and not episode.recommendations and not episode.hand_cards:
        raise NotecardsError(
            "no takeaways found", episode.source.path, None if episode.source.line <= 1 else episode.source.line
        )
    return episode


def once_each(episode: Episode) -> Episode:
    """The same bullet twice (in one section or two), the same guest or recommendation twice: read once,
    where it first appears, with a warning. Facts with explicit ids are the writer's to keep."""
    warnings: list[str] = []
    facts = _first_of_each(
        episode.facts, lambda f: None if f.fact_id else _words(f.text), lambda f: f.location, "bullet", warnings
    )
    guests = _first_of_each(episode.guests, lambda g: _words(g.name), lambda g: g.location, "guest", warnings)
    recommendations = _first_of_each(
        episode.recommendations,
        lambda r: None if r.fact_id else _words(f"{r.name}\t{r.maker}\t{r.quote}"),
        lambda r: r.location,
        "recommendation",
        warnings,
    )
    if not warnings:
        return episode
    return replace(
        episode, facts=facts, guests=guests, recommendations=recommendations, warnings=(*episode.warnings, *warnings)
    )


Item = TypeVar("Item")


def _first_of_each(
    items: tuple[Item, ...],
    same: Callable[[Item], str | None],
    location: Callable[[Item], Location],
    what: str,
    warnings: list[str],
) -> tuple[Item, ...]:
    seen: dict[str, Location] = {}
    kept = []
    for item in items:
        key = same(item)
        if key is not None and key in seen:
            first, here = seen[key], location(item)
            where = f"on line {first.line}" if first.path == here.path else f"in {first}"
            warnings.append(f"{here}: warning: the same {what} as {where}; read once")
            continue
        if key is not None:
            seen[key] = location(item)
        kept.append(item)
    return tuple(kept)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))

"""The same episode in two files — a Snipd export and its Readwise copy, a page and its YAML — is one
episode: a build keeps the first file (in path order, so every build agrees) and reports the other
as one error naming both, so two files never take turns over one episode's notes and lock entries.

Two sources are the same episode when their keys match (podcast and number, date or title), when
they carry the same Snipd episode link, or when their podcast and title match and neither their
numbers nor their dates say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from ..model import Episode, slug

Item = TypeVar("Item")
SNIPD_EPISODE = re.compile(r"share\.snipd\.com/episode/(?P<id>[0-9a-f-]{8,})", re.IGNORECASE)


def same_as(episode: Episode) -> tuple[str, ...]:
    """Names the episode goes by besides its key: its Snipd link, and its podcast and title (with the
    number and date that tell two episodes of one title apart)."""
    names = []
    link = SNIPD_EPISODE.search(episode.url)
    if link:
        names.append(f"snipd:{link['id'].lower()}")
    names.append(f"title:{slug(episode.podcast)}/{slug(episode.topic)}\t{episode.number or ''}\t{episode.date}")
    return tuple(names)


def repeats(items: Iterable[tuple[Item, str, tuple[str, ...]]]) -> list[tuple[Item, Item]]:
    """``(item, the earlier item it repeats)`` for every item that is an episode seen before; items are
    ``(item, episode key, same_as names)``."""
    by_name: dict[str, Item] = {}
    by_title: dict[str, list[tuple[str, str, Item]]] = {}
    found: list[tuple[Item, Item]] = []
    for item, key, names in items:
        first = next((by_name[n] for n in (f"key:{key}", *names) if n in by_name), None)  # an item may be 0
        titles = [name.split("\t") for name in names if name.startswith("title:")]
        if first is None:
            first = next(
                (
                    earlier
                    for title, number, date in titles
                    for other_number, other_date, earlier in by_title.get(title, ())
                    if not (number and other_number and number != other_number)
                    and not (date and other_date and date != other_date)
                ),
                None,
            )
        if first is not None:
            found.append((item, first))
            continue
        by_name[f"key:{key}"] = item
        for name in names:
            if not name.startswith("title:"):
                by_name.setdefault(name, item)
        for title, number, date in titles:
            by_title.setdefault(title, []).append((number, date, item))
    return found

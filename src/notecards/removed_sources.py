"""Sources that are gone: an episode the lock remembers whose source file no longer exists.

Deleting a source file deletes its facts, so its notes are removed like any removed fact: emitted
once more tagged ``notecards::removed`` (in the deck they were last built into) and kept in the
lock as removed. The lock records each episode's source relative to its own folder, so this works
whatever folder a build runs from. Only a source inside one of the folders being built counts (a
build of one file or of another folder never removes what it was not asked to look at); a source
that still exists but failed to read keeps its notes; one that now reads as another episode (its
number changed) no longer holds the old one.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import NotecardsError
from .lock import Lock

REMOVED_DECK = "notecards::removed"  # where a gone source's notes go when no build remembers its deck


@dataclass(frozen=True, slots=True)
class GoneEpisode:
    """An episode whose source is gone, with the path its notes were last built from."""

    key: str
    source: str  # as this build names files: relative to the working folder when inside it


def absolute(path: str | Path) -> str:
    """A path made absolute without resolving links, the way the lock's relative paths are made."""
    return os.path.abspath(path)


def gone_episodes(
    previous: Lock,
    built: Iterable[str],
    read: Mapping[str, Collection[str]],
    folders: Iterable[Path],
    errors: list[str],
) -> tuple[GoneEpisode, ...]:
    """The lock's episodes whose source, inside one of ``folders``, no longer holds them.

    ``built`` are the episode keys this build made notes for; ``read`` maps the absolute path of each
    source read this build to its episode keys (a file may hold several). An episode already wholly removed is left alone (its
    notes were emitted once already). A bad line in such an episode's notes is its error.
    """
    if previous.path is None:
        return ()
    base = previous.path.parent
    roots = [absolute(folder) for folder in folders if Path(folder).is_dir()]
    made = set(built)
    gone = []
    for key in previous.keys():  # noqa: SIM118 - a Lock is no mapping: keys() is its own method
        recorded = previous.source(key)
        if key in made or not recorded or not roots:
            continue
        path = absolute(base / recorded)
        if not any(_inside(path, root) for root in roots):
            continue
        if Path(path).is_file() and key in read.get(path, (key,)):
            continue  # still there: not part of this build, or failed to read (its notes stay)
        try:
            if all(entry.removed for entry in previous.episode(key)):
                continue
        except NotecardsError as error:
            errors.append(str(error))
            continue
        gone.append(GoneEpisode(key, _shown(path)))
    return tuple(gone)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _shown(path: str) -> str:
    """The path relative to the working folder when it lies inside it, as a user typed paths."""
    here = os.getcwd()
    return os.path.relpath(path, here) if _inside(path, here) else path

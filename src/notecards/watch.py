"""Waiting for notes or templates to change, for ``build --watch`` and ``sync --watch``.

Built on watchfiles (the operating system's file events, polling where there are none). A save is
often several events (a temporary file, a rename); the events of one burst are gathered until the
folder has been quiet for ``QUIET_MS``, so one save makes one rebuild. What a build writes itself
(the output folder, the lock file) and what is not a source (editor backups, hidden files) is not
a change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import watchfiles

from .sources import supported_suffixes

QUIET_MS = 200  # a burst of events ends after this long without one
LONGEST_BURST_MS = 2000  # …or after this long in all, so a busy folder still rebuilds
IDLE_MS = 500  # how often the wait wakes up when nothing happens (to say it has started, to stop)


class _Watched:
    """Which changed paths are the user's notes or templates."""

    def __init__(self, paths: Iterable[Path], templates: Path | None, ignored: Iterable[Path]) -> None:
        resolved = [path.resolve() for path in paths]
        self.folders = [path for path in resolved if path.is_dir()]
        self.files = {path for path in resolved if not path.is_dir()}
        self.templates = templates.resolve() if templates is not None else None
        self.ignored = [path.resolve() for path in ignored]
        self.suffixes = supported_suffixes()

    def roots(self) -> list[Path]:
        """What to watch: each folder, the folder of each file (an editor may replace the file
        itself), and the templates."""
        roots = {*self.folders, *(path.parent for path in self.files)}
        if self.templates is not None:
            roots.add(self.templates)
        return sorted(root for root in roots if root.is_dir())

    def __call__(self, _change: watchfiles.Change, name: str) -> bool:
        path = Path(name)
        if any(path == ignored or ignored in path.parents for ignored in self.ignored):
            return False
        if self.templates is not None and self.templates in path.parents:
            return not _scratch(path.relative_to(self.templates))
        if path in self.files:
            return True
        return path.suffix.lower() in self.suffixes and any(
            folder in path.parents and not _scratch(path.relative_to(folder)) for folder in self.folders
        )


def _scratch(relative: Path) -> bool:
    """Hidden files and folders, and editors' backup and swap files."""
    name = relative.name
    return any(part.startswith(".") for part in relative.parts) or name.endswith("~") or name.startswith("#")


def changes(
    paths: Iterable[Path],
    *,
    templates: Path | None = None,
    ignored: Iterable[Path] = (),
    stop: threading.Event | None = None,
) -> Iterator[tuple[Path, ...]]:
    """Yield the notes and templates that changed (created, edited, deleted), one tuple per burst of
    saves, until ``stop`` is set. The first tuple is empty: the watch has started, and every change
    from then on is seen. Ctrl-C raises ``KeyboardInterrupt`` from the wait.

    ``ignored`` files and folders (the output folder, the lock) never count as changes.
    """
    watched = _Watched(paths, templates, ignored)
    roots = watched.roots()
    if not roots:
        return
    started = False
    for batch in watchfiles.watch(
        *roots,
        watch_filter=watched,
        debounce=LONGEST_BURST_MS,
        step=QUIET_MS,
        rust_timeout=IDLE_MS,
        yield_on_timeout=True,
        stop_event=stop,
    ):
        if not started:
            started = True
            yield ()
        if batch:
            yield tuple(sorted({Path(name) for _, name in batch}))

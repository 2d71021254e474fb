"""Watching notes and templates: an edit, a new file and a deletion are changes; what a build writes
itself (the output folder, the lock) and editors' scratch files are not. Real file events, in a
thread; every wait has a generous timeout and no assertion is about speed."""

from __future__ import annotations

import queue
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from notecards.watch import changes
from test_reimport import V1

WAIT = 60  # seconds: generous, never a measure of speed


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[tuple[Path, queue.Queue]]:
    """tmp/notes (with tmp/notes/dist and the lock inside it, as a careless layout would have) and
    tmp/templates watched from a thread; yields (tmp, queue of change tuples)."""
    notes, templates = tmp_path / "notes", tmp_path / "templates"
    shutil.copytree(V1, notes)
    templates.mkdir()
    (notes / "dist").mkdir()
    seen: queue.Queue = queue.Queue()
    stop, ready = threading.Event(), threading.Event()

    def watch() -> None:
        ready.set()
        for batch in changes(
            [notes], templates=templates, ignored=[notes / "dist", notes / "notecards.lock"], stop=stop
        ):
            seen.put(batch)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    ready.wait(WAIT)
    settle(seen)
    yield tmp_path, seen
    stop.set()
    thread.join(WAIT)
    assert not thread.is_alive()


def settle(seen: queue.Queue) -> None:
    """Wait until the watcher runs: its first batch is empty."""
    assert seen.get(timeout=WAIT) == ()


def next_change(seen: queue.Queue) -> set[str]:
    return {path.name for path in seen.get(timeout=WAIT)}


def test_edits_are_changes_and_build_output_is_not(watching) -> None:
    tmp, seen = watching
    notes = tmp / "notes"
    (notes / "notecards.lock").write_text("{}", encoding="utf-8")  # what a build writes…
    (notes / "dist" / "deck.apkg").write_bytes(b"zip")
    (notes / ".hidden.md").write_text("x", encoding="utf-8")  # …and scratch files
    (notes / "memory-lab-012-ada-moreau.txt~").write_text("x", encoding="utf-8")
    source = notes / "memory-lab-012-ada-moreau.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("diffrent", "different"), encoding="utf-8")
    assert next_change(seen) == {source.name}

    (notes / "new-episode.md").write_text("---\npodcast: P\n---\n", encoding="utf-8")
    assert next_change(seen) == {"new-episode.md"}
    (notes / "new-episode.md").unlink()
    assert next_change(seen) == {"new-episode.md"}
    (tmp / "templates" / "style.css").write_text(".card {}", encoding="utf-8")
    assert next_change(seen) == {"style.css"}
    assert seen.empty()

"""`build --watch` and `sync --watch` as real processes: an edit is picked up, a broken save prints its
error and the watch goes on, Ctrl-C stops cleanly. Waits are generous; nothing here measures speed
(bench/sync.py reports how soon an edit is picked up)."""

from __future__ import annotations

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ankiconnect_server import AnkiConnectServer, collection_at
from notecards.build import plan
from test_reimport import V1

WAIT = 120  # seconds, generous: a shared machine may be slow, and a timing is never asserted
FIXED = Path("decks") / "memory-lane-013-sleep-and-memory.yaml"


class Running:
    """A notecards process whose output (stdout and stderr together) is read line by line."""

    def __init__(self, *arguments: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "notecards", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        """The first line from now on that contains ``text``."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {WAIT}s; output so far:\n" + "\n".join(self.seen))
            self.seen.append(line)
            if text in line:
                return line

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(WAIT)
        while not self.lines.empty():
            self.seen.append(self.lines.get_nowait())
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(WAIT)


@pytest.fixture
def notes(tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(V1, tmp_path / "notes")
    yield tmp_path / "notes"


def edit(source: Path) -> None:
    source.write_text(source.read_text(encoding="utf-8").replace("diffrent", "different"), encoding="utf-8")


def test_build_watch_rebuilds_survives_a_broken_save_and_stops_on_ctrl_c(notes: Path, tmp_path: Path) -> None:
    running = Running("build", str(notes), "--out", str(tmp_path / "dist"), "--jobs", "1", "--watch")
    try:
        running.wait_for("3 decks (0 unchanged, skipped)")
        running.wait_for("watching for changes")
        edit(notes / "memory-lab-012-ada-moreau.txt")
        running.wait_for("changed: memory-lab-012-ada-moreau.txt")
        running.wait_for("3 decks (2 unchanged, skipped)")

        broken = notes / "sleep.yaml"
        broken.write_text(FIXED.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
        assert str(broken) in running.wait_for(f"{broken}:")  # its error, file and line…
        running.wait_for("3 decks (3 unchanged, skipped)")  # …while the others still build
        shutil.copy(FIXED, broken)
        running.wait_for("4 decks (3 unchanged, skipped)")
        assert running.process.poll() is None

        assert running.interrupt() == 0
        assert "stopped watching" in running.seen[-1]
        assert not [line for line in running.seen if "Traceback" in line or "KeyboardInterrupt" in line]
    finally:
        running.stop()


def test_sync_watch_syncs_each_edit_and_waits_out_anki_being_away(notes: Path, tmp_path: Path) -> None:
    collection = collection_at(tmp_path)
    with AnkiConnectServer(collection) as server:
        running = Running(
            "sync", str(notes), "--out", str(tmp_path / "dist"), "--anki-url", server.url, "--jobs", "1", "--watch"
        )
        try:
            running.wait_for("Anki: 3 decks imported")
            running.wait_for("watching for changes")
            server.busy = True  # the profile window is showing: the sync fails, the watch goes on
            source = notes / "memory-lab-012-ada-moreau.txt"
            edit(source)
            running.wait_for("Anki has no collection open")
            server.busy = False
            source.write_text(source.read_text(encoding="utf-8").replace("  • ", "  • Notably, ", 1), encoding="utf-8")
            line = running.wait_for("Anki: 1 deck imported")
            assert line.endswith("2 already up to date") or ", 2 already up to date;" in line
            assert running.interrupt() == 0
        finally:
            running.stop()
    collection.close()


def test_sync_interrupted_half_way_is_run_again(notes: Path, tmp_path: Path) -> None:
    """Ctrl-C while Anki is busy with the second deck: the command stops without a traceback, Anki
    finishes that import on its own, and the next sync sends only the third deck."""
    collection = collection_at(tmp_path)
    with AnkiConnectServer(collection) as server:
        server.stall["importPackage"], server.stall_from["importPackage"] = threading.Event(), 2
        command = ("sync", str(notes), "--out", str(tmp_path / "dist"), "--anki-url", server.url, "--jobs", "1")
        running = Running(*command)
        try:
            assert server.holding.wait(WAIT)  # the first deck is in, the second is being imported
            assert running.interrupt() != 0
            assert not [line for line in running.seen if "Traceback" in line], "\n".join(running.seen)
        finally:
            running.stop()
        server.stall.pop("importPackage").set()
        again = Running(*command)
        try:
            line = again.wait_for("decks imported")
            assert again.process.wait(WAIT) == 0
        finally:
            again.stop()
        counts = re.search(
            r"Anki: 2 decks imported \((\d+) notes? added, 0 updated, (\d+) unchanged\), 1 already up to date", line
        )
        assert counts and int(counts[1]) > 0 and int(counts[2]) > 0, line  # the third deck added, the second unchanged
        with server.lock:
            assert server.collection.note_count() == len(
                {n.guid for n in map(collection.get_note, collection.find_notes(""))}
            )
            assert server.collection.note_count() == len(plan([notes])[0])  # every note of the three decks, once
    collection.close()
